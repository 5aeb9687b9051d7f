"""The reader's wrapped rows: body offsets to (row, column) and back (no Textual).

`Layout` wraps the blocks of a cleaned body into `VisualLine`s of at most
`measure` terminal cells. It wraps lazily, block by block: a block nobody has
asked about counts as an estimated number of rows, kept in running totals
(`reader_rows.RowIndex`), so that opening a huge article wraps only what is on
screen. What a row shows and where it breaks is `reader_text.py`; the cursor
motions are `reader_motions.py`. This module re-exports both, so callers reach
the whole layout vocabulary as `reader_layout.X`. Everything here is
unit-tested without a terminal.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import cached_property
from typing import NamedTuple, overload

from rich.cells import split_graphemes

from newsreader.model import Block, Blocks
from newsreader.text.cells import cell_len
from newsreader.tui.widgets.reader_motions import (
    SpanIndex,
    block_index,
    next_block,
    next_sentence,
    next_word,
    prev_block,
    prev_sentence,
    prev_word,
    selection_span,
    sentence_span,
    snap,
    step_match,
    word_end,
    word_span,
)
from newsreader.tui.widgets.reader_rows import RowIndex, chars_per_row, estimate_rows
from newsreader.tui.widgets.reader_text import MARGIN, MAX_MEASURE, display_text, is_narrow, text_column, wrap

__all__ = [
    "MARGIN", "MAX_MEASURE", "Layout", "RowIndex", "Rows", "SpanIndex", "VisualLine", "block_index",
    "blocks_from_body", "display_text", "estimate_rows", "next_block", "next_sentence", "next_word",
    "prev_block", "prev_sentence", "prev_word", "selection_span", "sentence_span", "snap", "step_match",
    "text_column", "word_end", "word_span", "wrap",
]

_NON_SPACE = re.compile(r"\S")


class VisualLine(NamedTuple):
    """One screen row: `body[start:end]`, or a blank separator row.

    Text rows of a block tile it exactly (trailing break spaces belong to the
    row before the break). Blank rows have `start == end`, `block_index == -1`.
    """

    start: int
    end: int
    block_index: int
    kind: str  # "paragraph" | "heading" | "blank"


def blocks_from_body(body: str) -> Blocks:
    """Fallback blocks for a body without stored blocks: one per non-empty line."""
    return Blocks(Block("paragraph", m.start(), m.end()) for m in re.finditer(r"[^\n]+", body))


class Layout:
    """The wrapped rows of one body at one pane width, wrapped block by block.

    A block that has not been wrapped yet counts as `estimate_rows` rows plus
    its blank separator rows. Every question about a row or an offset first
    wraps the block it lands in, so the answer is exact; wrapping a block moves
    the rows *below* it when its estimate was off, never the rows above it.
    `ensure_rows` and `ensure_around` wrap whole neighbourhoods (the screen, a
    page around the cursor) so that row distances there are exact too, and
    `wrap_pending` does the rest a chunk at a time. Once `complete`, the rows
    are exactly those of wrapping every block at once, in order.
    """

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
        self.blocks = blocks if isinstance(blocks, Blocks) else Blocks(blocks)
        self.width = width
        self.indent, self.measure = text_column(width, margin=margin, max_measure=max_measure)
        # Blank rows above a block: one between paragraphs, two before a heading.
        gaps = [1 + heading for heading in self.blocks.kinds]
        if gaps:
            gaps[0] = 0
        self._gaps = gaps
        self._starts = starts = self.blocks.starts
        per_row = chars_per_row(self.measure)  # inlined estimate_rows: this runs on every open
        self._sizes = [
            gap + (-((start - end) // per_row) or 1) for gap, start, end in zip(gaps, starts, self.blocks.ends)
        ]
        # Per wrapped block, where its rows start (they tile it): a tuple of ints,
        # which the garbage collector stops tracking, unlike 70,000 VisualLines.
        self._rows: list[tuple[int, ...] | None] = [None] * len(self.blocks)
        self._index = RowIndex(self._sizes)
        self.pending = len(self.blocks)  # blocks not wrapped yet
        self._scan = (-1, 0, -1)  # wrap_pending's (near, next down, next up)

    def __len__(self) -> int:
        return self._index.total

    @property
    def complete(self) -> bool:
        """True once every block is wrapped: every row number is final."""
        return self.pending == 0

    @property
    def lines(self) -> Rows:
        """The rows as a sequence (wrapping on demand)."""
        return Rows(self)

    @cached_property
    def display(self) -> str:
        """The whole body with control characters made visible (rows use `line_text`)."""
        return display_text(self.body)

    # ----------------------------------------------------------- wrapping

    def _wrap(self, k: int) -> tuple[int, ...]:
        """The row starts of block `k`, wrapping it (and correcting its count) if needed."""
        rows = self._rows[k]
        if rows is None:
            block = self.blocks[k]
            base = block.start
            text = display_text(self.body[base : block.end])
            rows = tuple([base + s for s, _e in wrap(text, self.measure)])
            self._rows[k] = rows
            size = self._gaps[k] + len(rows)
            if size != self._sizes[k]:
                self._index.add(k, size - self._sizes[k])
                self._sizes[k] = size
            self.pending -= 1
        return rows

    def wrap_all(self) -> None:
        """Wrap every block left."""
        for k in range(len(self.blocks)):
            if self._rows[k] is None:
                self._wrap(k)

    def ensure_rows(self, first: int, last: int) -> int:
        """Wrap the blocks showing rows [first, last), in order (the screen).

        Rows above the block of `first` do not move. Returns the blocks wrapped.
        """
        if not self.pending:
            return 0
        k, _local = self._index.find(min(max(first, 0), len(self) - 1))
        top = self._index.top(k)
        wrapped = 0
        while k < len(self.blocks) and top < last:
            if self._rows[k] is None:
                self._wrap(k)
                wrapped += 1
            top += self._sizes[k]
            k += 1
        return wrapped

    def ensure_around(self, block: int, before: int, after: int) -> int:
        """Wrap block `block` and blocks around it until at least `before` rows
        above it and `after` rows below it are exact (or the body ends).

        Row distances within that window are then final. Returns the blocks wrapped.
        """
        if not self.pending:
            return 0
        pending = self.pending
        self._wrap(block)
        k, rows = block - 1, 0
        while k >= 0 and rows < before:
            self._wrap(k)
            rows += self._sizes[k]
            k -= 1
        k, rows = block + 1, 0
        while k < len(self.blocks) and rows < after:
            self._wrap(k)
            rows += self._sizes[k]
            k += 1
        return pending - self.pending

    def wrap_pending(self, limit: int, near: int = 0) -> int:
        """Wrap up to `limit` blocks not wrapped yet: from block `near` down to the
        end first, then up to the start. Returns the blocks wrapped."""
        n = len(self.blocks)
        near = min(max(near, 0), n)
        last_near, down, up = self._scan
        if near != last_near:
            down, up = near, near - 1
        done = 0
        while done < limit and self.pending:
            while down < n and self._rows[down] is not None:
                down += 1
            if down < n:
                self._wrap(down)
            else:
                while self._rows[up] is not None:  # pending > 0: one is left above
                    up -= 1
                self._wrap(up)
            done += 1
        self._scan = (near, down, up)
        return done

    def anchor(self, row: int) -> tuple[int, int]:
        """Row `row` as (block, rows into it): `row_at` finds it again after wrapping."""
        if not self.blocks:
            return (0, 0)
        return self._index.find(min(max(row, 0), len(self) - 1))

    def row_at(self, anchor: tuple[int, int]) -> int:
        """The row now at `anchor` (clamped into its block if that shrank)."""
        if not self.blocks:
            return 0
        k, local = anchor
        return self._index.top(k) + min(local, self._sizes[k] - 1)

    def last_row(self) -> int:
        """The last row, with the last block wrapped so that it is final."""
        if self.blocks:
            self._wrap(len(self.blocks) - 1)
        return max(0, len(self) - 1)

    # ------------------------------------------------------------- queries

    def line(self, row: int, *, clamp: bool = False) -> VisualLine:
        """Row `row` (negative: from the end), wrapping its block if need be.

        Raises IndexError past either end, unless `clamp` moves it to the nearest row.
        """
        while True:
            total = self._index.total
            at = row + total if row < 0 and not clamp else row
            if clamp and total:
                at = min(max(at, 0), total - 1)
            if not 0 <= at < total:
                raise IndexError(row)
            k, local = self._index.find(at)
            gap = self._gaps[k]
            if local < gap:  # blank rows sit at the end of the block before
                end = self.blocks[k - 1].end
                return VisualLine(end, end, -1, "blank")
            if self._rows[k] is not None:
                return self._line(k, local - gap)
            self._wrap(k)  # counts below may change: look again

    def _line(self, k: int, i: int) -> VisualLine:
        """Text row `i` of wrapped block `k`."""
        rows = self._rows[k]
        assert rows is not None, "block not wrapped yet"
        block = self.blocks[k]
        end = rows[i + 1] if i + 1 < len(rows) else block.end
        return VisualLine(rows[i], end, k, block.kind)

    def text_of(self, line: VisualLine) -> str:
        """The displayable text of a row (control characters made visible)."""
        return display_text(self.body[line.start : line.end])

    def line_text(self, row: int) -> str:
        """The displayable text of row `row`."""
        return self.text_of(self.line(row))

    def block_of(self, offset: int) -> int:
        """Index of the block showing `offset` (the block before, between blocks)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def _locate(self, offset: int) -> tuple[int, int]:
        """(block, text row within it) showing `offset`; the block gets wrapped."""
        k = self.block_of(offset)
        rows = self._wrap(k)
        return k, max(0, bisect_right(rows, offset) - 1)

    def row_of(self, offset: int) -> int:
        """The row showing `offset` (offsets between blocks go to the row before)."""
        if not self.blocks:
            return 0
        k, i = self._locate(offset)
        return self._index.top(k) + self._gaps[k] + i

    def col_of(self, offset: int) -> int:
        """The cell column of `offset` within its row."""
        if not self.blocks:
            return 0
        k, i = self._locate(offset)
        line = self._line(k, i)
        offset = min(max(offset, line.start), line.end)
        return cell_len(display_text(self.body[line.start : offset]))

    def position(self, offset: int) -> tuple[int, int]:
        """(row, column) of a body offset."""
        return self.row_of(offset), self.col_of(offset)

    def text_row(self, row: int, direction: int) -> int | None:
        """The first text row at `row` or beyond it in `direction` (+1/-1)."""
        while 0 <= row < len(self):
            if self.line(row).kind != "blank":
                return row
            row += direction
        return None

    def offset_at(self, row: int, col: int) -> int:
        """The body offset shown at (row, column), preferring a non-space char.

        Rows are clamped into the layout; columns past the end of the text land
        on its last visible character.
        """
        if not self.blocks:
            return 0
        line = self.line(row, clamp=True)
        text = self.text_of(line)
        visible = len(text.rstrip())
        if visible == 0:
            return line.start
        text = text[:visible]
        if is_narrow(text):
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


class Rows(Sequence[VisualLine]):
    """`Layout.lines`: the rows as a sequence, each block wrapped when first read.

    Iterating wraps in order, so it yields exactly the rows of a full layout;
    a slice wraps everything first, since it needs final row numbers.
    """

    __slots__ = ("_layout",)

    def __init__(self, layout: Layout) -> None:
        self._layout = layout

    def __len__(self) -> int:
        return len(self._layout)

    @overload
    def __getitem__(self, index: int) -> VisualLine: ...

    @overload
    def __getitem__(self, index: slice) -> list[VisualLine]: ...

    def __getitem__(self, index: int | slice) -> VisualLine | list[VisualLine]:
        layout = self._layout
        if isinstance(index, slice):
            layout.wrap_all()
            return [layout.line(i) for i in range(*index.indices(len(layout)))]
        return layout.line(index)

    def __iter__(self) -> Iterator[VisualLine]:
        layout = self._layout
        row = 0
        while row < len(layout):
            yield layout.line(row)
            row += 1
