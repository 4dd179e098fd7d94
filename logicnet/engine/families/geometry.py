"""Engine recognizers and solvers for mathgenerator's ``geometry`` topic.

Each subtopic's problem is a frozen dataclass of its operands (``problem.solves``); the
generator's sentence (``_register``) and a paraphrase (``readers.geometry``,
``readers.geometry_plane``) both read into it, and its one solver answers it.

Every answer is recomputed from the question's numbers with the same float
operations, in the same order, as the generator's formula, so that rounding
(``round(x, 2)``), truncation (``int(x)``) and float printing (``144.0``,
``1773.3333333333333``) come out character for character.

Two generator versions matter. PyPI ``mathgenerator==1.5.0`` is what the test
harness draws from; validators install the GitHub master, whose geometry module
prints some answers differently. Where the question text differs between the two
(``area_of_triangle``, ``surface_area_sphere``) both are recognised; where it is
identical, ``$LOGICNET_GENERATOR_ANSWERS`` picks the convention (``pypi``, the default, or
``github``; see ``QUIRKS`` and the README's "The generator's conventions"). It is read at
each answer, so the engine's worker processes follow the miner's environment.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from logicnet.engine.bounds import MAX_ITEMS, require_at_most
from logicnet.engine.core import Parse, Problem, register
from logicnet.engine.problem import Solution, Unreadable, drawn, solves, unsigned

__all__ = [
    "GENERATOR_ANSWERS_ENV",
    "github_answers",
    "QUIRKS",
    "AngleBtwVectors",
    "AngleRegularPolygon",
    "ArcLength",
    "AreaOfCircle",
    "AreaOfCircleGivenCenterAndPoint",
    "AreaOfTrapezoid",
    "AreaOfTriangle",
    "BasicTrigonometry",
    "Circumference",
    "ComplementaryAndSupplementaryAngle",
    "CurvedSurfaceAreaCylinder",
    "DegreeToRad",
    "EquationOfLineFromTwoPoints",
    "FourthAngleOfQuadrilateral",
    "PerimeterOfPolygons",
    "PythagoreanTheorem",
    "RadianToDeg",
    "SectorArea",
    "SumOfPolygonAngles",
    "SurfaceAreaCone",
    "SurfaceAreaCube",
    "SurfaceAreaCuboid",
    "SurfaceAreaCylinder",
    "SurfaceAreaPyramid",
    "SurfaceAreaSphere",
    "ValidTriangle",
    "VolumeCone",
    "VolumeConeFrustum",
    "VolumeCube",
    "VolumeCuboid",
    "VolumeCylinder",
    "VolumeHemisphere",
    "VolumePyramid",
    "VolumeSphere",
]

T = "geometry"

# "pypi" (the default): answer like PyPI mathgenerator 1.5.0 (the harness); "github": like
# the GitHub master some validators install. Only volume_sphere, volume_hemisphere,
# volume_pyramid and basic_trigonometry differ, as their questions read the same in both.
GENERATOR_ANSWERS_ENV = "LOGICNET_GENERATOR_ANSWERS"


def github_answers() -> bool:
    """Whether ``$LOGICNET_GENERATOR_ANSWERS`` asks for the GitHub master's answers."""
    return os.environ.get(GENERATOR_ANSWERS_ENV, "pypi").strip().lower() == "github"


_NUM = r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?"  # a Python-printed number, int or float
_UNIT = r"([a-z]*)"  # the generators' unit ("m"), glued to the number


def _show(x: float, places: int = 2) -> str:
    """A number for the reasoning: whole numbers without decimals, else a few places."""
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.{places}f}".rstrip("0").rstrip(".")


def _unit(u: str) -> str:
    return f" {u}" if u else ""


def _decimal(d: Decimal) -> str:
    """A number as it was written: ``2.50`` stays ``2.50`` (no exponent)."""
    return format(d, "f")


def _check_unit(unit: str) -> None:
    if unit and not (unit.isascii() and unit.isalpha()):
        raise Unreadable(f"not a unit: {unit[:20]!r}")


# A validator's inserted letter can turn a template word into another word some pattern
# uses ("with" -> "width"); the core's repair leaves known words alone, so accept both.
_COLLISIONS = {"with": "width"}


def _register(subtopic: str, pattern: str) -> Callable[[Parse], Parse]:
    for word, twin in _COLLISIONS.items():
        pattern = re.sub(rf"(?<![a-z]){word}(?![a-z])", f"(?:{word}|{twin})", pattern)
    return register(T, subtopic, pattern)


def _ints(m: re.Match[str], *groups: int) -> list[int]:
    return [int(m.group(g)) for g in groups]


# --- triangles and polygons -----------------------------------------------------------


@dataclass(frozen=True)
class AreaOfTriangle:
    """The area of the triangle with sides ``a``, ``b``, ``c`` (Heron)."""

    a: int
    b: int
    c: int

    def __post_init__(self) -> None:
        a, b, c = self.a, self.b, self.c
        unsigned(a, b, c)
        if not (a < b + c and b < c + a and c < a + b):
            # the generator only draws valid triangles; Heron would go complex
            raise Unreadable("no such triangle")

    def wording(self) -> str:
        return f"Area of triangle with side lengths: {self.a}, {self.b} {self.c} ="


# PyPI prints "a, b c" (a comma missing), the GitHub master "a, b, c".
@_register(
    "area_of_triangle",
    r"^Area of triangle with side lengths:\s*(\d+)\s*,\s*(\d+)\s*,?\s*(\d+)\s*=$",
)
def _area_of_triangle(m: re.Match[str], p: Problem) -> AreaOfTriangle:
    return AreaOfTriangle(*_ints(m, 1, 2, 3))


@solves(
    T,
    "area_of_triangle",
    AreaOfTriangle,
    goal="find the area of the triangle from its side lengths",
    # a, b in 1..20, then c in |a - b| + 1 .. a + b - 1 (the triangle rule is __post_init__'s)
    drawn=drawn(a=(1, 20), b=(1, 20), c=(1, 39)),
)
def area_of_triangle(q: AreaOfTriangle) -> Solution:
    a, b, c = q.a, q.b, q.c
    s = (a + b + c) / 2
    area = (s * (s - a) * (s - b) * (s - c)) ** 0.5
    answer = str(round(area, 2))
    reasoning = (
        f"We need the area of a triangle with sides {a}, {b} and {c}; Heron's formula applies.\n"
        f"Semi-perimeter: s = ({a} + {b} + {c})/2 = {_show(s)}.\n"
        f"Area = sqrt(s(s-a)(s-b)(s-c)) = sqrt({_show(s)} * {_show(s - a)} * {_show(s - b)} "
        f"* {_show(s - c)}) = sqrt({_show(s * (s - a) * (s - b) * (s - c), 4)}).\n"
        f"So the area is about {answer}."
    )
    return Solution(answer, reasoning)


@dataclass(frozen=True)
class ValidTriangle:
    """Whether a triangle with sides ``a``, ``b``, ``c`` exists."""

    a: int
    b: int
    c: int

    def __post_init__(self) -> None:
        unsigned(self.a, self.b, self.c)

    def wording(self) -> str:
        return f"Does triangle with sides {self.a}, {self.b} and {self.c} exist?"


@_register("valid_triangle", r"^Does triangle with sides (\d+)\s*,\s*(\d+) and (\d+) exist\?$")
def _valid_triangle(m: re.Match[str], p: Problem) -> ValidTriangle:
    return ValidTriangle(*_ints(m, 1, 2, 3))


@solves(
    T,
    "valid_triangle",
    ValidTriangle,
    goal="determine whether the side lengths can form a triangle",
    drawn=drawn(a=(1, 50), b=(1, 50), c=(1, 50)),
)
def valid_triangle(q: ValidTriangle) -> Solution:
    a, b, c = q.a, q.b, q.c
    checks = [(a, b, c), (b, c, a), (c, a, b)]
    exists = all(x + y > z for x, y, z in checks)
    lines = [
        f"A triangle with sides {a}, {b} and {c} exists only if each pair of sides adds "
        "up to more than the third (triangle inequality)."
    ]
    for x, y, z in checks:
        verdict = ">" if x + y > z else "<="
        lines.append(f"{x} + {y} = {x + y} {verdict} {z}.")
    lines.append(
        "All three hold, so yes, it exists."
        if exists
        else "One inequality fails, so no such triangle exists."
    )
    return Solution("Yes" if exists else "No", "\n".join(lines))


@dataclass(frozen=True)
class PythagoreanTheorem:
    """The hypotenuse of the right triangle with legs ``a`` and ``b``."""

    a: int
    b: int

    def __post_init__(self) -> None:
        unsigned(self.a, self.b)

    def wording(self) -> str:
        return (
            f"What is the hypotenuse of a right triangle given the other two sides have "
            f"lengths {self.a} and {self.b}?"
        )


@_register(
    "pythagorean_theorem",
    r"^What is the hypotenuse of a right triangle given the other two sides have lengths "
    r"(\d+) and (\d+)\s*\?$",
)
def _pythagorean_theorem(m: re.Match[str], p: Problem) -> PythagoreanTheorem:
    return PythagoreanTheorem(*_ints(m, 1, 2))


