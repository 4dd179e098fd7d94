"""Engine: mathgenerator's algebra topic."""

from __future__ import annotations

import pytest

from logicnet.challenges.topics import TOPICS
from tests.engine_harness import check_subtopic

IMPLEMENTED = ("basic_algebra",)


@pytest.mark.parametrize("subtopic", IMPLEMENTED)
def test_subtopic(subtopic: str) -> None:
    assert subtopic in TOPICS["algebra"]
    assert check_subtopic("algebra", subtopic, n=20) == []
