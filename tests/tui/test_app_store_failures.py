"""The TUI on a store that cannot be written, or that fails under it, and with
another process writing to the same store: one line says what happened, the app
keeps running, and what others wrote shows up without a restart."""

from __future__ import annotations

import sqlite3

from support.app import SENTENCE, on_sentence, open_seed, run, screen_text, seed_id, settle

from newsreader.library import Library
from newsreader.store import db as store_db
from newsreader.tui.screens.note_editor import NoteEditor
from newsreader.tui.widgets.article_list import ArticleList


def notifications(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


def seeded_store(tmp_path):
    """A seeded store, closed again (the TUI opens its own connection)."""
    db = tmp_path / "t.db"
    Library.open(db).close()
    library = Library.open(db)
    library.prepare()
    library.close()
    return db


def test_a_read_only_store_is_read_and_says_so_and_writes_nothing(tmp_path, monkeypatch):
    db = seeded_store(tmp_path)
    monkeypatch.setattr(store_db, "writable", lambda path: False)

    async def scenario(pilot, app, library):
        assert library.read_only
        assert any("read-only" in line for line in notifications(app))
        assert "read-only" in screen_text(app)
        await on_sentence(pilot, library)  # opening does not mark read (no write tried)
        await pilot.press("h")
        await settle(pilot)
        assert any(line.startswith("Not saved") and "read-only" in line for line in notifications(app))
        assert app.is_running
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditor)
        assert "read-only" in screen_text(app)  # the editor warns before a word is typed
        await pilot.press(*"tekst", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditor)  # kept open with the text: nothing lost
        assert app.screen.query_one("#note-text").text == "tekst"

    run(tmp_path, scenario, db=db)
    check = Library.open(db)
    try:
        article_id = seed_id(check)
        assert check.highlights(article_id) == []
        assert check.article(article_id).read_at is None
    finally:
        check.close()


def test_a_failing_write_is_one_line_and_the_app_goes_on(tmp_path):
    async def scenario(pilot, app, library):
        await on_sentence(pilot, library)

        def disk_full(*args, **kwargs):
            raise sqlite3.OperationalError("database or disk is full")

        library.add_highlight = disk_full
        await pilot.press("h")
        await settle(pilot)
        lines = [line for line in notifications(app) if line.startswith("Not saved")]
        assert lines and "disk is full" in lines[-1] and "\n" not in lines[-1]
        assert app.is_running

    run(tmp_path, scenario)


def test_articles_and_highlights_from_another_process_appear_without_a_restart(tmp_path):
    db = seeded_store(tmp_path)
    other_file = tmp_path / "ny.txt"
    other_file.write_text("Nyhet fra en annen prosess\n\n" + "Et avsnitt om været i Bergen. " * 20, encoding="utf-8")

    async def scenario(pilot, app, library):
        await open_seed(pilot)
        listed = app.query_one(ArticleList)
        assert listed.row_count == 1
        other = Library.open(db)  # another process's connection
        try:
            other.import_paths([other_file])
            article_id = seed_id_of(other, "Cuba")
            body = other.article(article_id).body
            start = body.index(SENTENCE)
            other.add_highlight(article_id, start, start + len(SENTENCE))
        finally:
            other.close()
        app.look_for_changes()
        await settle(pilot)
        assert listed.row_count == 2
        assert len(app.shown_highlights) == 1  # the open article's pane caught up

    run(tmp_path, scenario, db=db)


def seed_id_of(library: Library, word: str) -> int:
    for article_id in library.article_ids():
        if word in library.article(article_id).title + library.article(article_id).body[:2000]:
            return article_id
    raise AssertionError(word)
