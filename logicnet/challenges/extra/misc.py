"""Our own generator for the `misc` subtopic PyPI mathgenerator 1.5.0 lacks.

``velocity_of_object`` follows the wording and answer form of the upstream
mathgenerator version that validators used: the distance in metres and the
time in whole seconds, the velocity rounded to two places and printed as a
Python float followed by ``m/s`` (so ``25.0 m/s``, not ``25 m/s``).
"""

from __future__ import annotations

import random

from logicnet.challenges.extra import EXTRA_GENERATORS

__all__ = ["velocity_of_object"]


def velocity_of_object(rng: random.Random) -> tuple[str, str]:
    distance = rng.randint(1, 1000)
    seconds = rng.randint(1, 100)
    velocity = round(distance / seconds, 2)
    problem = (
        f"An object travels at uniform velocity a distance of ${distance} m$ in ${seconds}$ "
        "seconds. What is the velocity of the car? "
    )
    return problem, f"${velocity} m/s$"


EXTRA_GENERATORS[("misc", "velocity_of_object")] = velocity_of_object