@solves(
    T,
    "pythagorean_theorem",
    PythagoreanTheorem,
    goal="find the length of the hypotenuse",
    drawn=drawn(a=(1, 20), b=(1, 20)),
)
def pythagorean_theorem(q: PythagoreanTheorem) -> Solution:
    a, b = q.a, q.b
    c = round((a**2 + b**2) ** 0.5, 2)
    reasoning = (
        f"The legs of the right triangle are {a} and {b}; by Pythagoras c^2 = a^2 + b^2.\n"
        f"c^2 = {a}^2 + {b}^2 = {a * a} + {b * b} = {a * a + b * b}.\n"
        f"c = sqrt({a * a + b * b}) ≈ {c}.\n"
        f"The hypotenuse is {c}."
    )
    return Solution(str(c), reasoning)


@dataclass(frozen=True)
class AngleRegularPolygon:
    """The interior angle of a regular polygon with ``sides`` sides."""

    sides: int

    def __post_init__(self) -> None:
        if self.sides < 3:
            raise Unreadable("a polygon has at least 3 sides")

    def wording(self) -> str:
        return f"Find the angle of a regular polygon with {self.sides} sides"


@_register("angle_regular_polygon", r"^Find the angle of a regular polygon with (\d+) sides$")
def _angle_regular_polygon(m: re.Match[str], p: Problem) -> AngleRegularPolygon:
    return AngleRegularPolygon(int(m.group(1)))


@solves(
    T,
    "angle_regular_polygon",
    AngleRegularPolygon,
    goal="find the interior angle of the regular polygon",
    drawn=drawn(sides=(3, 20)),
)
def angle_regular_polygon(q: AngleRegularPolygon) -> Solution:
    n = q.sides
    exterior = round(360 / n, 2)
    interior = 180 - exterior  # float arithmetic on the rounded exterior angle, as printed
    reasoning = (
        f"Each exterior angle of a regular polygon with {n} sides is 360/{n} ≈ {exterior} "
        "degrees.\n"
        f"Each interior angle is 180 - {exterior} = {_show(interior)} degrees.\n"
        f"So the angle is {interior}."
    )
    # plain: (n - 2) * 180 / n rounded once; the same as the answer for n in 3..20
    exact = round((n - 2) * 180 / n, 2)
    return Solution(str(interior), reasoning, "" if exact == interior else str(exact))


@dataclass(frozen=True)
class FourthAngleOfQuadrilateral:
    """The fourth angle of a quadrilateral whose other angles are ``a``, ``b``, ``c``."""

    a: int
    b: int
    c: int

    def __post_init__(self) -> None:
        unsigned(self.a, self.b, self.c)

    def wording(self) -> str:
        return f"Fourth angle of quadrilateral with angles {self.a} , {self.b}, {self.c} ="


@_register(
    "fourth_angle_of_quadrilateral",
    r"^Fourth angle of quadrilateral with angles (\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*=$",
)
def _fourth_angle_of_quadrilateral(m: re.Match[str], p: Problem) -> FourthAngleOfQuadrilateral:
    return FourthAngleOfQuadrilateral(*_ints(m, 1, 2, 3))


@solves(
    T,
    "fourth_angle_of_quadrilateral",
    FourthAngleOfQuadrilateral,
    goal="find the fourth angle of the quadrilateral",
    # a in 1..180, b in 1..240 - a, c in 1..340 - (a + b)
    drawn=drawn(
        a=(1, 180),
        b=(1, 239),
        c=(1, 338),
        rules={
            "a + b <= 240": lambda q: q.a + q.b <= 240,
            "a + b + c <= 340": lambda q: q.a + q.b + q.c <= 340,
        },
    ),
)
def fourth_angle_of_quadrilateral(q: FourthAngleOfQuadrilateral) -> Solution:
    a, b, c = q.a, q.b, q.c
    d = 360 - (a + b + c)
    if d <= 0:
        raise Unreadable("the three angles already make 360 degrees or more")
    reasoning = (
        "The interior angles of a quadrilateral add up to 360 degrees.\n"
        f"Known angles: {a} + {b} + {c} = {a + b + c}.\n"
        f"Fourth angle = 360 - {a + b + c} = {d}.\n"
        f"The fourth angle is {d} degrees."
    )
    return Solution(str(d), reasoning)


@dataclass(frozen=True)
class SumOfPolygonAngles:
    """The sum of the interior angles of a polygon with ``sides`` sides."""

    sides: int

    def __post_init__(self) -> None:
        unsigned(self.sides)

    def wording(self) -> str:
        return f"What is the sum of interior angles of a polygon with {self.sides} sides?"


@_register(
    "sum_of_polygon_angles",
    r"^What is the sum of interior angles of a polygon with (\d+) sides\s*\?$",
)
def _sum_of_polygon_angles(m: re.Match[str], p: Problem) -> SumOfPolygonAngles:
    return SumOfPolygonAngles(int(m.group(1)))


@solves(
    T,
    "sum_of_polygon_angles",
    SumOfPolygonAngles,
    goal="find the sum of the interior angles of the polygon",
    drawn=drawn(sides=(3, 12)),
)
def sum_of_polygon_angles(q: SumOfPolygonAngles) -> Solution:
    n = q.sides
    if n < 3:
        raise Unreadable("a polygon has at least 3 sides")
    total = (n - 2) * 180
    reasoning = (
        f"A polygon with n = {n} sides splits into n - 2 = {n - 2} triangles of 180 degrees.\n"
        f"Sum of interior angles = ({n} - 2) * 180 = {total}.\n"
        f"The sum is {total} degrees."
    )
    return Solution(str(total), reasoning)


@dataclass(frozen=True)
class PerimeterOfPolygons:
    """The perimeter of the polygon with side lengths ``sides`` (in ``unit``)."""

    sides: tuple[int, ...]
    unit: str

    def __post_init__(self) -> None:
        if not self.sides:
            raise Unreadable("a polygon without sides")
        require_at_most(len(self.sides), MAX_ITEMS, "sides")
        unsigned(*self.sides)
        _check_unit(self.unit)

    def wording(self) -> str:
        lengths = ", ".join(map(str, self.sides))
        return (
            f"The perimeter of a {len(self.sides)} sided polygon with lengths of "
            f"{lengths}{self.unit} is:"
        )


@_register(
    "perimeter_of_polygons",
    r"^The perimeter of a (\d+) sided polygon with lengths of (\d+(?:\s*,\s*\d+)*)\s*"
    r"([a-z]*) is:$",
)
def _perimeter_of_polygons(m: re.Match[str], p: Problem) -> PerimeterOfPolygons | None:
    sides = m.group(2).split(",")
    require_at_most(len(sides), MAX_ITEMS, "sides")
    if len(sides) != int(m.group(1)):
        return None
    return PerimeterOfPolygons(tuple(int(s) for s in sides), m.group(3))


@solves(
    T,
    "perimeter_of_polygons",
    PerimeterOfPolygons,
    goal="find the perimeter of the polygon",
    drawn=drawn(
        sides=(1, 120), lengths={"sides": (3, 12)}, rules={"unit is cm": lambda q: q.unit == "cm"}
    ),
)
def perimeter_of_polygons(q: PerimeterOfPolygons) -> Solution:
    sides, unit = q.sides, q.unit
    total = sum(sides)
    reasoning = (
        f"The perimeter of a polygon is the sum of its {len(sides)} side lengths.\n"
        f"{' + '.join(map(str, sides))} = {total}.\n"
        f"The perimeter is {total}{_unit(unit)}."
    )
    return Solution(str(total), reasoning)


@dataclass(frozen=True)
class ComplementaryAndSupplementaryAngle:
    """The supplementary (180 - angle) or complementary (90 - angle) angle of ``angle``."""

    supplementary: bool
    angle: int

    def __post_init__(self) -> None:
        unsigned(self.angle)

    @property
    def kind(self) -> str:
        return "supplementary" if self.supplementary else "complementary"

    def wording(self) -> str:
        return f"The {self.kind} angle of {self.angle} ="


@_register(
    "complementary_and_supplementary_angle",
    r"^The (supplementary|complementary) angle of (\d+)\s*=$",
)
def _complementary_and_supplementary_angle(
    m: re.Match[str], p: Problem
) -> ComplementaryAndSupplementaryAngle:
    supplementary = m.group(1).lower() == "supplementary"
    return ComplementaryAndSupplementaryAngle(supplementary, int(m.group(2)))


@solves(
    T,
    "complementary_and_supplementary_angle",
    ComplementaryAndSupplementaryAngle,
    goal="find the complementary or supplementary angle",
    drawn=drawn(
        angle=(1, 180),
        rules={"a complementary angle <= 90": lambda q: q.supplementary or q.angle <= 90},
    ),
)
def complementary_and_supplementary_angle(q: ComplementaryAndSupplementaryAngle) -> Solution:
    kind, angle = q.kind, q.angle
    whole = 180 if q.supplementary else 90
    result = whole - angle
    if result < 0:
        raise Unreadable(f"an angle over {whole} degrees has no {kind} angle")
    reasoning = (
        f"Two {kind} angles add up to {whole} degrees.\n"
        f"The {kind} angle of {angle} is {whole} - {angle} = {result}.\n"
        f"The answer is {result} degrees."
    )
    return Solution(str(result), reasoning)


@dataclass(frozen=True)
class AreaOfTrapezoid:
    """The area of the trapezoid of height ``height`` and bases ``a`` and ``b``."""

    height: int
    a: int
    b: int

    def __post_init__(self) -> None:
        unsigned(self.height, self.a, self.b)

    def wording(self) -> str:
        return (
            f"Area of trapezoid with height {self.height} and base lengths: {self.a}, {self.b}, ="
        )


