"""ReaderView in a tiny app, driven by Pilot; asserts on the messages it posts."""

from __future__ import annotations

from newsreader.text import sentence_spans
from newsreader.tui.widgets import reader_layout as rl
from newsreader.tui.widgets.reader import HINT, NOTE_MARK, ReaderView

from support.reader import ReaderApp, make_article, make_highlight, run, screen_text, seed_article


def test_h_requests_the_sentence_under_the_cursor():
    article = seed_article()
    first = article.blocks[0]
    spans = [(first.start + s, first.start + e) for s, e in sentence_spans(article.body[first.start : first.end])]
    app = ReaderApp(article)

    async def scenario(pilot, reader):
        await pilot.press("right_parenthesis", "w", "h")
        await pilot.pause()
        assert [(type(m), m.start, m.end) for m in app.requests] == [(ReaderView.HighlightRequested, *spans[1])]
        assert app.requests[0].control is reader
        assert reader.selection is None

    run(app, scenario)


def test_selection_across_a_paragraph_boundary():
    article = seed_article()
    body, blocks = article.body, article.blocks
    second_word = rl.next_word(body, blocks[1].start)
    app = ReaderApp(article)

    async def scenario(pilot, reader):
        await pilot.press("v", "right_curly_bracket", "w")
        assert reader.selection == (0, rl.word_span(body, second_word)[1])
        await pilot.press("h")
        await pilot.pause()
        (request,) = app.requests
        assert (request.start, request.end) == (0, rl.word_span(body, second_word)[1])
        assert request.start < blocks[0].end < blocks[1].start < request.end
        assert reader.selection is None  # h consumes the selection
        await pilot.press("v", "escape")
        assert reader.selection is None

    run(app, scenario)


def test_delete_note_and_undo_requests():
    article = seed_article()
    start = article.blocks[1].start
    highlight = make_highlight(7, start, start + 40, note="husk")
    app = ReaderApp(article, [highlight])

    async def scenario(pilot, reader):
        await pilot.press("d")  # cursor at 0: no highlight there
        await pilot.pause()
        assert app.requests == []
        await pilot.press("right_curly_bracket", "w", "d", "n", "u")
        await pilot.pause()
        kinds = [type(m) for m in app.requests]
        assert kinds == [ReaderView.DeleteRequested, ReaderView.NoteRequested, ReaderView.UndoRequested]
        assert app.requests[0].highlight_id == 7
        assert (app.requests[1].highlight_id, app.requests[1].start, app.requests[1].end) == (7, start, start + 40)
        assert reader.highlight_at(reader.cursor) == highlight
        await pilot.press("g", "n")  # outside any highlight: a new sentence note
        await pilot.pause()
        note = app.requests[-1]
        assert note.highlight_id is None and (note.start, note.end) == rl.sentence_span(article.body, article.blocks, 0)

    run(app, scenario)


def test_bracket_keys_jump_between_highlights():
    article = seed_article()
    b = article.blocks
    one, two = make_highlight(1, b[2].start + 4, b[2].start + 30), make_highlight(2, b[5].start, b[5].start + 9)
    lost = make_highlight(3, b[3].start, b[3].start + 9, state="orphaned")
    app = ReaderApp(article, [two, lost, one])

    async def scenario(pilot, reader):
        await pilot.press("right_square_bracket")
        assert reader.cursor == one.start
        await pilot.press("right_square_bracket")
        assert reader.cursor == two.start  # the orphaned one is skipped
        await pilot.press("left_square_bracket")
        assert reader.cursor == one.start
        await pilot.pause()
        assert app.moves[-1] == one.start

    run(app, scenario)


def test_highlights_matches_and_note_marks_render():
    body = "Alpha beta gamma. Delta epsilon."
    app = ReaderApp(make_article(body), [make_highlight(1, 6, 10, note="n")])

    async def scenario(pilot, reader):
        row = reader.render_line(0)
        assert row.text.strip() == "Alpha beta✎ gamma. Delta epsilon."
        beta = next(seg for seg in row if seg.text == "beta")
        assert beta.style.bgcolor is not None and beta.style.bgcolor.name == "#e5c07b"
        reader.set_matches([(18, 23)])
        assert any(seg.text == "Delta" and seg.style.underline for seg in reader.render_line(0))
        reader.set_highlights([])
        assert NOTE_MARK not in reader.render_line(0).text

    run(app, scenario)


