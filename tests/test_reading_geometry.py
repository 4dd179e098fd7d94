"""Geometry paraphrases in voices the dev set does not use, and the near misses that must
not be answered (a cube's surface area is not its volume, a hemisphere is not a sphere).

Voices are filled with real generator draws and must get the generator's exact answer
(see ``tests/reading_harness.py``); the dev set itself is read by
``benchmarks/engine_paraphrase.py``, never copied here.
"""

from __future__ import annotations

import pytest

from logicnet.engine import solve
from tests.reading_harness import check_voices, number_word

PREFACE = "Sure! Here's the rephrased question:\n\n"

VOICES: dict[str, tuple[str, list[str]]] = {
    "volume_cube": (r"length of (?P<a>\d+)m", [
        "cube, side {a}m. volume?",
        "Hey!! 🧊 If every edge of a cube is {a} metres long, how much volume does it enclose?",
        "**Volume check**: a cube with side length \\( {a}\\,\\text{{m}} \\). What's V?",
        PREFACE + "\"Find the volume of a cube whose edges measure {a} m.\"",
        "Topic: Geometry, Subtopic: Volume cube.\nWhat volume does a {a}m cube have?",
    ]),
    "surface_area_cube": (r"side = (?P<a>\d+)m", [
        "surface area of a cube w/ side {a} m?",
        "I'm painting a cube whose sides are {a} metres long — what's its total surface area?",
        "Compute the surface area $S$ of a cube with edge $a = {a}\\,m$.",
        "What is the surface area of a cube (side length: `{a}m`)? Please include units.",
    ]),
    "volume_cuboid": (r"sides = (?P<a>\d+)m, (?P<b>\d+)m, (?P<c>\d+)m", [
        "Volume of a cuboid measuring {a}m × {b}m × {c}m?",
        "A rectangular box has length {a} m, width {b} m and height {c} m. What's its volume?",
        "Topic: Geometry, Subtopic: Volume cuboid.\nFind V for a cuboid of sides {a}m, {b}m, {c}m.",
    ]),
    "surface_area_cuboid": (r"lengths: (?P<a>\d+)m, (?P<b>\d+)m, (?P<c>\d+)m", [
        "What's the total surface area of a cuboid with dimensions {a}m, {b}m and {c}m?",
        PREFACE + "How much surface area does a {a} m by {b} m by {c} m cuboid have?",
    ]),
    "volume_cylinder": (r"height = (?P<h>\d+)m and radius = (?P<r>\d+)m", [
        "yo, cylinder with r = {r} m and h = {h} m. volume?",
        "A cylindrical tank stands {h} metres tall with a radius of {r} metres. What is its "
        "volume?",
        "**Cylinder**: radius \\( {r}\\,\\text{{m}} \\), height \\( {h}\\,\\text{{m}} \\). "
        "Find the volume.",
        "Topic: Geometry, Subtopic: Volume cylinder.\nWhat's the volume of a {r}m-radius "
        "cylinder that is {h}m high?",
        "What's the volume of a cylinder whose height is {h}m and whose radius is {r}m? 🤔",
    ]),
    "surface_area_cylinder": (r"height = (?P<h>\d+)m and radius = (?P<r>\d+)m", [
        "Total surface area of a closed cylinder: radius {r} m, height {h} m?",
        "I'm wrapping a cylinder (height {h}m, radius {r}m) — what's the whole surface area?",
        "Find the surface area of a cylinder given h = {h}m and r = {r}m.",
    ]),
    "curved_surface_area_cylinder": (r"radius, (?P<r>\d+) and height, (?P<h>\d+)", [
        "Lateral surface area of a cylinder, radius {r}, height {h}?",
        "If you unroll a cylinder with radius {r} and height {h}, what's its curved surface "
        "area?",
        "Find the curved surface area of a cylinder where r = {r} and h = {h}.",
    ]),
    "volume_cone": (r"height = (?P<h>\d+)m and radius = (?P<r>\d+)m", [
        "cone: height {h}m, radius {r}m — volume?",
        "An ice-cream cone is {h} m tall with a {r} m radius (a giant one!). What's its volume?",
        "What's $V$ for a cone with $r = {r}$ m and $h = {h}$ m?",
    ]),
    "surface_area_cone": (r"height = (?P<h>\d+)m and radius = (?P<r>\d+)m", [
        "What's the total surface area of a cone with radius {r} m and height {h} m?",
        "Surface area of a cone, h = {h}m, r = {r}m?",
    ]),
    "volume_cone_frustum": (r"height = (?P<h>\d+)m and r1 = (?P<r1>\d+)m is and "
                            r"r2 = (?P<r2>\d+)m", [
        "A frustum of a cone has height {h} m and radii {r1} m and {r2} m. What's its volume?",
        "Volume of a frustum: h = {h}m, r1 = {r1}m, r2 = {r2}m?",
        "A truncated cone is {h}m tall; its two radii are {r1}m and {r2}m. Find the volume.",
    ]),
    "surface_area_sphere": (r"radius = (?P<r>\d+)m", [
        "What's the surface area of a ball with radius {r} metres?",
        "Surface area of a sphere, r = {r}m?",
        "Topic: Geometry, Subtopic: Surface area sphere.\nA globe has a {r} m radius. How much "
        "surface area does it have?",
    ]),
    "volume_sphere": (r"radius (?P<r>\d+) m", [
        "How much volume does a sphere of radius {r} m enclose?",
        "vol. of sphere, radius {r}m?",
        PREFACE + "What is the volume of a spherical tank with a radius of {r} metres?",
    ]),
    "volume_hemisphere": (r"radius (?P<r>\d+) m", [
        "What's the volume of a hemisphere with radius {r} m?",
        "A dome shaped like half a sphere has radius {r} m. Find the volume of the hemisphere.",
        "Volume of a hemispherical bowl of radius {r} metres?",
    ]),
    "volume_pyramid": (r"length = (?P<l>\d+) m, base width = (?P<w>\d+) m and height = "
                       r"(?P<h>\d+) m", [
        "A pyramid has a rectangular base {l} m by {w} m and a height of {h} m. Volume?",
        "What's the volume of a pyramid: base length {l}m, base width {w}m, height {h}m?",
    ]),
    "surface_area_pyramid": (r"length = (?P<l>\d+)m, base width = (?P<w>\d+)m, and height = "
                             r"(?P<h>\d+)m", [
        "Find the surface area of a pyramid whose base is {l}m long and {w}m wide and whose "
        "height is {h}m.",
        "Total surface area of a rectangular pyramid (base {l} m × {w} m, height {h} m)?",
    ]),
    "area_of_triangle": (r"lengths: (?P<a>\d+), (?P<b>\d+) (?P<c>\d+)", [
        "Triangle with sides {a}, {b} and {c}: what's its area?",
        "Use Heron's formula to find the area of a triangle whose sides are {a}, {b}, {c}.",
        "What is the area of the triangle with side lengths $a={a}$, $b={b}$, $c={c}$?",
    ]),
    "valid_triangle": (r"sides (?P<a>\d+), (?P<b>\d+) and (?P<c>\d+)", [
        "Can three sticks of lengths {a}, {b} and {c} make a triangle?",
        "Is a triangle with sides {a}, {b}, {c} possible?",
        "Topic: Geometry, Subtopic: Valid triangle.\nDo side lengths {a}, {b} and {c} form a "
        "valid triangle?",
    ]),
    "pythagorean_theorem": (r"lengths (?P<a>\d+) and (?P<b>\d+)", [
        "The legs of a right triangle are {a} and {b}. How long is the hypotenuse?",
        "Find the hypotenuse c of a right-angled triangle with legs a = {a} and b = {b}.",
        "right triangle, legs {a} & {b} — hypotenuse?",
    ]),
    "angle_regular_polygon": (r"with (?P<n>\d+) sides", [
        "What is each interior angle of a regular polygon with {n} sides?",
        "What's the measure of one angle in a regular {word}-sided polygon?",
        "Each angle of a regular {n}-gon is how many degrees?",
    ]),
    "sum_of_polygon_angles": (r"with (?P<n>\d+) sides", [
        "What do the interior angles of a {n}-sided polygon add up to?",
        "Sum of the interior angles of a polygon with {word} sides?",
        "A polygon has {n} sides. What is the total of its interior angles?",
    ]),
    "fourth_angle_of_quadrilateral": (r"angles (?P<a>\d+) , (?P<b>\d+), (?P<c>\d+)", [
        "Three angles of a quadrilateral are {a}°, {b}° and {c}°. What is the fourth?",
        "A quadrilateral has angles {a}, {b}, {c} degrees and one missing angle. Find it.",
    ]),
    "complementary_and_supplementary_angle": (r"The (?P<kind>\w+) angle of (?P<a>\d+)", [
        "Find the {kind} angle of {a}°.",
        "What angle is {kind} to an angle of {a} degrees?",
    ]),
    "perimeter_of_polygons": (r"a (?P<n>\d+) sided polygon with lengths of (?P<s>[\d, ]+)cm", [
        "A polygon has sides {s} cm. What's its perimeter?",
        "Perimeter of a {n}-sided polygon whose sides measure {s}?",
    ]),
    "basic_trigonometry": (r"\\(?P<f>sin|cos|tan)\((?P<a>\d+)\)", [
        "What's the exact value of {f}({a}°)?",
        "Evaluate \\( \\{f}({a}) \\).",
        "quick trig one: {f} {a} degrees = ?",
    ]),
    "degree_to_rad": (r"Angle (?P<a>\d+) degrees", [
        "Convert {a}° to radians.",
        "How many radians is {a} degrees?",
        "Express an angle of {a} degrees in radians, please.",
    ]),
    "radian_to_deg": (r"Angle (?P<a>[\d.]+) radians", [
        "Convert {a} rad to degrees.",
        "How many degrees are there in an angle of {a} radians?",
    ]),
    "circumference": (r"radius (?P<r>\d+)", [
        "Circumference of a circle of radius {r}?",
        "How far is it around a circle with a radius of {r}? (the circumference)",
    ]),
    "area_of_circle": (r"radius (?P<r>\d+)", [
        "Area of a circle, r = {r}?",
        "How much area does a circular disc of radius {r} cover?",
    ]),
    "sector_area": (r"radius (?P<r>\d+) and angle (?P<a>\d+)", [
        "A sector has a central angle of {a}° and radius {r}. What's its area?",
        "Area of a circular sector with r = {r} and an angle of {a} degrees?",
    ]),
    "arc_length": (r"radius, (?P<r>\d+) and angle, (?P<a>\d+)", [
        "What's the length of an arc with radius {r} and angle {a}°?",
        "Find the arc length for a radius of {r} and a central angle of {a} degrees.",
    ]),
    "area_of_circle_given_center_and_point": (r"center \((?P<c>[^)]*)\) and passing through "
                                              r"\((?P<p>[^)]*)\)", [
        "A circle is centred at ({c}) and passes through the point ({p}). What's its area?",
        "What is the area of the circle with centre ({c}) through ({p})?",
    ]),
    "equation_of_line_from_two_points": (r"points \((?P<p>[^)]*)\) and \((?P<q>[^)]*)\)", [
        "Find the equation, in slope-intercept form, of the line through ({p}) and ({q}).",
        "Topic: Geometry, Subtopic: Equation of line from two points.\nWhat line passes "
        "through ({p}) and ({q})? Give its equation.",
    ]),
    "angle_btw_vectors": (r"vectors \[(?P<u>[^\]]*)\] and \[(?P<v>[^\]]*)\]", [
        "Find the angle between u = [{u}] and v = [{v}].",
        "What's the angle (in radians) between the vectors ({u}) and ({v})?",
    ]),
    "area_of_trapezoid": (r"height (?P<h>\d+) and base lengths: (?P<a>\d+), (?P<b>\d+)", [
        "A trapezoid has parallel sides {a} and {b} and a height of {h}. What's its area?",
        "Area of a trapezium with bases {a} and {b}, height {h}?",
    ]),
}


