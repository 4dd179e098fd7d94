"""Engine recognizers for mathgenerator's ``statistics`` topic.

Each subtopic's problem is a typed problem (``logicnet.engine.problem``): the generator's
sentence (``register``) and the paraphrase readers (``readers/statistics.py``) both build
it, and its solver answers it.

Several generators print raw Python floats (``262.80029705682296``); the engine
repeats the generator's arithmetic in the same order on the numbers of the problem,
so every digit of the printed float agrees.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from logicnet.engine.bounds import MAX_CHOOSE_N, MAX_DICE, MAX_ITEMS, require_at_most
from logicnet.engine.core import Problem, loosen, register
from logicnet.engine.problem import Solution, Unreadable, drawn, solves

__all__ = [
    "QUIRKS",
    "Combinations",
    "ConditionalProbability",
    "ConfidenceInterval",
    "DataSummary",
    "DiceSumProbability",
    "MeanMedian",
    "Permutation",
]

T = "statistics"

# z values the confidence-interval generator pairs with each confidence level
_Z = {80: 1.282, 90: 1.645, 95: 1.960, 99: 2.576}
_NUMS = r"\d+(?: ?, ?\d+)*"


def _ints(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", text))


def _listed(values: tuple[int, ...]) -> str:
    return ", ".join(str(v) for v in values)


def _require_data(values: tuple[int, ...], what: str) -> None:
    """A non-empty data set of whole numbers within the engine's bounds."""
    if not values:
        raise Unreadable(f"an empty {what}")
    if any(v < 0 for v in values):
        raise Unreadable(f"a negative value in the {what}")
    require_at_most(len(values), MAX_ITEMS, what)


def _require_choice(n: int, k: int, what: str) -> None:
    if not 0 <= k <= n:
        raise Unreadable(f"{what}: {k} picked from {n}")
    require_at_most(n, MAX_CHOOSE_N, what)


@dataclass(frozen=True)
class Combinations:
    """C(n, k): ``k`` objects picked from ``n``, order not counting."""

    n: int
    k: int

    def __post_init__(self) -> None:
        _require_choice(self.n, self.k, "combinations")

    def wording(self) -> str:
        return f"Find the number of combinations from {self.n} objects picked {self.k} at a time."


@register(
    T,
    "combinations",
    loosen(r"^Find the number of combinations from (\d+) objects picked (\d+) at a time ?\.?$"),
)
def _combinations(m: re.Match[str], p: Problem) -> Combinations:
    return Combinations(int(m.group(1)), int(m.group(2)))


@solves(
    T,
    "combinations",
    Combinations,
    goal="find the number of combinations",
    drawn=drawn(n=(10, 20), k=(0, 9)),
)
def combinations(q: Combinations) -> Solution:
    n, k = q.n, q.k
    # The generator divides factorials with float division and truncates; repeat that
    # expression so results beyond 2**53 would agree too.
    value = int(math.factorial(n) / (math.factorial(k) * math.factorial(n - k)))
    reasoning = (
        f"The number of ways to choose {k} objects from {n} when order does not matter is "
        f"C({n}, {k}) = {n}! / ({k}! × ({n} - {k})!).\n"
        f"C({n}, {k}) = {n}! / ({k}! × {n - k}!) = {math.comb(n, k)}.\n"
        f"So there are {math.comb(n, k)} combinations."
    )
    # plain: the exact count where the float division loses digits (never for n <= 20)
    exact = math.comb(n, k)
    return Solution(str(value), reasoning, str(exact) if value != exact else "")


@dataclass(frozen=True)
class Permutation:
    """P(n, k): ordered arrangements of ``k`` objects picked from ``n``."""

    n: int
    k: int

    def __post_init__(self) -> None:
        _require_choice(self.n, self.k, "permutations")

    def wording(self) -> str:
        return f"Number of Permutations from {self.n} objects picked {self.k} at a time is:"


