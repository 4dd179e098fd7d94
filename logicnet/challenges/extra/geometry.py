"""Geometry generators that PyPI mathgenerator 1.5.0 lacks, in the upstream GitHub style.

Validators install mathgenerator from its GitHub master, whose ``geometry.py``
has ``volume_cone_frustum`` and ``area_of_trapezoid``. These functions draw
the same parameter ranges and print the same question and answer text (with
its ``$`` signs), so the engine can be tested against them.
"""

from __future__ import annotations

import math
import random

from logicnet.challenges.extra import EXTRA_GENERATORS

__all__ = ["area_of_trapezoid", "volume_cone_frustum"]


def volume_cone_frustum(rng: random.Random) -> tuple[str, str]:
    """Frustum of a cone: height 1..50 m, radii 1..20 m; volume rounded to 2 places."""
    height = rng.randint(1, 50)
    r1 = rng.randint(1, 20)
    r2 = rng.randint(1, 20)
    # Same float evaluation order as upstream: (pi*h) * (r1^2 + r2^2 + r1*r2), then / 3.
    volume = round(((math.pi * height) * (r1**2 + r2**2 + r1 * r2)) / 3, 2)
    # Upstream's odd wording ("... is and ... is ") is kept: it is what validators send.
    problem = (
        f"Volume of frustum with height $= {height}m$ and $r1 = {r1}m$ is and $r2 = {r2}m$ is "
    )
    return problem, f"${volume} m^3$"


def area_of_trapezoid(rng: random.Random) -> tuple[str, str]:
    """Trapezoid with bases and height 1..20; the area prints as a float (``60.0``)."""
    base_a = rng.randint(1, 20)
    base_b = rng.randint(1, 20)
    height = rng.randint(1, 20)
    area = (base_a + base_b) * height / 2  # true division: always a float, e.g. 60.0
    problem = f"Area of trapezoid with height ${height}$ and base lengths: ${base_a}, {base_b}, = $"
    return problem, f"${round(area, 2)}$"


EXTRA_GENERATORS[("geometry", "volume_cone_frustum")] = volume_cone_frustum
EXTRA_GENERATORS[("geometry", "area_of_trapezoid")] = area_of_trapezoid
