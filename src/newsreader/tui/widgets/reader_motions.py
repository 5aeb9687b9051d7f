"""Cursor motions of the reader on body offsets, and a span index (no Textual).

Split from `reader_layout.py`, which re-exports these names: the motions work
on body offsets only and never need the wrapped rows; the widget combines them
with the layout. Everything here is unit-tested without a terminal.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

from newsreader.model import Block
from newsreader.text.sentences import sentence_at, sentence_spans

_WORD_START = re.compile(r"(?<!\w)\w")
_WORD = re.compile(r"\w+")
_WORD_END = re.compile(r"\w(?!\w)")
_NON_SPACE = re.compile(r"\S")

T = TypeVar("T")


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


def word_end(body: str, offset: int) -> int:
    """The last character of the word `offset` is in, or of the next word if
    `offset` is already on a word's end or between words (vim's `e`);
    `offset` after the last word."""
    match = _WORD_END.search(body, offset + 1)
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


def step_match(starts: Sequence[int], offset: int, direction: int) -> tuple[int, bool] | None:
    """(index, wrapped) of the match `;` (`direction` 1) or `,` (-1) goes to from
    `offset`: the first start after it, or the last start before it, wrapping
    around the ends (then `wrapped` is True). None without matches."""
    if not starts:
        return None
    if direction > 0:
        i = bisect_right(starts, offset)
        return (i, False) if i < len(starts) else (0, True)
    i = bisect_left(starts, offset) - 1
    return (i, False) if i >= 0 else (len(starts) - 1, True)


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