@register(
    T,
    "permutation",
    loosen(r"^Number of Permutations from (\d+) objects picked (\d+) at a time is ?:?$"),
)
def _permutation(m: re.Match[str], p: Problem) -> Permutation:
    return Permutation(int(m.group(1)), int(m.group(2)))


@solves(
    T,
    "permutation",
    Permutation,
    goal="find the number of permutations",
    drawn=drawn(n=(10, 20), k=(0, 9)),
)
def permutation(q: Permutation) -> Solution:
    n, k = q.n, q.k
    value = int(math.factorial(n) / math.factorial(n - k))  # the generator's float division
    factors = " × ".join(str(x) for x in range(n, n - k, -1)) if 0 < k <= 10 else "1"
    reasoning = (
        f"The number of ordered arrangements of {k} objects chosen from {n} is "
        f"P({n}, {k}) = {n}! / ({n} - {k})!.\n"
        f"P({n}, {k}) = {factors} = {math.perm(n, k)}.\n"
        f"So there are {math.perm(n, k)} permutations."
    )
    # plain: the exact count where the float division loses digits (never for n <= 20)
    exact = math.perm(n, k)
    return Solution(str(value), reasoning, str(exact) if value != exact else "")


@dataclass(frozen=True)
class DiceSumProbability:
    """The probability that ``dice`` six-sided dice sum to ``target``."""

    dice: int
    target: int

    def __post_init__(self) -> None:
        if self.dice < 1:
            raise Unreadable("no dice")
        if self.target < 0:
            raise Unreadable("a negative sum")
        require_at_most(self.dice, MAX_DICE, "dice")

    def wording(self) -> str:
        return (
            f"If {self.dice} dice are rolled at the same time, the probability of getting a "
            f"sum of {self.target} ="
        )


@register(
    T,
    "dice_sum_probability",
    loosen(
        r"^If (\d+) dice are rolled at the same time, the probability of getting a sum of "
        r"(\d+) ?=?$"
    ),
)
def _dice_sum_probability(m: re.Match[str], p: Problem) -> DiceSumProbability:
    return DiceSumProbability(int(m.group(1)), int(m.group(2)))


@solves(
    T,
    "dice_sum_probability",
    DiceSumProbability,
    goal="find the probability of the dice sum",
    drawn=drawn(
        dice=(1, 3),
        target=(1, 18),
        rules={"dice <= target <= 6 dice": lambda q: q.dice <= q.target <= 6 * q.dice},
    ),
)
def dice_sum_probability(q: DiceSumProbability) -> Solution:
    dice, target = q.dice, q.target
    ways = [1]  # ways[s] = number of outcomes with sum s, built one die at a time
    for _ in range(dice):
        nxt = [0] * (len(ways) + 6)
        for s, count in enumerate(ways):
            for face in range(1, 7):
                nxt[s + face] += count
        ways = nxt
    count = ways[target] if target < len(ways) else 0
    total = 6**dice
    g = math.gcd(count, total) or 1
    # Generator quirk: the fraction is printed unreduced, over 6^dice.
    answer = rf"\frac{{{count}}}{{{total}}}"
    reasoning = (
        f"With {dice} dice there are 6^{dice} = {total} equally likely outcomes.\n"
        f"Count the outcomes whose faces sum to {target}: there are {count}.\n"
        f"Probability = {count}/{total}"
        + (f" = {count // g}/{total // g}" if g > 1 else "")
        + f".\nAnswer: {answer}"
    )
    return Solution(answer, reasoning)


@dataclass(frozen=True)
class ConfidenceInterval:
    """The ``level`` % confidence interval of the mean of ``sample``."""

    sample: tuple[int, ...]
    level: int  # one of the generator's levels: 80, 90, 95 or 99

    def __post_init__(self) -> None:
        if self.level not in _Z:
            raise Unreadable(f"no z value for {self.level}% confidence")
        _require_data(self.sample, "sample")

    def wording(self) -> str:
        return (
            f"The confidence interval for sample [{_listed(self.sample)}] with "
            f"{self.level}% confidence is"
        )


