"""The whole app driven like a user, one temporary store per test.

pytest-asyncio is not installed: each test is a plain function that runs its
coroutine with `asyncio.run` (support.app.run). Workers are awaited, never slept on.
"""

from __future__ import annotations

from textual.widgets import Static

from newsreader.library import Library
from newsreader.tui.config import Settings, config_path, load_settings
from newsreader.tui.screens.confirm import ConfirmScreen
from newsreader.tui.screens.help import HelpScreen
from newsreader.tui.screens.note_editor import NoteArea, NoteEditor
from newsreader.tui.widgets.annotations import AnnotationsPane, HighlightList
from newsreader.tui.widgets.article_header import ArticleHeader
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reader import ReaderView
from newsreader.tui.widgets.search_bar import SearchBar
from newsreader.tui.widgets.search_results import SearchResults

from support.app import SENTENCE, on_sentence, open_seed, run, screen_text, seed_id, settle, write_articles


def test_enter_opens_the_article_and_marks_it_read(tmp_path):
    async def scenario(pilot, app, library):
        article_id = seed_id(library)
        assert library.article(article_id).read_at is None
        reader = await open_seed(pilot)
        assert reader.article_id == article_id and reader.has_focus
        assert library.article(article_id).read_at is not None
        title = str(app.query_one("#reader-title").render())
        assert "Putins regime" in title
        assert "●" not in app.query_one(ArticleList).render_line(0).text  # shown as read now

    run(tmp_path, scenario)


def test_h_highlights_exactly_the_sentence_under_the_cursor(tmp_path):
    async def scenario(pilot, app, library):
        await on_sentence(pilot, library)
        await pilot.press("w", "w")  # anywhere inside the sentence will do
        await pilot.press("h")
        await settle(pilot)
        (highlight,) = library.highlights(seed_id(library))
        assert highlight.exact == SENTENCE
        assert app.query_one(HighlightList).option_count == 1
        assert "1 highlight" in str(app.query_one("#reader-facts").render())

    run(tmp_path, scenario)


def test_visual_selection_across_a_paragraph_boundary(tmp_path):
    async def scenario(pilot, app, library):
        reader = await open_seed(pilot)
        await pilot.press("g", "v", "right_curly_bracket", "w", "h")
        await settle(pilot)
        (highlight,) = library.highlights(seed_id(library))
        assert "\n\n" in highlight.exact
        assert highlight.exact.startswith("For første gang")
        assert reader.selection is None

    run(tmp_path, scenario)


def test_note_is_committed_then_edited(tmp_path):
    async def scenario(pilot, app, library):
        await on_sentence(pilot, library)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Viktig", "enter", *"linje")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, NoteEditor)
        (highlight,) = library.highlights(seed_id(library))
        assert highlight.exact == SENTENCE and highlight.note == "Viktig\nlinje"
        # n on the same sentence edits that note.
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.query_one(NoteArea).text == "Viktig\nlinje"
        await pilot.press(*" to")
        await pilot.press("ctrl+s")
        await settle(pilot)
        (highlight,) = library.highlights(seed_id(library))
        assert highlight.note == "Viktig\nlinje to"
        assert any(n.message == "Note saved" for n in app._notifications)

    run(tmp_path, scenario)


def test_escape_after_typing_asks_before_discarding(tmp_path):
    async def scenario(pilot, app, library):
        await on_sentence(pilot, library)
        await pilot.press("h", "n")
        await settle(pilot)
        await pilot.press(*"utkast")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        await settle(pilot)
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(NoteArea).text == "utkast"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert not isinstance(app.screen, (NoteEditor, ConfirmScreen))
        (highlight,) = library.highlights(seed_id(library))
        assert highlight.note is None

    run(tmp_path, scenario)


def test_escape_without_typing_closes_at_once(tmp_path):
    async def scenario(pilot, app, library):
        await on_sentence(pilot, library)
        await pilot.press("n", "escape")
        await settle(pilot)
        assert app.screen is app.screen_stack[0]
        assert library.highlights(seed_id(library)) == []

    run(tmp_path, scenario)


def test_delete_then_undo_restores_id_and_note(tmp_path):
    async def scenario(pilot, app, library):
        await on_sentence(pilot, library)
        await pilot.press("n", *"husk dette", "ctrl+s")
        await settle(pilot)
        (before,) = library.highlights(seed_id(library))
        await pilot.press("d")
        await settle(pilot)
        assert library.highlights(seed_id(library)) == []
        await pilot.press("u")
        await settle(pilot)
        (after,) = library.highlights(seed_id(library))
        assert (after.id, after.note, after.exact) == (before.id, "husk dette", SENTENCE)

    run(tmp_path, scenario)


