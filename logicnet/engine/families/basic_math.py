"""Engine recognizers for mathgenerator's `basic_math` topic."""

from __future__ import annotations