@_register(
    "area_of_trapezoid",
    r"^Area of trapezoid with height (\d+) and base lengths:\s*(\d+)\s*,\s*(\d+)\s*,?\s*=$",
)
def _area_of_trapezoid(m: re.Match[str], p: Problem) -> AreaOfTrapezoid:
    return AreaOfTrapezoid(*_ints(m, 1, 2, 3))


@solves(
    T,
    "area_of_trapezoid",
    AreaOfTrapezoid,
    goal="find the area of the trapezoid",
    drawn=drawn(height=(1, 20), a=(1, 20), b=(1, 20)),
)
def area_of_trapezoid(q: AreaOfTrapezoid) -> Solution:
    h, a, b = q.height, q.a, q.b
    area = round((a + b) * h / 2, 2)
    reasoning = (
        "The area of a trapezoid is (a + b)/2 * h, the mean of the bases times the height.\n"
        f"Bases {a} and {b}, height {h}: ({a} + {b})/2 * {h} = {a + b}/2 * {h} = {_show(area)}.\n"
        f"The area is {area}."
    )
    return Solution(str(area), reasoning)


# --- trigonometry and angles ----------------------------------------------------------

# sin/cos/tan at 0, 30, 45, 60, 90 degrees, looked up by the value rounded to 2 places.
_TRIG_EXACT = {
    0.0: "0",
    0.5: "\\frac{1}{2}",
    0.71: "\\frac{1}{\\sqrt{2}}",
    0.87: "\\frac{\\sqrt{3}}{2}",
    1.0: "1",
    0.58: "\\frac{1}{\\sqrt{3}}",
    1.73: "\\sqrt{3}",
}
_TRIG = {"sin": math.sin, "cos": math.cos, "tan": math.tan}


@dataclass(frozen=True)
class BasicTrigonometry:
    """``function`` (sin, cos or tan) of ``angle`` degrees, a special angle."""

    function: str
    angle: int

    def __post_init__(self) -> None:
        if self.function not in _TRIG:
            raise Unreadable(f"not a trigonometric function: {self.function[:20]!r}")
        if self.angle % 30 and self.angle % 45:
            raise Unreadable("not a special angle")  # no exact value to print

    @property
    def value(self) -> float:
        return _TRIG[self.function](math.radians(self.angle))

    def wording(self) -> str:
        return f"\\{self.function}({self.angle}) ="


@_register("basic_trigonometry", r"^\\?(sin|cos|tan)\s*\(\s*(\d+)\s*\)\s*=$")
def _basic_trigonometry(m: re.Match[str], p: Problem) -> BasicTrigonometry:
    return BasicTrigonometry(m.group(1).lower(), int(m.group(2)))


def _exact_trig(function: str, angle: int) -> str:
    """The exact value at a multiple of 30 or 45 degrees, in the generator's LaTeX; tan at
    90 + 180k degrees is "undefined"."""
    if function == "tan" and angle % 180 == 90:
        return "undefined"
    value = _TRIG[function](math.radians(angle))
    key = round(abs(value), 2)
    if key == 0:
        return "0"
    return ("-" if value < 0 else "") + _TRIG_EXACT[key]


@solves(
    T,
    "basic_trigonometry",
    BasicTrigonometry,
    goal="evaluate the trigonometric function",
    drawn=drawn(
        angle=frozenset({0, 30, 45, 60, 90}),
        rules={"function is sin, cos or tan": lambda q: q.function in _TRIG},
    ),
)
def basic_trigonometry(q: BasicTrigonometry) -> Solution:
    name, angle = q.function, q.angle
    value = q.value
    exact = _exact_trig(name, angle)
    if github_answers():
        answer = str(round(value))  # the master prints the value rounded to an integer
    else:
        # PyPI looks the value rounded to 2 places up (tan 90 is "\\infty")
        key = round(value, 2)
        answer = "\\infty" if key > 99999 else _TRIG_EXACT.get(key, exact)
    approx = "" if exact in ("0", "1", "-1", "undefined") else f" ≈ {value:.4f}"
    if exact == "undefined":
        known = (
            f"tan({angle}°) = sin/cos with cos({angle}°) = 0, so it is undefined (it grows "
            "without bound)"
        )
    else:
        known = f"From the exact values of the special angles, {name}({angle}°) = {exact}{approx}"
    reasoning = (
        f"We need {name}({angle}°), a standard angle.\n{known}.\nSo {name}({angle}) = {answer}."
    )
    # plain: the exact value; tan 90 is undefined rather than the generator's infinity
    return Solution(answer, reasoning, "" if exact == answer else exact)


@dataclass(frozen=True)
class DegreeToRad:
    """``degrees`` in radians."""

    degrees: int

    def __post_init__(self) -> None:
        unsigned(self.degrees)

    def wording(self) -> str:
        return f"Angle {self.degrees} degrees in radians is:"


@_register("degree_to_rad", r"^Angle (\d+) degrees in radians is:$")
def _degree_to_rad(m: re.Match[str], p: Problem) -> DegreeToRad:
    return DegreeToRad(int(m.group(1)))


@solves(
    T,
    "degree_to_rad",
    DegreeToRad,
    goal="convert the angle from degrees to radians",
    drawn=drawn(degrees=(0, 360)),
)
def degree_to_rad(q: DegreeToRad) -> Solution:
    a = q.degrees
    rad = round((math.pi * a) / 180, 2)
    reasoning = (
        "To convert degrees to radians multiply by pi/180.\n"
        f"{a} * pi / 180 = {_show((math.pi * a) / 180, 5)}.\n"
        f"Rounded to two decimals: {rad} radians."
    )
    return Solution(str(rad), reasoning)


@dataclass(frozen=True)
class RadianToDeg:
    """``radians`` (a decimal, kept as written: ``2.50``) in degrees."""

    radians: Decimal

    def __post_init__(self) -> None:
        if not self.radians.is_finite() or self.radians < 0:
            raise Unreadable("not a plain number of radians")

    def wording(self) -> str:
        return f"Angle {_decimal(self.radians)} radians in degrees is:"


@_register("radian_to_deg", r"^Angle (\d+(?:\.\d+)?) radians in degrees is:$")
def _radian_to_deg(m: re.Match[str], p: Problem) -> RadianToDeg:
    return RadianToDeg(Decimal(m.group(1)))


def _hundredths(x: Decimal, low: int | Decimal, high: int | Decimal) -> bool:
    """Whether ``x`` is a whole number of hundredths in ``low``..``high``."""
    return low <= x <= high and (x * 100) % 1 == 0


@solves(
    T,
    "radian_to_deg",
    RadianToDeg,
    goal="convert the angle from radians to degrees",
    # a whole number of hundredths in 0..6.28
    drawn=drawn(
        rules={
            "radians in 0..6.28, in hundredths": lambda q: _hundredths(
                q.radians, 0, Decimal("6.28")
            )
        }
    ),
)
def radian_to_deg(q: RadianToDeg) -> Solution:
    a = float(q.radians)
    deg = round((180 * a) / math.pi, 2)
    reasoning = (
        "To convert radians to degrees multiply by 180/pi.\n"
        f"{_decimal(q.radians)} * 180 / pi = {_show((180 * a) / math.pi, 5)}.\n"
        f"Rounded to two decimals: {deg} degrees."
    )
    return Solution(str(deg), reasoning)


@dataclass(frozen=True)
class AngleBtwVectors:
    """The angle between the vectors ``u`` and ``v`` (components as written), in radians."""

    u: tuple[Decimal, ...]
    v: tuple[Decimal, ...]

    def __post_init__(self) -> None:
        require_at_most(len(self.u), MAX_ITEMS, "vector components")
        if not self.u or len(self.u) != len(self.v):
            raise Unreadable("vectors of different dimensions")

    def wording(self) -> str:
        u, v = (", ".join(map(_decimal, w)) for w in (self.u, self.v))
        return f"angle between the vectors [{u}] and [{v}] is:"


def _components(text: str) -> tuple[Decimal, ...]:
    # decimal.InvalidOperation, an ArithmeticError, when a component is no number
    return tuple(Decimal(x.strip()) for x in text.split(","))


@_register("angle_btw_vectors", r"^angle between the vectors \[([^\]]*)\] and \[([^\]]*)\] is:$")
def _angle_btw_vectors(m: re.Match[str], p: Problem) -> AngleBtwVectors:
    u = _components(m.group(1))
    require_at_most(len(u), MAX_ITEMS, "vector components")
    return AngleBtwVectors(u, _components(m.group(2)))


