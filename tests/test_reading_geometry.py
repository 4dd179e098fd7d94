# ruff: noqa: E501  (hand-written paraphrases read best on one line each)
"""Geometry paraphrases in voices the dev set does not use, and the near misses that must
not be answered (a cube's surface area is not its volume, a hemisphere is not a sphere).

Voices are filled with real generator draws and must get the generator's exact answer
(see ``tests/reading_harness.py``); the dev set itself is read by
``benchmarks/engine_paraphrase.py``, never copied here. ``tests/data/voices-geometry.jsonl``
holds our own hand-written paraphrases of fresh draws in six small models' voices (Llama's
quoted rephrasing, terse Mistral, Gemma's markdown lists of givens, formal Phi-3, sloppy
lower case with misspellings, a persona's story with incidental numbers).
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest

from logicnet.challenges.topics import topic_pairs
from logicnet.challenges.wrap import insert_random_letter
from logicnet.engine import solve
from logicnet.engine.families import load_all
from logicnet.engine.families.geometry import AreaOfTrapezoid, VolumeConeFrustum
from logicnet.engine.normalise import normalise
from logicnet.engine.problem import TypedProblem
from logicnet.engine.readers.geometry import HEIGHT, RADIUS
from logicnet.engine.readers.quantities import (
    bind,
    index_labels,
    labelled_count,
    misspellings,
    without_story,
)
from logicnet.engine.reading import readers
from tests.reading_harness import check_family_paraphrases, check_voices, number_word

PREFACE = "Sure! Here's the rephrased question:\n\n"

VOICES: dict[str, tuple[str, list[str]]] = {
    "volume_cube": (
        r"length of (?P<a>\d+)m",
        [
            "cube, side {a}m. volume?",
            "Hey!! 🧊 If every edge of a cube is {a} metres long, how much volume does it enclose?",
            "**Volume check**: a cube with side length \\( {a}\\,\\text{{m}} \\). What's V?",
            PREFACE + '"Find the volume of a cube whose edges measure {a} m."',
            "Topic: Geometry, Subtopic: Volume cube.\nWhat volume does a {a}m cube have?",
        ],
    ),
    "surface_area_cube": (
        r"side = (?P<a>\d+)m",
        [
            "surface area of a cube w/ side {a} m?",
            "I'm painting a cube whose sides are {a} metres long — what's its total surface area?",
            "Compute the surface area $S$ of a cube with edge $a = {a}\\,m$.",
            "What is the surface area of a cube (side length: `{a}m`)? Please include units.",
        ],
    ),
    "volume_cuboid": (
        r"sides = (?P<a>\d+)m, (?P<b>\d+)m, (?P<c>\d+)m",
        [
            "Volume of a cuboid measuring {a}m × {b}m × {c}m?",
            "A rectangular box has length {a} m, width {b} m and height {c} m. What's its volume?",
            "Topic: Geometry, Subtopic: Volume cuboid.\nFind V for a cuboid of sides {a}m, {b}m, {c}m.",
        ],
    ),
    "surface_area_cuboid": (
        r"lengths: (?P<a>\d+)m, (?P<b>\d+)m, (?P<c>\d+)m",
        [
            "What's the total surface area of a cuboid with dimensions {a}m, {b}m and {c}m?",
            PREFACE + "How much surface area does a {a} m by {b} m by {c} m cuboid have?",
        ],
    ),
    "volume_cylinder": (
        r"height = (?P<h>\d+)m and radius = (?P<r>\d+)m",
        [
            "yo, cylinder with r = {r} m and h = {h} m. volume?",
            "A cylindrical tank stands {h} metres tall with a radius of {r} metres. What is its "
            "volume?",
            "**Cylinder**: radius \\( {r}\\,\\text{{m}} \\), height \\( {h}\\,\\text{{m}} \\). "
            "Find the volume.",
            "Topic: Geometry, Subtopic: Volume cylinder.\nWhat's the volume of a {r}m-radius "
            "cylinder that is {h}m high?",
            "What's the volume of a cylinder whose height is {h}m and whose radius is {r}m? 🤔",
        ],
    ),
    "surface_area_cylinder": (
        r"height = (?P<h>\d+)m and radius = (?P<r>\d+)m",
        [
            "Total surface area of a closed cylinder: radius {r} m, height {h} m?",
            "I'm wrapping a cylinder (height {h}m, radius {r}m) — what's the whole surface area?",
            "Find the surface area of a cylinder given h = {h}m and r = {r}m.",
        ],
    ),
    "curved_surface_area_cylinder": (
        r"radius, (?P<r>\d+) and height, (?P<h>\d+)",
        [
            "Lateral surface area of a cylinder, radius {r}, height {h}?",
            "If you unroll a cylinder with radius {r} and height {h}, what's its curved surface "
            "area?",
            "Find the curved surface area of a cylinder where r = {r} and h = {h}.",
        ],
    ),
    "volume_cone": (
        r"height = (?P<h>\d+)m and radius = (?P<r>\d+)m",
        [
            "cone: height {h}m, radius {r}m — volume?",
            "An ice-cream cone is {h} m tall with a {r} m radius (a giant one!). What's its volume?",
            "What's $V$ for a cone with $r = {r}$ m and $h = {h}$ m?",
        ],
    ),
    "surface_area_cone": (
        r"height = (?P<h>\d+)m and radius = (?P<r>\d+)m",
        [
            "What's the total surface area of a cone with radius {r} m and height {h} m?",
            "Surface area of a cone, h = {h}m, r = {r}m?",
        ],
    ),
    "volume_cone_frustum": (
        r"height = (?P<h>\d+)m and r1 = (?P<r1>\d+)m is and "
        r"r2 = (?P<r2>\d+)m",
        [
            "A frustum of a cone has height {h} m and radii {r1} m and {r2} m. What's its volume?",
            "Volume of a frustum: h = {h}m, r1 = {r1}m, r2 = {r2}m?",
            "A truncated cone is {h}m tall; its two radii are {r1}m and {r2}m. Find the volume.",
        ],
    ),
    "surface_area_sphere": (
        r"radius = (?P<r>\d+)m",
        [
            "What's the surface area of a ball with radius {r} metres?",
            "Surface area of a sphere, r = {r}m?",
            "Topic: Geometry, Subtopic: Surface area sphere.\nA globe has a {r} m radius. How much "
            "surface area does it have?",
        ],
    ),
    "volume_sphere": (
        r"radius (?P<r>\d+) m",
        [
            "How much volume does a sphere of radius {r} m enclose?",
            "vol. of sphere, radius {r}m?",
            PREFACE + "What is the volume of a spherical tank with a radius of {r} metres?",
        ],
    ),
    "volume_hemisphere": (
        r"radius (?P<r>\d+) m",
        [
            "What's the volume of a hemisphere with radius {r} m?",
            "A dome shaped like half a sphere has radius {r} m. Find the volume of the hemisphere.",
            "Volume of a hemispherical bowl of radius {r} metres?",
        ],
    ),
    "volume_pyramid": (
        r"length = (?P<l>\d+) m, base width = (?P<w>\d+) m and height = "
        r"(?P<h>\d+) m",
        [
            "A pyramid has a rectangular base {l} m by {w} m and a height of {h} m. Volume?",
            "What's the volume of a pyramid: base length {l}m, base width {w}m, height {h}m?",
        ],
    ),
    "surface_area_pyramid": (
        r"length = (?P<l>\d+)m, base width = (?P<w>\d+)m, and height = "
        r"(?P<h>\d+)m",
        [
            "Find the surface area of a pyramid whose base is {l}m long and {w}m wide and whose "
            "height is {h}m.",
            "Total surface area of a rectangular pyramid (base {l} m × {w} m, height {h} m)?",
        ],
    ),
    "area_of_triangle": (
        r"lengths: (?P<a>\d+), (?P<b>\d+) (?P<c>\d+)",
        [
            "Triangle with sides {a}, {b} and {c}: what's its area?",
            "Use Heron's formula to find the area of a triangle whose sides are {a}, {b}, {c}.",
            "What is the area of the triangle with side lengths $a={a}$, $b={b}$, $c={c}$?",
        ],
    ),
    "valid_triangle": (
        r"sides (?P<a>\d+), (?P<b>\d+) and (?P<c>\d+)",
        [
            "Can three sticks of lengths {a}, {b} and {c} make a triangle?",
            "Is a triangle with sides {a}, {b}, {c} possible?",
            "Topic: Geometry, Subtopic: Valid triangle.\nDo side lengths {a}, {b} and {c} form a "
            "valid triangle?",
        ],
    ),
    "pythagorean_theorem": (
        r"lengths (?P<a>\d+) and (?P<b>\d+)",
        [
            "The legs of a right triangle are {a} and {b}. How long is the hypotenuse?",
            "Find the hypotenuse c of a right-angled triangle with legs a = {a} and b = {b}.",
            "right triangle, legs {a} & {b} — hypotenuse?",
        ],
    ),
    "angle_regular_polygon": (
        r"with (?P<n>\d+) sides",
        [
            "What is each interior angle of a regular polygon with {n} sides?",
            "What's the measure of one angle in a regular {word}-sided polygon?",
            "Each angle of a regular {n}-gon is how many degrees?",
        ],
    ),
    "sum_of_polygon_angles": (
        r"with (?P<n>\d+) sides",
        [
            "What do the interior angles of a {n}-sided polygon add up to?",
            "Sum of the interior angles of a polygon with {word} sides?",
            "A polygon has {n} sides. What is the total of its interior angles?",
        ],
    ),
    "fourth_angle_of_quadrilateral": (
        r"angles (?P<a>\d+) , (?P<b>\d+), (?P<c>\d+)",
        [
            "Three angles of a quadrilateral are {a}°, {b}° and {c}°. What is the fourth?",
            "A quadrilateral has angles {a}, {b}, {c} degrees and one missing angle. Find it.",
        ],
    ),
    "complementary_and_supplementary_angle": (
        r"The (?P<kind>\w+) angle of (?P<a>\d+)",
        [
            "Find the {kind} angle of {a}°.",
            "What angle is {kind} to an angle of {a} degrees?",
        ],
    ),
    "perimeter_of_polygons": (
        r"a (?P<n>\d+) sided polygon with lengths of (?P<s>[\d, ]+)cm",
        [
            "A polygon has sides {s} cm. What's its perimeter?",
            "Perimeter of a {n}-sided polygon whose sides measure {s}?",
        ],
    ),
    "basic_trigonometry": (
        r"\\(?P<f>sin|cos|tan)\((?P<a>\d+)\)",
        [
            "What's the exact value of {f}({a}°)?",
            "Evaluate \\( \\{f}({a}) \\).",
            "quick trig one: {f} {a} degrees = ?",
        ],
    ),
    "degree_to_rad": (
        r"Angle (?P<a>\d+) degrees",
        [
            "Convert {a}° to radians.",
            "How many radians is {a} degrees?",
            "Express an angle of {a} degrees in radians, please.",
        ],
    ),
    "radian_to_deg": (
        r"Angle (?P<a>[\d.]+) radians",
        [
            "Convert {a} rad to degrees.",
            "How many degrees are there in an angle of {a} radians?",
        ],
    ),
    "circumference": (
        r"radius (?P<r>\d+)",
        [
            "Circumference of a circle of radius {r}?",
            "How far is it around a circle with a radius of {r}? (the circumference)",
        ],
    ),
    "area_of_circle": (
        r"radius (?P<r>\d+)",
        [
            "Area of a circle, r = {r}?",
            "How much area does a circular disc of radius {r} cover?",
        ],
    ),
    "sector_area": (
        r"radius (?P<r>\d+) and angle (?P<a>\d+)",
        [
            "A sector has a central angle of {a}° and radius {r}. What's its area?",
            "Area of a circular sector with r = {r} and an angle of {a} degrees?",
        ],
    ),
    "arc_length": (
        r"radius, (?P<r>\d+) and angle, (?P<a>\d+)",
        [
            "What's the length of an arc with radius {r} and angle {a}°?",
            "Find the arc length for a radius of {r} and a central angle of {a} degrees.",
        ],
    ),
    "area_of_circle_given_center_and_point": (
        r"center \((?P<c>[^)]*)\) and passing through "
        r"\((?P<p>[^)]*)\)",
        [
            "A circle is centred at ({c}) and passes through the point ({p}). What's its area?",
            "What is the area of the circle with centre ({c}) through ({p})?",
        ],
    ),
    "equation_of_line_from_two_points": (
        r"points \((?P<p>[^)]*)\) and \((?P<q>[^)]*)\)",
        [
            "Find the equation, in slope-intercept form, of the line through ({p}) and ({q}).",
            "Topic: Geometry, Subtopic: Equation of line from two points.\nWhat line passes "
            "through ({p}) and ({q})? Give its equation.",
        ],
    ),
    "angle_btw_vectors": (
        r"vectors \[(?P<u>[^\]]*)\] and \[(?P<v>[^\]]*)\]",
        [
            "Find the angle between u = [{u}] and v = [{v}].",
            "What's the angle (in radians) between the vectors ({u}) and ({v})?",
        ],
    ),
    "area_of_trapezoid": (
        r"height (?P<h>\d+) and base lengths: (?P<a>\d+), (?P<b>\d+)",
        [
            "A trapezoid has parallel sides {a} and {b} and a height of {h}. What's its area?",
            "Area of a trapezium with bases {a} and {b}, height {h}?",
        ],
    ),
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
    "A quadrilateral has angles 90, 90 and 90. Is it a rectangle?",
    "What is the volume of a cylinder if the radius is 3 m and the height is 7 times the radius?",
    "Find the volume of a cylinder of radius 3 m whose height is twice its radius.",
    "Surface area of a cube whose side is 20% longer than 5 m?",
    "What's the volume of a cube with side 6 m in litres?",
    "A cylinder has radius 3 m and height 21 m. What is its diameter?",
    "A cube has side 6 m. What's its volume in litres?",
    "What's the volume of a cylinder with radius 3 m and height 21 m, in cubic centimetres?",
    "A sphere has radius 11 m. What are its volume and surface area?",
    "Find the radius of a circle with circumference 52.",
    "The area of a circle is 50; find the radius.",
    "Find the side of a cube whose surface area is 54 m^2.",
    "What's the height of a cone with volume 37 m^3 and radius 3 m?",
    "What is the area of a triangle with vertices (0,0), (4,0), (0,3)?",
    "Find the perimeter of a rectangle with length 5 and width 3.",
    "What is the interior angle of a regular polygon with 9 sides, in radians?",
    "A sector has radius 8 and arc length 12; find its area.",
    "Find the area of a sector with radius 8 and angle 2 radians.",
    "What is the hypotenuse of a right triangle with legs 3 and 4 and what is its area?",
    "What is the volume of a cube if its surface area is 150 m^2?",
    "What is the perimeter of a circle with radius 5 and the area of a square with side 5?",
    "A triangle has sides 3, 4 and 5. What is its perimeter and area?",
    "What is the circumference of a circle with an area of 78.5?",
    "Find the missing side of a right triangle with hypotenuse 10 and side 6.",
    "What is the volume of a cube with a diagonal of 6 m?",
    "A cube has a volume of 216 m^3. What is its side length?",
    "What is the radius of a sphere with volume 500 m^3?",
    "A cylinder has volume 300 m^3 and radius 5 m. Find its height.",
    "What is the total surface area of a cylinder with radius 3 m?",
    "How many faces does a cube have?",
    "What is the surface area of a cube with side 3 m and the volume of a cube with side 4 m?",
    "Find the diameter of a circle with area 50.",
    "What is the area of a semicircle with radius 4?",
    "Find the length of a chord in a circle of radius 5 at distance 3 from the center.",
    "What is the area of an equilateral triangle with side 6?",
    "Find the interior angle sum of a polygon whose each exterior angle is 30 degrees.",
    "Find the third angle of a triangle with angles 50 and 60.",
    "What is the tangent of the angle whose sine is 0.6?",
    "If sin(x) = 0.5, find x in degrees.",
    "What is 45 degrees in gradians?",
    "How many sides does a polygon with interior angle sum 1800 have?",
    "What's the volume of a box that is 2 m by 3 m?",
    "Find the area of a trapezoid with bases 3 and 5.",
    "Is a triangle with sides 3, 4 and 5 acute, right or obtuse?",
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


def test_topic_line_naming_another_subtopic_is_not_overruled() -> None:
    # the line is copied from the raw question: the paraphrase's words changed, not the task
    text = (
        "Topic: Geometry, Subtopic: Surface area cube.\nWhat is the volume of a cube with side 3 m?"
    )
    assert solve(text) is None
    assert _answer(text.replace("Surface area cube", "Volume cube")) == "27 m^3"


def test_radius_and_height_named_together_is_refused() -> None:
    # which number is which is not said next to its keyword, nor by "respectively"
    assert solve("A cylinder's radius and height are 3 m and 21 m. What is its volume?") is None


def test_respectively_binds_in_the_order_named() -> None:
    text = "A cylinder's radius and height are 3 m and 21 m respectively. What is its volume?"
    assert _answer(text) == "593 m^3"
    assert (
        _answer("A cone has height and radius 21 m and 12 m, respectively. Volume?") == "3166 m^3"
    )


def test_huge_operands_are_refused_fast() -> None:
    assert solve("What is the volume of a cube with side " + "9" * 5000 + " m?") is None
    assert solve("Volume of a sphere with radius 9^9^9^9 m?") is None


# Hand-written voices: (paraphrase, the generator's own wording of the same problem)
CASES = [
    (
        "Compute \\( V = \\pi r^2 h \\) for a cylinder with \\( r = 16\\,\\mathrm{m} \\) and \\( h = 50\\,\\mathrm{m} \\).",
        "Volume of cylinder with height = 50m and radius = 16m is",
    ),
    (
        "$$\\text{Volume} = \\frac{4}{3}\\pi r^3,\\quad r = 69\\text{ m}$$ — what's the volume of this sphere?",
        "Volume of sphere with radius 69 m =",
    ),
    ("Find \\(\\sin 30^{\\circ}\\).", "\\sin(30) ="),
    ("Convert \\(87^\\circ\\) to radians.", "Angle 87 degrees in radians is:"),
    (
        "**Question:** What is the area of a circle with radius $r = 61$?",
        "Area of circle with radius 61 =",
    ),
    (
        "### Geometry\n\nA cone has:\n* radius = 17 m\n* height = 32 m\n\nFind its **surface area**.",
        "Surface area of cone with height = 32m and radius = 17m is",
    ),
    (
        "> What is the sum of the interior angles of an octagon?",
        "What is the sum of interior angles of a polygon with 8 sides?",
    ),
    ("What is $\\tan(90^\\circ)$?", "\\tan(90) ="),
    (
        "Greetings! As a theoretical physicist, I'm pondering a cylindrical container. Its base has a radius of 3 m, and it stands 21 m high. Could you determine its total surface area for me?",
        "Surface area of cylinder with height = 21m and radius = 3m is",
    ),
    (
        "Let me think about this carefully: a cube's edge is 15m. I'd love to know the area of all six faces combined.",
        "Surface area of cube with side = 15m is",
    ),
    (
        "What is the volume of a cone that's 29 m tall with a base radius of 15 m?",
        "Volume of cone with height = 29m and radius = 15m is",
    ),
    (
        "Consider a sphere of radius 10 m. Compute its surface area, S = 4πr².",
        "Surface area of Sphere with radius = 10m is",
    ),
    (
        "A polygon has 12 sides; what's the sum of its interior angles in degrees?",
        "What is the sum of interior angles of a polygon with 12 sides?",
    ),
    (
        "Determine whether the lengths 44, 6 and 50 could be the sides of a triangle.",
        "Does triangle with sides 44, 6 and 50 exist?",
    ),
    ("I'd like the degree measure of 0.31 radians.", "Angle 0.31 radians in degrees is:"),
    ("Turn 213° into radians.", "Angle 213 degrees in radians is:"),
    (
        "I'm a data analyst and I'm puzzled. What's the curved surface area of a cylinder if its radius is 42 and its height is 12?",
        "What is the curved surface area of a cylinder of radius, 42 and height, 12?",
    ),
    (
        "Find the volume of the sphere whose radius is 77 m. Show your work.",
        "Volume of sphere with radius 77 m =",
    ),
    ("Calculate V for a hemisphere (r = 56 m).", "Volume of hemisphere with radius 56 m ="),
    (
        "For a pyramid with a 12 m by 52 m rectangular base and a height of 10 m, what's the total surface area?",
        "Surface area of pyramid with base length = 12m, base width = 52m, and height = 10m is",
    ),
    (
        "What's the measure of each interior angle of a regular 4-sided polygon (a square)?",
        "Find the angle of a regular polygon with 4 sides",
    ),
    (
        "Hmm, if three angles of a four-sided figure (a quadrilateral) are 155°, 63° and 106°, what's the fourth?",
        "Fourth angle of quadrilateral with angles 155 , 63, 106 =",
    ),
    ("What's the supplementary angle to 9°?", "The supplementary angle of 9 ="),
    ("I'm wondering: what is \\(\\sin 90^\\circ\\)?", "\\sin(90) ="),
    ("What is the value of tan 45?", "\\tan(45) ="),
    (
        "What's the circumference of a circle whose radius is 51 units?",
        "Circumference of circle with radius 51 =",
    ),
    (
        "I'd love to know the area enclosed by a circle of radius 88.",
        "Area of circle with radius 88 =",
    ),
    (
        "Given a circle of radius 28, find the area of a sector whose angle is 25 degrees.",
        "What is the area of a sector with radius 28 and angle 25 degrees?",
    ),
    (
        "Compute the length of the arc subtending an angle of 250 degrees in a circle with radius 36.",
        "Given radius, 36 and angle, 250. Find the arc length of the angle.",
    ),
    (
        "The center of a circle is at (-5, -10) and the point (-7.0, -10.0) lies on it. What is the circle's area?",
        "Area of circle with center (-5,-10) and passing through (-7.0, -10.0) is",
    ),
    (
        "Find the slope-intercept equation of the line joining (-17, 2) and (-7, 18).",
        "What is the equation of the line between points (-17,2) and (-7,18) in slope-intercept form?",
    ),
    (
        "A cube has edges of length 6 m. Determine its volume.",
        "Volume of cube with a side length of 6m is",
    ),
    (
        "Given a cube whose side measures 6m, compute V = a³.",
        "Volume of cube with a side length of 6m is",
    ),
    (
        "What's the volume (in cubic metres) of a cube with 6 m sides?",
        "Volume of cube with a side length of 6m is",
    ),
    (
        "Calculate the total surface area of a cylinder with a radius of 3 meters and a height of 21 meters.",
        "Surface area of cylinder with height = 21m and radius = 3m is",
    ),
    (
        "A cylinder has r = 3 m and h = 21 m. Find its surface area (including both bases).",
        "Surface area of cylinder with height = 21m and radius = 3m is",
    ),
    (
        "What is the volume of a right circular cone with base radius 12 m and height 21 m?",
        "Volume of cone with height = 21m and radius = 12m is",
    ),
    (
        "Hey there! 😊 So I've got this sphere, radius's 11 m... what's its surface area?",
        "Surface area of Sphere with radius = 11m is",
    ),
    ("Determine the volume of a sphere of radius r = 11 m.", "Volume of sphere with radius 11 m ="),
    ("What is the area of a circle whose radius is 97 units?", "Area of circle with radius 97 ="),
    (
        "If a circle has a radius of 52, what's its circumference? Use C = 2πr.",
        "Circumference of circle with radius 52 =",
    ),
    (
        "A regular polygon has 9 sides. What is the measure of each interior angle?",
        "Find the angle of a regular polygon with 9 sides",
    ),
    (
        "How many degrees are in each angle of a regular nonagon?",
        "Find the angle of a regular polygon with 9 sides",
    ),
    (
        "Find the sum of the interior angles of a dodecagon.",
        "What is the sum of interior angles of a polygon with 12 sides?",
    ),
    (
        "The angles of a quadrilateral are 170°, 56°, 57° and x. Find x.",
        "Fourth angle of quadrilateral with angles 170 , 56, 57 =",
    ),
    (
        "In quadrilateral ABCD, ∠A = 170°, ∠B = 56°, ∠C = 57°. Find ∠D.",
        "Fourth angle of quadrilateral with angles 170 , 56, 57 =",
    ),
    (
        "Is it possible to form a triangle with side lengths 48, 34 and 18?",
        "Does triangle with sides 48, 34 and 18 exist?",
    ),
    (
        "Do the lengths 44, 6 and 50 satisfy the triangle inequality?",
        "Does triangle with sides 44, 6 and 50 exist?",
    ),
    (
        "Using Heron's formula, compute the area of a triangle with sides a = 17, b = 19, c = 7.",
        "Area of triangle with side lengths: 17, 19 7 =",
    ),
    (
        "What is the length of the hypotenuse in a right triangle with legs measuring 8 and 4?",
        "What is the hypotenuse of a right triangle given the other two sides have lengths 8 and 4?",
    ),
    ("sin 30° = ?", "\\sin(30) ="),
    ("Express 195° in radians (round to 2 decimal places).", "Angle 195 degrees in radians is:"),
    (
        "Convert 3.15 rad into degrees, rounded to two decimal places.",
        "Angle 3.15 radians in degrees is:",
    ),
    (
        "Given r = 45 and θ = 197°, find the arc length.",
        "Given radius, 45 and angle, 197. Find the arc length of the angle.",
    ),
    (
        "Find the volume of a cylinder. Radius: 16 m. Height: 50 m.",
        "Volume of cylinder with height = 50m and radius = 16m is",
    ),
    (
        "Volume of a cylinder? (r=16m, h=50m)",
        "Volume of cylinder with height = 50m and radius = 16m is",
    ),
    (
        "What is the volume of a cylinder with a height of 50 m and a base radius of 16 m? Give your answer to the nearest whole number.",
        "Volume of cylinder with height = 50m and radius = 16m is",
    ),
    (
        "The radius of a sphere is 20 m. What is its surface area?",
        "Surface area of Sphere with radius = 20m is",
    ),
    (
        "Compute the curved (lateral) surface area of a cylinder of radius 5 and height 51.",
        "What is the curved surface area of a cylinder of radius, 5 and height, 51?",
    ),
    (
        "Could you work out the surface area of a cuboid measuring 13 m by 5 m by 11 m?",
        "Surface area of cuboid with sides of lengths: 13m, 5m, 11m is",
    ),
    (
        "A rectangular prism is 9 m long, 2 m wide and 5 m high. What is its volume?",
        "Volume of cuboid with sides = 9m, 2m, 5m is",
    ),
    (
        "Find the area of a sector of a circle with radius 8 cm and central angle 127°.",
        "What is the area of a sector with radius 8 and angle 127 degrees?",
    ),
    (
        "What is the perimeter of a triangle with sides 101, 54 and 40 cm?",
        "The perimeter of a 3 sided polygon with lengths of 101, 54, 40cm is:",
    ),
    ("What is the complement of a 46° angle?", "The complementary angle of 46 ="),
    ("Find the supplement of 113°.", "The supplementary angle of 113 ="),
    (
        "What is the equation of the line through the points (4, -13) and (15, 7) in slope–intercept form?",
        "What is the equation of the line between points (4,-13) and (15,7) in slope-intercept form?",
    ),
    (
        "Find the area of the circle with center (5, -3) that passes through (10.0, -3.0).",
        "Area of circle with center (5,-3) and passing through (10.0, -3.0) is",
    ),
    (
        "Find the pyramid's volume: the base is 14 m × 19 m and the height is 12 m.",
        "Volume of pyramid with base length = 14 m, base width = 19 m and height = 12 m is",
    ),
    ("Hemisphere, radius 32 m: volume = ?", "Volume of hemisphere with radius 32 m ="),
    (
        "A trapezoid's bases are 7 and 13 and its height is 5. What is its area?",
        "Area of trapezoid with height 5 and base lengths: 7, 13, =",
    ),
    (
        "Frustum of a cone: height 10 m, top radius 3 m, bottom radius 5 m. Volume?",
        "Volume of frustum with height = 10m and r1 = 3m is and r2 = 5m is",
    ),
    (
        "As an engineer, I often deal with storage tanks. Suppose a cylindrical tank has a height of 17 m and a radius of 10 m — what would its volume be? Thanks in advance!",
        "Volume of cylinder with height = 17m and radius = 10m is",
    ),
    (
        "**Problem:**\n- Shape: cylinder\n- Height: 17 m\n- Radius: 10 m\n\nWhat is the volume?",
        "Volume of cylinder with height = 17m and radius = 10m is",
    ),
    (
        "What is the volume of a cylinder with \\( h = 17\\,\\text{m} \\) and \\( r = 10\\,\\text{m} \\)? I'm curious!",
        "Volume of cylinder with height = 17m and radius = 10m is",
    ),
    (
        "Topic: Geometry, Subtopic: Surface area cone.\nA cone: 50 m high, base radius 15 m. Total surface area please!",
        "Surface area of cone with height = 50m and radius = 15m is",
    ),
    (
        "Quick one — cube of side 15 m, total surface area?",
        "Surface area of cube with side = 15m is",
    ),
    (
        "Find the volume of a cuboid whose length, width and height are 11 m, 20 m and 8 m.",
        "Volume of cuboid with sides = 11m, 20m, 8m is",
    ),
    (
        "I'm curious about spheres today. If a sphere has radius 69 metres, how big is its volume?",
        "Volume of sphere with radius 69 m =",
    ),
    (
        "What would be the volume of a hemisphere whose radius measures 14 m?",
        "Volume of hemisphere with radius 14 m =",
    ),
    (
        "Oh wow, pyramids! 🏜️ A pyramid with base length 17 m and base width 1 m stands 13 m tall. What's its volume?",
        "Volume of pyramid with base length = 17 m, base width = 1 m and height = 13 m is",
    ),
    (
        "A rectangular-based pyramid: base 30 m by 30 m, height 9 m. What's the total surface area?",
        "Surface area of pyramid with base length = 30m, base width = 30m, and height = 9m is",
    ),
    (
        "What's the interior angle of a regular 19-sided polygon?",
        "Find the angle of a regular polygon with 19 sides",
    ),
    (
        "Sum of interior angles in a hexagon?",
        "What is the sum of interior angles of a polygon with 6 sides?",
    ),
    (
        "Here's a fun one: the legs of a right-angled triangle are 14 and 14 units. What's the hypotenuse?",
        "What is the hypotenuse of a right triangle given the other two sides have lengths 14 and 14?",
    ),
    (
        "Could a triangle have sides of length 42, 33, and 28?",
        "Does triangle with sides 42, 33 and 28 exist?",
    ),
    (
        "What's the area of a triangle having sides 5, 10 and 14?",
        "Area of triangle with side lengths: 5, 10 14 =",
    ),
    ("Evaluate $\\tan(45^\\circ)$.", "\\tan(45) ="),
    ("What's the value of cosine of 90 degrees?", "\\cos(90) ="),
    ("Please convert 87 degrees to radians.", "Angle 87 degrees in radians is:"),
    ("0.31 radians = ? degrees", "Angle 0.31 radians in degrees is:"),
    (
        "What's the area of a sector with a 42-unit radius and a 285° angle?",
        "What is the area of a sector with radius 42 and angle 285 degrees?",
    ),
    ("Circle radius 61: area?", "Area of circle with radius 61 ="),
    ("A circle has radius 55. Find its circumference.", "Circumference of circle with radius 55 ="),
    (
        "What's the arc length of a 199° arc on a circle of radius 40?",
        "Given radius, 40 and angle, 199. Find the arc length of the angle.",
    ),
    (
        "A quadrilateral's first three angles measure 131°, 56° and 18°. What's the last angle?",
        "Fourth angle of quadrilateral with angles 131 , 56, 18 =",
    ),
    (
        "What is the perimeter of an octagon whose sides are 81, 14, 76, 81, 87, 10, 93 and 74 cm?",
        "The perimeter of a 8 sided polygon with lengths of 81, 14, 76, 81, 87, 10, 93, 74cm is:",
    ),
    (
        "What's the angle, in radians, between vectors \\( \\vec{a} = [460.61, 464.1, 597.91, 499.28] \\) and \\( \\vec{b} = [342.61, 320.82, 229.72, 867.82] \\)?",
        "angle between the vectors [460.61, 464.1, 597.91, 499.28] and [342.61, 320.82, 229.72, 867.82] is:",
    ),
    (
        "I need the volume of a cube with 7-metre edges.",
        "Volume of cube with a side length of 7m is",
    ),
    (
        "What is the volume of a cone of radius 1 m and height 5 m?",
        "Volume of cone with height = 5m and radius = 1m is",
    ),
    (
        "Find the surface area of a cone: radius = 9 m, height = 44 m.",
        "Surface area of cone with height = 44m and radius = 9m is",
    ),
]


def _generator_answer(generator_text: str) -> str:
    found = solve(generator_text)
    assert found is not None, generator_text
    return found.answer


@pytest.mark.parametrize(("question", "generator"), CASES)
def test_hand_written_voice_gets_the_generator_answer(question: str, generator: str) -> None:
    found = solve(question)
    assert found is not None, question
    assert found.answer == _generator_answer(generator)


@pytest.mark.parametrize(
    ("text", "radius", "height"),
    [
        ("a cylinder with a height of 21m and a radius of 3m", "3", "21"),
        ("r = 3 m, h = 21 m", "3", "21"),
        ("a 3m-radius cylinder that is 21m high", "3", "21"),
        ("radius, 3 and height, 21", "3", "21"),
        ("21 metres tall with a radius of 3 metres", "3", "21"),
    ],
)
def test_operands_bind_to_their_keyword(text: str, radius: str, height: str) -> None:
    found = bind(text, {"radius": RADIUS, "height": HEIGHT})
    assert found is not None, text
    assert (found["radius"].value, found["height"].value) == (radius, height)


def test_a_number_two_roles_could_take_binds_nothing() -> None:
    assert bind("radius and height are 3 and 21", {"radius": RADIUS, "height": HEIGHT}) is None
    assert bind("radius 3, radius 4, height 5", {"radius": RADIUS, "height": HEIGHT}) is None


def test_lettered_numbers_in_a_paraphrase_are_repaired_before_reading() -> None:
    # the network's letter inside a number of 4+ digits ("19x80") or a unit word ("metrxes")
    assert _answer("Is the year 19x80 a leap year?") == "1980 is a leap year"
    assert solve("What is the surface area of a cube with side 1x5 m?") is None  # not a number
    assert _answer("Volume of a cylinder with height 21 metrxes and radius 3 metres?") == "593 m^3"


# --- six small models' voices (issue 13, item 3): our own dev set ------------------------

VOICES_FILE = Path(__file__).parent / "data" / "voices-geometry.jsonl"
STYLES = {"llama", "mistral", "gemma", "phi3", "sloppy", "persona"}


def _voice_rows() -> list[dict[str, str]]:
    return [json.loads(line) for line in VOICES_FILE.read_text().splitlines() if line.strip()]


def test_voice_file_covers_every_subtopic_in_six_voices() -> None:
    rows = _voice_rows()
    subtopics = {s for t, s in topic_pairs() if t == "geometry"}
    per = Counter(r["topic"] for r in rows)
    assert set(per) == subtopics
    assert min(per.values()) >= 3
    assert {r["style"] for r in rows} == STYLES
    for row in rows[::7]:  # the ground truth is what the generator's own wording gets
        found = solve(row["raw_question"])
        assert found is not None and found.answer == row["ground_truth"], row["id"]


def test_voice_paraphrases_are_read_right() -> None:
    rows = _voice_rows()
    right, wrong = 0, []
    for row in rows:
        found = solve(row["logic_question"])
        if found is None:
            continue
        if found.answer == row["ground_truth"]:
            right += 1
        else:
            wrong.append((row["id"], found.answer, row["ground_truth"]))
    assert wrong == []  # precision 1.0
    assert right >= 0.95 * len(rows), f"correct {right}/{len(rows)}"


def test_voice_paraphrases_with_an_inserted_letter_are_right_or_refused() -> None:
    rng = random.Random(13)
    rows = _voice_rows()
    answered, wrong = 0, []
    for row in rows:
        lettered = insert_random_letter(row["logic_question"], rng)
        found = solve(lettered)
        if found is None:
            continue
        answered += 1
        if found.answer != row["ground_truth"]:
            wrong.append((lettered, found.answer, row["ground_truth"]))
    assert wrong == []
    assert answered >= 0.9 * len(rows)


def test_every_shipped_paraphrase_of_this_family_is_answered_exactly_or_refused() -> None:
    # our voices above and benchmarks/data/paraphrases-varied-voices.jsonl together
    check_family_paraphrases("Geometry")


# A story's numbers never fill a size the question leaves out, misspelt refusal words
# still refuse, and a persona adding things up is not answered as one solid.
VOICE_NEAR_MISSES = [
    "I have 3 cubes, each with a side of 5 m. What is their total volume?",
    "I bought 4 boxes. Each is a cube of side 2 m. What is the combined volume?",
    "I own 2 cylinders. Each has radius 3 m and height 4 m. What is their volume altogether?",
    "I have 2 cones, one with radius 3 m and height 4 m. What is the volume?",
    "My garden is 12 m wide. Find the side of a cube whose surface area is 54 m^2.",
    "I've taught for 20 years. A cube has a volume of 216 m^3. What is its side length?",
    "My 2 kids asked me this today! What's the volume of a box that is 2 m by 3 m?",
    "Back in 1999 I visited 3 museums, so here's my question: what is the volume of a cylinder with radius 3 m?",
    "I am 30 years old. What is the volume of a cylinder with a diameter of 6 m and a height of 10 m?",
    "Base 1: 11, Base 2: 18. What is the area of the trapezoid?",
    "Sides: 5, 7, 9. What is each interior angle of the regular polygon?",
    "What is the volume of a cube with a diagnal of 6 m?",
    "What is the surface area of a cylinder with a diamter of 6 m and a heigth of 10 m?",
    "Find the slnat height of a cone with radius 3 m and height 4 m.",
    "What is the surfce area of a hemisphre with radius 4 m?",
    "What is the curvd surface area of a sphere of radius 3?",
    "What is the circumfrence of a circle with diamter 10?",
    "What is the volume of a cilinder with radius 3 m?",
    "What is the sum of the exterior angles of a polygon with 7 sides? I've drawn 3 of them.",
    "area is 54 sq m, what's the circle's radius?",
    "A cube has a volume of 216 m3; what is its side?",
    # a cone's slant height is not its height, a cube is not a cuboid, a face left out
    "**Problem:** Surface area of a cone\n**Given:**\n* Slant height: 13 m\n* Radius: 5 m",
    "surface area of a cone r=5, slant heigth=13",
    "Curved surface area of a cone with radius 3 and height 4?",
    "Cube: length 3 m, width 4 m, height 5 m. Volume?",
    "What's the surface area of a cube with a side of 3 m? (Exclude the bottom face.)",
    "Surface area of a cuboid 2 m by 3 m by 4 m, not counting the lid?",
    "Total surface area of a cylinder radius 2 m height 5 m, top removed",
    "What is the total surface area of a hemisphere of radius 3 m?",
    "* Radius: 3 m\n* Height: 4 m\n\n**Find:** the volume of the cone and the cylinder",
]


@pytest.mark.parametrize("question", VOICE_NEAR_MISSES)
def test_voice_near_miss_is_not_answered(question: str) -> None:
    found = solve(question)
    assert found is None, f"{question!r} -> {found.answer!r} by {found.topic}"


STORIES = [
    "I've been teaching for 20 years and this one puzzles me. {q}",
    "Back in 1999 I visited 3 museums, so here's my question: {q}",
    "{q} My 2 kids asked me this today!",
]


@pytest.mark.parametrize("story", STORIES)
def test_a_story_does_not_rescue_a_near_miss(story: str) -> None:
    answered = [
        (q, found.answer)
        for q in NEAR_MISSES + VOICE_NEAR_MISSES
        if (found := solve(story.format(q=q))) is not None
    ]
    assert answered == []


def _read(subtopic: str, question: str) -> TypedProblem | None:
    """What the subtopic's reader makes of ``question``: its typed problem (the reader
    alone, whatever the shared layer then checks)."""
    load_all()
    n = normalise(question)
    assert n is not None
    (entry,) = [r for r in readers() if r.topic == "geometry" and r.subtopic == subtopic]
    read = entry.read(n)
    assert not isinstance(read, str), "geometry readers return typed problems"
    return read


def _canonical(subtopic: str, question: str) -> str | None:
    """The generator's own sentence for what the subtopic's reader makes of ``question``."""
    read = _read(subtopic, question)
    return None if read is None else read.wording()


def test_numbered_labels_are_no_operands() -> None:
    assert index_labels("Base 1: 11 Base 2: 18 Height: 18") == "Base : 11 Base : 18 Height: 18"
    assert index_labels("Side 1 = 3, Side 2 = 4, Side 3 = 5") == "Side  = 3, Side  = 4, Side  = 5"
    assert (
        index_labels("a circle of radius 5: find its area") == "a circle of radius 5: find its area"
    )
    trapezoid = "**Trapezoid**\n* Base 1: 11\n* Base 2: 18\n* Height: 18\nArea?"
    frustum = "Frustum: h = 10 m, radius 1 = 3 m, radius 2 = 5 m. Volume?"
    legs = "* Leg 1: 15\n* Leg 2: 10\nHypotenuse of the right triangle?"
    assert _read("area_of_trapezoid", trapezoid) == AreaOfTrapezoid(height=18, a=11, b=18)
    assert _canonical("area_of_trapezoid", trapezoid) == (
        "Area of trapezoid with height 18 and base lengths: 11, 18, ="
    )
    assert _read("volume_cone_frustum", frustum) == VolumeConeFrustum(10, 3, 5, "m")
    assert _canonical("volume_cone_frustum", frustum) == (
        "Volume of frustum with height = 10m and r1 = 3m is and r2 = 5m is"
    )
    points = "Line through point 1 (12, -1) and point 2 (-10, 18), in slope-intercept form?"
    assert _canonical("equation_of_line_from_two_points", points) == (
        "What is the equation of the line between points (12,-1) and (-10,18) in slope-intercept form?"
    )
    assert _canonical("pythagorean_theorem", legs) == (
        "What is the hypotenuse of a right triangle given the other two sides have lengths 15 and 10?"
    )


def test_labelled_counts() -> None:
    assert labelled_count("Number of sides: 13 Find", "sides")[1] == [13]
    assert labelled_count("the number of sides is 9.", "sides")[1] == [9]
    assert labelled_count("n = 7", "sides")[1] == [7]
    assert labelled_count("Sides: 5, 7, 9", "sides")[1] == []
    given = "**Given:**\n* Number of sides: 9\n**Find:** each interior angle of the regular polygon"
    assert _canonical("angle_regular_polygon", given) == (
        "Find the angle of a regular polygon with 9 sides"
    )


def test_a_story_loses_its_numbers_and_nothing_else() -> None:
    told = (
        "I visited Egypt back in 1999 with 12 friends. What is the volume of a cube with side 5 m?"
    )
    assert without_story(told) == (
        "I visited Egypt back in with friends. What is the volume of a cube with side 5 m?"
    )
    # the problem's own numbers, next to a unit, a measuring word, a label, a list or a shape
    for kept in [
        "My tank is 4 m wide. What is its volume?",
        "The radius is 3. What is the volume of a sphere?",
        "Radius: 11. Find: the area.",
        "The sides are 5, 6 and 7. What is the area?",
        "I have 3 cubes. What is the volume of a cube with side 5 m?",
        "What is the volume of a sphere 7 across?",
    ]:
        assert without_story(kept) is None, kept
    assert (
        _answer(
            "I've played football every Sunday since 2010. What's the surface area of a sphere with radius 20 m?"
        )
        == "5026.548245743669 m^2"
    )


def test_misspelt_keywords_read_and_refuse_alike() -> None:
    assert "eight" not in misspellings("height")  # never the first letter
    assert "carved" not in misspellings("curved")  # never another word
    assert {"heigth", "hight", "heigt"} <= set(misspellings("height"))
    assert _answer("surfce area of a cilinder, radius 17 height 10") == "2883 m^2"
    assert _answer("volum of a hemisphre w/ radius 20") == "16755.161 m^3"
    assert _answer("curved surface area of a cylinder radius 10 heigth 66") == "4146.9"
    assert solve("volum of a cube w/ a diagnal of 5 m") is None


def test_abbreviations_of_surface_areas() -> None:
    assert _answer("SA of a cube, edge 1 m?") == "6 m^2"
    assert _answer("CSA of cylinder, radius 41, height 42.") == "10819.65"
    assert solve("CSA of a cube with side 3 m?") is None


def test_a_unit_before_in_binds_its_keyword() -> None:
    found = bind(
        "a cylinder measuring 6 m in radius and 11 m in height",
        {"radius": RADIUS, "height": HEIGHT},
    )
    assert found is not None
    assert (found["radius"].value, found["height"].value) == ("6", "11")
    # no unit: "6 in" may be inches, so nothing binds before "in"
    assert bind("6 in radius and 11 in height", {"radius": RADIUS, "height": HEIGHT}) is None
