"""Pure layout and cursor-motion logic for the reader pane (no Textual).

`Layout` wraps the blocks of a cleaned body into `VisualLine`s of at most
`measure` terminal cells, so that a body offset maps to a (row, column) and
back. The motion helpers work on body offsets only; the widget combines
them with the layout. Everything here is unit-tested without a terminal.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Generic, NamedTuple, TypeVar

from rich.cells import cell_len, get_character_cell_size, split_graphemes

from newsreader.model import Block
from newsreader.text.sentences import sentence_at, sentence_spans

MAX_MEASURE = 72
MARGIN = 2

# Control characters must never reach the terminal ("\x1b[2J" would clear
# it), yet every code point must keep exactly one column so that offsets
# and columns stay in step: show each as its visible Control Picture.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_MAP = {c: 0x2400 + c for c in range(0x20)}
_CONTROL_MAP.update({0x09: 0x20, 0x7F: 0x2421})
_CONTROL_MAP.update({c: 0xFFFD for c in range(0x80, 0xA0)})

# Characters known to be exactly one cell wide. A block made only of these
# (nearly every news paragraph, including « » – ’ …) is wrapped with plain
# string arithmetic; anything else goes through rich's grapheme splitter.
_NARROW = frozenset(
    ch
    for lo, hi in ((0x20, 0x7E), (0xA0, 0x52F), (0x2010, 0x205E), (0x20A0, 0x20C0), (0x2100, 0x214F))
    for ch in map(chr, range(lo, hi + 1))
    if get_character_cell_size(ch) == 1
)
_WORD_START = re.compile(r"(?<!\w)\w")
_WORD = re.compile(r"\w+")
_NON_SPACE = re.compile(r"\S")
_NON_SPACE_RUN = re.compile(r"[^ ]+")

T = TypeVar("T")


class VisualLine(NamedTuple):
    """One screen row: `body[start:end]`, or a blank separator row.

    Text rows of a block tile it exactly (trailing break spaces belong to the
    row before the break). Blank rows have `start == end`, `block_index == -1`.
    """

    start: int
    end: int
    block_index: int
    kind: str  # "paragraph" | "heading" | "blank"


def display_text(text: str) -> str:
    """`text` with control characters replaced one-for-one by visible glyphs."""
    return text.translate(_CONTROL_MAP) if _CONTROL.search(text) else text


def blocks_from_body(body: str) -> tuple[Block, ...]:
    """Fallback blocks for a body without stored blocks: one per non-empty line."""
    return tuple(Block("paragraph", m.start(), m.end()) for m in re.finditer(r"[^\n]+", body))


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
    """Wrap any text word by word, measuring each word with rich's cell_len.

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
    Every span but a trailing-space run fits in `measure` cells.
    """
    measure = max(1, measure)
    if _NARROW.issuperset(text):
        return _wrap_narrow(text, measure)
    return _wrap_words(text, measure)


def text_column(width: int, *, margin: int = MARGIN, max_measure: int = MAX_MEASURE) -> tuple[int, int]:
    """(indent, measure) of the text column in a pane `width` cells wide.

    The measure is at most `max_measure` with `margin` cells each side; a wider
    pane centres the column. Shared with the article header so both line up.
    """
    measure = max(1, min(width - 2 * margin, max_measure))
    return max(0, (width - measure) // 2), measure


class Layout:
    """The wrapped rows of one body at one pane width."""

    def __init__(
        self,
        body: str,
        blocks: Sequence[Block],
        width: int,
        *,
        margin: int = MARGIN,
        max_measure: int = MAX_MEASURE,
    ) -> None:
        self.body = body
        self.display = display_text(body)
        self.blocks = tuple(blocks)
        self.width = width
        self.indent, self.measure = text_column(width, margin=margin, max_measure=max_measure)
        lines: list[VisualLine] = []
        text_rows: list[int] = []
        text_starts: list[int] = []
        blank = VisualLine
        display = self.display
        for index, block in enumerate(self.blocks):
            if lines:
                gap = 2 if block.kind == "heading" else 1
                lines.extend([blank(lines[-1].end, lines[-1].end, -1, "blank")] * gap)
            base = block.start
            for s, e in wrap(display[block.start : block.end], self.measure):
                text_rows.append(len(lines))
                text_starts.append(base + s)
                lines.append(VisualLine(base + s, base + e, index, block.kind))
        self.lines = lines
        self._text_rows = text_rows
        self._text_starts = text_starts

    def __len__(self) -> int:
        return len(self.lines)

    def line_text(self, row: int) -> str:
        """The displayable text of a row (control characters made visible)."""
        line = self.lines[row]
        return self.display[line.start : line.end]

    def row_of(self, offset: int) -> int:
        """The row showing `offset` (offsets between blocks go to the row before)."""
        if not self._text_rows:
            return 0
        i = max(0, bisect_right(self._text_starts, offset) - 1)
        return self._text_rows[i]

    def col_of(self, offset: int) -> int:
        """The cell column of `offset` within its row."""
        line = self.lines[self.row_of(offset)] if self.lines else None
        if line is None:
            return 0
        offset = min(max(offset, line.start), line.end)
        return cell_len(self.display[line.start : offset])

    def position(self, offset: int) -> tuple[int, int]:
        """(row, column) of a body offset."""
        return self.row_of(offset), self.col_of(offset)

    def text_row(self, row: int, direction: int) -> int | None:
        """The first text row at `row` or beyond it in `direction` (+1/-1)."""
        while 0 <= row < len(self.lines):
            if self.lines[row].kind != "blank":
                return row
            row += direction
        return None

    def offset_at(self, row: int, col: int) -> int:
        """The body offset shown at (row, column), preferring a non-space char.

        Columns past the end of the text land on its last visible character.
        """
        if not self.lines:
            return 0
        row = min(max(row, 0), len(self.lines) - 1)
        line = self.lines[row]
        text = self.display[line.start : line.end]
        visible = len(text.rstrip())
        if visible == 0:
            return line.start
        text = text[:visible]
        if _NARROW.issuperset(text):
            index = min(max(col, 0), visible - 1)
        else:
            index = visible - 1
            width = 0
            for start, _end, cells in split_graphemes(text)[0]:
                if width + cells > col:
                    index = start
                    break
                width += cells
        if text[index].isspace():
            nxt = _NON_SPACE.search(text, index)
            index = nxt.start() if nxt else index
        return line.start + index


# ----------------------------------------------------------------- motions


def snap(body: str, offset: int) -> int:
    """Clamp `offset` into the body and move it off whitespace (forward first)."""
    if not body:
        return 0
    offset = min(max(offset, 0), len(body) - 1)
    if not body[offset].isspace():
        return offset
    nxt = _NON_SPACE.search(body, offset)
    if nxt:
        return nxt.start()
    prev = len(body.rstrip()) - 1
    return prev if prev >= 0 else offset


def word_span(body: str, offset: int) -> tuple[int, int]:
    """The word (run of \\w) containing `offset`, else just that character."""
    if not 0 <= offset < len(body):
        return (offset, offset)
    if not _WORD.match(body, offset):
        return (offset, offset + 1)
    start = offset
    while start > 0 and (body[start - 1].isalnum() or body[start - 1] == "_"):
        start -= 1
    match = _WORD.match(body, start)
    return (start, match.end() if match else offset + 1)


def next_word(body: str, offset: int) -> int:
    """Start of the next word after `offset`, or `offset` at the last word."""
    match = _WORD_START.search(body, offset + 1)
    return match.start() if match else offset


def prev_word(body: str, offset: int) -> int:
    """Start of the nearest word starting before `offset`, or `offset`."""
    lo = offset
    step = 128
    while lo > 0:
        # Search a growing window backwards: never scans the whole body.
        lo = max(0, lo - step)
        starts = [m.start() for m in _WORD_START.finditer(body, lo, offset)]
        if starts:
            return starts[-1]
        step *= 2
    return offset


def block_index(blocks: Sequence[Block], offset: int) -> int:
    """Index of the block containing `offset` (or the one before a gap)."""
    return max(0, bisect_right(blocks, offset, key=lambda b: b.start) - 1)


def _block_sentences(body: str, block: Block) -> list[tuple[int, int]]:
    return [(block.start + s, block.start + e) for s, e in sentence_spans(body[block.start : block.end])]


def next_sentence(body: str, blocks: Sequence[Block], offset: int) -> int:
    """Start of the next sentence after `offset`; sentences never cross blocks."""
    for i in range(block_index(blocks, offset), len(blocks)):
        for start, _end in _block_sentences(body, blocks[i]):
            if start > offset:
                return start
    return offset


def prev_sentence(body: str, blocks: Sequence[Block], offset: int) -> int:
    """Start of the nearest sentence starting before `offset` (vim's `(`)."""
    if not blocks:
        return offset
    for i in range(block_index(blocks, offset), -1, -1):
        for start, _end in reversed(_block_sentences(body, blocks[i])):
            if start < offset:
                return start
    return offset


def sentence_span(body: str, blocks: Sequence[Block], offset: int) -> tuple[int, int]:
    """The sentence under `offset`, found within its block only."""
    if not blocks:
        return (offset, offset)
    block = blocks[block_index(blocks, offset)]
    start, end = sentence_at(body[block.start : block.end], offset - block.start)
    return (block.start + start, block.start + end)


def next_block(blocks: Sequence[Block], offset: int) -> int:
    """Start of the next block after `offset`, or `offset` in the last one."""
    i = bisect_right(blocks, offset, key=lambda b: b.start)
    return blocks[i].start if i < len(blocks) else offset


def prev_block(blocks: Sequence[Block], offset: int) -> int:
    """Start of the nearest block starting before `offset` (vim's `{`)."""
    i = bisect_right(blocks, offset - 1, key=lambda b: b.start) - 1
    return blocks[i].start if i >= 0 else offset


def selection_span(body: str, anchor: int, cursor: int) -> tuple[int, int]:
    """Selection from `anchor` to `cursor`, including the word under each end."""
    a, c = word_span(body, anchor), word_span(body, cursor)
    return (min(a[0], c[0]), max(a[1], c[1]))


class SpanIndex(Generic[T]):
    """(start, end, item) spans sorted by start, for per-row overlap queries.

    Search matches can number thousands; rendering a row must not scan them all.
    """

    def __init__(self, spans: Iterable[tuple[int, int, T]] = ()) -> None:
        self.spans = sorted((s for s in spans if s[1] > s[0]), key=lambda s: (s[0], s[1]))
        self.starts = [s[0] for s in self.spans]
        self._longest = max((e - s for s, e, _item in self.spans), default=0)

    def __len__(self) -> int:
        return len(self.spans)

    def overlapping(self, lo: int, hi: int) -> list[tuple[int, int, T]]:
        """Spans intersecting [lo, hi), in start order."""
        i = bisect_left(self.starts, lo - self._longest)
        j = bisect_left(self.starts, hi)
        return [s for s in self.spans[i:j] if s[1] > lo]

    def next_start(self, offset: int) -> int | None:
        """The first span start after `offset`."""
        i = bisect_right(self.starts, offset)
        return self.starts[i] if i < len(self.starts) else None

    def prev_start(self, offset: int) -> int | None:
        """The last span start before `offset`."""
        i = bisect_left(self.starts, offset) - 1
        return self.starts[i] if i >= 0 else None
