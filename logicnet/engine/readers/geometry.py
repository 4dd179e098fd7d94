"""Paraphrase readers for mathgenerator's ``geometry`` topic.

Each reader names its solid or figure by its words and synonyms (cues), refuses the
near neighbours that share them (avoid: a cube's volume is not its surface area, a
cylinder's curved surface is not its total surface, a hemisphere is not a sphere), binds
its operands by their keywords (``readers.quantities``) and returns the subtopic's typed
problem (``families.geometry``), units included: every mathgenerator solid is in metres
(its sentence prints ``m`` glued to the number), so a paraphrase in metres ("21 metres",
"21 m") reads as unit ``m`` and one in any other unit is refused.
"""

from __future__ import annotations

import functools

from logicnet.engine.families.geometry import (
    CurvedSurfaceAreaCylinder,
    SurfaceAreaCone,
    SurfaceAreaCube,
    SurfaceAreaCuboid,
    SurfaceAreaCylinder,
    SurfaceAreaPyramid,
    SurfaceAreaSphere,
    VolumeCone,
    VolumeConeFrustum,
    VolumeCube,
    VolumeCuboid,
    VolumeCylinder,
    VolumeHemisphere,
    VolumePyramid,
    VolumeSphere,
)
from logicnet.engine.normalise import Normalised
from logicnet.engine.problem import Unreadable
from logicnet.engine.readers.geometry_plane import (  # also registers the plane readers
    GIVEN,
    reader,
)
from logicnet.engine.readers.operands import small_int
from logicnet.engine.readers.quantities import (
    Quantity,
    bind,
    count_phrase,
    metric,
    quantities,
    sloppy,
    without,
)
from logicnet.engine.reading import rx, unsaid

T = "geometry"
MAX_SIDE_DIGITS = 6  # a length of a million metres is already no generator draw
M = "m"  # the generator's one unit of length for its solids

_rx = functools.lru_cache(maxsize=None)(rx)


def _has(text: str, pattern: str) -> bool:
    return _rx(pattern).search(text) is not None


# --- words --------------------------------------------------------------------------
VOLUME = (
    sloppy("volume", "volumes", "capacity") + r"|\bvol\b|\bV\b\s*(?:for|of|=|\?)|"
    r"\bhow much (?:space|room|water|liquid|air|sand)\b"
)
# "SA", "TSA", "CSA", "LSA": the abbreviations of (total, curved, lateral) surface area
SURFACE = sloppy("surface") + r"|\btotal area\b|(?-i:\b[TCL]?SA\b)"
CURVED = sloppy("curved", "lateral") + r"|(?-i:\b[CL]SA\b)"
CUBE = r"\bcubes?\b|\bcubical\b"
_CUBOID_NAMED = (
    sloppy("cuboid", "cuboids") + r"|\brectangular (?:box|prism|solid|block|parallelepiped)\b"
)
CUBOID = _CUBOID_NAMED + r"|\bbox\b"
CYLINDER = sloppy("cylinder", "cylinders", "cylindrical")
CONE = r"\bcones?\b|\bconical\b"
SPHERE = sloppy("sphere", "spheres", "spherical") + r"|\bballs?\b|\bglobes?\b"
HEMISPHERE = (
    sloppy("hemisphere", "hemispheres", "hemispherical") + r"|\bhemi-spheres?\b|"
    r"\bhalf[- ](?:of )?an? (?:sphere|ball)\b|half-sphere"
)
PYRAMID = sloppy("pyramid", "pyramids")
FRUSTUM = sloppy("frustum", "frustums") + r"|\bfrusta\b|\btruncated cone\b"
OTHER_SOLIDS = {
    "cube": CUBE,
    "cuboid": CUBOID,
    "cylinder": CYLINDER,
    "cone": CONE,
    "sphere": SPHERE,
    "hemisphere": HEMISPHERE,
    "pyramid": PYRAMID,
    "frustum": FRUSTUM,
}
# a solid with a face left out: not the generator's whole surface
OPEN = (
    r"\bwithout\b|\bopen\b|\bno (?:top|lid|base|bottom)\b|\bexclud(?:e|es|ed|ing)\b|"
    r"\bexcept\b|\bomit(?:s|ted|ting)?\b|\bleav(?:e|es|ing) out\b|"
    r"\bnot (?:counting|including)\b|\bapart from\b|\bonly the\b|\bone end\b|"
    r"\b(?:lid|top|bottom|base) (?:is )?(?:missing|removed)\b"
)
RADIUS = sloppy("radius") + r"|\bradii\b|\br\b"
HEIGHT = sloppy("height") + r"|\btall\b|\bhigh\b|\bh\b"
# what the generator never gives for a solid: a question about one is another question
DIAMETER = sloppy("diameter", "diameters")
DIAGONAL = sloppy("diagonal", "diagonals")
SLANT = sloppy("slant")
ROUND = DIAMETER + "|" + sloppy("circumference")
ANGLE = r"\bangles?\b|\bdegrees?\b|\bdeg\b"