def _extra(fields: dict[str, str]) -> dict[str, str]:
    out = {}
    if "n" in fields:
        out["word"] = number_word(fields["n"])
    if "s" in fields:
        out["s"] = fields["s"].strip()
    return out


@pytest.mark.parametrize("subtopic", sorted(VOICES))
def test_voices_get_the_generator_answer(subtopic: str) -> None:
    parse, voices = VOICES[subtopic]
    failures, answered, asked = check_voices("geometry", subtopic, parse, voices, extra=_extra)
    assert failures == []
    assert answered >= 0.6 * asked, f"lettered coverage {answered}/{asked}"


NEAR_MISSES = [
    "What is the surface area of a cube with a volume of 27 m^3?",
    "What is the volume of a cube with a surface area of 54 m^2?",
    "What is the volume of a cylinder with radius 3 m?",  # no height
    "What's the volume of a cylinder with a diameter of 6 m and height 10 m?",
    "What is the surface area of a cylinder with radius 3m and height 5m, without its top?",
    "Find the lateral area and the volume of a cylinder with radius 3 and height 4.",
    "What is the surface area of a hemisphere with radius 4 m?",
    "What is the volume of a cylinder with radius 3 cm and height 10 cm?",  # not metres
    "Find the slant height of a cone with radius 3m and height 4m.",
    "What is the exterior angle of a regular polygon with 9 sides?",
    "What is the sum of the exterior angles of a polygon with 7 sides?",
    "What is sin(30) in radians, i.e. sin of 30 radians?",
    "Convert pi/3 radians to degrees.",
    "A right triangle has hypotenuse 13 and one leg 5. How long is the other leg?",
    "Find the area of a triangle with base 10 and height 4.",
    "What is the circumference of a circle with diameter 10?",
    "What is the perimeter of a regular hexagon with side 5?",
    "Find the angle between the vectors [1, 2] and [3, 4, 5].",
    "What is the supplementary and the complementary angle of 40?",
    "What is the volume of a sphere with radius 3 m and a cylinder with radius 2 m?",
]


