"""Paraphrase readers for mathgenerator's ``statistics`` topic.

Permutations and combinations share their operands ("12 objects picked 9 at a time"), so
each needs its own word and avoids the other's; the data-set subtopics are told apart by
which statistics are asked (mean and median, or mean, standard deviation and variance).
Each reader returns its subtopic's typed problem (``families/statistics.py``).
"""

from __future__ import annotations

from decimal import Decimal

from logicnet.engine.families.statistics import (
    Combinations,
    ConditionalProbability,
    ConfidenceInterval,
    DataSummary,
    DiceSumProbability,
    MeanMedian,
    Permutation,
)
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


# "order doesn't matter", "where the order does not matter", "unordered": a combination
_UNORDERED = (
    r"\border (?:does ?n[o']?t|does not|doesnt|is not|isn'?t|won'?t) (?:matter|important|count)"
    r"|\bunordered\b|\bwithout regard to (?:the )?order\b|\border (?:is )?irrelevant\b"
    # what the cue text keeps of "order does not matter" (a negated word is blanked there)
    r"|\border does(?= ?[?.!,;)]|$)"
)


# A restriction on the choice or the order ("Alice must stand ...", "do not include Ann",
# "the two must sit together", "at least one woman"): a counting puzzle, not nCr or nPr
_RESTRICTED = (
    r"\bmust\b|together|\bapart\b|adjacent|next to|\bexcept\b|\binclud|\bexclud|one of whom"
    r"|\bspell(?:s|ed|ing)\b|identical|repeated|at least|at most|so that|such that|\balways\b"
    r"|\bnever\b|\bwithout\b"
)


# the count given and a size asked: "taken r at a time is 10; find r"
_SIZE_ASKED = r"\b(?:taken|picked|chosen|selected)\s+[a-z]\s+at a time\b|\bfind [nrk]\b"


@_reader(
    "combinations",
    cues=[
        r"combinations?\b|\bchoos(?:e|es|ing)\b|\bchosen\b|\\binom|\bnCr\b|\bC\s*\(\s*\d"
        r"|\bcombinatori"
        rf"|\d\s*C\s*_?\{{?\d|{_UNORDERED}",
        r"objects?|items?|things|at a time|ways|from|out of",
    ],
    avoid=[
        _SIZE_ASKED,
        r"permutation|arrange|order matters|ordered|\bnPr\b|\bP\s*\(\s*\d|sequence"
        r"|repetition|replacement|probabilit|committee of \d+ (?:men|women)"
        # roles or places make the order count: "a president and a treasurer", "1st and 2nd"
        r"|\bin (?:that |a |the )?(?:specific |particular |given )?order\b|\branked\b|\bpresident"
        r"|\btreasurer\b|\bsecretary\b|\bdistinct (?:roles|positions|prizes|offices)\b"
        r"|\bfirst,? second\b|\b1st\b|\bgold\b",
        _RESTRICTED,
    ],
)
def combinations(n: Normalised) -> Combinations | None:
    nk = _n_and_k(n)
    return None if nk is None else Combinations(*nk)


@_reader(
    "permutation",
    cues=[
        r"permutations?\b|arrangements?\b|\barrange|\bnPr\b|\bP\s*\(\s*\d|order matters"
        r"|\bordered (?:selections?|choices|samples|sequences|lists)\b|selections? in order"
        r"|\d\s*P\s*_?\{?\d",
        r"objects?|items?|things|at a time|ways|from|out of",
    ],
    avoid=[
        _SIZE_ASKED,
        rf"combination|\bchoos(?:e|es|ing)\b|\bchosen\b|\\binom|\bnCr\b|{_UNORDERED}"
        r"|repetition|replacement|probabilit|letters?\b|word\b|circular|around a table",
        r"\balternat|\bends?\b",  # "boys and girls alternate", "at one of the ends"
        _RESTRICTED,
    ],
)
def permutation(n: Normalised) -> Permutation | None:
    nk = _n_and_k(n)
    return None if nk is None else Permutation(*nk)