@solves(
    T,
    "angle_btw_vectors",
    AngleBtwVectors,
    goal="find the angle between the two vectors",
    # 2..20 components each, every one a whole number of hundredths in 0..1000
    drawn=drawn(
        lengths={"u": (2, 20), "v": (2, 20)},
        rules={
            "components in 0..1000, in hundredths": lambda q: all(
                _hundredths(x, 0, 1000) for x in (*q.u, *q.v)
            )
        },
    ),
)
def angle_btw_vectors(q: AngleBtwVectors) -> Solution:
    v1, v2 = [float(x) for x in q.u], [float(y) for y in q.v]
    dot = 0.0
    for x, y in zip(v1, v2, strict=True):  # accumulate in order, as the generator does
        dot += x * y
    n1, n2 = math.sqrt(sum(x**2 for x in v1)), math.sqrt(sum(y**2 for y in v2))
    if n1 == 0 or n2 == 0:
        raise Unreadable("a zero vector makes no angle")
    cosine = dot / (n1 * n2)
    if abs(cosine) > 1:
        # the generator prints NaN when rounding pushes the cosine past 1 (parallel vectors);
        # plain: the angle of the cosine clamped to [-1, 1], 0 or pi
        clamped = round(math.acos(max(-1.0, min(1.0, cosine))), 2)
        return Solution(
            "NaN",
            "The cosine came out of [-1, 1] by rounding: the vectors are parallel, so the "
            f"angle is {clamped} radians.",
            f"{clamped} radians",
        )
    angle = round(math.acos(cosine), 2)
    reasoning = (
        f"The angle between two {len(v1)}-dimensional vectors u and v satisfies "
        "cos(theta) = (u . v) / (|u| |v|).\n"
        f"Dot product: u . v = {_show(dot)}.\n"
        f"Magnitudes: |u| = {_show(n1)}, |v| = {_show(n2)}.\n"
        f"cos(theta) = {_show(dot)} / ({_show(n1)} * {_show(n2)}) = {_show(dot / (n1 * n2), 4)}.\n"
        f"theta = arccos({_show(dot / (n1 * n2), 4)}) ≈ {angle} radians."
    )
    return Solution(f"{angle} radians", reasoning)


# --- circles --------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaOfCircle:
    """The area of the circle of radius ``radius``."""

    radius: int

    def __post_init__(self) -> None:
        unsigned(self.radius)

    def wording(self) -> str:
        return f"Area of circle with radius {self.radius} ="


@_register("area_of_circle", r"^Area of circle with radius (\d+)\s*=$")
def _area_of_circle(m: re.Match[str], p: Problem) -> AreaOfCircle:
    return AreaOfCircle(int(m.group(1)))


@solves(
    T,
    "area_of_circle",
    AreaOfCircle,
    goal="find the area of the circle",
    drawn=drawn(radius=(0, 100)),
)
def area_of_circle(q: AreaOfCircle) -> Solution:
    r = q.radius
    area = round(math.pi * r * r, 2)
    reasoning = (
        f"The area of a circle is pi r^2; here r = {r}.\n"
        f"Area = pi * {r}^2 = {r * r} pi ≈ {area}.\n"
        f"The area is {area}."
    )
    return Solution(str(area), reasoning)


@dataclass(frozen=True)
class Circumference:
    """The circumference of the circle of radius ``radius``."""

    radius: int

    def __post_init__(self) -> None:
        unsigned(self.radius)

    def wording(self) -> str:
        return f"Circumference of circle with radius {self.radius} ="


@_register("circumference", r"^Circumference of circle with radius (\d+)\s*=$")
def _circumference(m: re.Match[str], p: Problem) -> Circumference:
    return Circumference(int(m.group(1)))


@solves(
    T,
    "circumference",
    Circumference,
    goal="find the circumference of the circle",
    drawn=drawn(radius=(0, 100)),
)
def circumference(q: Circumference) -> Solution:
    r = q.radius
    c = round(2 * math.pi * r, 2)
    reasoning = (
        f"The circumference of a circle is 2 pi r; here r = {r}.\n"
        f"C = 2 * pi * {r} = {2 * r} pi ≈ {c}.\n"
        f"The circumference is {c}."
    )
    return Solution(str(c), reasoning)


@dataclass(frozen=True)
class SectorArea:
    """The area of the sector of radius ``radius`` and angle ``angle`` degrees."""

    radius: int
    angle: int

    def __post_init__(self) -> None:
        unsigned(self.radius, self.angle)

    def wording(self) -> str:
        return (
            f"What is the area of a sector with radius {self.radius} and angle "
            f"{self.angle} degrees?"
        )


@_register(
    "sector_area", r"^What is the area of a sector with radius (\d+) and angle (\d+) degrees\s*\?$"
)
def _sector_area(m: re.Match[str], p: Problem) -> SectorArea:
    return SectorArea(*_ints(m, 1, 2))


@solves(
    T,
    "sector_area",
    SectorArea,
    goal="find the area of the sector",
    drawn=drawn(radius=(1, 49), angle=(1, 359)),
)
def sector_area(q: SectorArea) -> Solution:
    r, a = q.radius, q.angle
    area = round(float((a / 360) * math.pi * r * r), 2)
    reasoning = (
        f"A sector of angle {a} degrees is {a}/360 of the circle of radius {r}.\n"
        f"Area = ({a}/360) * pi * {r}^2 = ({a}/360) * {r * r} pi ≈ {area}.\n"
        f"The sector's area is {area}."
    )
    return Solution(str(area), reasoning)


@dataclass(frozen=True)
class ArcLength:
    """The length of the arc of ``angle`` degrees on the circle of radius ``radius``."""

    radius: int
    angle: int

    def __post_init__(self) -> None:
        unsigned(self.radius, self.angle)

    def wording(self) -> str:
        return (
            f"Given radius, {self.radius} and angle, {self.angle}. "
            "Find the arc length of the angle."
        )


@_register(
    "arc_length",
    r"^Given radius,\s*(\d+) and angle,\s*(\d+)\s*\.\s*Find the arc length of the angle\.?$",
)
def _arc_length(m: re.Match[str], p: Problem) -> ArcLength:
    return ArcLength(*_ints(m, 1, 2))


@solves(
    T,
    "arc_length",
    ArcLength,
    goal="find the arc length",
    drawn=drawn(radius=(1, 49), angle=(1, 359)),
)
def arc_length(q: ArcLength) -> Solution:
    r, a = q.radius, q.angle
    length = f"{float((a / 360) * 2 * math.pi * r):.5f}"
    reasoning = (
        f"An arc of {a} degrees on a circle of radius {r} is {a}/360 of the circumference.\n"
        f"Arc length = ({a}/360) * 2 * pi * {r} ≈ {length}.\n"
        f"The arc length is {length}."
    )
    return Solution(f"Arc length of the angle = {length}", reasoning)


@dataclass(frozen=True)
class AreaOfCircleGivenCenterAndPoint:
    """The area of the circle centred at (``cx``, ``cy``) through (``px``, ``py``); the
    coordinates as written (``1.0`` stays ``1.0``)."""

    cx: Decimal
    cy: Decimal
    px: Decimal
    py: Decimal

    def __post_init__(self) -> None:
        # The point was printed with 2-decimal coordinates off an integer radius: take that
        # radius; a point farther off is no generator's.
        if abs(self.distance - self.radius) > 0.02:
            raise Unreadable("not an integer radius")

    @property
    def distance(self) -> float:
        cx, cy, px, py = (float(x) for x in (self.cx, self.cy, self.px, self.py))
        return math.hypot(px - cx, py - cy)

    @property
    def radius(self) -> int:
        return round(self.distance)

    def wording(self) -> str:
        cx, cy, px, py = (_decimal(x) for x in (self.cx, self.cy, self.px, self.py))
        return f"Area of circle with center ({cx},{cy}) and passing through ({px}, {py}) is"


@_register(
    "area_of_circle_given_center_and_point",
    rf"^Area of circle with center \(\s*({_NUM})\s*,\s*({_NUM})\s*\) and passing through "
    rf"\(\s*({_NUM})\s*,\s*({_NUM})\s*\) is$",
)
def _area_of_circle_given_center_and_point(
    m: re.Match[str], p: Problem
) -> AreaOfCircleGivenCenterAndPoint:
    cx, cy, px, py = (Decimal(g) for g in m.groups())
    return AreaOfCircleGivenCenterAndPoint(cx, cy, px, py)


# The generator's point lies at one of these angles (radians) from the centre.
_POINT_ANGLES = (0.0, 1.0, math.pi, 4.0)


def _drawn_point(q: AreaOfCircleGivenCenterAndPoint) -> bool:
    """Whether the point is the generator's: the centre's integer offset by its radius
    at one of ``_POINT_ANGLES``, each coordinate rounded to 2 places (float noise aside)."""
    r = q.radius
    dx, dy = float(q.px - q.cx), float(q.py - q.cy)
    return any(
        abs(dx - round(r * math.cos(t), 2)) < 1e-6 and abs(dy - round(r * math.sin(t), 2)) < 1e-6
        for t in _POINT_ANGLES
    )


def _whole(x: Decimal, low: int, high: int) -> bool:
    return low <= x <= high and x % 1 == 0