def _others(*mine: str) -> list[str]:
    """The other solids' words, one avoid pattern each (each compiled once, however many
    readers avoid it). A cube is a box: "a cube-shaped box" names no second solid."""
    others = [p for name, p in OTHER_SOLIDS.items() if name not in mine]
    return [_CUBOID_NAMED if p == CUBOID and "cube" in mine else p for p in others]


def _solid_units(found: list[Quantity], text: str) -> str | None:
    """ "m" when every number of the text is one of ``found`` and all are in metres."""
    if {q.value for q in quantities(text)} != {q.value for q in found}:
        return None  # a number nobody claims: not the problem we think
    return metric(found)


def _plain(n: Normalised) -> bool:
    """No powers, roots or fractions among the numbers: the generator prints plain integers."""
    return not _has(n.text, r"\d\s*\^\s*[\d{(]|\\sqrt|\\frac|\d\s*/\s*\d|\d\s*!|" + GIVEN)


def _size(q: Quantity) -> int:
    value = small_int(q.value, MAX_SIDE_DIGITS)
    if value < 0:
        raise Unreadable("a negative length")
    return value


def _roles(n: Normalised, roles: dict[str, str]) -> dict[str, int] | None:
    if _has(unsaid(n.text), f"{ROUND}|{SLANT}|{DIAGONAL}"):  # "(not the slant height)" is no slant
        return None  # the generator gives radius and height only
    found = bind(n.text, roles) if _plain(n) else None
    if found is None or _solid_units(list(found.values()), n.text) is None:
        return None
    return {name: _size(q) for name, q in found.items()}


def _one_length(n: Normalised) -> int | None:
    if _has(n.text, f"{DIAGONAL}|{DIAMETER}|" + sloppy("perimeter")):
        return None
    found = quantities(n.text) if _plain(n) else []
    if len({q.value for q in found}) != 1 or metric(found) is None:
        return None
    return _size(found[0])


def _lengths(n: Normalised, count: int) -> list[int] | None:
    if _has(n.text, f"{DIAGONAL}|{SLANT}"):
        return None
    found = quantities(n.text) if _plain(n) else []
    if len(found) != count or metric(found) is None:
        return None
    return [_size(q) for q in found]


# --- cubes and cuboids --------------------------------------------------------------


@reader(
    T,
    "volume_cube",
    need=[VOLUME, CUBE],
    cues=[VOLUME, CUBE],
    avoid=[SURFACE, r"\barea\b", r"\broots?\b", *_others("cube")],
)
def volume_cube(n: Normalised) -> VolumeCube | None:
    side = _one_length(n)
    return None if side is None else VolumeCube(side, M)


@reader(
    T,
    "surface_area_cube",
    need=[CUBE],
    cues=[SURFACE, r"\barea\b", CUBE],
    avoid=[VOLUME, CURVED, OPEN, r"\broots?\b", *_others("cube")],
)
def surface_area_cube(n: Normalised) -> SurfaceAreaCube | None:
    if not _has(n.text, SURFACE) and not _has(n.text, r"\b(?:6|all) faces\b|\ball 6 faces\b"):
        return None
    text, counts = count_phrase(n.text, r"faces|square faces|sides|edges")
    if any(c != 6 and c != 12 for c in counts):
        return None
    side = _one_length(Normalised(text, n.topic_hint, n.subtopic_hint))
    return None if side is None else SurfaceAreaCube(side, M)


