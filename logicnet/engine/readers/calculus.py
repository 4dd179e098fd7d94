"""Paraphrase readers for mathgenerator's ``calculus`` topic."""

from __future__ import annotations