@solves(
    T,
    "area_of_circle_given_center_and_point",
    AreaOfCircleGivenCenterAndPoint,
    goal="find the area of the circle",
    # centre: integers in -10..10; radius 0..10; the point at one of four angles from it
    drawn=drawn(
        rules={
            "centre coordinates are integers in -10..10": lambda q: (
                _whole(q.cx, -10, 10) and _whole(q.cy, -10, 10)
            ),
            "radius in 0..10": lambda q: 0 <= q.radius <= 10,
            "the point is r from the centre at angle 0, 1, pi or 4 (rounded to 2 places)": (
                _drawn_point
            ),
        }
    ),
)
def area_of_circle_given_center_and_point(q: AreaOfCircleGivenCenterAndPoint) -> Solution:
    cx, cy, px, py = (float(x) for x in (q.cx, q.cy, q.px, q.py))
    r = q.radius
    area = round(math.pi * r * r, 2)
    # plain: the circle through the point as printed; the generator's area is that of its
    # integer radius, before it rounded the point's coordinates
    squared = (q.px - q.cx) ** 2 + (q.py - q.cy) ** 2
    true_area = round(math.pi * float(squared), 2)
    reasoning = (
        f"The radius is the distance from the center ({_decimal(q.cx)}, {_decimal(q.cy)}) to "
        f"the point ({_decimal(q.px)}, {_decimal(q.py)}).\n"
        f"r^2 = ({_show(px - cx)})^2 + ({_show(py - cy)})^2 = {_show(float(squared), 4)}, "
        f"so r ≈ {_show(math.sqrt(float(squared)), 3)}.\n"
        f"Area = pi r^2 ≈ {true_area}."
    )
    if true_area != area:
        reasoning += f"\nThe answer key takes the radius as {r}: {r * r} pi ≈ {area}."
    else:
        reasoning += f"\nThe area is {area}."
    return Solution(str(area), reasoning, "" if true_area == area else str(true_area))


# --- solids ---------------------------------------------------------------------------
# Every solid's sizes share one unit, glued to the numbers ("21m"): ``unit``.

# the generators' one unit for solids
_METRES: dict[str, Callable[[Any], bool]] = {"unit is m": lambda q: q.unit == "m"}


@dataclass(frozen=True)
class SurfaceAreaCube:
    """The surface area of the cube of side ``side``."""

    side: int
    unit: str

    def __post_init__(self) -> None:
        unsigned(self.side)
        _check_unit(self.unit)

    def wording(self) -> str:
        return f"Surface area of cube with side = {self.side}{self.unit} is"


@_register("surface_area_cube", rf"^Surface area of cube with side\s*=\s*(\d+)\s*{_UNIT} is$")
def _surface_area_cube(m: re.Match[str], p: Problem) -> SurfaceAreaCube:
    return SurfaceAreaCube(int(m.group(1)), m.group(2))


@solves(
    T,
    "surface_area_cube",
    SurfaceAreaCube,
    goal="find the surface area of the cube",
    drawn=drawn(side=(1, 20), rules=_METRES),
)
def surface_area_cube(q: SurfaceAreaCube) -> Solution:
    a, u = q.side, q.unit
    area = 6 * a**2
    reasoning = (
        f"A cube has 6 square faces of side {a}{u}.\n"
        f"Surface area = 6 * {a}^2 = 6 * {a * a} = {area}.\n"
        f"The surface area is {area}{_unit(u)}^2."
    )
    return Solution(f"{area} {u}^2", reasoning)


@dataclass(frozen=True)
class SurfaceAreaCuboid:
    """The surface area of the cuboid with sides ``a``, ``b``, ``c``."""

    a: int
    b: int
    c: int
    unit: str

    def __post_init__(self) -> None:
        unsigned(self.a, self.b, self.c)
        _check_unit(self.unit)

    def wording(self) -> str:
        a, b, c, u = self.a, self.b, self.c, self.unit
        return f"Surface area of cuboid with sides of lengths: {a}{u}, {b}{u}, {c}{u} is"


@_register(
    "surface_area_cuboid",
    rf"^Surface area of cuboid with sides of lengths:\s*(\d+)\s*{_UNIT}\s*,\s*(\d+)\s*"
    rf"{_UNIT}\s*,\s*(\d+)\s*{_UNIT} is$",
)
def _surface_area_cuboid(m: re.Match[str], p: Problem) -> SurfaceAreaCuboid:
    a, b, c = _ints(m, 1, 3, 5)
    return SurfaceAreaCuboid(a, b, c, m.group(6))


@solves(
    T,
    "surface_area_cuboid",
    SurfaceAreaCuboid,
    goal="find the surface area of the cuboid",
    drawn=drawn(a=(1, 20), b=(1, 20), c=(1, 20), rules=_METRES),
)
def surface_area_cuboid(q: SurfaceAreaCuboid) -> Solution:
    a, b, c, u = q.a, q.b, q.c, q.unit
    area = 2 * (a * b + b * c + c * a)
    reasoning = (
        f"A cuboid with sides {a}, {b}, {c} has surface area 2(ab + bc + ca).\n"
        f"2 * ({a * b} + {b * c} + {c * a}) = 2 * {a * b + b * c + c * a} = {area}.\n"
        f"The surface area is {area}{_unit(u)}^2."
    )
    return Solution(f"{area} {u}^2", reasoning)


@dataclass(frozen=True)
class VolumeCube:
    """The volume of the cube of side ``side``."""

    side: int
    unit: str

    def __post_init__(self) -> None:
        unsigned(self.side)
        _check_unit(self.unit)

    def wording(self) -> str:
        return f"Volume of cube with a side length of {self.side}{self.unit} is"


@_register("volume_cube", rf"^Volume of cube with a side length of (\d+)\s*{_UNIT} is$")
def _volume_cube(m: re.Match[str], p: Problem) -> VolumeCube:
    return VolumeCube(int(m.group(1)), m.group(2))


@solves(
    T,
    "volume_cube",
    VolumeCube,
    goal="find the volume of the cube",
    drawn=drawn(side=(1, 20), rules=_METRES),
)
def volume_cube(q: VolumeCube) -> Solution:
    a, u = q.side, q.unit
    volume = a**3
    reasoning = (
        f"The volume of a cube of side {a} is side^3.\n"
        f"{a}^3 = {volume}.\n"
        f"The volume is {volume}{_unit(u)}^3."
    )
    return Solution(f"{volume} {u}^3", reasoning)


@dataclass(frozen=True)
class VolumeCuboid:
    """The volume of the cuboid with sides ``a``, ``b``, ``c``."""

    a: int
    b: int
    c: int
    unit: str

    def __post_init__(self) -> None:
        unsigned(self.a, self.b, self.c)
        _check_unit(self.unit)

    def wording(self) -> str:
        a, b, c, u = self.a, self.b, self.c, self.unit
        return f"Volume of cuboid with sides = {a}{u}, {b}{u}, {c}{u} is"


@_register(
    "volume_cuboid",
    rf"^Volume of cuboid with sides\s*=\s*(\d+)\s*{_UNIT}\s*,\s*(\d+)\s*{_UNIT}\s*,\s*"
    rf"(\d+)\s*{_UNIT} is$",
)
def _volume_cuboid(m: re.Match[str], p: Problem) -> VolumeCuboid:
    a, b, c = _ints(m, 1, 3, 5)
    return VolumeCuboid(a, b, c, m.group(6))


@solves(
    T,
    "volume_cuboid",
    VolumeCuboid,
    goal="find the volume of the cuboid",
    drawn=drawn(a=(1, 20), b=(1, 20), c=(1, 20), rules=_METRES),
)
def volume_cuboid(q: VolumeCuboid) -> Solution:
    a, b, c, u = q.a, q.b, q.c, q.unit
    volume = a * b * c
    reasoning = (
        "The volume of a cuboid is length * width * height.\n"
        f"{a} * {b} * {c} = {volume}.\n"
        f"The volume is {volume}{_unit(u)}^3."
    )
    return Solution(f"{volume} {u}^3", reasoning)


@dataclass(frozen=True)
class _HeightRadius:
    """A cylinder or a cone of height ``height`` and radius ``radius``."""

    height: int
    radius: int
    unit: str

    def __post_init__(self) -> None:
        unsigned(self.height, self.radius)
        _check_unit(self.unit)

    def _wording(self, quantity: str, solid: str) -> str:
        h, r, u = self.height, self.radius, self.unit
        return f"{quantity} of {solid} with height = {h}{u} and radius = {r}{u} is"


@dataclass(frozen=True)
class SurfaceAreaCylinder(_HeightRadius):
    """The total surface area of the closed cylinder."""

    def wording(self) -> str:
        return self._wording("Surface area", "cylinder")


@dataclass(frozen=True)
class VolumeCylinder(_HeightRadius):
    """The volume of the cylinder."""

    def wording(self) -> str:
        return self._wording("Volume", "cylinder")


@dataclass(frozen=True)
class SurfaceAreaCone(_HeightRadius):
    """The total surface area of the cone."""

    def wording(self) -> str:
        return self._wording("Surface area", "cone")


@dataclass(frozen=True)
class VolumeCone(_HeightRadius):
    """The volume of the cone."""

    def wording(self) -> str:
        return self._wording("Volume", "cone")


def _truncated(exact: float, unit: str, power: int, what: str) -> tuple[str, str, str]:
    """The generator's ``int()`` of ``exact`` as an answer, the closing line of the working,
    and the plain value (the nearest whole number) when the truncation is not it."""
    kept, nearest = int(exact), round(exact)
    if kept == nearest:
        return f"{kept} {unit}^{power}", f"The {what} is {kept}{_unit(unit)}^{power}.", ""
    line = (
        f"To the nearest whole number the {what} is {nearest}{_unit(unit)}^{power}; the answer "
        f"key keeps the whole part, {kept}{_unit(unit)}^{power}."
    )
    return f"{kept} {unit}^{power}", line, f"{nearest} {unit}^{power}"


def _height_radius(solid: str, quantity: str) -> str:
    return (
        rf"^{quantity} of {solid} with height\s*=\s*(\d+)\s*{_UNIT} and radius\s*=\s*"
        rf"(\d+)\s*{_UNIT} is$"
    )