@register(
    T,
    "confidence_interval",
    loosen(rf"^The confidence interval for sample \[({_NUMS})\] with (\d+) ?% confidence is ?:?$"),
)
def _confidence_interval(m: re.Match[str], p: Problem) -> ConfidenceInterval:
    return ConfidenceInterval(_ints(m.group(1)), int(m.group(2)))


@solves(
    T,
    "confidence_interval",
    ConfidenceInterval,
    goal="find the confidence interval",
    drawn=drawn(
        sample=(200, 299),
        level=frozenset({80, 90, 95, 99}),
        lengths={"sample": (20, 40)},
        rules={"the sample values are distinct": lambda q: len(set(q.sample)) == len(q.sample)},
    ),
)
def confidence_interval(q: ConfidenceInterval) -> Solution:
    sample, level = q.sample, q.level
    n = len(sample)
    mean = sum(sample) / n
    ss = 0.0
    for x in sample:  # same accumulation order as the generator
        ss = (x - mean) ** 2 + ss
    var = ss / n
    margin = _Z[level] * math.sqrt(var / n)
    upper, lower = mean + margin, mean - margin
    answer = f"({upper}, {lower})"
    reasoning = (
        f"The sample has n = {n} values with sum {sum(sample)}, so the mean is "
        f"{sum(sample)}/{n} = {mean:.4f}.\n"
        f"Variance (dividing by n): {var:.4f}; standard deviation s = {math.sqrt(var):.4f}.\n"
        f"For {level}% confidence z = {_Z[level]}. Margin = z·s/√n = "
        f"{_Z[level]} × {math.sqrt(var):.4f} / √{n} = {margin:.4f}.\n"
        f"Interval: mean ± margin = ({lower:.4f}, {upper:.4f}).\n"
        f"The generator writes the upper end first: {answer}"
    )
    # plain: the interval lower end first; the generator prints (upper, lower)
    return Solution(answer, reasoning, f"({lower}, {upper})")


@dataclass(frozen=True)
class DataSummary:
    """The mean, standard deviation and variance of ``data``."""

    data: tuple[int, ...]

    def __post_init__(self) -> None:
        _require_data(self.data, "data")

    def wording(self) -> str:
        return "Find the mean,standard deviation and variance for the data " + _listed(self.data)


@register(
    T,
    "data_summary",
    loosen(rf"^Find the mean, ?standard deviation and variance for the data ({_NUMS})$"),
)
def _data_summary(m: re.Match[str], p: Problem) -> DataSummary:
    return DataSummary(_ints(m.group(1)))


@solves(
    T,
    "data_summary",
    DataSummary,
    goal="find the mean, standard deviation and variance of the data",
    drawn=drawn(data=(5, 50), lengths={"data": (15, 15)}),
)
def data_summary(q: DataSummary) -> Solution:
    data = q.data
    n = len(data)
    mean = sum(data) / n
    ss: float = 0
    for x in data:  # same accumulation order as the generator
        ss += (x - mean) ** 2
    variance = ss / n
    std = (ss / n) ** 0.5
    # Generator quirk: it labels the variance "Standard Deviation" and the standard
    # deviation "Variance".
    answer = f"The Mean is {mean}, Standard Deviation is {variance}, Variance is {std}"
    reasoning = (
        f"There are n = {n} values with sum {sum(data)}, so the mean is "
        f"{sum(data)}/{n} = {mean:.4f}.\n"
        f"Sum of squared deviations from the mean: {ss:.4f}.\n"
        f"Population variance = {ss:.4f}/{n} = {variance:.4f}.\n"
        f"Standard deviation = √{variance:.4f} = {std:.4f}.\n"
        f"In the requested format: {answer}"
    )
    plain = f"The Mean is {mean}, Standard Deviation is {std}, Variance is {variance}"
    return Solution(answer, reasoning, plain)


