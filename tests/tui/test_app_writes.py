"""Every write runs on the database thread, in the order it was asked for, and
the UI says "saved" only after it returned; quitting waits for the writes."""

from __future__ import annotations

import threading

from support.app import SENTENCE, on_sentence, run, seed_id, settle

from newsreader.library import Library
from newsreader.tui.screens.note_editor import NoteArea, NoteEditor

WRITES = (
    "add_highlight", "set_highlight_note", "set_article_note", "delete_highlight",
    "restore_highlight", "reattach_highlight", "set_starred", "mark_read", "set_read_position",
)


def record_write_threads(library: Library) -> list[tuple[str, str]]:
    """(method, thread name) for every write the app makes from now on."""
    calls: list[tuple[str, str]] = []
    for name in WRITES:
        real = getattr(library, name)

        def spy(*args, _name=name, _real=real, **kwargs):
            calls.append((_name, threading.current_thread().name))
            return _real(*args, **kwargs)

        setattr(library, name, spy)
    return calls


def test_every_write_runs_on_the_database_thread(tmp_path):
    async def scenario(pilot, app, library):
        calls = record_write_threads(library)
        await on_sentence(pilot, library)  # marks it read
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("n", *"merk", "ctrl+s")
        await settle(pilot)
        await pilot.press("s", "d", "u")
        await settle(pilot)
        app.query_one("#highlight-list").focus()
        await pilot.press("a", *"om saken", "ctrl+s")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert {name for name, _ in calls} >= {
            "mark_read", "add_highlight", "set_highlight_note", "set_starred",
            "delete_highlight", "restore_highlight", "set_article_note", "set_read_position",
        }
        assert {thread.split("_")[0] for _, thread in calls} == {"newsreader-db"}, calls

    run(tmp_path, scenario)


def test_delete_then_undo_typed_at_once_restores(tmp_path):
    async def scenario(pilot, app, library):
        await on_sentence(pilot, library)
        await pilot.press("h")
        await settle(pilot)
        (before,) = library.highlights(seed_id(library))
        await pilot.press("d", "u")  # the undo waits for the delete it undoes
        await settle(pilot)
        assert [h.id for h in library.highlights(seed_id(library))] == [before.id]
        assert not any(n.message == "Nothing to undo" for n in app._notifications)

    run(tmp_path, scenario)


def test_the_note_editor_closes_only_after_the_write_returned(tmp_path):
    async def scenario(pilot, app, library):
        release = threading.Event()
        real = library.add_highlight

        def slow_add(*args, **kwargs):
            release.wait(10)
            return real(*args, **kwargs)

        library.add_highlight = slow_add
        await on_sentence(pilot, library)
        await pilot.press("n", *"vent", "ctrl+s")
        for _ in range(5):
            await pilot.pause(0.02)
        assert isinstance(app.screen, NoteEditor)  # still open: nothing committed yet
        assert app.screen.query_one(NoteArea).read_only
        assert not any(n.message == "Note saved" for n in app._notifications)
        release.set()
        await settle(pilot)
        assert not isinstance(app.screen, NoteEditor)
        (highlight,) = library.highlights(seed_id(library))
        assert (highlight.exact, highlight.note) == (SENTENCE, "vent")
        assert any(n.message == "Note saved" for n in app._notifications)

    run(tmp_path, scenario)


def test_a_failed_save_keeps_the_editor_open_with_the_text(tmp_path):
    async def scenario(pilot, app, library):
        def refuse(*args, **kwargs):
            raise ValueError("disk says no")

        library.add_highlight = refuse
        await on_sentence(pilot, library)
        await pilot.press("n", *"behold", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditor)
        area = app.screen.query_one(NoteArea)
        assert area.text == "behold" and not area.read_only
        assert any("Not saved: disk says no" in n.message for n in app._notifications)

    run(tmp_path, scenario)


def test_quit_right_after_a_highlight_keeps_it_and_the_position(tmp_path):
    db = tmp_path / "t.db"
    seen = {}

    async def scenario(pilot, app, library):
        reader = await on_sentence(pilot, library)
        seen["cursor"] = reader.cursor
        await pilot.press("h", "Q")  # no pause between them
        await settle(pilot)
        assert not app.is_running

    run(tmp_path, scenario, db=db)
    library = Library.open(db)
    try:
        article_id = seed_id(library)
        assert [h.exact for h in library.highlights(article_id)] == [SENTENCE]
        assert library.article(article_id).read_position == seen["cursor"]
    finally:
        library.close()