def test_annotations_pane_jump_note_delete_and_article_note(tmp_path):
    async def scenario(pilot, app, library):
        reader = await on_sentence(pilot, library)
        start = reader.cursor
        await pilot.press("h", "g")
        await settle(pilot)
        assert reader.cursor == 0
        app.query_one(HighlightList).focus()
        await pilot.press("enter")  # jump to the highlight
        await settle(pilot)
        assert reader.has_focus and reader.cursor == start
        app.query_one(HighlightList).focus()
        await pilot.press("n", *"fra panelet", "ctrl+s")
        await settle(pilot)
        (highlight,) = library.highlights(seed_id(library))
        assert highlight.note == "fra panelet"
        await pilot.press("a", *"Om artikkelen", "ctrl+s")
        await settle(pilot)
        assert library.article_note(seed_id(library)).text == "Om artikkelen"
        assert "Om artikkelen" in str(app.query_one("#article-note", Static).render())
        await pilot.press("d")
        await settle(pilot)
        assert library.highlights(seed_id(library)) == []
        await pilot.press("u")
        await settle(pilot)
        assert [h.id for h in library.highlights(seed_id(library))] == [highlight.id]

    run(tmp_path, scenario)


def test_brackets_jump_between_highlights(tmp_path):
    async def scenario(pilot, app, library):
        reader = await on_sentence(pilot, library)
        sentence_at = reader.cursor
        await pilot.press("h", "g", "right_curly_bracket", "h", "g")
        await settle(pilot)
        second = min(h.start for h in library.highlights(seed_id(library)))
        await pilot.press("right_square_bracket")
        assert reader.cursor == second
        await pilot.press("right_square_bracket")
        assert reader.cursor == sentence_at
        await pilot.press("left_square_bracket")
        assert reader.cursor == second

    run(tmp_path, scenario)


def test_search_opens_at_the_match_and_escape_restores_the_list(tmp_path):
    library = Library.open(tmp_path / "t.db")
    library.ensure_seeded()
    library.import_paths(write_articles(tmp_path / "in", 3))
    library.close()

    async def scenario(pilot, app, library):
        articles = app.query_one(ArticleList)
        await pilot.press("j", "j")
        assert articles.cursor_row == 2
        await pilot.press("slash")
        assert app.query_one(SearchBar).has_focus
        await pilot.press(*"dramatisk")
        await settle(pilot)
        results = app.query_one(SearchResults)
        assert results.display and not articles.display
        assert results.hits and results.hits[0].article_id == seed_id_of(library)
        await pilot.press("enter")
        await settle(pilot)
        reader = app.query_one(ReaderView)
        body = library.article(seed_id_of(library)).body
        match = body.index("dramatisk")
        # On the start of the sentence holding the match (tests/tui/test_reader_matches.py).
        assert reader.has_focus and reader.cursor == body.rindex("\n", 0, match) + 1
        assert (match, match + len("dramatisk")) in reader.matches
        await pilot.press("escape")
        await settle(pilot)
        assert articles.display and not results.display and articles.has_focus
        assert articles.cursor_row == 2
        assert app.query_one(SearchBar).value == "" and reader.matches == []

    run(tmp_path, scenario)


def seed_id_of(library: Library) -> int:
    return next(s.id for s in library.summaries() if s.source == "newsreader seed")


def test_search_escape_from_the_bar_and_newer_query_wins(tmp_path):
    async def scenario(pilot, app, library):
        await pilot.press("slash", *"dramatisk")
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
        await pilot.press(*"zzzqqq")  # typed over the first query before it settled
        await settle(pilot)
        results = app.query_one(SearchResults)
        assert results.hits == []
        assert "0 results" in str(app.query_one("#list-status").render())
        await pilot.press("escape")
        await settle(pilot)
        assert app.query_one(ArticleList).has_focus and not results.display

    run(tmp_path, scenario)


def test_e_exports_markdown_with_the_quote(tmp_path):
    async def scenario(pilot, app, library):
        await on_sentence(pilot, library)
        await pilot.press("n", *"min kommentar", "ctrl+s")
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        files = list((tmp_path / "out").glob("*.md"))
        assert len(files) == 1
        text = files[0].read_text(encoding="utf-8")
        assert SENTENCE in text and "min kommentar" in text
        assert any(str(files[0]) in n.message for n in app._notifications)

    run(tmp_path, scenario)


def test_help_lists_binding_ids(tmp_path):
    async def scenario(pilot, app, library):
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        ids = {row.binding_id for row in app.screen.rows}
        assert {"reader.highlight", "reader.note", "list.star", "app.export", "note.save"} <= ids
        assert {"list.filter_feed", "app.refresh", "feeds.cancel", "subscribe.full_text"} <= ids
        assert "app.refresh" in screen_text(app)
        for _ in range(60):  # the reader's keys come below the global ones (and its motions)
            if "reader.highlight" in screen_text(app):
                break
            await pilot.press("j")
            await pilot.pause()
        assert "reader.highlight" in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)

    run(tmp_path, scenario)


