"""The reader's less/vim motions: `e`, `ctrl+d` `ctrl+u`, `space` past the end
(`PastEnd`), `;` `,` over the matches; every one extends a selection being made."""

from __future__ import annotations

import pytest

from newsreader.tui.widgets import reader_layout as rl
from newsreader.tui.widgets.reader import VISUAL_MARK, ReaderView

from support.reader import ReaderApp, make_article, run, seed_article


class RecordingApp(ReaderApp):
    """A `ReaderApp` that also records `PastEnd` and the mode lines posted."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.past_end: list[ReaderView.PastEnd] = []
        self.mode_lines: list[str] = []

    def on_reader_view_past_end(self, message: ReaderView.PastEnd) -> None:
        self.past_end.append(message)

    def on_reader_view_mode_line_changed(self, message: ReaderView.ModeLineChanged) -> None:
        self.mode_lines.append(message.text)


@pytest.mark.parametrize(
    ("body", "offset", "expected"),
    [
        ("foo bar", 0, 2),  # from a word's start: its end
        ("foo bar", 1, 2),
        ("foo bar", 2, 6),  # already on the end: the next word's
        ("foo bar", 3, 6),  # between words
        ("foo bar", 6, 6),  # the last word's end: stays
        ("foo, bar", 2, 7),  # punctuation is not a word
        ("a b", 0, 2),  # one-letter words
        ("røde linjen", 0, 3),
        ("", 0, 0),
    ],
)
def test_word_end_is_vims_e(body, offset, expected):
    assert rl.word_end(body, offset) == expected


def test_step_match_wraps_both_ways():
    starts = [10, 20, 30]
    assert rl.step_match(starts, 0, 1) == (0, False)
    assert rl.step_match(starts, 10, 1) == (1, False)
    assert rl.step_match(starts, 25, 1) == (2, False)
    assert rl.step_match(starts, 30, 1) == (0, True)
    assert rl.step_match(starts, 30, -1) == (1, False)
    assert rl.step_match(starts, 12, -1) == (0, False)  # inside a match: back to its start
    assert rl.step_match(starts, 10, -1) == (2, True)
    assert rl.step_match([], 5, 1) is None and rl.step_match([], 5, -1) is None


def test_e_moves_to_word_ends_and_extends_a_selection():
    body = "Alpha beta gamma. Delta epsilon."
    app = ReaderApp(make_article(body))

    async def scenario(pilot, reader):
        await pilot.press("e")
        assert reader.cursor == body.index("Alpha") + 4
        await pilot.press("e")
        assert reader.cursor == body.index("beta") + 3
        await pilot.press("e", "e")  # past "gamma" and the full stop
        assert reader.cursor == body.index("Delta") + 4
        assert app.moves[-1] == reader.cursor
        await pilot.press("g", "v", "e", "e")
        assert reader.selection == (0, body.index("beta") + 4)
        await pilot.press("escape")
        assert reader.selection is None

    run(app, scenario)


def test_half_pages_move_the_view_and_the_cursor_half_a_screen():
    article = seed_article()
    app = ReaderApp(article)

    async def scenario(pilot, reader):
        layout = reader._layout
        height = reader.scrollable_content_region.height
        half = height // 2
        await pilot.press(*["j"] * 8)  # mid-screen, clear of the scrolling margin
        top, row = reader.scroll_offset.y, layout.row_of(reader.cursor)
        assert top == 0 and row >= 8
        await pilot.press("ctrl+d")
        assert reader.scroll_offset.y == half
        # The cursor keeps its screen row (give or take the blank row between paragraphs).
        assert abs((layout.row_of(reader.cursor) - half) - row) <= 1
        await pilot.press("ctrl+d")
        assert reader.scroll_offset.y == 2 * half
        assert abs((layout.row_of(reader.cursor) - 2 * half) - row) <= 1
        await pilot.press("ctrl+u")
        assert reader.scroll_offset.y == half
        await pilot.press("ctrl+u")
        assert reader.scroll_offset.y == 0 and abs(layout.row_of(reader.cursor) - row) <= 1
        # A full page is more than a half one.
        await pilot.press("pagedown")
        assert reader.scroll_offset.y > half
        # In VISUAL mode a half page extends the selection.
        await pilot.press("g", "v", "ctrl+d")
        selection = reader.selection
        assert selection is not None and selection[0] == 0
        assert selection[1] == rl.word_span(article.body, reader.cursor)[1] > article.blocks[0].end

    run(app, scenario)


def test_space_posts_past_end_exactly_at_the_end():
    article = seed_article()
    app = RecordingApp(article)

    async def scenario(pilot, reader):
        layout = reader._layout
        last = len(layout) - 1
        presses = 0
        while not app.past_end:
            at_end = reader.at_end()
            before = (reader.cursor, reader.scroll_offset.y)
            await pilot.press("space")
            await pilot.pause()
            presses += 1
            if at_end:  # the press that found the end posts, and moves nothing
                assert len(app.past_end) == 1 and (reader.cursor, reader.scroll_offset.y) == before
            else:
                assert not app.past_end, f"posted on press {presses}, before the end"
                assert (reader.cursor, reader.scroll_offset.y) != before
            assert presses < 100
        assert presses > 2  # the seed is several screens long
        assert layout.row_of(reader.cursor) == last and reader.scroll_offset.y == reader.max_scroll_y
        (message,) = app.past_end
        assert message.article_id == article.id and message.control is reader
        await pilot.press("space")
        await pilot.pause()
        assert len(app.past_end) == 2  # still at the end: asks again
        # pgdn never leaves the article.
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert len(app.past_end) == 2
        # Nor does space while a selection is being made.
        await pilot.press("v", "space")
        await pilot.pause()
        assert len(app.past_end) == 2 and reader.selection is not None

    run(app, scenario)


def test_space_in_an_article_that_fits_the_screen():
    body = "One short paragraph.\n\nAnd another one."
    app = RecordingApp(make_article(body))

    async def scenario(pilot, reader):
        assert reader.max_scroll_y == 0 and not reader.at_end()
        await pilot.press("space")  # nothing to scroll: the cursor goes to the last line
        await pilot.pause()
        assert not app.past_end and reader._layout.row_of(reader.cursor) == len(reader._layout) - 1
        await pilot.press("space")
        await pilot.pause()
        assert [m.article_id for m in app.past_end] == [1]
        await pilot.press("g", "space")  # back at the top: a page first again
        await pilot.pause()
        assert len(app.past_end) == 1

    run(app, scenario)


def test_space_in_an_empty_article_goes_past_it_at_once():
    app = RecordingApp(make_article(""))

    async def scenario(pilot, reader):
        await pilot.press("space")
        await pilot.pause()
        assert len(app.past_end) == 1

    run(app, scenario)


def test_matches_step_with_a_count_and_extend_a_selection():
    body = "Alpha beta gamma. Delta beta epsilon. Beta again."
    starts = [i for i in range(len(body)) if body.startswith(("beta", "Beta"), i)]
    app = RecordingApp(make_article(body))

    async def scenario(pilot, reader):
        reader.set_matches([(s, s + 4) for s in starts])
        await pilot.press("semicolon")
        await pilot.pause()
        assert reader.cursor == starts[0] and reader.mode_line == "match 1 of 3"
        await pilot.press("semicolon", "semicolon", "semicolon")
        await pilot.pause()
        assert reader.cursor == starts[0] and reader.mode_line == "match 1 of 3 (from the top)"
        await pilot.press("comma")
        await pilot.pause()
        assert reader.cursor == starts[2] and reader.mode_line == "match 3 of 3 (from the bottom)"
        await pilot.press("g", "v", "semicolon", "semicolon")
        await pilot.pause()
        assert reader.selection == (0, starts[1] + 4)
        assert reader.mode_line == f"{VISUAL_MARK} · match 2 of 3"
        await pilot.press("escape", "w")
        await pilot.pause()
        assert reader.mode_line == ""
        # Every change was posted once, in order.
        assert app.mode_lines == [
            "match 1 of 3", "match 2 of 3", "match 3 of 3", "match 1 of 3 (from the top)",
            "match 3 of 3 (from the bottom)", "", VISUAL_MARK, f"{VISUAL_MARK} · match 1 of 3",
            f"{VISUAL_MARK} · match 2 of 3", "match 2 of 3", "",
        ]
        reader.set_matches([])
        await pilot.press("semicolon")
        await pilot.pause()
        assert reader.cursor != starts[0] and reader.mode_line == ""

    run(app, scenario)


def test_the_selection_is_painted():
    body = "Alpha beta gamma. Delta epsilon."
    app = ReaderApp(make_article(body))

    async def scenario(pilot, reader):
        painted = reader._style("reader--selection").bgcolor
        assert painted is not None

        def selected_text() -> str:
            return "".join(seg.text for seg in reader.render_line(0) if seg.style and seg.style.bgcolor == painted)

        assert selected_text() == ""
        await pilot.press("v", "w", "w")
        # From the anchor's word to the cursor's (drawn reversed on top of it).
        assert selected_text() == "Alpha beta gamma"
        await pilot.press("v")
        assert selected_text() == ""

    run(app, scenario)