@_register("surface_area_cylinder", _height_radius("cylinder", "Surface area"))
def _surface_area_cylinder(m: re.Match[str], p: Problem) -> SurfaceAreaCylinder:
    return SurfaceAreaCylinder(int(m.group(1)), int(m.group(3)), m.group(2))


@solves(
    T,
    "surface_area_cylinder",
    SurfaceAreaCylinder,
    goal="find the surface area of the cylinder",
    drawn=drawn(height=(1, 50), radius=(1, 20), rules=_METRES),
)
def surface_area_cylinder(q: SurfaceAreaCylinder) -> Solution:
    h, u, r = q.height, q.unit, q.radius
    exact = 2 * math.pi * h * r + 2 * math.pi * r * r
    # generator quirk: int() truncates; plain: the nearest whole number
    answer, closing, plain = _truncated(exact, u, 2, "surface area")
    reasoning = (
        f"A closed cylinder of radius {r} and height {h} has area 2 pi r h + 2 pi r^2.\n"
        f"2 pi * {r} * {h} + 2 pi * {r}^2 = {2 * r * h + 2 * r * r} pi ≈ {_show(exact)}.\n"
        f"{closing}"
    )
    return Solution(answer, reasoning, plain)


@_register("volume_cylinder", _height_radius("cylinder", "Volume"))
def _volume_cylinder(m: re.Match[str], p: Problem) -> VolumeCylinder:
    return VolumeCylinder(int(m.group(1)), int(m.group(3)), m.group(2))


@solves(
    T,
    "volume_cylinder",
    VolumeCylinder,
    goal="find the volume of the cylinder",
    drawn=drawn(height=(1, 50), radius=(1, 20), rules=_METRES),
)
def volume_cylinder(q: VolumeCylinder) -> Solution:
    h, u, r = q.height, q.unit, q.radius
    exact = math.pi * r * r * h
    answer, closing, plain = _truncated(exact, u, 3, "volume")  # int() as the generator
    reasoning = (
        f"The volume of a cylinder is pi r^2 h, with r = {r} and h = {h}.\n"
        f"pi * {r}^2 * {h} = {r * r * h} pi ≈ {_show(exact)}.\n"
        f"{closing}"
    )
    return Solution(answer, reasoning, plain)


@_register("surface_area_cone", _height_radius("cone", "Surface area"))
def _surface_area_cone(m: re.Match[str], p: Problem) -> SurfaceAreaCone:
    return SurfaceAreaCone(int(m.group(1)), int(m.group(3)), m.group(2))


@solves(
    T,
    "surface_area_cone",
    SurfaceAreaCone,
    goal="find the surface area of the cone",
    drawn=drawn(height=(1, 50), radius=(1, 20), rules=_METRES),
)
def surface_area_cone(q: SurfaceAreaCone) -> Solution:
    h, u, r = q.height, q.unit, q.radius
    slant = math.sqrt(h**2 + r**2)
    exact = math.pi * r * slant + math.pi * r * r
    answer, closing, plain = _truncated(exact, u, 2, "surface area")  # int() as the generator
    reasoning = (
        f"A cone of radius {r} and height {h} has slant height l = sqrt({h}^2 + {r}^2) "
        f"= sqrt({h * h + r * r}) ≈ {_show(slant, 4)}.\n"
        f"Surface area = pi r l + pi r^2 = pi * {r} * {_show(slant, 4)} + {r * r} pi "
        f"≈ {_show(exact)}.\n"
        f"{closing}"
    )
    return Solution(answer, reasoning, plain)


@_register("volume_cone", _height_radius("cone", "Volume"))
def _volume_cone(m: re.Match[str], p: Problem) -> VolumeCone:
    return VolumeCone(int(m.group(1)), int(m.group(3)), m.group(2))


@solves(
    T,
    "volume_cone",
    VolumeCone,
    goal="find the volume of the cone",
    drawn=drawn(height=(1, 50), radius=(1, 20), rules=_METRES),
)
def volume_cone(q: VolumeCone) -> Solution:
    h, u, r = q.height, q.unit, q.radius
    exact = math.pi * r * r * h * (1 / 3)
    answer, closing, plain = _truncated(exact, u, 3, "volume")  # int() as the generator
    reasoning = (
        f"The volume of a cone is (1/3) pi r^2 h, with r = {r} and h = {h}.\n"
        f"(1/3) * pi * {r}^2 * {h} = {_show(r * r * h / 3, 4)} pi ≈ {_show(exact)}.\n"
        f"{closing}"
    )
    return Solution(answer, reasoning, plain)


@dataclass(frozen=True)
class VolumeConeFrustum:
    """The volume of the cone frustum of height ``height`` and radii ``r1``, ``r2``."""

    height: int
    r1: int
    r2: int
    unit: str

    def __post_init__(self) -> None:
        unsigned(self.height, self.r1, self.r2)
        _check_unit(self.unit)

    def wording(self) -> str:
        h, r1, r2, u = self.height, self.r1, self.r2, self.unit
        return f"Volume of frustum with height = {h}{u} and r1 = {r1}{u} is and r2 = {r2}{u} is"


@_register(
    "volume_cone_frustum",
    rf"^Volume of frustum with height\s*=\s*(\d+)\s*{_UNIT} and r1\s*=\s*(\d+)\s*{_UNIT} is "
    rf"and r2\s*=\s*(\d+)\s*{_UNIT} is$",
)
def _volume_cone_frustum(m: re.Match[str], p: Problem) -> VolumeConeFrustum:
    a, b, c = _ints(m, 1, 3, 5)
    return VolumeConeFrustum(a, b, c, m.group(2))


@solves(
    T,
    "volume_cone_frustum",
    VolumeConeFrustum,
    goal="find the volume of the frustum of the cone",
    drawn=drawn(height=(1, 50), r1=(1, 20), r2=(1, 20), rules=_METRES),
)
def volume_cone_frustum(q: VolumeConeFrustum) -> Solution:
    h, u, r1, r2 = q.height, q.unit, q.r1, q.r2
    inner = r1**2 + r2**2 + r1 * r2
    volume = round(((math.pi * h) * inner) / 3, 2)
    reasoning = (
        "The volume of a cone frustum is (pi h / 3)(r1^2 + r2^2 + r1 r2).\n"
        f"With h = {h}, r1 = {r1}, r2 = {r2}: r1^2 + r2^2 + r1 r2 = {r1 * r1} + {r2 * r2} + "
        f"{r1 * r2} = {inner}.\n"
        f"V = pi * {h} * {inner} / 3 ≈ {volume}.\n"
        f"The volume is {volume}{_unit(u)}^3."
    )
    return Solution(f"{volume} {u}^3", reasoning)


@dataclass(frozen=True)
class SurfaceAreaSphere:
    """The surface area of the sphere of radius ``radius``; ``rounded`` in the GitHub
    master's wording ("of a sphere"), whose answer is rounded to 2 places."""

    radius: int
    unit: str
    rounded: bool = False

    def __post_init__(self) -> None:
        unsigned(self.radius)
        _check_unit(self.unit)

    def wording(self) -> str:
        sphere = "a sphere" if self.rounded else "Sphere"  # PyPI 1.5.0 says "of Sphere"
        return f"Surface area of {sphere} with radius = {self.radius}{self.unit} is"


# PyPI prints "Surface area of Sphere" unrounded; the GitHub master "of a sphere", rounded.
@_register(
    "surface_area_sphere", rf"^Surface area of (a )?sphere with radius\s*=\s*(\d+)\s*{_UNIT} is$"
)
def _surface_area_sphere(m: re.Match[str], p: Problem) -> SurfaceAreaSphere:
    return SurfaceAreaSphere(int(m.group(2)), m.group(3), rounded=bool(m.group(1)))


@solves(
    T,
    "surface_area_sphere",
    SurfaceAreaSphere,
    goal="find the surface area of the sphere",
    drawn=drawn(radius=(1, 20), rules=_METRES),  # the same in both wordings
)
def surface_area_sphere(q: SurfaceAreaSphere) -> Solution:
    r, u = q.radius, q.unit
    exact = 4 * math.pi * r * r
    area = round(exact, 2) if q.rounded else exact
    reasoning = (
        f"The surface area of a sphere is 4 pi r^2, with r = {r}.\n"
        f"4 * pi * {r}^2 = {4 * r * r} pi ≈ {_show(exact, 4)}.\n"
        f"The surface area is {area}{_unit(u)}^2."
    )
    return Solution(f"{area} {u}^2", reasoning)


@dataclass(frozen=True)
class VolumeSphere:
    """The volume of the sphere of radius ``radius``."""

    radius: int
    unit: str = "m"

    def __post_init__(self) -> None:
        unsigned(self.radius)
        _check_unit(self.unit)

    def wording(self) -> str:
        return f"Volume of sphere with radius {self.radius} {self.unit} ="


@_register("volume_sphere", r"^Volume of sphere with radius (\d+)\s*([a-z]*)\s*=$")
def _volume_sphere(m: re.Match[str], p: Problem) -> VolumeSphere:
    return VolumeSphere(int(m.group(1)), m.group(2) or "m")