def test_small_terminal_renders_and_h_works(tmp_path):
    async def scenario(pilot, app, library):
        assert not app.query_one(AnnotationsPane).display  # gives way below 100 columns
        reader = await open_seed(pilot)
        assert reader.size.width >= 40
        await pilot.press("h")
        await settle(pilot)
        assert len(library.highlights(seed_id(library))) == 1
        assert "For første gang" in screen_text(app)
        await pilot.press("H")
        assert app.query_one(AnnotationsPane).display

    run(tmp_path, scenario, size=(80, 24))


def test_resizing_reflows(tmp_path):
    async def scenario(pilot, app, library):
        reader = await on_sentence(pilot, library)
        offset = reader.cursor
        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        assert app.query_one(AnnotationsPane).display
        assert reader._layout.measure == 72
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not app.query_one(AnnotationsPane).display
        assert reader.cursor == offset
        row = reader._layout.row_of(offset)
        assert reader.scroll_offset.y <= row < reader.scroll_offset.y + reader.size.height

    run(tmp_path, scenario)


def test_reopening_puts_the_cursor_where_it_was(tmp_path):
    db = tmp_path / "t.db"
    saved = {}

    async def first(pilot, app, library):
        reader = await on_sentence(pilot, library)
        saved["cursor"] = reader.cursor
        await pilot.press("q")

    async def second(pilot, app, library):
        reader = await open_seed(pilot)
        assert reader.cursor == saved["cursor"] > 0
        row = reader._layout.row_of(reader.cursor)
        assert reader.scroll_offset.y <= row < reader.scroll_offset.y + reader.size.height

    run(tmp_path, first, db=db)
    run(tmp_path, second, db=db)


def test_switching_articles_saves_the_position(tmp_path):
    library = Library.open(tmp_path / "t.db")
    library.ensure_seeded()
    library.import_paths(write_articles(tmp_path / "in", 1))
    library.close()

    async def scenario(pilot, app, library):
        articles = app.query_one(ArticleList)
        seed = seed_id_of(library)
        articles.select_article(seed)
        reader = await open_seed(pilot)
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        where = reader.cursor
        articles.focus()
        await pilot.press("g", "enter")  # another article
        await settle(pilot)
        assert reader.article_id != seed
        assert library.article(seed).read_position == where
        articles.focus()
        articles.select_article(seed)
        await pilot.press("enter")
        await settle(pilot)
        assert reader.cursor == where

    run(tmp_path, scenario)


def test_s_stars_from_list_and_reader(tmp_path):
    async def scenario(pilot, app, library):
        article_id = seed_id(library)
        await pilot.press("s")
        await settle(pilot)
        assert library.article(article_id).starred
        assert "★" in app.query_one(ArticleList).render_line(0).text
        await open_seed(pilot)
        assert "★" in str(app.query_one("#reader-facts").render())
        await pilot.press("s")
        await settle(pilot)
        assert not library.article(article_id).starred
        assert "★" not in app.query_one(ArticleList).render_line(0).text

    run(tmp_path, scenario)


def test_user_keymap_from_config_toml(tmp_path):
    path = config_path()  # NEWSREADER_CONFIG_DIR points into tmp_path (conftest)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[keymap]\n"reader.highlight" = "x"\n', encoding="utf-8")

    async def scenario(pilot, app, library):
        await on_sentence(pilot, library)
        await pilot.press("h")  # no longer bound
        await settle(pilot)
        assert library.highlights(seed_id(library)) == []
        await pilot.press("x")
        await settle(pilot)
        (highlight,) = library.highlights(seed_id(library))
        assert highlight.exact == SENTENCE
        await pilot.press("question_mark")
        await settle(pilot)
        row = next(r for r in app.screen.rows if r.binding_id == "reader.highlight")
        assert row.keys == "x"

    settings = load_settings(path)
    settings.export_dir = tmp_path / "out"
    run(tmp_path, scenario, settings=settings)


