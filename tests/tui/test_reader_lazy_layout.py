"""The lazy reader layout against a full (eager) one: pure, no terminal.

`EagerLayout` below is the layout as it was before it became lazy: every block
wrapped at once into one list of rows. The lazy `Layout` must give exactly the
same rows once everything is wrapped, and the same answers on demand before.
"""

from __future__ import annotations

import random
import re
from bisect import bisect_right

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, split_graphemes

from newsreader.model import Block
from newsreader.text import clean
from newsreader.tui.widgets import reader_layout as rl
from newsreader.tui.widgets.reader_layout import Layout, RowIndex, VisualLine, blocks_from_body, display_text, wrap

from support.reader import seed  # noqa: F401  (fixture: the cleaned seed's body and blocks)


class EagerLayout:
    """The reference: every block wrapped up front (the layout before laziness)."""

    def __init__(self, body: str, blocks, width: int) -> None:
        self.body = body
        self.display = display_text(body)
        self.blocks = tuple(blocks)
        self.indent, self.measure = rl.text_column(width)
        lines: list[VisualLine] = []
        self.text_rows: list[int] = []
        self.text_starts: list[int] = []
        for index, block in enumerate(self.blocks):
            if lines:
                gap = 2 if block.kind == "heading" else 1
                lines.extend([VisualLine(lines[-1].end, lines[-1].end, -1, "blank")] * gap)
            for s, e in wrap(self.display[block.start : block.end], self.measure):
                self.text_rows.append(len(lines))
                self.text_starts.append(block.start + s)
                lines.append(VisualLine(block.start + s, block.start + e, index, block.kind))
        self.lines = lines

    def row_of(self, offset: int) -> int:
        if not self.text_rows:
            return 0
        return self.text_rows[max(0, bisect_right(self.text_starts, offset) - 1)]

    def col_of(self, offset: int) -> int:
        if not self.lines:
            return 0
        line = self.lines[self.row_of(offset)]
        return cell_len(self.display[line.start : min(max(offset, line.start), line.end)])

    def text_row(self, row: int, direction: int) -> int | None:
        while 0 <= row < len(self.lines):
            if self.lines[row].kind != "blank":
                return row
            row += direction
        return None

    def offset_at(self, row: int, col: int) -> int:
        if not self.lines:
            return 0
        line = self.lines[min(max(row, 0), len(self.lines) - 1)]
        text = self.display[line.start : line.end]
        visible = len(text.rstrip())
        if visible == 0:
            return line.start
        text = text[:visible]
        index = visible - 1
        width = 0
        for start, _end, cells in split_graphemes(text)[0]:
            if width + cells > col:
                index = start
                break
            width += cells
        if text[index].isspace():
            nxt = re.compile(r"\S").search(text, index)
            index = nxt.start() if nxt else index
        return line.start + index


def mixed_body() -> tuple[str, tuple[Block, ...]]:
    """Headings, wide characters, control characters, an empty block, long words."""
    parts = [
        ("heading", "Overskrift om 世界 og 🙂"),
        ("paragraph", "Vanlig tekst " * 30),
        ("paragraph", ""),
        ("paragraph", "a\x1b[2J b\tc \x85 slutt " * 5),
        ("heading", "Mellomtittel"),
        ("paragraph", "x" * 300 + " kort"),
        ("paragraph", "🙂" * 90 + " hei " + "世界" * 40),
        ("heading", ""),
        ("paragraph", "e\u0301 combining " * 20),
    ]
    return body_of(parts)


def long_body(paragraphs: int = 400) -> tuple[str, tuple[Block, ...]]:
    rng = random.Random(7)
    words = ["ord", "lengre", "setning", "«sitat»", "–", "世界", "🙂", "Overskrift", "x" * 90]
    body, blocks = "", []
    for i in range(paragraphs):
        kind = "heading" if i % 17 == 3 else "paragraph"
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 120 if kind == "paragraph" else 6)))
        if body:
            body += "\n\n"
        blocks.append(Block(kind, len(body), len(body) + len(text)))
        body += text
    return body, tuple(blocks)


def forced(body, blocks, width) -> Layout:
    layout = Layout(body, blocks, width)
    layout.wrap_all()
    return layout


# ------------------------------------------------------- fully wrapped == eager


@pytest.mark.parametrize("width", [1, 7, 20, 41, 80, 120, 200])
def test_forced_layout_equals_eager(seed, width):
    for body, blocks in (seed, mixed_body(), long_body(), ("", ()), ("én", (Block("paragraph", 0, 2),))):
        eager = EagerLayout(body, blocks, width)
        layout = forced(body, blocks, width)
        assert layout.complete and len(layout) == len(eager.lines)
        assert list(layout.lines) == eager.lines
        assert [layout.line_text(r) for r in range(len(layout))] == [
            eager.display[line.start : line.end] for line in eager.lines
        ]