def test_hostile_body_renders_literally():
    body = "[bold]x[/] [@click=app.quit]y[/] \x1b[2J"
    app = ReaderApp(make_article(body))

    async def scenario(pilot, reader):
        shown = screen_text(reader)
        assert shown[0].strip() == "[bold]x[/] [@click=app.quit]y[/] ␛[2J"
        assert all("\x1b" not in seg.text for y in range(3) for seg in reader.render_line(y))
        await pilot.click(ReaderView, offset=(10, 0))
        await pilot.press("w", "w", "h", "j", "k")
        await pilot.pause()
        assert app.is_running
        svg = app.export_screenshot()
        assert "[bold]x[/]&#160;[@click=" in svg  # literal text, not markup

    run(app, scenario)


def test_no_article_shows_a_hint():
    app = ReaderApp()

    async def scenario(pilot, reader):
        shown = screen_text(reader)
        assert shown[reader.size.height // 2].strip() == HINT
        assert reader.article_id is None and reader.selection is None
        await pilot.press("j", "h", "w")  # nothing to do, nothing breaks
        assert app.requests == []

    run(app, scenario)


def test_huge_article_mounts_and_scrolls():
    paragraphs = [f"Avsnitt {i} " + "ord " * 59 + "slutt." for i in range(10_000)]
    body = "\n\n".join(paragraphs)
    app = ReaderApp(make_article(body))

    async def scenario(pilot, reader):
        shown = screen_text(reader)
        assert shown[0].strip().startswith("Avsnitt 0 ord ord")
        assert any(line.strip().startswith("Avsnitt 1 ") for line in shown)
        await pilot.press("G")
        await pilot.pause()
        assert reader.cursor == reader._layout.lines[-1].start  # G: start of the last row
        assert any(line.strip().endswith("slutt.") for line in screen_text(reader))
        assert any("Avsnitt 9999" in line for line in screen_text(reader))

    run(app, scenario)


def test_vertical_motion_and_paging_keep_the_cursor_visible():
    article = seed_article()
    app = ReaderApp(article)

    async def scenario(pilot, reader):
        layout = reader._layout
        for _ in range(5):
            await pilot.press("pagedown")
            row = layout.row_of(reader.cursor)
            assert reader.scroll_offset.y <= row < reader.scroll_offset.y + reader.size.height
        await pilot.press("g")
        assert reader.cursor == 0 and reader.scroll_offset.y == 0
        await pilot.press("w", "w", "j", "j")
        row, col = layout.position(reader.cursor)
        assert row == 2 and abs(col - layout.col_of(rl.next_word(article.body, rl.next_word(article.body, 0)))) <= 1
        await pilot.press("k", "k")
        assert layout.position(reader.cursor)[0] == 0

    run(app, scenario)


def test_public_api_and_bindings():
    article = seed_article()
    app = ReaderApp(article, cursor=article.blocks[3].start + 5)

    async def scenario(pilot, reader):
        assert reader.article_id == 1
        assert reader.cursor == article.blocks[3].start + 5
        row = reader._layout.row_of(reader.cursor)
        assert reader.scroll_offset.y <= row < reader.scroll_offset.y + reader.size.height
        reader.move_cursor_to(article.blocks[-1].start)
        await pilot.pause()
        assert app.moves[-1] == article.blocks[-1].start
        await pilot.press("escape")  # no selection: escape is left to the screen
        assert app.is_running
        await pilot.resize_terminal(50, 20)
        await pilot.pause()
        layout = reader._layout
        assert layout.width == reader.scrollable_content_region.width and layout.measure <= 46
        row = layout.row_of(reader.cursor)
        assert reader.scroll_offset.y <= row < reader.scroll_offset.y + reader.size.height
        assert all(len(reader.render_line(y).text) == layout.width for y in range(reader.size.height))

    run(app, scenario)
    ids = {binding.id for binding in ReaderView.BINDINGS}
    assert {"reader.highlight", "reader.note", "reader.delete", "reader.undo", "reader.select",
            "reader.next_highlight", "reader.prev_highlight", "reader.word_forward"} <= ids
