"""Paraphrase readers for mathgenerator's ``statistics`` topic.

Permutations and combinations share their operands ("12 objects picked 9 at a time"), so
each needs its own word and avoids the other's; the data-set subtopics are told apart by
which statistics are asked (mean and median, or mean, standard deviation and variance).
"""

from __future__ import annotations

from logicnet.engine.normalise import Normalised
from logicnet.engine.readers.operands import data_list, one, small_int, whole_numbers
from logicnet.engine.reading import rx, topic_reader

T = "statistics"


_reader = topic_reader(T)


_NCK = rx(r"(?<![\w.])\^?\{?(\d+)\}?\s*([CP])\s*_?\{?(\d+)\}?(?![\w.])")


_OF_N = rx(
    r"(?:from|of|out of|among)\s*(?:a set of\s*|a group of\s*)?(\d+)\s*"
    r"(?:distinct\s*|different\s*)?(?:objects|items|things|elements)"
)
_AT_A_TIME = rx(r"(?<![\w.])(\d+)\s*(?:objects\s*|items\s*)?at a time")


def _n_and_k(n: Normalised) -> tuple[int, int] | None:
    compact = {(m.group(1), m.group(3)) for m in _NCK.finditer(n.text)}  # "15C9", "^{15}P_{9}"
    if compact:
        pair = one(compact)
        if pair is None or len(whole_numbers(_NCK.sub(" ", n.text))) > 0:
            return None
        big, small = (small_int(v, 4) for v in pair)
        return (big, small) if small <= big else None
    named_n = set(_OF_N.findall(n.text))
    named_k = set(_AT_A_TIME.findall(n.text))
    if len(named_n) == 1 and len(named_k) == 1:  # "from 15 objects", "9 at a time"
        big, small = small_int(named_n.pop(), 4), small_int(named_k.pop(), 4)
        return (big, small) if small <= big else None
    values = whole_numbers(n.text, max_digits=4)
    if len(values) != 2:
        return None
    big, small = max(values), min(values)
    return (big, small) if small >= 0 else None


@_reader(
    "combinations",
    cues=[
        r"combinations?\b|\bchoose\b|\\binom|\bnCr\b|\bC\s*\(\s*\d|\bcombinatori"
        r"|\d\s*C\s*_?\{?\d",
        r"objects?|items?|things|at a time|ways|from|out of",
    ],
    avoid=[
        r"permutation|arrange|order matters|ordered|\bnPr\b|\bP\s*\(\s*\d|sequence"
        r"|repetition|replacement|probabilit|committee of \d+ (?:men|women)"
    ],
)
def combinations(n: Normalised) -> str | None:
    nk = _n_and_k(n)
    if nk is None:
        return None
    return f"Find the number of combinations from {nk[0]} objects picked {nk[1]} at a time."


@_reader(
    "permutation",
    cues=[
        r"permutations?\b|arrangements?\b|\barrange|\bnPr\b|\bP\s*\(\s*\d|order matters"
        r"|\bordered (?:selections?|choices|samples|sequences|lists)\b|selections? in order"
        r"|\d\s*P\s*_?\{?\d",
        r"objects?|items?|things|at a time|ways|from|out of",
    ],
    avoid=[
        r"combination|\bchoose\b|\\binom|\bnCr\b|order does(?: not|n't) matter"
        r"|repetition|replacement|probabilit|letters|word\b|circular|around a table"
    ],
)
def permutation(n: Normalised) -> str | None:
    nk = _n_and_k(n)
    if nk is None:
        return None
    return f"Number of Permutations from {nk[0]} objects picked {nk[1]} at a time is:"


_DICE = rx(
    r"(?<![\w.])(\d+)\s*(?:fair\s*|standard\s*|ordinary\s*|6-sided\s*|six-sided\s*)*"
    r"(?:dice|die)\b"
)
_ONE_DIE = rx(r"\b(?:a|one|single|1)\s*(?:single\s*|fair\s*|standard\s*|6-sided\s*)*die\b")
_PAIR = rx(r"\bpair of (?:fair\s*|standard\s*)*dice\b")
_SUM = rx(
    r"(?:sum|total)\s*(?:of|is|equals|equal to|=|being|will be|comes to|adds up to)?\s*"
    r"(?:exactly\s*)?(\d+)(?!\d|\.\d)|(?<![\w.])(\d+)\s*as (?:the|their) (?:sum|total)"
    r"|(?:add|adds|adding) up to\s*(?:exactly\s*)?(\d+)(?!\d|\.\d)"
)