@solves(
    T,
    "volume_sphere",
    VolumeSphere,
    goal="find the volume of the sphere",
    drawn=drawn(radius=(1, 100), rules=_METRES),
)
def volume_sphere(q: VolumeSphere) -> Solution:
    r, u = q.radius, q.unit
    exact = (4 * math.pi / 3) * r**3
    volume = round(exact, 2) if github_answers() else exact
    reasoning = (
        f"The volume of a sphere is (4/3) pi r^3, with r = {r}.\n"
        f"(4/3) * pi * {r}^3 = (4/3) * {r**3} pi ≈ {_show(exact, 4)}.\n"
        f"The volume is {volume} {u}^3."
    )
    return Solution(f"{volume} {u}^3", reasoning)


@dataclass(frozen=True)
class VolumeHemisphere:
    """The volume of the hemisphere of radius ``radius``."""

    radius: int
    unit: str = "m"

    def __post_init__(self) -> None:
        unsigned(self.radius)
        _check_unit(self.unit)

    def wording(self) -> str:
        return f"Volume of hemisphere with radius {self.radius} {self.unit} ="


@_register("volume_hemisphere", r"^Volume of hemisphere with radius (\d+)\s*([a-z]*)\s*=$")
def _volume_hemisphere(m: re.Match[str], p: Problem) -> VolumeHemisphere:
    return VolumeHemisphere(int(m.group(1)), m.group(2) or "m")


@solves(
    T,
    "volume_hemisphere",
    VolumeHemisphere,
    goal="find the volume of the hemisphere",
    drawn=drawn(radius=(1, 100), rules=_METRES),
)
def volume_hemisphere(q: VolumeHemisphere) -> Solution:
    r, u = q.radius, q.unit
    exact = (2 * math.pi / 3) * r**3
    volume = round(exact, 2 if github_answers() else 3)
    reasoning = (
        f"A hemisphere is half a sphere: V = (2/3) pi r^3, with r = {r}.\n"
        f"(2/3) * pi * {r}^3 = (2/3) * {r**3} pi ≈ {_show(exact, 4)}.\n"
        f"The volume is {volume} {u}^3."
    )
    return Solution(f"{volume} {u}^3", reasoning)


@dataclass(frozen=True)
class VolumePyramid:
    """The volume of the rectangular pyramid of base ``length`` by ``width``."""

    length: int
    width: int
    height: int
    unit: str

    def __post_init__(self) -> None:
        unsigned(self.length, self.width, self.height)
        _check_unit(self.unit)

    def wording(self) -> str:
        a, b, c, u = self.length, self.width, self.height, self.unit
        return (
            f"Volume of pyramid with base length = {a} {u}, base width = {b} {u} and "
            f"height = {c} {u} is"
        )


@_register(
    "volume_pyramid",
    rf"^Volume of pyramid with base length\s*=\s*(\d+)\s*{_UNIT}\s*,\s*base width\s*=\s*"
    rf"(\d+)\s*{_UNIT} and height\s*=\s*(\d+)\s*{_UNIT} is$",
)
def _volume_pyramid(m: re.Match[str], p: Problem) -> VolumePyramid:
    a, b, c = _ints(m, 1, 3, 5)
    return VolumePyramid(a, b, c, m.group(2))


@solves(
    T,
    "volume_pyramid",
    VolumePyramid,
    goal="find the volume of the pyramid",
    drawn=drawn(length=(1, 20), width=(1, 20), height=(1, 50), rules=_METRES),
)
def volume_pyramid(q: VolumePyramid) -> Solution:
    length, u, width, height = q.length, q.unit, q.width, q.height
    exact = (length * width * height) / 3
    volume = round(exact, 2) if github_answers() else exact
    reasoning = (
        "The volume of a pyramid is (1/3) * base area * height.\n"
        f"Base area = {length} * {width} = {length * width}.\n"
        f"V = {length * width} * {height} / 3 = {length * width * height}/3 ≈ {_show(exact)}.\n"
        f"The volume is {volume}{_unit(u)}^3."
    )
    return Solution(f"{volume} {u}^3", reasoning)


def _third_side(p: int, q: int) -> int | None:
    """The integer third side of a right triangle with sides p and q, if there is one."""
    for square in (p * p + q * q, abs(p * p - q * q)):
        root = math.isqrt(square)
        if root > 0 and root * root == square:
            return root
    return None


