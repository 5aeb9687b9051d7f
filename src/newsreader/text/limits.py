"""One check for text that must make the round trip through the store and an
export: the same limits on every way in (W3C import, the CLI, the TUI)."""

from __future__ import annotations


def text_problem(text: str, what: str, limit: int) -> str | None:
    """Why `text` cannot be stored (one line), or None when it can.

    Too long, or not encodable as UTF-8 (a lone surrogate from a broken JSON
    escape, or bytes that were not UTF-8 in a command-line argument)."""
    if len(text) > limit:
        return f"{what} is too long ({len(text):,} characters; the limit is {limit:,})"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return f"{what} is not valid text (it holds a lone surrogate or bytes that are not UTF-8)"
    return None