@_reader(
    "dice_sum_probability",
    cues=[r"\bdice\b|\bdie\b", r"probabilit|chance|likel|odds", r"\bsum\b|\btotal\b|add up"],
    avoid=[
        r"at least|at most|or more|or less|greater|less than|more than|fewer|\beven\b"
        r"|\bodd\b|product|\b(?!6\b)\d+[- ]sided|doubles|expected|each die|both dice show"
        r"|difference|maximum|minimum|twice|in a row|until"
    ],
    need=[r"\bsum\b|\btotal\b|add up|adds up|adding up"],
)
def dice_sum_probability(n: Normalised) -> str | None:
    counts = {m.group(1) for m in _DICE.finditer(n.text)}
    if _ONE_DIE.search(n.text):
        counts.add("1")
    if _PAIR.search(n.text):
        counts.add("2")
    dice = one(counts)
    target = one({m.group(1) or m.group(2) or m.group(3) for m in _SUM.finditer(n.text)})
    if not isinstance(dice, str) or not isinstance(target, str):
        return None
    d, s = small_int(dice, 2), small_int(target, 3)
    if not 1 <= d <= 10:
        return None
    return f"If {d} dice are rolled at the same time, the probability of getting a sum of {s} ="


_LEVEL = rx(r"(?<![\w.])(\d+)\s*(?:\\?%|percent\b)")


@_reader(
    "confidence_interval",
    cues=[r"confidence|\bCI\b", r"interval", r"sample"],
    avoid=[
        r"proportion|margin of error alone|sample size needed|hypothesis|p-value"
        r"|\bt-test|two samples"
    ],
)
def confidence_interval(n: Normalised) -> str | None:
    data = data_list(_LEVEL.sub(" ", n.text), min_items=2)
    if data is None:
        return None
    level = one(set(_LEVEL.findall(n.text)))
    if not isinstance(level, str) or small_int(level, 2) not in range(1, 100):
        return None
    sample = ", ".join(str(v) for v in data)
    return f"The confidence interval for sample [{sample}] with {level}% confidence is"


@_reader(
    "data_summary",
    cues=[r"variance", r"standard deviation|std|\bsd\b", r"\bmean\b|average"],
    avoid=[
        r"median|\bmode\b|\brange\b|sample variance|population variance|"
        r"skew|quartile|confidence"
    ],
    need=[r"standard deviation|\bstd\b|\bsd\b", r"\bmean\b|average"],
)
def data_summary(n: Normalised) -> str | None:
    data = data_list(n.text)
    if data is None or any(v < 0 for v in data):
        return None
    return "Find the mean,standard deviation and variance for the data " + ", ".join(
        str(v) for v in data
    )


@_reader(
    "mean_median",
    cues=[r"median|mdian", r"\bmean\b|average", r"series|numbers|data"],
    avoid=[
        r"variance|standard deviation|\bmode\b|\brange\b|quartile|geometric|harmonic"
        r"|weighted|confidence"
    ],
    need=[r"\bmean\b|average"],
)
def mean_median(n: Normalised) -> str | None:
    data = data_list(n.text)
    if data is None or any(v < 0 for v in data):
        return None
    return (
        "Given the series of numbers ["
        + ", ".join(str(v) for v in data)
        + "]. Find the arithmatic mean and mdian of the series"
    )


_P = r"(\d+(?:\.\d+)?)\s*\\?%"
_SENS = rx(
    r"(?:sensitivity|true positive(?: rate)?|\bSN\b)[^\d%]{0,40}?"
    + _P
    + r"|"
    + _P
    + r"\s*(?:sensitivity|true positive rate)"
)
_SPEC = rx(
    r"(?:specificity|true negative(?: rate)?|\bSP\b)[^\d%]{0,40}?"
    + _P
    + r"|"
    + _P
    + r"\s*(?:specificity|true negative rate)"
)
_PREV = rx(
    _P + r"\s*of\s*(?:the\s*)?(?:population|people|the public|individuals)"
    r"|(?:prevalence|affects|affecting|only)[^\d%]{0,30}?" + _P + r"|" + _P + r"\s*prevalence"
)


@_reader(
    "conditional_probability",
    cues=[r"sensitivity|true positive", r"specificity|true negative", r"disease|positive|test"],
    avoid=[r"false positive rate|negative predictive|tests? negative|two tests|twice"],
    need=[r"specificity|true negative"],
)
def conditional_probability(n: Normalised) -> str | None:
    sens = one({a or b for a, b in _SENS.findall(n.text)})
    spec = one({a or b for a, b in _SPEC.findall(n.text)})
    prev = one({a or b or c for a, b, c in _PREV.findall(n.text)})
    if not all(isinstance(v, str) for v in (sens, spec, prev)):
        return None
    if len(_LEVEL_ANY.findall(n.text)) > 6:
        return None  # more percentages than the three (each possibly repeated)
    return (
        f"Someone tested positive for a nasty disease which only {prev}\\% of the "
        f"population have. Test sensitivity (true positive) is equal to SN={sens}% whereas "
        f"test specificity (true negative) SP={spec}\\%. What is the probability that "
        f"this guy really has that disease?"
    )


_LEVEL_ANY = rx(r"\d+(?:\.\d+)?\s*\\?%")
