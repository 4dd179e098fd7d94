"""Paraphrase readers for mathgenerator's ``misc`` topic."""

from __future__ import annotations
