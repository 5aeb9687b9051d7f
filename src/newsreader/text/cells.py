"""Widths in terminal cells, not code points: a CJK character takes two cells,
a combining mark none, and a grapheme cluster is never cut in two.

Rich's cell table is the one Textual paints with, so measuring with it here
keeps every column the CLI and the TUI draw in line with what the terminal
shows. `rich.cells` is a small table module: it loads no console and no Textual
(the layer contract in pyproject.toml allows this one import below the UI).
"""

from __future__ import annotations

ELLIPSIS = "…"

__all__ = ["ELLIPSIS", "cell_len", "fit_cells", "truncate_cells"]


def cell_len(text: str) -> int:
    """Terminal cells `text` takes (imported on first use: a CLI command that
    prints nothing cut to a width never loads it)."""
    from rich.cells import cell_len as measure

    return measure(text)


def truncate_cells(text: str, width: int, ellipsis: str = ELLIPSIS) -> str:
    """`text` cut to at most `width` cells, ending in `ellipsis` when cut.

    Whole grapheme clusters only: a base letter keeps its combining marks, an
    emoji sequence stays whole or goes whole.
    """
    if width <= 0:
        return ""
    if text.isascii() and len(text) <= width and text.isprintable():
        return text  # the common case, without measuring
    if cell_len(text) <= width:
        return text
    room = width - cell_len(ellipsis)
    if room < 0:
        return ""
    from rich.cells import split_graphemes

    spans, _ = split_graphemes(text)
    used = 0
    end = 0
    for start, stop, cells in spans:
        if used + cells > room:
            break
        used += cells
        end = stop
    return text[:end] + ellipsis


def fit_cells(text: str, width: int) -> str:
    """`text` truncated (with an ellipsis) or padded with spaces to exactly `width` cells."""
    cut = truncate_cells(text, width)
    return cut + " " * max(0, width - cell_len(cut))
