"""Hostile text everywhere the app shows text: it must appear literally, never as
markup, never reach the terminal as an escape sequence, and never run an action.

Titles and notes keep control codes in the store (the ingest only cleans bodies),
so they reach the TUI raw; every widget must cope.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Static
from textual.widgets._toast import Toast

from newsreader.ingest.plaintext import ParsedArticle
from newsreader.library import Library
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.config import Settings
from newsreader.tui.screens.help import HelpScreen
from newsreader.tui.screens.note_editor import NoteArea, NoteEditor
from newsreader.tui.widgets.annotations import HighlightList
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reader import ReaderView
from newsreader.tui.widgets.search_bar import SearchBar
from newsreader.tui.widgets.search_results import SearchResults

from support.app import screen_text, settle

MARKUP = ["[/]", "[bold]", "[@click=app.quit]x[/]"]
ESCAPES = ["\x1b]52;c;SGVsbG8=\x07", "\x1b[2J"]
HOSTILE = " ".join([*MARKUP, *ESCAPES])
CLICK = "[@click=app.quit]x[/]"


def assert_clean_screen(app) -> str:
    """No control code reached the screen; returns the screen text."""
    svg = app.export_screenshot()
    assert "\x1b" not in svg and "\x07" not in svg
    text = screen_text(app)
    assert not any(ord(ch) < 32 and ch != "\n" for ch in text)
    return text


def hostile_library(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """A store with hostile titles, bodies and notes, made the ways users make them."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    db = tmp_path / "t.db"
    library = Library.open(db)
    ids = {}
    # Through a file (the ingest strips control codes from the body, not the brackets).
    path = tmp_path / "hostile.txt"
    text = f"File {HOSTILE}\n\nBody {HOSTILE} end. Second sentence.\n\nMore text here.\n"
    path.write_text(text, encoding="utf-8")
    (outcome,) = library.import_paths([path])
    ids["file"] = outcome.article_id
    # Straight from a parser, as a future feed importer would: the title keeps its codes.
    parsed = ParsedArticle(
        title=f"Raw {HOSTILE}", body=f"Raw body {HOSTILE} slutt.\n\nAndre avsnitt.", raw="x", encoding="utf-8"
    )
    ids["raw"] = library.import_parsed("hostile:raw", parsed).article_id
    for article_id in ids.values():
        library.add_highlight(article_id, 0, 8, note=f"Note {HOSTILE}\nsecond line {CLICK}")
        library.set_article_note(article_id, f"Article note {HOSTILE}")
    library.close()
    return db, ids


def run(tmp_path: Path, scenario, size=(120, 40)) -> NewsReaderApp:
    db, ids = hostile_library(tmp_path)
    library = Library.open(db)
    app = NewsReaderApp(library, Settings(export_dir=tmp_path / "out"))

    async def main() -> None:
        # notifications=True: toasts quote hostile text and must be on screen too.
        async with app.run_test(size=size, notifications=True) as pilot:
            await settle(pilot)
            await scenario(pilot, app, library, ids)
            assert app.is_running
            assert app.return_code is None

    try:
        asyncio.run(main())
    finally:
        library.close()
    return app


def test_list_reader_and_annotations_show_markup_literally(tmp_path):
    async def scenario(pilot, app, library, ids):
        text = assert_clean_screen(app)
        assert "Raw [/] [bold] [@" in text and "File [/] [bold]" in text  # the list, cut to fit
        for article_id in ids.values():
            app.query_one(ArticleList).focus()
            app.query_one(ArticleList).select_article(article_id)
            await pilot.press("enter")
            await settle(pilot)
            text = assert_clean_screen(app)
            assert app.query_one(ReaderView).article_id == article_id
            assert CLICK in text  # title, body, highlight note and article note
            assert "Note [/] [bold]" in text and "Article note [/] [bold]" in text
            note = app.query_one("#article-note", Static).render()
            assert "\x1b" not in str(note) and CLICK in str(note)
            # Click every place the fake link could be: nothing runs.
            for widget in ("#reader-title", "#reader", "#highlight-list", "#article-note", "#articles"):
                await pilot.click(widget, offset=(4, 0))
                await pilot.click(widget, offset=(12, 1))
            await settle(pilot)
            assert app.is_running

    run(tmp_path, scenario)


def test_annotating_hostile_text_and_toasts(tmp_path):
    async def scenario(pilot, app, library, ids):
        app.query_one(ArticleList).select_article(ids["file"])
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("g", "h")  # toast quotes the hostile sentence
        await settle(pilot)
        assert_clean_screen(app)
        toasts = list(app.screen.query(Toast))
        assert toasts
        shown = " ".join(str(toast.render()) for toast in toasts)
        assert "Highlighted: Body [/] [bold] [@click=app.quit]x[/]" in shown
        for toast in toasts:
            await pilot.click(toast, offset=(20, 1))
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditor)
        assert "\x1b" not in app.screen.query_one(NoteArea).text
        assert_clean_screen(app)
        await pilot.press(*" [b]", "ctrl+s")
        await settle(pilot)
        await pilot.press("d", "u", "e")
        await settle(pilot)
        assert_clean_screen(app)
        app.query_one(HighlightList).focus()
        await pilot.press("n", "escape", "a", "escape")
        await settle(pilot)
        assert_clean_screen(app)

    run(tmp_path, scenario)


def test_search_for_hostile_text(tmp_path):
    async def scenario(pilot, app, library, ids):
        await pilot.press("slash", *"click")
        await settle(pilot)
        results = app.query_one(SearchResults)
        assert results.hits and results.display
        text = assert_clean_screen(app)
        assert "[@click=app.quit]" in text
        await pilot.click("#results", offset=(6, 0))
        await pilot.click("#results", offset=(6, 1))
        await settle(pilot)
        assert_clean_screen(app)
        # A pasted search string with escape codes: they never reach the screen.
        search = app.query_one(SearchBar)
        search.focus()
        search.value = f"{CLICK} \x1b[2J \x1b]52;c;SGVsbG8=\x07"
        await settle(pilot)
        assert "\x1b" not in search.value and "\x07" not in search.value
        assert CLICK in assert_clean_screen(app)
        await pilot.press("enter")
        await settle(pilot)
        assert_clean_screen(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.query_one(ArticleList).display

    run(tmp_path, scenario)


def test_help_and_palette_with_hostile_store(tmp_path):
    async def scenario(pilot, app, library, ids):
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert_clean_screen(app)
        await pilot.press("escape", "ctrl+p")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert_clean_screen(app)

    run(tmp_path, scenario)


def test_quit_only_by_its_key(tmp_path):
    async def scenario(pilot, app, library, ids):
        await pilot.press("enter")
        await settle(pilot)
        for _ in range(3):
            await pilot.click("#reader-title")
            await pilot.click("#articles")
        assert app.is_running
        await pilot.press("q")
        await settle(pilot)
        assert not app.is_running

    db, _ids = hostile_library(tmp_path / "q")
    library = Library.open(db)
    app = NewsReaderApp(library, Settings(export_dir=tmp_path / "out"))

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await scenario(pilot, app, library, _ids)

    try:
        asyncio.run(main())
    finally:
        library.close()
