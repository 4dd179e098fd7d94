"""Paraphrase readers for mathgenerator's plane ``geometry``: triangles, polygons, angles,
circles and lines (the solids are in ``readers.geometry``, which imports this module).
Each returns its subtopic's typed problem (``families.geometry``)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from decimal import Decimal

from logicnet.engine.families.geometry import (
    AngleBtwVectors,
    AngleRegularPolygon,
    ArcLength,
    AreaOfCircle,
    AreaOfCircleGivenCenterAndPoint,
    AreaOfTrapezoid,
    AreaOfTriangle,
    BasicTrigonometry,
    Circumference,
    ComplementaryAndSupplementaryAngle,
    DegreeToRad,
    EquationOfLineFromTwoPoints,
    FourthAngleOfQuadrilateral,
    PerimeterOfPolygons,
    PythagoreanTheorem,
    RadianToDeg,
    SectorArea,
    SumOfPolygonAngles,
    ValidTriangle,
)
from logicnet.engine.normalise import Normalised
from logicnet.engine.problem import Unreadable
from logicnet.engine.readers.operands import small_int
from logicnet.engine.readers.quantities import (
    bind,
    count_phrase,
    labelled_count,
    quantities,
    sloppy,
)
from logicnet.engine.readers.quantities import reader as quantity_reader
from logicnet.engine.reading import Read, hinted_as, rx

T = "geometry"
MAX_DIGITS = 6
# a number with a unit of area or volume: a value the generator's questions never give
_LENGTH_UNIT = r"(?:m|cm|mm|km|metres?|meters?|units?|ft|feet|inch(?:es)?)"
MEASURED = (
    rf"\d\s*{_LENGTH_UNIT}(?:\s*\^\s*\{{?\s*[23]|[23]\b)|"
    rf"\d\s*(?:sq\.?|square|cubic|cu\.?)\s*{_LENGTH_UNIT}\b"
)


def reader(
    topic: str,
    subtopic: str,
    cues: Sequence[str],
    avoid: Sequence[str] = (),
    need: Sequence[str] = (),
) -> Callable[[Read], Read]:
    """``quantities.reader`` for geometry: numbered labels ("Base 1:") are no operands, a
    persona's chatter ("back in 1999") is read past (``quantities.without_story``), and an
    area or a volume told with its unit ("54 m^2") is a given, not asked."""
    return quantity_reader(topic, subtopic, cues, avoid, need, stories=True, given=MEASURED)


_rx = functools.lru_cache(maxsize=None)(rx)


def _has(text: str, pattern: str) -> bool:
    return _rx(pattern).search(text) is not None


# the asked quantity given a value ("a cube with a volume of 216", "circumference 52"): an
# inverse problem (find the side), or a change of units; not the generator's question
# what a size may be told by, in a sentence that relates two of them
_TOLD_BY = (
    r"radius|radii|diameter|height|side|length|width|base|edge|leg|hypotenuse|angle|"
    r"perimeter|area|volume|circumference|long|tall|wide|big|large|"
    r"circle|square|triangle|rectangle|sphere|cube|cylinder|cone|polygon|sector|it|that|this"
)
GIVEN = (
    r"\b(?:volume|area|circumference|perimeter|arc length)\b"
    r"(?:\s+of\s+(?:an?|the|its)\s+[a-z]+)?\s*(?:is|was|=|of|equals|:|totals?|comes to)?\s*"
    # ... not "the area of a cuboid 5 by 17 by 16": the solid's sizes, told without a verb
    r"(?:about\s+|exactly\s+)?-?\d+(?!\d|\s*-?\s*(?:sided|gon|sides)\b|"
    r"\s*(?:m|metres?|meters?)?\s*(?:by|x|\*)\s*\d)|"
    r"\blitres?\b|\bliters?\b|\bgallons?\b|\bcubic (?:centi|milli|kilo)|\bcm\s*\^|\bmm\s*\^|"
    r"\bsquare (?:centi|milli|kilo)|\bin (?:feet|inches|cm|mm|km)\b|"
    # one size told by another ("7 times the radius", "twice as long"): no generator's
    # ("3 times a week", "double-check" are chatter)
    r"\b(?:times|twice|thrice|double|triple)\s+(?:the|its|as|that|of|longer|larger|bigger|"
    r"greater|smaller|shorter|taller|wider)\b|\b(?:doubled|tripled|halved)\b|"
    # ... when what it is told by follows in the sentence: "half the radius", "4 more than the
    # width", not a story's "more than half the cheese"
    r"\b(?:half (?:the|its|of|as)|(?:more|less|shorter|longer|taller) than)\b"
    rf"(?=[^.?!]{{0,40}}?(?:\d|\b(?:{_TOLD_BY})\b))|"
    r"\d\s*%"
)

# the answer asked in radians, where the generator answers in degrees
_IN_RADIANS = r"\bradians?\b"

# the figures' words as written or misspelt once ("triangel", "circel"): ``sloppy``
TRIANGLE = sloppy("triangle", "triangles", "triangular")
HYPOTENUSE = sloppy("hypotenuse")
RIGHT = r"\bright(?:[- ]angled?)? triangles?\b|\bright-triangle\b|" + HYPOTENUSE
PERIMETER = sloppy("perimeter")
ANGLES = sloppy("angle", "angles")
PLURAL_ANGLES = sloppy("angles")
QUADRILATERAL = sloppy("quadrilateral", "quadrilaterals")
CIRCUMFERENCE = sloppy("circumference")
DIAMETER = sloppy("diameter", "diameters")
SECTOR = sloppy("sector", "sectors")
POLYGON_NAMES = {
    "triangle": 3,
    "quadrilateral": 4,
    "pentagon": 5,
    "hexagon": 6,
    "heptagon": 7,
    "septagon": 7,
    "octagon": 8,
    "nonagon": 9,
    "enneagon": 9,
    "decagon": 10,
    "hendecagon": 11,
    "undecagon": 11,
    "dodecagon": 12,
    "tridecagon": 13,
    "tetradecagon": 14,
    "pentadecagon": 15,
    "hexadecagon": 16,
    "heptadecagon": 17,
    "octadecagon": 18,
    "enneadecagon": 19,
    "icosagon": 20,
}
_NAMED = r"\b(" + "|".join(sorted(POLYGON_NAMES, key=len, reverse=True)) + r")s?\b"
# each name on its own, so that a lettered "hexxagon" still says 6
_NAMED_PATTERNS = [(rx(rf"\b{name}s?\b"), sides) for name, sides in POLYGON_NAMES.items()]
POLYGON = sloppy("polygon", "polygons") + r"|\b\d+\s*-?\s*(?:sided|gon)\b|\bsides\b|" + _NAMED
SIDES = r"sided|sides|gon"
RADIUS = sloppy("radius") + r"|\br\b"
ANGLE_ROLE = ANGLES + r"|\bdegrees?\b|\bdeg\b|\btheta\b"
CENTER = r"\bcenter\b|\bcentre\b|\bcentered\b|\bcentred\b"
EXIST = (
    r"\bexist\b|\bexists\b|\bvalid\b|\bpossible\b|\bpossibly\b|\bform\b|\bformed\b|"
    r"\bbuild\b|\bconstruct\b|\bconstructed\b|\bmake\b|\bdraw\b|\bmade\b|\breal\b|"
    r"\binequality\b|\bsatisfy\b|\bsatisfies\b"
)
TEMPERATURE = r"\bcelsius\b|\bfahrenheit\b|\bkelvin\b|\btemperatures?\b"
SUPPLEMENT = sloppy("supplementary") + r"|\bsupplements?\b"
COMPLEMENT = sloppy("complementary") + r"|\bcomplements?\b"  # "complimentary" too


def _plain(text: str) -> bool:
    """No powers, roots, fractions or factorials: the generator prints plain numbers."""
    return not _has(text, r"\d\s*\^\s*[\d{(]|\\sqrt|\\frac|\d\s*/\s*\d|\d\s*!|" + GIVEN)


def _ints(text: str, count: int | None = None) -> list[int] | None:
    if not _plain(text):
        return None
    found = [q.value for q in quantities(text)]
    if count is not None and len(found) != count:
        return None
    return [small_int(v, MAX_DIGITS) for v in found]


def _sides_count(text: str) -> tuple[str, int | None]:
    """The polygon's number of sides (from "9 sides", "7-sided", "a hexagon"), and the text
    without that count; None when it is not said or said twice differently."""
    rest, counts = count_phrase(text, SIDES)
    rest, labelled = labelled_count(rest, r"sides|edges|vertices|corners")  # "Number of sides: 9"
    counts += labelled
    named = {sides for pattern, sides in _NAMED_PATTERNS if pattern.search(rest)}
    found = set(counts) | named
    if len(found) > 1:
        raise Unreadable("two different side counts")
    return rest, (found.pop() if found else None)


# --- triangles ------------------------------------------------------------------------


def _three_sides(n: Normalised) -> list[int] | None:
    text, counts = count_phrase(
        n.text,
        r"sides|sided|side lengths|lengths|numbers|values|"
        r"sticks|rods|segments|line segments|pieces|lines",
    )
    if any(c != 3 for c in counts):
        return None
    sides = _ints(text, 3)
    if sides is None or min(sides) < 1:
        return None
    return sides


@reader(
    T,
    "area_of_triangle",
    need=[r"\barea\b", TRIANGLE],
    cues=[r"\barea\b", TRIANGLE],
    avoid=[
        RIGHT,
        PERIMETER,
        ANGLES,
        r"\bbase\b|\bheight\b|\baltitude\b",
        r"\bexist\b|\bexists\b|\bvalid\b|\bpossible\b|\bformed\b",
    ],
)
def area_of_triangle(n: Normalised) -> AreaOfTriangle | None:
    sides = _three_sides(n)
    if sides is None:
        return None
    a, b, c = sides
    return AreaOfTriangle(a, b, c)


@reader(
    T,
    "valid_triangle",
    need=[TRIANGLE],
    cues=[TRIANGLE, EXIST],
    avoid=[
        r"\barea\b",
        RIGHT,
        PERIMETER,
        ANGLES,
        r"\btypes?\b|\bkind of\b|\bwhat kind\b|\bwhich kind\b|"
        r"\bclassify\b|\bacute\b|\bobtuse\b|\bscalene\b|\bisosceles\b|\bequilateral\b|"
        r"\bheight\b|\baltitude\b|\bmedian\b|\bradius\b",
    ],
)
def valid_triangle(n: Normalised) -> ValidTriangle | None:
    if not _has(n.text, EXIST + r"|\bcan\b|\bcould\b|\bis there\b"):
        return None
    sides = _three_sides(n)
    if sides is None:
        return None
    a, b, c = sides
    return ValidTriangle(a, b, c)


@reader(
    T,
    "pythagorean_theorem",
    need=[HYPOTENUSE],
    cues=[HYPOTENUSE, RIGHT],
    avoid=[
        r"\barea\b",
        PERIMETER,
        r"\bangles?\b(?! triangle)",
        r"\bother leg\b",
        r"\bmissing (?:side|leg)\b",
    ],
)
def pythagorean_theorem(n: Normalised) -> PythagoreanTheorem | None:
    if not _has(n.text, HYPOTENUSE):
        return None
    if _has(n.text, rf"(?:{HYPOTENUSE})\s*(?:is|=|of|measures|measuring|equals)\s*-?\d"):
        return None  # the hypotenuse is given: a leg is asked
    text, counts = count_phrase(n.text, r"(?:other |shorter |perpendicular )?(?:sides|legs)")
    if any(c != 2 for c in counts):
        return None
    legs = _ints(text)
    if legs is None:
        return None
    if len(legs) == 1 and _has(text, r"\bboth\b|\beach\b|\bequal\b|\bisosceles\b"):
        legs = legs * 2
    if len(legs) != 2 or min(legs) < 1:
        return None
    return PythagoreanTheorem(legs[0], legs[1])


# --- polygons and angles --------------------------------------------------------------


@reader(
    T,
    "angle_regular_polygon",
    need=[ANGLES],
    cues=[sloppy("regular"), POLYGON, ANGLES],
    avoid=[
        _IN_RADIANS,
        r"\bsum\b|\btotal\b|\badd(?:ed)? up\b|\ball (?:the )?(?:interior )?angles\b",
        r"\bexterior\b|\bexternal\b|\bcentral\b|\boutside\b",
        PERIMETER + r"|\barea\b",
        r"\bradians?\b",
    ],
)
def angle_regular_polygon(n: Normalised) -> AngleRegularPolygon | None:
    if not _has(n.text, sloppy("regular", "equiangular") + r"|\beach\b|\bevery\b"):
        return None
    rest, sides = _sides_count(n.text)
    if sides is None or quantities(rest) or not 3 <= sides <= 10**4:
        return None
    return AngleRegularPolygon(sides)


@reader(
    T,
    "sum_of_polygon_angles",
    need=[PLURAL_ANGLES],
    cues=[r"\bsum\b|\btotal\b|\badd(?:ed)? up\b", PLURAL_ANGLES, POLYGON],
    avoid=[
        _IN_RADIANS,
        r"\bexterior\b|\bexternal\b|\boutside\b",
        r"\beach\b",
        r"\bfourth\b|\bmissing\b",
        PERIMETER + r"|\barea\b",
        r"\bradians?\b",
    ],
)
def sum_of_polygon_angles(n: Normalised) -> SumOfPolygonAngles | None:
    if not _has(n.text, r"\bsum\b|\btotal\b|\badd(?:ed)? up\b") or not _has(n.text, PLURAL_ANGLES):
        return None
    rest, sides = _sides_count(n.text)
    if sides is None or quantities(rest) or not 3 <= sides <= 10**6:
        return None
    return SumOfPolygonAngles(sides)


@reader(
    T,
    "fourth_angle_of_quadrilateral",
    need=[ANGLES + r"|∠"],
    cues=[
        QUADRILATERAL + r"|\bquads?\b|\b4-sided\b|\b4 sided\b",
        ANGLES,
        r"\bfourth\b|\bmissing\b|\bremaining\b|\blast\b|\b4th\b",
    ],
    avoid=[
        _IN_RADIANS,
        PERIMETER + r"|\barea\b",
    ],
)
def fourth_angle_of_quadrilateral(n: Normalised) -> FourthAngleOfQuadrilateral | None:
    if not _has(n.text, QUADRILATERAL + r"|\bquads?\b|\b4-sided\b|\b4 sided\b"):
        return None
    if not _has(
        n.text,
        r"\bfourth\b|\bmissing\b|\bremaining\b|\blast\b|\b4th\b|\bunknown\b|"
        r"\bother angle\b|\bx\b|∠\s*D\b|\bangle D\b|\bone more\b",
    ):
        return None  # three angles given but something else asked ("is it a rectangle?")
    text, counts = count_phrase(
        n.text, r"(?:of (?:its|the|their) )?(?:other |given |known |interior )?angles|sided|sides"
    )
    if any(c not in (3, 4) for c in counts):
        return None
    angles = _ints(text, 3)
    if angles is None or min(angles) < 0:
        return None
    a, b, c = angles
    return FourthAngleOfQuadrilateral(a, b, c)


@reader(
    T,
    "complementary_and_supplementary_angle",
    cues=[SUPPLEMENT + "|" + COMPLEMENT, ANGLES],
    avoid=[
        _IN_RADIANS,
        r"'s complement\b|\bs complement\b|\bbinary\b|\bbits?\b",
    ],
)
def complementary_and_supplementary_angle(
    n: Normalised,
) -> ComplementaryAndSupplementaryAngle | None:
    supp = _has(n.text, SUPPLEMENT)
    comp = _has(n.text, COMPLEMENT)
    if supp == comp:
        return None  # neither, or both asked
    angle = _ints(n.text, 1)
    if angle is None or angle[0] < 0:
        return None
    return ComplementaryAndSupplementaryAngle(supp, angle[0])


@reader(
    T,
    "perimeter_of_polygons",
    need=[PERIMETER],
    cues=[PERIMETER, POLYGON],
    avoid=[r"\barea\b", r"\bcircles?\b|\bradius\b", r"\bregular\b"],
)
def perimeter_of_polygons(n: Normalised) -> PerimeterOfPolygons | None:
    # the generator's own unit is cm (its answer is a bare number): "in cm" is no change
    text = _rx(r"\bin (?:cm|centimetres|centimeters)\b").sub(" ", n.text)
    rest, count = _sides_count(text)
    sides = _ints(rest)
    if sides is None or not 3 <= len(sides) <= 200 or min(sides) < 0:
        return None
    if count is not None and count != len(sides):
        return None
    return PerimeterOfPolygons(tuple(sides), "cm")


# --- trigonometry and angle units -----------------------------------------------------

_TRIG_WORDS = {"s": "sin", "c": "cos", "t": "tan"}
_TRIG = rx(
    r"\\?\b(sin|cos|tan|sine|cosine|tangent)\b(?:\s+of)?\s*\(?\s*(-?\d+(?:\.\d+)?)\s*"
    r"(?:degrees?|deg)?\s*\)?"
)


@reader(
    T,
    "basic_trigonometry",
    cues=[
        r"\\?\b(?:sin|cos|tan|sine|cosine|tangent)\b",
        r"\b(?:sin|cos|tan|sine|cosine|tangent)(?: of)?\s*\(?\s*(?:0|30|45|60|90)\b",
        r"\btrig|\bspecial angles?\b|\bexact values?\b",
    ],
    avoid=[
        r"\bradians?\b",
        r"\bderivative\b|\bdifferentiat|\bintegra|\binverse\b",
        r"\barc(?:sin|cos|tan)\b|\b(?:sin|cos|tan)\s*\^|\bslope\b|\bcurve\b|\blines?\b",
        r"\b(?:sin|cos|tan)\s*\(?\s*[a-z]\b",
    ],
)
def basic_trigonometry(n: Normalised) -> BasicTrigonometry | None:
    if not _plain(n.text):
        return None
    # the name by its first letter: "sine", "sin" and a lettered "sixne" are all sin
    found = {(_TRIG_WORDS[m.group(1)[0].lower()], m.group(2)) for m in _TRIG.finditer(n.text)}
    if len(found) != 1 or len(quantities(n.text)) != 1:
        return None
    name, angle = found.pop()
    if angle not in ("0", "30", "45", "60", "90"):
        return None
    return BasicTrigonometry(name, int(angle))


_DEGREES = r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:degrees?|deg)\b"
_RADIANS = r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:radians?|rad)\b"


@reader(
    T,
    "degree_to_rad",
    need=[r"\bradians?\b|\brad\b"],
    cues=[
        r"\bradians?\b",
        r"\bdegrees?\b|\bdeg\b",
        r"\bconvert|\bexpress|\bin radians\b|\bto radians\b",
    ],
    avoid=[
        r"\\pi\b|\bpi\b",
        r"\bsectors?\b|\barcs?\b|\bradius\b",
        TRIANGLE,
        TEMPERATURE,
        SUPPLEMENT + "|" + COMPLEMENT,  # an angle's complement, then converted: two steps
    ],
)
def degree_to_rad(n: Normalised) -> DegreeToRad | None:
    if not _plain(n.text):
        return None
    if not _has(n.text, r"\bradians?\b|\brad\b"):
        return None
    degrees = {m.group(1) for m in _rx(_DEGREES).finditer(n.text)}
    if len(degrees) != 1 or _rx(_RADIANS).search(n.text) or len(quantities(n.text)) != 1:
        return None
    return DegreeToRad(small_int(degrees.pop(), MAX_DIGITS))


@reader(
    T,
    "radian_to_deg",
    need=[r"\bdegrees?\b|\bdeg\b"],
    cues=[
        r"\bradians?\b",
        r"\bdegrees?\b|\bdeg\b",
        r"\bconvert|\bexpress|\bin degrees\b|\bto degrees\b",
    ],
    avoid=[r"\\pi\b|\bpi\b", r"\bsectors?\b|\barcs?\b|\bradius\b", TRIANGLE, TEMPERATURE],
)
def radian_to_deg(n: Normalised) -> RadianToDeg | None:
    if not _plain(n.text):
        return None
    if not _has(n.text, r"\bdegrees?\b|\bdeg\b"):
        return None
    radians = {m.group(1) for m in _rx(_RADIANS).finditer(n.text)}
    if len(radians) != 1 or _rx(_DEGREES).search(n.text) or len(quantities(n.text)) != 1:
        return None
    value = radians.pop()
    if len(value) > 12:
        return None
    return RadianToDeg(Decimal(value))


# --- circles --------------------------------------------------------------------------

# ... or a round thing: "a round table top", "the round pond" (not "round to 2 decimals")
CIRCLE = (
    sloppy("circle", "circles", "circular")
    + r"|\bdisc\b|\bdisk\b|\bpizza\b|\b(?:a|the|my|our|this|that)\s+round\s+(?!(?:to|off|up|"
    r"down|it|that|this|the|your|each|all|them|of|number|answer|result|figure)\b)[a-z]+"
)


def _circle_radius(n: Normalised) -> int | None:
    if not _plain(n.text):
        return None
    if _has(n.text, rf"{DIAMETER}|\bpoints?\b|{SECTOR}|\barcs?\b|{CENTER}"):
        return None
    found = quantities(n.text)
    if len({q.value for q in found}) != 1:
        return None
    r = small_int(found[0].value, MAX_DIGITS)
    return r if r >= 0 else None


@reader(
    T,
    "area_of_circle",
    need=[r"\barea\b", CIRCLE],
    cues=[r"\barea\b", CIRCLE],
    avoid=[CIRCUMFERENCE + "|" + PERIMETER, r"\bsurface\b", r"\bsemi-?circle"],
)
def area_of_circle(n: Normalised) -> AreaOfCircle | None:
    r = _circle_radius(n)
    return None if r is None else AreaOfCircle(r)


@reader(
    T,
    "circumference",
    need=[CIRCUMFERENCE + r"|\bperimeter of (?:a|the) circle\b|\baround\b"],
    cues=[CIRCUMFERENCE + r"|\bperimeter of (?:a|the) circle\b|\bdistance around\b", CIRCLE],
    avoid=[r"\barea\b", r"\bsemi-?circle"],
)
def circumference(n: Normalised) -> Circumference | None:
    r = _circle_radius(n)
    return None if r is None else Circumference(r)


_RA = {"radius": RADIUS, "angle": ANGLE_ROLE}


def _radius_angle(n: Normalised) -> dict[str, int] | None:
    if not _plain(n.text):
        return None
    if _has(n.text, rf"\bradians?\b|{DIAMETER}|\\pi\b"):
        return None
    found = bind(n.text, _RA)
    if found is None or {q.value for q in quantities(n.text)} != {q.value for q in found.values()}:
        return None
    return {name: small_int(q.value, MAX_DIGITS) for name, q in found.items()}


@reader(
    T,
    "sector_area",
    need=[SECTOR, r"\barea\b"],
    cues=[SECTOR, r"\barea\b"],
    avoid=[r"\barc length\b|\blength of the arc\b|\bperimeter\b"],
)
def sector_area(n: Normalised) -> SectorArea | None:
    v = _radius_angle(n) if _has(n.text, r"\barea\b") else None
    return None if v is None else SectorArea(v["radius"], v["angle"])


@reader(
    T,
    "arc_length",
    need=[r"\barcs?\b"],
    cues=[r"\barcs?\b", sloppy("length") + r"|\blong\b"],
    avoid=[r"\barea\b", r"\bsectors? area\b"],
)
def arc_length(n: Normalised) -> ArcLength | None:
    v = _radius_angle(n)
    return None if v is None else ArcLength(v["radius"], v["angle"])


_NUM = r"-?\d+(?:\.\d+)?"
_POINT = re.compile(rf"\(\s*({_NUM})\s*,\s*({_NUM})\s*\)")


@reader(
    T,
    "area_of_circle_given_center_and_point",
    need=[r"\barea\b", CENTER],
    cues=[r"\barea\b", CIRCLE, CENTER, r"\bpass\b|\bpasses\b|\bpassing\b|\bthrough\b|\bpoints?\b"],
    avoid=[CIRCUMFERENCE + "|" + PERIMETER],
)
def area_of_circle_given_center_and_point(
    n: Normalised,
) -> AreaOfCircleGivenCenterAndPoint | None:
    if not _plain(n.text):
        return None
    if not _has(n.text, r"\barea\b") or not _has(n.text, CENTER):
        return None
    points = list(_POINT.finditer(n.text))
    rest, counts = count_phrase(_POINT.sub(" ", n.text), "points")  # "the 2 points"
    if len(points) != 2 or quantities(rest) or any(c != 2 for c in counts):
        return None
    first, second = points
    gap = n.text[first.end() : second.start()]
    if _has(gap, CENTER):
        first, second = second, first  # "passes through P and is centred at C"
    (cx, cy), (px, py) = first.groups(), second.groups()
    if max(len(x) for x in (cx, cy, px, py)) > 25:  # float reprs: -3.1399999999999997
        return None
    return AreaOfCircleGivenCenterAndPoint(Decimal(cx), Decimal(cy), Decimal(px), Decimal(py))


# --- lines ----------------------------------------------------------------------------


def _is_label(label: str, name: str) -> bool:
    """``label`` is ``name``, perhaps with the one inserted letter ("geometxry")."""
    return label == name or (
        len(label) == len(name) + 1
        and any(label[:i] + label[i + 1 :] == name for i in range(1, len(label)))
    )


_INT_POINT = re.compile(r"\(\s*(-?\d{1,6})\s*,\s*(-?\d{1,6})\s*\)")


@reader(
    T,
    "equation_of_line_from_two_points",
    cues=[
        r"\bequations?\b",
        r"\blines?\b",
        r"\bslope[- ]?intercept\b|\by\s*=\s*mx",
        r"\bpoints?\b|\bthrough\b|\bthru\b|\bpass(?:es|ing)?\b|\bjoin(?:s|ing)?\b|"
        r"\bconnect(?:s|ing)?\b|\bbetween\b",
    ],
    avoid=[
        r"\bcircles?\b|\bparabola\b|\bperpendicular\b|\bparallel\b|\bmidpoint\b|"
        r"\bdistance\b"
    ],
)
def equation_of_line_from_two_points(n: Normalised) -> EquationOfLineFromTwoPoints | None:
    if n.topic_hint and not _is_label(n.topic_hint, T):
        return None
    if not (
        _has(n.text, r"\bslope[- ]?intercept\b|\by\s*=\s*mx")
        or hinted_as(n, "equation_of_line_from_two_points")
    ):
        return None  # the algebra subtopic asks the same without slope-intercept form
    if not _has(n.text, r"\bequations?\b|\bline\b"):
        return None
    points = _INT_POINT.findall(n.text)
    rest, counts = count_phrase(_INT_POINT.sub(" ", n.text), "points")  # "through 2 points"
    if len(points) != 2 or quantities(rest) or any(c != 2 for c in counts):
        return None
    (x1, y1), (x2, y2) = points
    return EquationOfLineFromTwoPoints(int(x1), int(y1), int(x2), int(y2))


# --- trapezoids (not in PyPI 1.5.0; our generator's wording) --------------------------


@reader(
    T,
    "area_of_trapezoid",
    need=[r"\btrapezoids?\b|\btrapeziums?\b", r"\barea\b"],
    cues=[r"\btrapezoids?\b|\btrapeziums?\b", r"\barea\b"],
    avoid=[r"\bperimeter\b"],
)
def area_of_trapezoid(n: Normalised) -> AreaOfTrapezoid | None:
    if not _plain(n.text):
        return None
    if not _has(n.text, r"\barea\b"):
        return None
    found = bind(n.text, {"height": r"\bheight\b|\btall\b|\bhigh\b|\bh\b|\bapart\b|\bdistance\b"})
    every = quantities(n.text)
    if found is None or len(every) != 3:
        return None
    height = found["height"]
    bases = [q for q in every if q.start != height.start]
    units = {q.unit for q in every if q.unit}
    if len(bases) != 2 or len(units) > 1:
        return None
    a, b = (small_int(q.value, MAX_DIGITS) for q in bases)
    h = small_int(height.value, MAX_DIGITS)
    return AreaOfTrapezoid(h, a, b)


# --- vectors --------------------------------------------------------------------------

_VECTOR = re.compile(r"[\[(<⟨]\s*(-?\d+(?:\.\d+)?(?:\s*,\s*-?\d+(?:\.\d+)?)+)\s*[\])>⟩]")


@reader(
    T,
    "angle_btw_vectors",
    need=[r"\bangles?\b"],
    cues=[r"\bangles?\b", r"\bvectors?\b"],
    avoid=[r"\bcross product\b|\bprojection\b|\bunit vector\b|\bnorm\b|\bmagnitudes? of\b"],
)
def angle_btw_vectors(n: Normalised) -> AngleBtwVectors | None:
    if not _plain(n.text):
        return None
    vectors = [[x.strip() for x in m.group(1).split(",")] for m in _VECTOR.finditer(n.text)]
    if len(vectors) != 2 or len(vectors[0]) != len(vectors[1]) or len(vectors[0]) > 100:
        return None
    if len(quantities(_VECTOR.sub(" ", n.text))) or max(len(x) for v in vectors for x in v) > 20:
        return None
    if _has(n.text, r"\bdegrees?\b"):
        return None  # the generator answers in radians
    u, v = (tuple(map(Decimal, w)) for w in vectors)
    return AngleBtwVectors(u, v)
