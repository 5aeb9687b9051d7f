"""What a reader row shows and where it breaks (no Textual).

Body text is untrusted: `display_text` maps every character that must not
reach the terminal to a visible one-cell mark, so that body offsets and screen
columns stay in step. `wrap` cuts one block into rows of at most `measure`
terminal cells, and `text_column` says where that column sits in a pane.
Everything here is unit-tested without a terminal.
"""

from __future__ import annotations

import re

from rich.cells import get_character_cell_size, split_graphemes

from newsreader.text.cells import cell_len
from newsreader.text.terminal import BIDI_CONTROLS

__all__ = ["MARGIN", "MAX_MEASURE", "display_text", "is_narrow", "text_column", "wrap"]

MAX_MEASURE = 72
MARGIN = 2

# This is a display mapping, not `strip_control`: removing characters would
# move every offset after them. Control characters ("\x1b[2J" would clear the
# terminal) show as their Control Picture, C1 controls as U+FFFD. Bidi
# embeddings, overrides and isolates would reorder the rest of the row and are
# zero cells wide, so they show as U+FFFD too (the set is the one
# `newsreader.text.terminal` strips elsewhere).
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
_CONTROL_MAP = {c: 0x2400 + c for c in range(0x20)}
_CONTROL_MAP.update({0x09: 0x20, 0x7F: 0x2421})
_CONTROL_MAP.update({c: 0xFFFD for c in range(0x80, 0xA0)})
_CONTROL_MAP.update({ord(c): 0xFFFD for c in map(chr, range(0x2000, 0x2070)) if _CONTROL.match(c)})

# Characters known to be exactly one cell wide. A block made only of these
# (nearly every news paragraph, including « » – ’ …) is wrapped with plain
# string arithmetic; anything else goes through rich's grapheme splitter.
_NARROW = frozenset(
    ch
    for lo, hi in ((0x20, 0x7E), (0xA0, 0x52F), (0x2010, 0x205E), (0x20A0, 0x20C0), (0x2100, 0x214F))
    for ch in map(chr, range(lo, hi + 1))
    if get_character_cell_size(ch) == 1
)
_NON_SPACE_RUN = re.compile(r"[^ ]+")


def display_text(text: str) -> str:
    """`text` with control and bidi characters replaced one-for-one by visible glyphs."""
    return text.translate(_CONTROL_MAP) if _CONTROL.search(text) else text


def is_narrow(text: str) -> bool:
    """True if every character of `text` is known to take exactly one cell,
    so that string offsets are cell columns."""
    return _NARROW.issuperset(text)


def _wrap_narrow(text: str, measure: int) -> list[tuple[int, int]]:
    """Wrap single-cell text: string offsets are cell columns."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    s = 0
    while n - s > measure:
        # A space at s+measure still allows the first `measure` chars to fit.
        p = text.rfind(" ", s + 1, s + measure + 1)
        if p > s:
            q = p + 1
            while q < n and text[q] == " ":
                q += 1
            spans.append((s, q))
            s = q
        else:  # a word longer than the measure: hard break
            spans.append((s, s + measure))
            s += measure
    if s < n or not spans:
        spans.append((s, n))
    return spans


def _hard_break(text: str, start: int, end: int, measure: int) -> list[int]:
    """Cut `text[start:end]` into chunks of at most `measure` cells.

    Returns the chunk end offsets; cuts fall between graphemes, and a single
    grapheme wider than the measure still gets a chunk of its own.
    """
    cuts: list[int] = []
    width = 0
    chunk_start = start
    for g_start, _g_end, cells in split_graphemes(text[start:end])[0]:
        g_start += start
        if width + cells > measure and g_start > chunk_start:
            cuts.append(g_start)
            chunk_start = g_start
            width = 0
        width += cells
    cuts.append(end)
    return cuts


def _wrap_words(text: str, measure: int) -> list[tuple[int, int]]:
    """Wrap any text word by word, measuring each word in cells.

    Same breaks as `_wrap_narrow` for single-cell text, but per word rather
    than per character, so emoji or CJK paragraphs stay fast.
    """
    spans: list[tuple[int, int]] = []
    line_start = 0
    cells = 0  # cells used on the current row, up to the end of its last word
    prev_end = -1  # end of the last word on the current row; -1: row has none
    for match in _NON_SPACE_RUN.finditer(text):
        ws, we = match.span()
        width = cell_len(match.group())
        if prev_end >= 0:
            if cells + (ws - prev_end) + width <= measure:
                cells += (ws - prev_end) + width
                prev_end = we
                continue
            spans.append((line_start, ws))  # break before the word
            line_start = ws
        # The word starts a row (with leading spaces only at the block start).
        width += ws - line_start
        if width <= measure:
            cells, prev_end = width, we
            continue
        cuts = _hard_break(text, line_start, we, measure)
        for cut in cuts[:-1]:
            spans.append((line_start, cut))
            line_start = cut
        cells, prev_end = cell_len(text[line_start:we]), we
    spans.append((line_start, len(text)))
    return spans


def wrap(text: str, measure: int) -> list[tuple[int, int]]:
    """Word-wrap one block: relative (start, end) spans tiling `text`.

    Breaks after runs of spaces, hard-breaks words wider than `measure`.
    Every span but a trailing-space run fits in `measure` cells. `text` is
    display text (`display_text`): its widths are the ones painted.
    """
    measure = max(1, measure)
    if is_narrow(text):
        return _wrap_narrow(text, measure)
    return _wrap_words(text, measure)


def text_column(width: int, *, margin: int = MARGIN, max_measure: int = MAX_MEASURE) -> tuple[int, int]:
    """(indent, measure) of the text column in a pane `width` cells wide.

    The measure is at most `max_measure` with `margin` cells each side; a wider
    pane centres the column. Shared with the article header so both line up.
    """
    measure = max(1, min(width - 2 * margin, max_measure))
    return max(0, (width - measure) // 2), measure