def test_iterating_a_fresh_layout_gives_the_eager_rows(seed):
    body, blocks = long_body()
    assert list(Layout(body, blocks, 60).lines) == EagerLayout(body, blocks, 60).lines
    assert list(Layout(*seed, 33).lines) == EagerLayout(*seed, 33).lines


def test_wrapping_in_any_order_gives_the_eager_rows():
    body, blocks = long_body()
    eager = EagerLayout(body, blocks, 50)
    for seed_ in range(5):
        rng = random.Random(seed_)
        layout = Layout(body, blocks, 50)
        while not layout.complete:
            step = rng.randrange(4)
            if step == 0:
                layout.row_of(rng.randrange(len(body) + 1))
            elif step == 1:
                layout.ensure_rows(rng.randrange(len(layout)), rng.randrange(len(layout)) + 5)
            elif step == 2:
                layout.ensure_around(rng.randrange(len(blocks)), rng.randrange(30), rng.randrange(30))
            else:
                layout.wrap_pending(rng.randrange(1, 40), near=rng.randrange(len(blocks)))
        assert len(layout) == len(eager.lines)
        assert list(layout.lines) == eager.lines


# -------------------------------------------- answers on demand, before the rest


def test_answers_on_demand_agree_with_eager_in_the_settled_window():
    body, blocks = long_body()
    eager = EagerLayout(body, blocks, 64)
    rng = random.Random(3)
    for _ in range(40):
        layout = Layout(body, blocks, 64)
        cursor = rng.randrange(len(body))
        margin = rng.randrange(1, 60)
        layout.ensure_around(layout.block_of(cursor), margin, margin)
        assert not layout.complete
        row, erow = layout.row_of(cursor), eager.row_of(cursor)
        assert layout.line(row) == eager.lines[erow]
        assert layout.col_of(cursor) == eager.col_of(cursor)
        # Every row within `margin` of the cursor's row: same row, same distance.
        for delta in range(-margin, margin + 1):
            if 0 <= erow + delta < len(eager.lines):
                assert layout.line(row + delta) == eager.lines[erow + delta]
                for direction in (1, -1):
                    found, want = layout.text_row(row + delta, direction), eager.text_row(erow + delta, direction)
                    assert (found is None) == (want is None)
                    assert found is None or found - row == want - erow
        # Offsets shown there map back to the same rows.
        for delta in (-margin, -1, 0, 1, margin):
            if 0 <= erow + delta < len(eager.lines):
                line = eager.lines[erow + delta]
                for offset in (line.start, (line.start + line.end) // 2):
                    assert layout.row_of(offset) - row == eager.row_of(offset) - erow


def test_offset_at_before_everything_is_wrapped():
    body, blocks = long_body()
    eager = EagerLayout(body, blocks, 45)
    rng = random.Random(5)
    for _ in range(60):
        layout = Layout(body, blocks, 45)
        cursor = rng.randrange(len(body))
        layout.ensure_around(layout.block_of(cursor), 10, 10)
        row, erow = layout.row_of(cursor), eager.row_of(cursor)
        for delta in (-10, -3, 0, 2, 10):
            col = rng.randrange(-2, 50)
            if 0 <= erow + delta < len(eager.lines):
                assert layout.offset_at(row + delta, col) == eager.offset_at(erow + delta, col)
        assert layout.offset_at(10**9, 0) == eager.offset_at(len(eager.lines) - 1, 0)  # clamped to the last row
        assert layout.offset_at(-5, 3) == eager.offset_at(0, 3)


def test_rows_from_the_top_are_final_once_wrapped_down_to_them():
    body, blocks = long_body()
    eager = EagerLayout(body, blocks, 70)
    layout = Layout(body, blocks, 70)
    layout.ensure_rows(0, 300)
    assert [layout.line(r) for r in range(300)] == eager.lines[:300]
    last_text = eager.text_row(299, -1)
    assert layout.row_of(eager.lines[last_text].start) == last_text


def test_last_row_and_negative_indices():
    body, blocks = long_body()
    eager = EagerLayout(body, blocks, 30)
    layout = Layout(body, blocks, 30)
    last = layout.last_row()
    assert layout.line(last) == eager.lines[-1]
    assert Layout(body, blocks, 30).lines[-1] == eager.lines[-1]
    assert Layout(body, blocks, 30).lines[-3] == eager.lines[-3]
    assert Layout(body, blocks, 30).lines[5:9] == eager.lines[5:9]
    with pytest.raises(IndexError):
        Layout(body, blocks, 30).line(10**9)


def test_an_anchored_row_keeps_its_text_while_the_rest_is_wrapped():
    body, blocks = long_body()
    layout = Layout(body, blocks, 40)
    middle = len(blocks) // 2
    layout.ensure_around(middle, 50, 50)
    top = layout.row_of(blocks[middle].start) - 5
    layout.ensure_rows(top, top + 24)
    shown = [layout.line(top + y) for y in range(24)]
    anchor = layout.anchor(top)
    while not layout.complete:
        layout.wrap_pending(37, near=anchor[0])
        top = layout.row_at(anchor)
        assert [layout.line(top + y) for y in range(24)] == shown


def test_estimates_are_corrected_as_blocks_are_wrapped():
    body, blocks = long_body()
    eager = EagerLayout(body, blocks, 80)
    layout = Layout(body, blocks, 80)
    assert layout.pending == len(blocks)
    gaps = sum(2 if b.kind == "heading" else 1 for b in blocks[1:])
    assert len(layout) == gaps + sum(rl.estimate_rows(b.end - b.start, layout.measure) for b in blocks)
    assert rl.estimate_rows(0, 72) == 1 and rl.estimate_rows(68, 72) == 1 and rl.estimate_rows(69, 72) == 2
    layout.wrap_pending(10_000)
    assert layout.complete and layout.pending == 0 and len(layout) == len(eager.lines)
    assert layout.wrap_pending(10) == 0 and layout.ensure_rows(0, 10) == 0


def test_empty_layout():
    layout = Layout("", (), 80)
    assert len(layout) == 0 and layout.complete and list(layout.lines) == []
    assert layout.row_of(5) == 0 and layout.col_of(5) == 0 and layout.offset_at(0, 0) == 0
    assert layout.last_row() == 0 and layout.text_row(0, 1) is None
    assert layout.anchor(3) == (0, 0) and layout.row_at((0, 0)) == 0


# ------------------------------------------------------------------ properties

block_texts = st.lists(
    st.tuples(
        st.sampled_from(["paragraph", "paragraph", "heading"]),
        st.text(alphabet=st.sampled_from(list("ab c  æ–«»\t\x1b🙂世\u0301xyz")), max_size=160),
    ),
    max_size=25,
)


def body_of(parts) -> tuple[str, tuple[Block, ...]]:
    body, blocks = "", []
    for kind, text in parts:
        if body:
            body += "\n\n"
        blocks.append(Block(kind, len(body), len(body) + len(text)))
        body += text
    return body, tuple(blocks)


@settings(max_examples=150, deadline=None)
@given(block_texts, st.integers(1, 130), st.lists(st.integers(0, 10**6), max_size=8))
def test_lazy_equals_eager_whatever_is_asked_first(parts, width, asks):
    body, blocks = body_of(parts)
    eager = EagerLayout(body, blocks, width)
    layout = Layout(body, blocks, width)
    for ask in asks:  # wrap some blocks on demand first, in any order
        if blocks:
            offset = ask % (len(body) + 1)
            layout.ensure_around(layout.block_of(offset), ask % 7, ask % 5)
            row = layout.row_of(offset)
            assert layout.line(row).block_index == eager.lines[eager.row_of(offset)].block_index
            assert layout.col_of(offset) == eager.col_of(offset)
    layout.wrap_all()
    assert list(layout.lines) == eager.lines
    for offset in range(0, len(body) + 1, 3):
        assert layout.row_of(offset) == eager.row_of(offset)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400), st.integers(1, 120))
def test_cleaned_bodies_lazy_equals_eager(text, width):
    for body, blocks in ((text, blocks_from_body(text)), (lambda c: (c.body, c.blocks))(clean(text))):
        assert list(forced(body, blocks, width).lines) == EagerLayout(body, blocks, width).lines


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 9), min_size=1, max_size=60), st.data())
def test_row_index_matches_plain_running_totals(sizes, data):
    index = RowIndex(sizes)
    for _ in range(5):
        k = data.draw(st.integers(0, len(sizes) - 1))
        new = data.draw(st.integers(1, 9))
        index.add(k, new - sizes[k])
        sizes[k] = new
        tops = [sum(sizes[:i]) for i in range(len(sizes))]
        assert index.total == sum(sizes)
        assert [index.top(i) for i in range(len(sizes))] == tops
        for row in range(index.total):
            block = bisect_right(tops, row) - 1
            assert index.find(row) == (block, row - tops[block])