_DICE = rx(
    r"(?<![\w.])(\d+)\s*(?:fair\s*|standard\s*|ordinary\s*|6-sided\s*|six-sided\s*)*"
    r"(?:dice|die)\b"
)
_ONE_DIE = rx(r"\b(?:a|one|single|1)\s*(?:single\s*|fair\s*|standard\s*|6-sided\s*)*die\b")
_PAIR = rx(r"\bpair of (?:fair\s*|standard\s*)*dice\b")
# the givens as fields: "Number of dice: 2"
_DICE_FIELD = rx(r"\b(?:number|no\.?|count) of dice(?:\s+rolled)?\s*(?:is|=|:)\s*(\d+)(?![\d.])")
_SUM = rx(
    r"(?:sum|total)\s*(?:of|is|equals|equal to|=|:|being|will be|comes to|adds up to|to)?\s*"
    # not "the sum of 2 dice is 8": that 2 counts the dice
    r"(?:exactly\s*)?(\d+)(?!\d|\.\d|\s*(?:fair\s+|six-sided\s+|standard\s+)*(?:dice|die)\b)"
    r"|(?<![\w.])(\d+)\s*as (?:the|their) (?:sum|total)"
    r"|(?:add|adds|adding) up to\s*(?:exactly\s*)?(\d+)(?!\d|\.\d)"
    # "the sum of 2 dice is 7"
    r"|(?:sum|total) of (?:the\s+)?\d+\s*(?:fair\s+|six-sided\s+|standard\s+)*(?:dice|die)\s+"
    r"(?:is|equals|equal to|=|being|will be|comes to|adds up to|to be)\s*(?:exactly\s*)?"
    r"(\d+)(?!\d|\.\d)"
)


@_reader(
    "dice_sum_probability",
    cues=[r"\bdice\b|\bdie\b", r"probabilit|chance|likel|odds", r"\bsum\b|\btotal\b|add up"],
    avoid=[
        r"at least|at most|or more|or less|greater|less than|more than|fewer|\beven\b"
        r"|\bodd\b|product|\b(?!6\b)\d+[- ]sided|doubles|expected|each die|both dice show"
        r"|difference|maximum|minimum|twice|in a row|until"
        # a condition on the roll: "the sum is 8. ... that one of the dice shows a 3"
        r"|given that|\bshows? (?:a|an)?\s*\d|\bshows? different|different numbers"
        r"|\b(?:first|second|other|one) (?:die|dice) (?:is|shows|lands|comes)"
        r"(?!\s+(?:rolled|thrown|tossed|cast)\b)"
        r"|the same number|one of the dice|one die shows|neither|either die|conditional"
    ],
    need=[r"\bsum\b|\btotal\b|add up|adds up|adding up"],
)
def dice_sum_probability(n: Normalised) -> DiceSumProbability | None:
    counts = {m.group(1) for m in _DICE.finditer(n.text)}
    if _ONE_DIE.search(n.text):
        counts.add("1")
    if _PAIR.search(n.text):
        counts.add("2")
    counts |= {m.group(1) for m in _DICE_FIELD.finditer(n.text)}
    dice = one(counts)
    target = one({next(g for g in m.groups() if g) for m in _SUM.finditer(n.text)})
    if not isinstance(dice, str) or not isinstance(target, str):
        return None
    d, s = small_int(dice, 2), small_int(target, 3)
    if not 1 <= d <= 10:
        return None
    return DiceSumProbability(d, s)


_LEVEL = rx(r"(?<![\w.])(\d+)\s*(?:\\?%|percent\b)")


@_reader(
    "confidence_interval",
    cues=[r"confidence|\bCI\b", r"interval", r"sample"],
    avoid=[
        r"proportion|margin of error alone|sample size needed|hypothesis|p-value"
        r"|\bt-test|two samples"
    ],
)
def confidence_interval(n: Normalised) -> ConfidenceInterval | None:
    data = data_list(_LEVEL.sub(" ", n.text), min_items=2)
    if data is None:
        return None
    level = one(set(_LEVEL.findall(n.text)))
    if not isinstance(level, str):
        return None
    return ConfidenceInterval(tuple(data), small_int(level, 2))


