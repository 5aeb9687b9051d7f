"""Small pieces of wording shared by the CLI and the TUI."""

from __future__ import annotations

from newsreader.text.cells import truncate_cells
from newsreader.text.terminal import one_line


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """ "1 article", "3 articles" ("1 match", "2 matches" with `nouns`)."""
    return f"{n} {noun if n == 1 else (nouns or noun + 's')}"


def excerpt(text: str | None, limit: int = 60) -> str:
    """`text` made safe on one line and cut to `limit` cells with an ellipsis."""
    return truncate_cells(one_line(text), limit)