@dataclass(frozen=True)
class SurfaceAreaPyramid:
    """The generator's surface area of the rectangular pyramid of base ``length`` by
    ``width`` and height ``height`` (see ``QUIRKS``)."""

    length: int
    width: int
    height: int
    unit: str

    def __post_init__(self) -> None:
        unsigned(self.length, self.width, self.height)
        _check_unit(self.unit)
        if self.length % 2 or self.width % 2:
            raise Unreadable("the generator's pyramids have even base edges")

    @property
    def face_heights(self) -> tuple[int, int] | None:
        """The generator's "triangle heights" on the width and on the length faces."""
        th_w = _third_side(self.height, self.width // 2)
        th_l = _third_side(self.height, self.length // 2)
        return None if th_w is None or th_l is None else (th_w, th_l)

    def wording(self) -> str:
        a, b, h, u = self.length, self.width, self.height, self.unit
        return (
            f"Surface area of pyramid with base length = {a}{u}, base width = {b}{u}, and "
            f"height = {h}{u} is"
        )


@_register(
    "surface_area_pyramid",
    rf"^Surface area of pyramid with base length\s*=\s*(\d+)\s*{_UNIT}\s*,\s*base width\s*="
    rf"\s*(\d+)\s*{_UNIT}\s*,?\s*and height\s*=\s*(\d+)\s*{_UNIT} is$",
)
def _surface_area_pyramid(m: re.Match[str], p: Problem) -> SurfaceAreaPyramid:
    a, b, c = _ints(m, 1, 3, 5)
    return SurfaceAreaPyramid(a, b, c, m.group(2))


# The Pythagorean triples the generator builds its pyramids from.
_PYRAMID_TRIPLES = (
    (3, 4, 5),
    (6, 8, 10),
    (9, 12, 15),
    (12, 16, 20),
    (15, 20, 25),
    (5, 12, 13),
    (10, 24, 26),
    (7, 24, 25),
)


def _drawn_pyramid(q: SurfaceAreaPyramid) -> bool:
    """The height and each half base edge are two different members of one listed triple."""
    return all(
        half != q.height and any({q.height, half} <= set(t) for t in _PYRAMID_TRIPLES)
        for half in (q.width // 2, q.length // 2)
    )


def _area_text(x: float) -> str:
    """An area to 2 places, a whole number without decimals."""
    return str(round(x)) if abs(x - round(x)) < 1e-9 else str(round(x, 2))


@solves(
    T,
    "surface_area_pyramid",
    SurfaceAreaPyramid,
    goal="find the surface area of the pyramid",
    drawn=drawn(
        rules={
            "height and each half base edge lie in one of the generator's triples": (
                _drawn_pyramid
            ),
            **_METRES,
        }
    ),
)
def surface_area_pyramid(q: SurfaceAreaPyramid) -> Solution:
    length, u, width, height = q.length, q.unit, q.width, q.height
    # Generator quirk: it builds the pyramid from Pythagorean triples, and each face's
    # "triangle height" is the third member of the triple holding the height and a half side
    # (which may be a leg, not the hypotenuse); the face on the width uses the half width.
    # The true slant heights: the faces on the length edges rise over half the width.
    s_len = math.hypot(height, width / 2)
    s_wid = math.hypot(height, length / 2)
    true_area = length * width + length * s_len + width * s_wid
    # plain: the true surface area (base plus the four faces on their slant heights)
    plain = f"{_area_text(true_area)} {u}^2"
    faces = q.face_heights
    if faces is None:  # no integer face heights: the generator never draws it (plain only)
        return Solution(
            plain,
            f"A rectangular pyramid with base {length} by {width} and height {height}: surface "
            "area = base + four triangular faces.\n"
            f"Base area = {length} * {width} = {length * width}.\n"
            f"Slant heights: sqrt({height}^2 + {width // 2}^2) ≈ {_show(s_len)} on the "
            f"{length}-edges, sqrt({height}^2 + {length // 2}^2) ≈ {_show(s_wid)} on the "
            f"{width}-edges.\n"
            f"Total = {length * width} + {length} * {_show(s_len)} + {width} * {_show(s_wid)} "
            f"≈ {plain}.",
        )
    th_w, th_l = faces
    answer = length * width + width * th_w + length * th_l
    reasoning = (
        f"A rectangular pyramid with base {length} by {width} and height {height}: surface area "
        "= base + four triangular faces.\n"
        f"Base area = {length} * {width} = {length * width}.\n"
        f"Faces on the {length}-edges have slant height sqrt({height}^2 + {width // 2}^2) ≈ "
        f"{_show(s_len)}; faces on the {width}-edges sqrt({height}^2 + {length // 2}^2) ≈ "
        f"{_show(s_wid)}.\n"
        f"Faces: 2 * (1/2) * {length} * {_show(s_len)} + 2 * (1/2) * {width} * {_show(s_wid)}.\n"
        f"Total ≈ {_show(true_area)}{_unit(u)}^2.\n"
        f"The answer key instead takes face heights {th_w} and {th_l} (the third sides of the "
        f"integer right triangles on {height} and the half edges): {length * width} + "
        f"{width} * {th_w} + {length} * {th_l} = {answer}{_unit(u)}^2."
    )
    return Solution(f"{answer} {u}^2", reasoning, plain)


@dataclass(frozen=True)
class CurvedSurfaceAreaCylinder:
    """The curved (lateral) surface area of the cylinder of radius ``radius``."""

    radius: int
    height: int

    def __post_init__(self) -> None:
        unsigned(self.radius, self.height)

    def wording(self) -> str:
        return (
            f"What is the curved surface area of a cylinder of radius, {self.radius} and "
            f"height, {self.height}?"
        )


@_register(
    "curved_surface_area_cylinder",
    r"^What is the curved surface area of a cylinder of radius,\s*(\d+) and height,\s*"
    r"(\d+)\s*\?$",
)
def _curved_surface_area_cylinder(m: re.Match[str], p: Problem) -> CurvedSurfaceAreaCylinder:
    return CurvedSurfaceAreaCylinder(*_ints(m, 1, 2))


@solves(
    T,
    "curved_surface_area_cylinder",
    CurvedSurfaceAreaCylinder,
    goal="find the curved surface area of the cylinder",
    drawn=drawn(radius=(1, 49), height=(1, 99)),
)
def curved_surface_area_cylinder(q: CurvedSurfaceAreaCylinder) -> Solution:
    r, h = q.radius, q.height
    area = round(float(2 * math.pi * r * h), 2)
    reasoning = (
        f"The curved (lateral) surface of a cylinder is 2 pi r h, with r = {r}, h = {h}.\n"
        f"2 * pi * {r} * {h} = {2 * r * h} pi ≈ {area}.\n"
        f"The curved surface area is {area}."
    )
    return Solution(str(area), reasoning)


# --- lines ----------------------------------------------------------------------------


def _paren(n: int) -> str:
    return f"({n})" if n < 0 else str(n)


def _coefficient(c: int) -> str:
    return {1: "", -1: "-"}.get(c, str(c))


@dataclass(frozen=True)
class EquationOfLineFromTwoPoints:
    """The line through (``x1``, ``y1``) and (``x2``, ``y2``), in the generator's form."""

    x1: int
    y1: int
    x2: int
    y2: int

    def wording(self) -> str:
        return (
            f"What is the equation of the line between points ({self.x1},{self.y1}) and "
            f"({self.x2},{self.y2}) in slope-intercept form?"
        )


@_register(
    "equation_of_line_from_two_points",
    r"^What is the equation of the line between points \(\s*(-?\d+)\s*,\s*(-?\d+)\s*\) "
    r"and \(\s*(-?\d+)\s*,\s*(-?\d+)\s*\) in slope-intercept form\s*\?$",
)
def _equation_of_line_from_two_points(m: re.Match[str], p: Problem) -> EquationOfLineFromTwoPoints:
    return EquationOfLineFromTwoPoints(*_ints(m, 1, 2, 3, 4))


@solves(
    T,
    "equation_of_line_from_two_points",
    EquationOfLineFromTwoPoints,
    goal="find the equation of the line through the two points",
    drawn=drawn(x1=(-20, 20), y1=(-20, 20), x2=(-20, 20), y2=(-20, 20)),
)
def equation_of_line_from_two_points(q: EquationOfLineFromTwoPoints) -> Solution:
    x1, y1, x2, y2 = q.x1, q.y1, q.x2, q.y2
    # The generator writes (x2 - x1) y = (y2 - y1) x + k, divided by the gcd of the two
    # coefficients, with y's coefficient made non-negative; not slope-intercept form.
    cy, cx = x2 - x1, y2 - y1
    k = y2 * cy - x2 * cx
    g = math.gcd(cx, cy)
    if g > 1:  # g divides k as well, so these divisions are exact
        cy, cx, k = cy // g, cx // g, k // g
    if cy < 0:
        cy, cx, k = -cy, -cx, -k
    if cx == 0:
        answer = f"{_coefficient(cy)}y = {k}"
    elif cy == 0:
        answer = f"{_coefficient(cx)}x = {-k}"
    elif k > 0:
        answer = f"{_coefficient(cy)}y = {_coefficient(cx)}x + {k}"
    else:
        answer = f"{_coefficient(cy)}y = {_coefficient(cx)}x {k}"
    # plain: the slope-intercept form the question asks for ("" for coincident points,
    # which determine no line)
    plain = ""
    if x1 == x2 and y1 == y2:
        if max(abs(x1), abs(y1)) > 20:  # beyond the generator's coordinates: refuse
            raise Unreadable("two equal points determine no line")
        true = "the two points coincide, so no single line is determined"
    elif x1 == x2:
        true = f"the line is vertical: x = {x1}"
        plain = f"x = {x1}"
    else:
        slope = Fraction(y2 - y1, x2 - x1)
        intercept = y1 - slope * x1
        plain = _slope_intercept(slope, intercept)
        true = (
            f"slope m = ({y2} - {_paren(y1)})/({x2} - {_paren(x1)}) = {slope}, intercept "
            f"b = y1 - m x1 = {intercept}, so {plain}"
        )
    reasoning = (
        f"We need the line through ({x1}, {y1}) and ({x2}, {y2}).\n"
        f"Here {true}.\n"
        f"In integer form: {answer}."
    )
    return Solution(answer, reasoning, plain)


def _fraction_tex(value: Fraction) -> str:
    """``3``, ``\\frac{2}{3}``; the sign is the caller's."""
    value = abs(value)
    if value.denominator == 1:
        return str(value.numerator)
    return f"\\frac{{{value.numerator}}}{{{value.denominator}}}"


def _slope_intercept(slope: Fraction, intercept: Fraction) -> str:
    """``y = mx + b``: ``y = \\frac{2}{3}x - 4``, ``y = -x``, ``y = 5``."""
    terms = []
    if slope:
        sign = "-" if slope < 0 else ""
        terms.append(f"{sign}{'' if abs(slope) == 1 else _fraction_tex(slope)}x")
    if intercept or not slope:
        if terms:
            terms.append(f"{'-' if intercept < 0 else '+'} {_fraction_tex(intercept)}")
        else:
            terms.append(f"{'-' if intercept < 0 else ''}{_fraction_tex(intercept)}")
    return "y = " + " ".join(terms)


QUIRKS = {
    "area_of_triangle": "PyPI prints the sides as 'a, b c' (a comma missing), the GitHub master "
    "as 'a, b, c'; both are read",
    "angle_regular_polygon": "the answer is 180 - round(360/n, 2) in float arithmetic, so it "
    "prints like 144.0 or 128.57 (or a float artefact), not the exact (n-2)*180/n",
    "surface_area_cylinder": "int() truncation of 2 pi r h + 2 pi r^2, not rounding; plain: the "
    "nearest whole number",
    "volume_cylinder": "int() truncation of pi r^2 h; plain: the nearest whole number",
    "surface_area_cone": "int() truncation of pi r l + pi r^2; plain: the nearest whole number",
    "volume_cone": "int() truncation of pi r^2 h / 3; plain: the nearest whole number",
    "surface_area_sphere": "PyPI ('Surface area of Sphere ...') prints 4 pi r^2 unrounded "
    "(804.247719318987 m^2); the GitHub master ('Surface area of a sphere ...') rounds to 2 places",
    "volume_sphere": "PyPI prints (4 pi / 3) r^3 unrounded; the GitHub master rounds to 2 "
    "places; the question is the same, $LOGICNET_GENERATOR_ANSWERS chooses",
    "volume_hemisphere": "PyPI rounds to 3 places, the GitHub master to 2; same question, "
    "$LOGICNET_GENERATOR_ANSWERS chooses",
    "volume_pyramid": "PyPI prints l*w*h/3 as an unrounded float (1773.3333333333333), the "
    "GitHub master rounds to 2 places; same question, $LOGICNET_GENERATOR_ANSWERS chooses",
    "basic_trigonometry": "PyPI maps the value rounded to 2 places onto LaTeX exact values "
    "(tan 90 -> \\infty); the GitHub master prints round(value) as an integer (sin 30 -> 0, "
    "tan 90 -> 16331239353195370) without $; $LOGICNET_GENERATOR_ANSWERS chooses; plain: the "
    "exact value, tan 90 'undefined'",
    "angle_btw_vectors": "answer carries ' radians'; 'NaN' if acos's argument leaves [-1, 1]",
    "arc_length": "answer is 'Arc length of the angle = x' with x formatted to 5 places",
    "area_of_circle_given_center_and_point": "the point's coordinates are rounded to 2 places "
    "from an integer radius; the generator's area uses that integer radius, so the engine takes "
    "the distance rounded to the nearest integer; plain: pi times the squared distance to the "
    "point as printed",
    "surface_area_pyramid": "answer = L*W + W*t(h, W/2) + L*t(h, L/2) where t is the third side "
    "of the Pythagorean triple containing h and the half side (a leg when h is the hypotenuse); "
    "this is not the true surface area, which is the plain value",
    "equation_of_line_from_two_points": "not slope-intercept: (x2-x1)y = (y2-y1)x + k reduced "
    "by the gcd of the coefficients, y's coefficient made non-negative, coefficient 1 printed "
    "as '' and -1 as '-', a non-positive k glued as 'x -43' or 'x 0'; vertical lines print "
    "'x = c' or '-x = c', coincident points '0y = 0'; plain: y = mx + b (x = c when vertical)",
    "area_of_trapezoid": "(a+b)*h/2 with true division, so always a float: 60.0",
    "volume_cone_frustum": "round(pi h (r1^2 + r2^2 + r1 r2) / 3, 2) with ' m^3'",
    "complementary_and_supplementary_angle": "PyPI's answer is an int, printed bare",
}
