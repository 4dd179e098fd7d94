"""Engine recognizers for mathgenerator's `geometry` topic."""

from __future__ import annotations