@reader(
    T,
    "volume_cuboid",
    need=[VOLUME, CUBOID],
    cues=[VOLUME, CUBOID],
    avoid=[SURFACE, r"\barea\b", *_others("cuboid")],
)
def volume_cuboid(n: Normalised) -> VolumeCuboid | None:
    sides = _lengths(n, 3)
    if sides is None:
        return None
    a, b, c = sides
    return VolumeCuboid(a, b, c, M)


@reader(
    T,
    "surface_area_cuboid",
    need=[SURFACE, CUBOID],
    cues=[SURFACE, r"\barea\b", CUBOID],
    avoid=[VOLUME, CURVED, OPEN, *_others("cuboid")],
)
def surface_area_cuboid(n: Normalised) -> SurfaceAreaCuboid | None:
    sides = _lengths(n, 3) if _has(n.text, SURFACE) else None
    if sides is None:
        return None
    a, b, c = sides
    return SurfaceAreaCuboid(a, b, c, M)


# --- cylinders and cones --------------------------------------------------------------

_RH = {"radius": RADIUS, "height": HEIGHT}


@reader(
    T,
    "volume_cylinder",
    need=[VOLUME, CYLINDER],
    cues=[VOLUME, CYLINDER],
    avoid=[SURFACE, r"\barea\b", *_others("cylinder")],
)
def volume_cylinder(n: Normalised) -> VolumeCylinder | None:
    v = _roles(n, _RH)
    return None if v is None else VolumeCylinder(v["height"], v["radius"], M)


@reader(
    T,
    "surface_area_cylinder",
    need=[SURFACE, CYLINDER],
    cues=[SURFACE, r"\barea\b", CYLINDER],
    avoid=[VOLUME, CURVED, r"\bside surface\b", OPEN, *_others("cylinder")],
)
def surface_area_cylinder(n: Normalised) -> SurfaceAreaCylinder | None:
    v = _roles(n, _RH) if _has(n.text, SURFACE) else None
    return None if v is None else SurfaceAreaCylinder(v["height"], v["radius"], M)


@reader(
    T,
    "curved_surface_area_cylinder",
    need=[CURVED, CYLINDER],
    cues=[CURVED, r"\barea\b", CYLINDER],
    avoid=[VOLUME, r"\btotal\b", *_others("cylinder")],
)
def curved_surface_area_cylinder(n: Normalised) -> CurvedSurfaceAreaCylinder | None:
    v = _roles(n, _RH)
    return None if v is None else CurvedSurfaceAreaCylinder(v["radius"], v["height"])


@reader(
    T,
    "volume_cone",
    need=[VOLUME, CONE],
    cues=[VOLUME, CONE],
    avoid=[SURFACE, r"\barea\b", *_others("cone")],
)
def volume_cone(n: Normalised) -> VolumeCone | None:
    v = _roles(n, _RH)
    return None if v is None else VolumeCone(v["height"], v["radius"], M)


@reader(
    T,
    "surface_area_cone",
    need=[SURFACE, CONE],
    cues=[SURFACE, r"\barea\b", CONE],
    avoid=[VOLUME, CURVED, OPEN, *_others("cone")],
)
def surface_area_cone(n: Normalised) -> SurfaceAreaCone | None:
    v = _roles(n, _RH) if _has(n.text, SURFACE) else None
    return None if v is None else SurfaceAreaCone(v["height"], v["radius"], M)


