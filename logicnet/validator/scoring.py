"""How the network scores one answer, as pure functions (SPEC §6 and §6b).

Two profiles:
- ``seed``: the rules the seed guide describes (SPEC §6).
- ``network-2025-05``: the live network's later rules (SPEC §6b), the default.

Correctness is decided programmatically when the texts allow it; otherwise
the outcome says a judge is needed (the LLM judge lives elsewhere), so this
module never calls out and never evaluates miner text beyond ``safe_math``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from logicnet.cheats import CHEAT_MARKERS, contains_cheat_marker
from logicnet.validator.safe_math import parse_number, safe_eval

__all__ = [
    "CHEAT_MARKERS",
    "PROFILES",
    "Correctness",
    "ScoringProfile",
    "correctness",
    "looks_like_cheat",
    "relative_score",
    "reward",
]

MAX_TEXT_CHARS = 4000  # longer miner answers are cut before any parsing

_SEED_STRIP = ("$$", "$", "\\[", "\\]", "%")
_NET_STRIP = ("$$", "$", "\\[", "\\]", "%", "m^2", "m^3")
_SEED_NUMBER = re.compile(r"[-+]?\d*\.?\d+|\d+")
_NET_NUMBER = re.compile(r"\d+\.\d+|\d+")



@dataclass(frozen=True)
class Correctness:
    """A programmatic score in [0, 1] (or -1 for a cheat), or the reason a judge must decide."""

    score: float | None
    method: str  # exact | first-number | single-number | expression | cheat | judge
    reason: str = ""

    @property
    def needs_judge(self) -> bool:
        return self.score is None


@dataclass(frozen=True)
class ScoringProfile:
    name: str
    w_similarity: float
    w_correctness: float
    w_time: float


PROFILES: dict[str, ScoringProfile] = {
    "seed": ScoringProfile("seed", 0.2, 0.8, 0.1),
    "network-2025-05": ScoringProfile("network-2025-05", 0.3, 0.7, 0.05),
}


def relative_score(truth: Fraction, answer: Fraction) -> float:
    """clamp(1 - |gt - answer| / (|gt| + 1e-8), 0, 1)."""
    error = abs(float(truth - answer)) / (abs(float(truth)) + 1e-8)
    return min(max(1.0 - error, 0.0), 1.0)


def _strip(text: str, tokens: tuple[str, ...]) -> str:
    for token in tokens:
        text = text.replace(token, "")
    return text


def looks_like_cheat(answer: str) -> bool:
    return contains_cheat_marker(answer)


def _as_text(value: object) -> str:
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    return text[:MAX_TEXT_CHARS]


def correctness(profile: str, truth: object, answer: object) -> Correctness:
    """Programmatic correctness of ``answer`` against ``truth`` under ``profile``."""
    gt, ans = _as_text(truth), _as_text(answer)
    if profile == "seed":
        return _seed_correctness(gt, ans)
    if profile == "network-2025-05":
        return _network_correctness(gt, ans)
    raise ValueError(f"unknown scoring profile {profile!r}")


def _seed_correctness(gt: str, ans: str) -> Correctness:
    g = _SEED_NUMBER.search(_strip(gt, _SEED_STRIP))
    a = _SEED_NUMBER.search(_strip(ans, _SEED_STRIP))
    if g is None or a is None:
        return Correctness(None, "judge", "no number on one side")
    gv, av = parse_number(g.group(0)), parse_number(a.group(0))
    if gv is None or av is None:
        return Correctness(None, "judge", "number did not parse")
    return Correctness(relative_score(gv, av), "first-number")


def _network_correctness(gt: str, ans: str) -> Correctness:
    if gt.strip().lower() == ans.strip().lower():
        return Correctness(1.0, "exact")
    g_text, a_text = _strip(gt, _NET_STRIP), _strip(ans, _NET_STRIP)
    g_nums, a_nums = _NET_NUMBER.findall(g_text), _NET_NUMBER.findall(a_text)
    if not g_nums:
        return Correctness(None, "judge", "ground truth has no number")
    if len(g_nums) == 1 and len(a_nums) == 1:
        gv, av = parse_number(g_nums[0]), parse_number(a_nums[0])
        if gv is not None and av is not None:
            return Correctness(relative_score(gv, av), "single-number")
        return Correctness(None, "judge", "number did not parse")
    if not any(op in text for op in ("**", "^") for text in (g_text, a_text)):
        gv, av = safe_eval(g_text), safe_eval(a_text)
        if gv is not None and av is not None:
            return Correctness(relative_score(gv, av), "expression")
        return Correctness(None, "judge", "not a plain arithmetic expression")
    return Correctness(None, "judge", "powers in the text")


def reward(
    profile: str,
    correctness_score: float,
    similarity: float,
    process_time: float,
    timeout: float,
    epoch_volume: int,
) -> float:
    """One answer's reward: weighted sum, then /2 + 0.5, then the volume scale."""
    p = PROFILES[profile]
    time_share = min(max(process_time, 0.0) / max(timeout, 1e-9), 1.0)
    value = (p.w_similarity * similarity + p.w_correctness * correctness_score
             - p.w_time * time_share)
    value = value / 2 + 0.5
    if value > 0:
        value *= 0.9 + 0.1 * min(max(epoch_volume / 512, 0.0), 1.0)
    return value