@pytest.mark.parametrize("question", NEAR_MISSES)
def test_near_miss_is_not_answered(question: str) -> None:
    found = solve(question)
    assert found is None, f"{question!r} -> {found.answer!r} by {found.topic}"


def test_a_slope_is_not_the_line_equation() -> None:
    # the algebra family's line reader is not ours to test; no geometry reading may answer
    found = solve("What is the slope of the line through (1, 2) and (3, 8)?")
    assert found is None or not found.topic.startswith("geometry/")


def _answer(question: str) -> str:
    found = solve(question)
    assert found is not None, question
    return found.answer


def test_neighbours_read_apart() -> None:
    """Same operands, different questions: each gets its own subtopic's answer."""
    assert _answer("What is the surface area of a cube with side 3m?") == "54 m^2"
    assert _answer("What is the volume of a cube with side 3m?") == "27 m^3"
    assert _answer("Curved surface area of a cylinder, radius 2, height 5?") == "62.83"
    assert _answer("Total surface area of a cylinder, radius 2 m, height 5 m?") == "87 m^2"
    assert _answer("Volume of a cone with radius 3 m and height 4 m?") == "37 m^3"
    assert _answer("Surface area of a cone with radius 3 m and height 4 m?") == "75 m^2"
    assert _answer("Volume of a sphere with radius 3 m?") == "113.09733552923254 m^3"
    assert _answer("Volume of a hemisphere with radius 3 m?") == "56.549 m^3"
    assert _answer("Convert 90 degrees to radians.") == "1.57"
    assert _answer("Convert 1.57 radians to degrees.") == "89.95"


def test_units_map_back_to_the_generators_metres() -> None:
    glued = _answer("Volume of a cylinder with height 21m and radius 3m?")
    spaced = _answer("Volume of a cylinder with height 21 m and radius 3 m?")
    words = _answer("Volume of a cylinder with height 21 metres and radius 3 metres?")
    bare = _answer("Volume of a cylinder with height 21 and radius 3?")
    assert glued == spaced == words == bare == "593 m^3"


def test_height_and_radius_bind_by_keyword_not_order() -> None:
    a = _answer("A cone's radius is 12 m and its height is 21 m. What's the volume?")
    b = _answer("What's the volume of a cone with a height of 21m and a radius of 12m?")
    c = _answer("cone, 21 m tall, 12 m radius: volume?")
    assert a == b == c == "3166 m^3"


def test_radius_and_height_named_together_is_refused() -> None:
    # "respectively" style: which number is which is not said next to its keyword
    assert solve("A cylinder's radius and height are 3 m and 21 m. What is its volume?") is None


def test_huge_operands_are_refused_fast() -> None:
    assert solve("What is the volume of a cube with side " + "9" * 5000 + " m?") is None
    assert solve("Volume of a sphere with radius 9^9^9^9 m?") is None
