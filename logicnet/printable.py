"""Text from a model or from model-written code, made safe to show: no control characters.

ESC sequences recolour or rewrite a terminal showing the miner's log, BEL rings it, NUL and
other C0/C1 characters confuse graders and log parsers, and bidirectional overrides make text
read differently from what it is. The sandbox's output, every answer and every reasoning pass
through ``printable`` before they reach a validator or a log line.
"""

from __future__ import annotations

import re

__all__ = ["printable"]

# Whole terminal sequences first (CSI "ESC [ ... final", OSC "ESC ] ... BEL|ESC \\", and
# two-character escapes), so no "[31m" is left behind when the ESC goes.
_TERMINAL_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
# C0 but tab and newline, DEL, C1, zero-width and bidirectional controls, BOM, lone surrogates.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)
_LINE_SEPARATORS = re.compile("\r\n?|[\u2028\u2029\x0b\x0c\x85]")


def printable(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` without control characters; line breaks become ``\\n`` (or spaces)."""
    text = _TERMINAL_SEQUENCE.sub("", text)
    text = _LINE_SEPARATORS.sub("\n", text)
    text = _CONTROL.sub("", text)
    if not keep_newlines:
        text = text.replace("\n", " ").replace("\t", " ")
    return text