def test_broken_config_warns_instead_of_crashing(tmp_path):
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[keymap\n"reader.highlight" = \n', encoding="utf-8")

    async def scenario(pilot, app, library):
        assert app.is_running
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert warnings and "config.toml" in warnings[0].message
        reader = await open_seed(pilot)
        await pilot.press("h")  # the default keys still work
        await settle(pilot)
        assert len(library.highlights(seed_id(library))) == 1
        assert reader.article_id == seed_id(library)

    run(tmp_path, scenario, settings=load_settings(path))


def test_keymap_and_theme_problems_are_reported(tmp_path):
    keymap = {"reader.hilite": "x", "reader.highlight": "n"}
    settings = Settings(export_dir=tmp_path / "out", keymap=keymap, theme="no-such-theme")

    async def scenario(pilot, app, library):
        messages = " ".join(n.message for n in app._notifications)
        assert "reader.hilite" in messages and "no-such-theme" in messages
        assert "n is bound to both reader.highlight and reader.note" in messages
        assert app.is_running

    run(tmp_path, scenario, settings=settings)


def test_command_palette_offers_export_all(tmp_path):
    async def scenario(pilot, app, library):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Export all annotated articles" in titles
        assert "Import a file" in titles and "Toggle annotations pane" in titles
        assert any("theme" in t.lower() for t in titles)
        await on_sentence(pilot, library)
        await pilot.press("h")
        await settle(pilot)
        app.action_export_all()
        await settle(pilot)
        names = sorted(p.name for p in (tmp_path / "out").glob("*.md"))
        assert len(names) == 2 and "index.md" in names
        assert any("Exported 1 article to" in n.message for n in app._notifications)

    run(tmp_path, scenario)


def test_import_a_file_from_the_palette_prompt(tmp_path):
    (path,) = write_articles(tmp_path / "in", 1)

    async def scenario(pilot, app, library):
        app.action_import_file()
        await settle(pilot)
        await pilot.press(*str(path), "enter")
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert articles.row_count == 2
        assert library.article(articles.current_id).title == "Extra article 0"

    run(tmp_path, scenario)


def test_header_is_hidden_until_an_article_opens(tmp_path):
    async def scenario(pilot, app, library):
        assert not app.query_one(ArticleHeader).display
        await open_seed(pilot)
        assert app.query_one(ArticleHeader).display

    run(tmp_path, scenario)


def test_start_shows_the_first_page_then_every_article(tmp_path, monkeypatch):
    from newsreader.tui import startup

    monkeypatch.setattr(startup, "FIRST_PAGE", 3)
    db = tmp_path / "t.db"
    library = Library.open(db)
    library.ensure_seeded()
    library.import_paths(write_articles(tmp_path / "in", 8))
    expected = library.article_ids()
    library.close()
    seen: list[tuple[int, int]] = []
    original = ArticleList.set_ids

    def spy(self, ids, keep_cursor=True, total=None):
        seen.append((len(ids), total or 0))
        original(self, ids, keep_cursor, total)

    monkeypatch.setattr(ArticleList, "set_ids", spy)
    from newsreader.tui import app as app_module

    real_prepare = app_module.prepare_store

    def prepare(library):
        seen.append("prepare")
        return real_prepare(library)

    monkeypatch.setattr(app_module, "prepare_store", prepare)

    async def scenario(pilot, app, library):
        articles = app.query_one(ArticleList)
        # First page and the count before the seeding/re-cleaning thread ran, then every id.
        assert seen == [(3, 9), "prepare", (9, 0)]
        assert articles.row_count == 9
        assert articles._ids == expected
        await pilot.press("G")
        await pilot.pause()
        assert articles.current_id == expected[-1]
        assert "9 articles" in screen_text(app)

    run(tmp_path, scenario, db=db)


def test_start_up_objects_are_frozen_out_of_the_collector_until_unmount(tmp_path):
    import gc

    frozen: list[int] = []

    async def scenario(pilot, app, library):
        await pilot.pause()
        frozen.append(gc.get_freeze_count())

    run(tmp_path, scenario)
    assert frozen[0] > 10_000  # the app's widgets, styles and modules
    assert gc.get_freeze_count() == 0  # given back to the collector at unmount


def test_q_goes_back_one_level_and_quits_only_from_the_list(tmp_path):
    async def scenario(pilot, app, library):
        reader = await open_seed(pilot)
        assert reader.has_focus
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running and app.query_one("#articles").has_focus
        await pilot.press("slash", *"cuba")
        await settle(pilot)
        app.query_one("#articles").focus()
        await pilot.press("q")  # leaves the search first
        await settle(pilot)
        assert app.is_running and not app.query_one("#search").value
        await pilot.press("q")
        await settle(pilot)
        assert not app.is_running

    run(tmp_path, scenario)


def test_capital_q_quits_at_once_from_the_reader(tmp_path):
    async def scenario(pilot, app, library):
        await open_seed(pilot)
        await pilot.press("Q")
        await settle(pilot)
        assert not app.is_running

    run(tmp_path, scenario)


def test_export_of_an_article_without_highlights_says_so_and_writes_nothing(tmp_path):
    async def scenario(pilot, app, library):
        await open_seed(pilot)
        await pilot.press("E")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("this article has no highlights or notes" in m for m in messages), messages
        out = tmp_path / "out"
        assert not out.exists() or not any(out.iterdir())
        await pilot.press("h", "E")  # with a highlight it writes the file
        await settle(pilot)
        assert len(list(out.glob("*.md"))) == 1

    run(tmp_path, scenario)
