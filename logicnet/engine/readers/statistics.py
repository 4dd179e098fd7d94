"""Paraphrase readers for mathgenerator's ``statistics`` topic."""

from __future__ import annotations
