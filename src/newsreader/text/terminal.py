"""Making untrusted text safe to show: no escape sequence from an article or a
note may reach the user's terminal (OSC 52 clipboard writes, screen clears...),
and no bidi control may reorder what is printed around it.

The one implementation used by the CLI, the TUI and the exporters.
"""

from __future__ import annotations

import json
import re
from typing import Any

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-byte ESC sequences,
# 8-bit CSI/OSC, then any remaining C0/C1 control except newline and tab.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x9d[^\x07\x9c]*[\x07\x9c]?"
)
# Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): a title
# holding U+202E prints the rest of the line (and the next column) backwards.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")


def strip_control(text: str) -> str:
    """Remove terminal escape sequences, control characters and bidi controls
    (keeps \\n and \\t)."""
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


# Line breaks that are control characters too: spaces on one line, not deleted.
_C1_BREAKS = str.maketrans({"\x85": " ", "\x0b": " ", "\x0c": " "})


def one_line(text: str | None) -> str:
    """Safe text on a single line: controls removed, whitespace runs collapsed."""
    if not text:
        return ""
    return " ".join(strip_control(text.translate(_C1_BREAKS)).split())


def safe_json(value: Any) -> str:
    """JSON with every control character escaped, so it is also safe on a terminal."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