@_reader(
    "data_summary",
    cues=[r"variance", r"standard deviation|std|\bsd\b", r"\bmean\b|average"],
    avoid=[
        r"median|\bmode\b|\brange\b|sample variance|population variance|"
        r"skew|quartile|confidence"
    ],
    need=[r"standard deviation|\bstd\b|\bsd\b", r"\bmean\b|average"],
)
def data_summary(n: Normalised) -> DataSummary | None:
    data = data_list(n.text)
    if data is None or any(v < 0 for v in data):
        return None
    return DataSummary(tuple(data))


@_reader(
    "mean_median",
    cues=[r"median|mdian", r"\bmean\b|average", r"series|numbers|data"],
    avoid=[
        r"variance|standard deviation|\bmode\b|\brange\b|quartile|geometric|harmonic"
        r"|weighted|confidence"
    ],
    need=[r"\bmean\b|average"],
)
def mean_median(n: Normalised) -> MeanMedian | None:
    data = data_list(n.text)
    if data is None or any(v < 0 for v in data):
        return None
    return MeanMedian(tuple(data))


_P = r"(\d+(?:\.\d+)?)\s*\\?%"
_SENS_WORD = r"sensitivity|true positive(?: rate)?|\bSN\b"
_SPEC_WORD = r"specificity|true negative(?: rate)?|\bSP\b"
_PREV_AFTER = r"prevalence|affects|affecting|only"
# Each rate with its word first ("sensitivity (true positive) is equal to SN=92.07%") or
# its number first ("92.07% sensitivity", "0.11% of the population")
_RATES = {
    "sens": (
        rx(rf"(?:{_SENS_WORD})[^\d%]{{0,40}}?{_P}"),
        rx(rf"{_P}\s*(?:sensitivity|true positive rate)"),
    ),
    "spec": (
        rx(rf"(?:{_SPEC_WORD})[^\d%]{{0,40}}?{_P}"),
        rx(rf"{_P}\s*(?:specificity|true negative rate)"),
    ),
    "prev": (
        rx(rf"(?:{_PREV_AFTER})[^\d%]{{0,30}}?{_P}"),
        rx(rf"{_P}\s*(?:of\s*(?:the\s*)?(?:population|people|the public|individuals)|prevalence)"),
    ),
}


def _rate(text: str, role: str) -> str | None:
    """The one value of a rate. Its word followed by the number wins over a number followed by
    the word: in "Prevalence: 1.10% Sensitivity: 99.45%" the 1.10 before "Sensitivity" is the
    prevalence's, said after its own word."""
    word_first, number_first = _RATES[role]
    values = {m.group(1) for m in word_first.finditer(text)}
    if not values:
        values = {m.group(1) for m in number_first.finditer(text)}
    found = one(values)
    return found if isinstance(found, str) else None


@_reader(
    "conditional_probability",
    cues=[r"sensitivity|true positive", r"specificity|true negative", r"disease|positive|test"],
    avoid=[
        r"false positive|false negative|false alarm|negative predictive|tests? negative|two tests"
        r"|twice|retest|both tests"
    ],
    need=[r"specificity|true negative"],
)
def conditional_probability(n: Normalised) -> ConditionalProbability | None:
    sens, spec, prev = (_rate(n.text, role) for role in ("sens", "spec", "prev"))
    if sens is None or spec is None or prev is None:
        return None
    if len(_LEVEL_ANY.findall(n.text)) > 6:
        return None  # more percentages than the three (each possibly repeated)
    return ConditionalProbability(Decimal(prev), Decimal(sens), Decimal(spec))


_LEVEL_ANY = rx(r"\d+(?:\.\d+)?\s*\\?%")
