"""Engine recognizers for mathgenerator's ``statistics`` topic.

Several generators print raw Python floats (``262.80029705682296``); the engine
repeats the generator's arithmetic in the same order on the numbers read from the
question, so every digit of the printed float agrees.
"""

from __future__ import annotations

import math
import re

from logicnet.engine.bounds import MAX_CHOOSE_N, MAX_DICE, MAX_ITEMS, require_at_most
from logicnet.engine.core import Problem, lenient, register

T = "statistics"

Result = tuple[str, str] | tuple[str, str, str] | None

# z values the confidence-interval generator pairs with each confidence level
_Z = {80: 1.282, 90: 1.645, 95: 1.960, 99: 2.576}
_NUMS = r"\d+(?: ?, ?\d+)*"


def _ints(text: str) -> list[int]:
    return [int(x) for x in re.findall(r"\d+", text)]


@register(
    T,
    "combinations",
    lenient(r"^Find the number of combinations from (\d+) objects picked (\d+) at a time ?\.?$"),
)
def combinations(m: re.Match[str], p: Problem) -> Result:
    n, k = int(m.group(1)), int(m.group(2))
    if k > n:
        return None
    require_at_most(n, MAX_CHOOSE_N, "combinations")
    # The generator divides factorials with float division and truncates; repeat that
    # expression so results beyond 2**53 would agree too.
    value = int(math.factorial(n) / (math.factorial(k) * math.factorial(n - k)))
    reasoning = (
        f"The number of ways to choose {k} objects from {n} when order does not matter is "
        f"C({n}, {k}) = {n}! / ({k}! × ({n} - {k})!).\n"
        f"C({n}, {k}) = {n}! / ({k}! × {n - k}!) = {math.comb(n, k)}.\n"
        f"So there are {value} combinations."
    )
    return str(value), reasoning


@register(
    T,
    "permutation",
    lenient(r"^Number of Permutations from (\d+) objects picked (\d+) at a time is ?:?$"),
)
def permutation(m: re.Match[str], p: Problem) -> Result:
    n, k = int(m.group(1)), int(m.group(2))
    if k > n:
        return None
    require_at_most(n, MAX_CHOOSE_N, "permutations")
    value = int(math.factorial(n) / math.factorial(n - k))  # the generator's float division
    factors = " × ".join(str(x) for x in range(n, n - k, -1)) if 0 < k <= 10 else "1"
    reasoning = (
        f"The number of ordered arrangements of {k} objects chosen from {n} is "
        f"P({n}, {k}) = {n}! / ({n} - {k})!.\n"
        f"P({n}, {k}) = {factors} = {math.perm(n, k)}.\n"
        f"So there are {value} permutations."
    )
    return str(value), reasoning


@register(
    T,
    "dice_sum_probability",
    lenient(
        r"^If (\d+) dice are rolled at the same time, the probability of getting a sum of "
        r"(\d+) ?=?$"
    ),
)
def dice_sum_probability(m: re.Match[str], p: Problem) -> Result:
    dice, target = int(m.group(1)), int(m.group(2))
    if dice < 1:
        return None
    require_at_most(dice, MAX_DICE, "dice")
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
    return answer, reasoning


@register(
    T,
    "confidence_interval",
    lenient(rf"^The confidence interval for sample \[({_NUMS})\] with (\d+) ?% confidence is ?:?$"),
)
def confidence_interval(m: re.Match[str], p: Problem) -> Result:
    sample = _ints(m.group(1))
    level = int(m.group(2))
    if level not in _Z or not sample:
        return None
    require_at_most(len(sample), MAX_ITEMS, "sample")
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
        f"Interval: mean ± margin = ({upper:.4f}, {lower:.4f}).\n"
        f"Answer: {answer}"
    )
    return answer, reasoning


@register(
    T,
    "data_summary",
    lenient(rf"^Find the mean, ?standard deviation and variance for the data ({_NUMS})$"),
)
def data_summary(m: re.Match[str], p: Problem) -> Result:
    data = _ints(m.group(1))
    n = len(data)
    if n == 0:
        return None
    require_at_most(n, MAX_ITEMS, "data")
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
    return answer, reasoning, plain


@register(
    T,
    "mean_median",
    lenient(
        rf"^Given the series of numbers \[({_NUMS})\] ?\. Find the arithmatic mean and "
        r"(?:mdian|median) of the series ?\.?$"
    ),
)
def mean_median(m: re.Match[str], p: Problem) -> Result:
    data = sorted(_ints(m.group(1)))
    n = len(data)
    if n == 0:
        return None
    require_at_most(n, MAX_ITEMS, "series")
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
    return answer, reasoning


@register(
    T,
    "conditional_probability",
    lenient(
        r"^Someone tested positive for a nasty disease which only (\d+(?:\.\d+)?) ?\\?% of "
        r"the population have\. Test sensitivity \(true positive\) is equal to "
        r"SN ?= ?(\d+(?:\.\d+)?) ?\\?% whereas test specificity \(true negative\) "
        r"SP ?= ?(\d+(?:\.\d+)?) ?\\?%\. What is the probability that this guy really has "
        r"that disease\?$"
    ),
)
def conditional_probability(m: re.Match[str], p: Problem) -> Result:
    prior, sens, spec = (float(g) for g in m.groups())
    # Bayes' rule in percentages, in the generator's order of operations.
    p_not = 100.0 - prior
    false_pos = 100.0 - spec
    p_plus = prior * sens + p_not * false_pos
    if p_plus == 0:
        return None
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
    return answer, reasoning


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
