"""Paraphrase readers for mathgenerator's ``geometry`` topic."""

from __future__ import annotations

from logicnet.engine.normalise import Normalised
from logicnet.engine.reading import reader, rx
from logicnet.engine.readers.operands import small_int

T = "geometry"

# "a side length of 6m", "side = 6 m", "edges 6m long", "a 6m cube"
_SIDE = rx(r"(?:side|edge)(?: length)?s?(?: of| =| is| measuring| measures)?\s*(\d+)\s*([a-z]*)\b"
           r"|(\d+)\s*([a-z]*)\s*(?:-\s*)?(?:sided |wide )?cube")


def _cube_side(n: Normalised) -> tuple[int, str] | None:
    found = {(m.group(1) or m.group(3), m.group(2) or m.group(4) or "") for m in
             _SIDE.finditer(n.text)}
    if len(found) != 1:
        return None
    value, unit = found.pop()
    unit = unit if unit in ("m", "cm", "mm", "km", "") else ""
    return small_int(value, max_digits=6), unit


@reader(T, "volume_cube", cues=[r"\bvolume\b", r"\bcubes?\b"],
        avoid=[r"surface|\barea\b|cuboid|cylinder|cone|sphere|pyramid"])
def volume_cube(n: Normalised) -> str | None:
    side = _cube_side(n)
    return None if side is None else f"Volume of cube with a side length of {side[0]}{side[1]} is"


@reader(T, "surface_area_cube", cues=[r"surface area", r"\bcubes?\b"],
        avoid=[r"\bvolume\b|cuboid|cylinder|cone|sphere|pyramid"])
def surface_area_cube(n: Normalised) -> str | None:
    side = _cube_side(n)
    return None if side is None else f"Surface area of cube with side = {side[0]}{side[1]} is"
