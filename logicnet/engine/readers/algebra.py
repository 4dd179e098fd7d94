"""Paraphrase readers for mathgenerator's ``algebra`` topic."""

from __future__ import annotations
