"""Reader layout and motions: pure functions, no Textual."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from newsreader.model import Block
from newsreader.text import clean, sentence_spans
from newsreader.tui.widgets import reader_layout as rl
from newsreader.tui.widgets.reader_layout import Layout, VisualLine, blocks_from_body, wrap
from newsreader.tui.widgets.reader_text import _wrap_narrow, _wrap_words

from support.reader import seed  # noqa: F401  (fixture: the cleaned seed's body and blocks)


def text_lines(layout: Layout) -> list[VisualLine]:
    return [line for line in layout.lines if line.kind != "blank"]


def assert_tiles(layout: Layout) -> None:
    """Each block is covered by its rows exactly once, in order."""
    by_block: dict[int, list[VisualLine]] = {}
    for line in text_lines(layout):
        by_block.setdefault(line.block_index, []).append(line)
    assert sorted(by_block) == list(range(len(layout.blocks)))
    for index, block in enumerate(layout.blocks):
        rows = by_block[index]
        assert rows[0].start == block.start and rows[-1].end == block.end
        for a, b in zip(rows, rows[1:]):
            assert a.end == b.start and a.start < a.end
    starts = [line.start for line in layout.lines]
    assert starts == sorted(starts)


def assert_fits(layout: Layout) -> None:
    for row, line in enumerate(layout.lines):
        assert cell_len(layout.line_text(row).rstrip(" ")) <= layout.measure, line


# --------------------------------------------------------------- wrapping


def test_measure_is_capped_and_centred():
    body = "ord " * 100
    wide = Layout(body, blocks_from_body(body), 200)
    assert wide.measure == 72 and wide.indent == (200 - 72) // 2
    narrow = Layout(body, blocks_from_body(body), 40)
    assert narrow.measure == 36 and narrow.indent == 2
    assert_fits(wide)
    assert_fits(narrow)


def test_wrap_breaks_on_spaces_and_hard_breaks_long_words():
    long_word = "x" * 200
    text = f"kort {long_word} slutt"
    spans = wrap(text, 30)
    pieces = [text[s:e] for s, e in spans]
    assert pieces[0] == "kort "
    assert all(cell_len(p.rstrip()) <= 30 for p in pieces)
    assert "".join(pieces) == text
    assert pieces[-1].endswith("slutt")


def test_wide_characters_count_two_cells():
    text = "🙂" * 50 + " hei " + "世界" * 20
    spans = wrap(text, 21)
    pieces = [text[s:e] for s, e in spans]
    assert "".join(pieces) == text
    assert all(cell_len(p.rstrip()) <= 21 for p in pieces)
    assert cell_len(pieces[0]) == 20  # ten emoji; the eleventh would need 22 cells


def test_word_path_matches_narrow_path():
    text = "Dette er en setning som skal brytes pent over flere linjer, ja visst " * 5
    for measure in (1, 5, 12, 40, 72):
        assert _wrap_words(text, measure) == _wrap_narrow(text, measure)


def test_headings_get_an_extra_blank_line(seed):
    body, blocks = seed
    layout = Layout(body, blocks, 80)
    kinds = [line.kind for line in layout.lines]
    first_heading_after_text = next(
        i for i, line in enumerate(layout.lines) if line.kind == "heading" and i > 0
    )
    assert kinds[first_heading_after_text - 2 : first_heading_after_text] == ["blank", "blank"]
    paragraph_rows = [i for i, line in enumerate(layout.lines) if line.kind == "paragraph" and i > 0]
    assert any(kinds[i - 1] == "blank" and kinds[i - 2] != "blank" for i in paragraph_rows)


def test_seed_layout_covers_every_character(seed):
    body, blocks = seed
    for width in (20, 50, 80, 160):
        layout = Layout(body, blocks, width)
        assert_tiles(layout)
        assert_fits(layout)
        shown = "".join(layout.line_text(r) for r in range(len(layout)))
        assert [c for c in shown if not c.isspace()] == [c for c in body if not c.isspace()]


def test_control_characters_are_made_visible():
    body = "a\x1b[2J b\tc"
    layout = Layout(body, blocks_from_body(body), 40)
    assert layout.line_text(0) == "a␛[2J b c"
    assert len(layout.display) == len(body)


# ---------------------------------------------------------- offset mapping


def test_offset_position_round_trip(seed):
    body, blocks = seed
    layout = Layout(body, blocks, 60)
    for offset, char in enumerate(body):
        if char.isspace():
            continue
        row, col = layout.position(offset)
        assert layout.lines[row].start <= offset < layout.lines[row].end
        assert layout.offset_at(row, col) == offset


def test_round_trip_with_wide_characters():
    body = "a🙂b 世界 c\u0301d"
    layout = Layout(body, blocks_from_body(body), 40)
    for offset in (0, 1, 2, 4, 5, 7):
        assert layout.offset_at(*layout.position(offset)) == offset
    assert layout.col_of(2) == 3
    assert layout.offset_at(0, 99) == len(body) - 1  # past the end: last char


def test_offset_at_avoids_spaces():
    body = "ab cd"
    layout = Layout(body, blocks_from_body(body), 40)
    assert layout.offset_at(0, 2) == 3


# ----------------------------------------------------------------- motions


def test_word_motions(seed):
    body, _blocks = seed
    assert body.startswith("For første gang")
    second = body.index("første")
    assert rl.next_word(body, 0) == second
    assert rl.prev_word(body, second) == 0
    assert rl.prev_word(body, second + 3) == second
    # «røde: the guillemet is skipped, the word itself is a stop.
    red = body.index("røde kommunikasjonslinjen")
    assert body[red - 1] == "«"
    assert rl.next_word(body, body.index("såkalte «")) == red
    assert rl.word_span(body, red + 2) == (red, red + len("røde"))
    assert rl.word_span(body, red - 1) == (red - 1, red)
    assert rl.next_word(body, len(body) - 1) == len(body) - 1


def test_prev_word_far_back():
    body = "ord" + " " * 5000 + "neste"
    assert rl.prev_word(body, len(body) - 2) == len(body) - 5
    assert rl.prev_word(body, len(body) - 5) == 0


def test_sentence_motions(seed):
    body, blocks = seed
    first = blocks[0]
    spans = [(first.start + s, first.start + e) for s, e in sentence_spans(body[first.start : first.end])]
    assert len(spans) >= 2
    assert rl.next_sentence(body, blocks, spans[0][0]) == spans[1][0]
    assert rl.prev_sentence(body, blocks, spans[1][0]) == spans[0][0]
    assert rl.prev_sentence(body, blocks, spans[1][0] + 5) == spans[1][0]
    # Past a block's last sentence the next block's first one follows.
    last = spans[-1][0]
    assert rl.next_sentence(body, blocks, last) == blocks[1].start
    assert rl.prev_sentence(body, blocks, blocks[1].start) == last
    assert rl.sentence_span(body, blocks, spans[1][0] + 3) == spans[1]


def test_paragraph_motions(seed):
    body, blocks = seed
    assert rl.next_block(blocks, 0) == blocks[1].start
    assert rl.next_block(blocks, blocks[1].start + 10) == blocks[2].start
    assert rl.prev_block(blocks, blocks[2].start + 10) == blocks[2].start
    assert rl.prev_block(blocks, blocks[2].start) == blocks[1].start
    assert rl.next_block(blocks, blocks[-1].start) == blocks[-1].start
    assert rl.block_index(blocks, blocks[3].start - 1) == 2  # in the "\n\n" gap


def test_snap_and_selection():
    body = "Hei  du.\n\nNeste avsnitt"
    assert rl.snap(body, 3) == 5
    assert rl.snap(body, 8) == 10
    assert rl.snap("ord   ", 5) == 2
    assert rl.selection_span(body, 10, 0) == (0, 15)
    assert rl.selection_span(body, 0, 16) == (0, 23)


# --------------------------------------------------------------- properties


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.integers(min_value=1, max_value=120))
def test_any_body_is_covered_in_order(text, width):
    for body, blocks in ((text, blocks_from_body(text)), (lambda c: (c.body, c.blocks))(clean(text))):
        layout = Layout(body, blocks, width)
        if blocks:
            assert_tiles(layout)
        starts = [line.start for line in layout.lines]
        ends = [line.end for line in layout.lines]
        assert starts == sorted(starts) and ends == sorted(ends)
        for row, line in enumerate(layout.lines):
            assert len(layout.line_text(row)) == line.end - line.start
        for offset, char in enumerate(body):
            if char != "\n":
                row = layout.row_of(offset)
                assert layout.lines[row].start <= offset <= layout.lines[row].end


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab cæ–", max_size=300).filter(lambda t: not t.startswith(" ")), st.integers(1, 80))
def test_word_wrap_agrees_with_fast_path(text, measure):
    assert _wrap_words(text, measure) == _wrap_narrow(text, measure)


def test_empty_body():
    layout = Layout("", (), 80)
    assert len(layout) == 0 and layout.row_of(5) == 0 and layout.offset_at(0, 0) == 0
    assert rl.snap("", 3) == 0


def test_blocks_fallback():
    assert blocks_from_body("a\n\nbc\n") == (Block("paragraph", 0, 1), Block("paragraph", 3, 5))
