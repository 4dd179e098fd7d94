"""Paraphrase readers for mathgenerator's ``computer_science`` topic."""

from __future__ import annotations