@dataclass(frozen=True)
class MeanMedian:
    """The arithmetic mean and median of ``data`` (in the order given)."""

    data: tuple[int, ...]

    def __post_init__(self) -> None:
        _require_data(self.data, "series")

    def wording(self) -> str:
        return (
            f"Given the series of numbers [{_listed(self.data)}]. Find the arithmatic mean and "
            "mdian of the series"
        )


@register(
    T,
    "mean_median",
    loosen(
        rf"^Given the series of numbers \[({_NUMS})\] ?\. Find the arithmatic mean and "
        r"(?:mdian|median) of the series ?\.?$"
    ),
)
def _mean_median(m: re.Match[str], p: Problem) -> MeanMedian:
    return MeanMedian(_ints(m.group(1)))


@solves(
    T,
    "mean_median",
    MeanMedian,
    goal="find the mean and median of the numbers",
    # 10 distinct numbers from 1..98, printed sorted
    drawn=drawn(
        data=(1, 98),
        lengths={"data": (10, 10)},
        rules={
            "the numbers are distinct and sorted": lambda q: list(q.data) == sorted(set(q.data))
        },
    ),
)
def mean_median(q: MeanMedian) -> Solution:
    data = sorted(q.data)
    n = len(data)
    mean = sum(data) / n
    mid = n // 2
    median = (data[mid - 1] + data[mid]) / 2 if n % 2 == 0 else float(data[mid])
    answer = (
        f"Arithmetic mean of the series is {mean} and Arithmetic median of this series is {median}"
    )
    middle = (
        f"the middle values are {data[mid - 1]} and {data[mid]}, so the median is "
        f"({data[mid - 1]} + {data[mid]})/2 = {median}"
        if n % 2 == 0
        else f"the middle value is {data[mid]}"
    )
    reasoning = (
        f"The series has {n} numbers with sum {sum(data)}, so the mean is "
        f"{sum(data)}/{n} = {mean}.\n"
        f"Sorted, {middle}.\n"
        f"Mean = {mean}, median = {median}."
    )
    return Solution(answer, reasoning)


@dataclass(frozen=True)
class ConditionalProbability:
    """P(disease | positive test) by Bayes' rule, every rate in percent.

    The rates are ``Decimal``s, exact and as written ("1.20" keeps its trailing 0, as the
    question said it).
    """

    prevalence: Decimal
    sensitivity: Decimal
    specificity: Decimal

    def __post_init__(self) -> None:
        rates = (self.prevalence, self.sensitivity, self.specificity)
        if any(not r.is_finite() or not 0 <= r <= 100 for r in rates):
            raise Unreadable("a rate that is not a percentage")
        if _bayes(self)[2] == 0:
            raise Unreadable("no positive test is possible")

    def wording(self) -> str:
        prev, sens, spec = (
            format(r, "f") for r in (self.prevalence, self.sensitivity, self.specificity)
        )
        return (
            f"Someone tested positive for a nasty disease which only {prev}\\% of the "
            f"population have. Test sensitivity (true positive) is equal to SN={sens}% whereas "
            f"test specificity (true negative) SP={spec}\\%. What is the probability that "
            f"this guy really has that disease?"
        )


def _bayes(q: ConditionalProbability) -> tuple[float, float, float]:
    """P(not D), P(+|not D) and P(+), in percentages, in the generator's float arithmetic."""
    prior, sens, spec = float(q.prevalence), float(q.sensitivity), float(q.specificity)
    p_not = 100.0 - prior
    false_pos = 100.0 - spec
    return p_not, false_pos, prior * sens + p_not * false_pos