@reader(
    T,
    "volume_cone_frustum",
    need=[VOLUME, FRUSTUM],
    cues=[VOLUME, FRUSTUM],
    avoid=[SURFACE, r"\barea\b"],
)
def volume_cone_frustum(n: Normalised) -> VolumeConeFrustum | None:
    if not _plain(n) or not _has(n.text, r"\bradius\b|\bradii\b|\br_?\{?[12]\}?\b"):
        return None
    text = without(n.text, r"\br_?\{?([12])\}?\s*(?==|is\b|of\b)")  # "r1 =" labels, not numbers
    text, counts = count_phrase(text, r"radii|different radii|circular (?:faces|ends|bases)")
    if any(c != 2 for c in counts):
        return None
    found = bind(text, {"height": HEIGHT})
    if found is None or _has(text, f"{DIAMETER}|{SLANT}"):
        return None
    height = found["height"]
    radii = [q for q in quantities(text) if q.start != height.start]
    if len(radii) != 2 or metric([height, *radii]) is None:
        return None
    r1, r2 = (_size(q) for q in radii)
    return VolumeConeFrustum(_size(height), r1, r2, M)


# --- spheres and pyramids -------------------------------------------------------------


def _radius(n: Normalised) -> int | None:
    if _has(n.text, ROUND):
        return None
    return _one_length(n)


@reader(
    T,
    "volume_sphere",
    need=[VOLUME, SPHERE],
    cues=[VOLUME, SPHERE],
    avoid=[SURFACE, r"\barea\b", *_others("sphere")],
)
def volume_sphere(n: Normalised) -> VolumeSphere | None:
    r = _radius(n)
    return None if r is None else VolumeSphere(r, M)


@reader(
    T,
    "surface_area_sphere",
    need=[SURFACE, SPHERE],
    cues=[SURFACE, r"\barea\b", SPHERE],
    avoid=[VOLUME, CURVED, *_others("sphere")],
)
def surface_area_sphere(n: Normalised) -> SurfaceAreaSphere | None:
    r = _radius(n) if _has(n.text, SURFACE) else None
    # PyPI 1.5.0's question, whose answer is the unrounded 4 pi r^2
    return None if r is None else SurfaceAreaSphere(r, M, rounded=False)


@reader(
    T,
    "volume_hemisphere",
    need=[VOLUME, HEMISPHERE],
    cues=[VOLUME, HEMISPHERE],
    avoid=[SURFACE, r"\barea\b", *_others("hemisphere", "sphere")],
)
def volume_hemisphere(n: Normalised) -> VolumeHemisphere | None:
    r = _radius(n)
    return None if r is None else VolumeHemisphere(r, M)


@reader(
    T,
    "volume_pyramid",
    need=[VOLUME, PYRAMID],
    cues=[VOLUME, PYRAMID],
    avoid=[SURFACE, r"\barea\b"],
)
def volume_pyramid(n: Normalised) -> VolumePyramid | None:
    if _has(n.text, rf"\btriangular\b|\bhexagonal\b|{SLANT}"):
        return None
    sides = _lengths(n, 3)  # l * w * h / 3 is symmetric: which is which does not matter
    if sides is None:
        return None
    a, b, c = sides
    return VolumePyramid(a, b, c, M)


@reader(
    T,
    "surface_area_pyramid",
    need=[SURFACE, PYRAMID],
    cues=[SURFACE, r"\barea\b", PYRAMID],
    avoid=[VOLUME, OPEN, CURVED, SLANT],
)
def surface_area_pyramid(n: Normalised) -> SurfaceAreaPyramid | None:
    # "base + 4 triangle faces": a rectangular base has four; any other count is not this one
    text, counts = count_phrase(n.text, r"(?:triangular|triangle|lateral|side|slanted) faces")
    if any(c != 4 for c in counts):
        return None
    if not _has(text, SURFACE) or _has(text, r"\btriangular\b|\bhexagonal\b"):
        return None
    n = Normalised(text, n.topic_hint, n.subtopic_hint)
    found = bind(n.text, {"height": HEIGHT})
    sides = _lengths(n, 3)
    if found is None or sides is None:
        return None
    height = _size(found["height"])
    if height not in sides:
        return None
    rest = list(sides)
    rest.remove(height)
    a, b = rest  # the generator's answer is symmetric in base length and width
    return SurfaceAreaPyramid(a, b, height, M)