@register(
    T,
    "conditional_probability",
    loosen(
        r"^Someone tested positive for a nasty disease which only (\d+(?:\.\d+)?) ?\\?% of "
        r"the population have\. Test sensitivity \(true positive\) is equal to "
        r"SN ?= ?(\d+(?:\.\d+)?) ?\\?% whereas test specificity \(true negative\) "
        r"SP ?= ?(\d+(?:\.\d+)?) ?\\?%\. What is the probability that this guy really has "
        r"that disease\?$"
    ),
)
def _conditional_probability(m: re.Match[str], p: Problem) -> ConditionalProbability:
    prev, sens, spec = (Decimal(g) for g in m.groups())
    return ConditionalProbability(prev, sens, spec)


def _hundredths(rate: Decimal, low: int, high: int) -> bool:
    """``rate`` lies in low..high and is a whole number of hundredths."""
    return low <= rate <= high and (rate * 100) % 1 == 0


@solves(
    T,
    "conditional_probability",
    ConditionalProbability,
    goal="find the conditional probability",
    # each rate is drawn to two decimals: prevalence 0.00..2.00, the others 90.00..100.00
    drawn=drawn(
        rules={
            "prevalence in 0..2": lambda q: _hundredths(q.prevalence, 0, 2),
            "sensitivity in 90..100": lambda q: _hundredths(q.sensitivity, 90, 100),
            "specificity in 90..100": lambda q: _hundredths(q.specificity, 90, 100),
        }
    ),
)
def conditional_probability(q: ConditionalProbability) -> Solution:
    prior, sens, spec = float(q.prevalence), float(q.sensitivity), float(q.specificity)
    # Bayes' rule in percentages, in the generator's order of operations.
    p_not, false_pos, p_plus = _bayes(q)
    posterior = (sens * (100 * prior)) / p_plus
    answer = f"{round(posterior, 2)}%"
    reasoning = (
        f"Use Bayes' theorem. P(D) = {prior}%, sensitivity P(+|D) = {sens}%, "
        f"specificity P(-|not D) = {spec}%, so P(+|not D) = {100 - spec:.2f}%.\n"
        f"P(+) = P(D)·P(+|D) + P(not D)·P(+|not D) = {prior / 100:.4f}×{sens / 100:.4f} + "
        f"{p_not / 100:.4f}×{false_pos / 100:.4f} = {p_plus / 10000:.6f}.\n"
        f"P(D|+) = P(D)·P(+|D) / P(+) = {prior * sens / 10000:.6f} / {p_plus / 10000:.6f} "
        f"≈ {posterior:.2f}%.\n"
        f"Answer: {answer}"
    )
    return Solution(answer, reasoning)


QUIRKS = {
    "combinations": "C(n, k) computed as int(n! / (k! (n-k)!)) with float division; exact "
    "for the generator's n <= 20",
    "permutation": "P(n, k) computed as int(n! / (n-k)!) with float division; exact for n <= 20",
    "dice_sum_probability": "fraction printed unreduced over 6^dice, e.g. \\frac{4}{36}",
    "confidence_interval": "answer is the raw floats '(upper, lower)', upper first; "
    "standard deviation divides by n (not n - 1); z = 1.282/1.645/1.960/2.576 for "
    "80/90/95/99 %; upstream GitHub HEAD rounds both to 2 decimals with identical question "
    "text, so 1.5.0's unrounded form is used",
    "data_summary": "the population variance is labelled 'Standard Deviation' and the "
    "standard deviation 'Variance'; both raw floats (upstream HEAD rounds to 2 decimals)",
    "mean_median": "the question says 'arithmatic mean and mdian' (upstream: 'median'); the "
    "answer prints Python floats: 'Arithmetic mean of the series is 52.4 and Arithmetic "
    "median of this series is 53.0'",
    "conditional_probability": "1.5.0 writes the percentages as '1.69\\%' (upstream '1.69%'); "
    "answer is round(Bayes posterior in percent, 2) with a trailing %",
}
