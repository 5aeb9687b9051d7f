"""Keys typed right after the key that opens an editor belong to the editor.

Each test sends its whole burst to the app's driver at once, the way a fast
typist's keys arrive from the terminal, while the event loop is kept busy
(every turn of the loop blocks a few milliseconds, as on a loaded machine) and
the store is slow to answer. Without `tui/typeahead.py` the keys after `n`
reach the reader: `e` exports, `h` highlights, and the note is cut short.
"""

from __future__ import annotations

import asyncio
import time
import unicodedata

from support.app import on_sentence, run, seed_id, settle
from textual import events
from textual.keys import _character_to_key  # what Pilot.press uses

from newsreader.tui.screens.note_editor import NoteEditor

NOTE = "hej eh, qed: høy hastighet?"  # e, h, q, d, ? are all commands in the reader


def key_event(char: str) -> events.Key:
    key = char if char.isalnum() else _character_to_key(char)
    try:
        character = unicodedata.lookup(unicodedata.name(char)) if len(char) == 1 else None
    except (KeyError, ValueError):
        character = None
    return events.Key(key, character)


def burst(app, keys: list[str | events.Key]) -> None:
    """Every key to the driver at once: none waits for the one before to be handled."""
    for key in keys:
        event = key if isinstance(key, events.Key) else key_event(key)
        event.set_sender(app)
        app._driver.send_message(event)


async def busy_loop(stop: asyncio.Event, block_seconds: float = 0.004) -> None:
    """Block the event loop a little on every turn, like a machine under load."""
    while not stop.is_set():
        time.sleep(block_seconds)
        await asyncio.sleep(0)


def slow_store(library, seconds: float = 0.03) -> None:
    """Every read the app makes on the way to the editor takes a while."""
    for name in ("highlight", "highlights", "article_note", "add_highlight"):
        real = getattr(library, name)

        def slow(*args, _real=real, **kwargs):
            time.sleep(seconds)
            return _real(*args, **kwargs)

        setattr(library, name, slow)


async def wait_until(predicate, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.01)


def note_burst_scenario(tmp_path, opener: str, read_note, focus: str | None = None):
    async def scenario(pilot, app, library):
        await on_sentence(pilot, library)
        if focus is not None:
            app.query_one(focus).focus()
            await settle(pilot)
        exports_before = sorted((tmp_path / "out").glob("*")) if (tmp_path / "out").exists() else []
        slow_store(library)
        stop = asyncio.Event()
        busy = asyncio.create_task(busy_loop(stop))
        try:
            burst(app, [opener, *NOTE, events.Key("ctrl+s", None)])
            await wait_until(lambda: not isinstance(app.screen, NoteEditor) and read_note(library) is not None)
            await settle(pilot)
        finally:
            stop.set()
            await busy
        article_id = seed_id(library)
        assert read_note(library) == NOTE
        assert app.is_running  # the q did not quit
        exports_after = sorted((tmp_path / "out").glob("*")) if (tmp_path / "out").exists() else []
        assert exports_after == exports_before  # the e did not export
        return article_id

    return scenario


def test_keys_typed_with_n_go_into_the_highlight_note(tmp_path):
    def note(library):
        highlights = library.highlights(seed_id(library))
        return highlights[0].note if highlights else None

    async def scenario(pilot, app, library):
        article_id = await note_burst_scenario(tmp_path, "n", note)(pilot, app, library)
        assert len(library.highlights(article_id)) == 1  # the h in the note made none

    run(tmp_path, scenario)


def test_keys_typed_with_a_go_into_the_article_note(tmp_path):
    def note(library):
        found = library.article_note(seed_id(library))
        return found.text if found else None

    async def scenario(pilot, app, library):
        # `a` is the annotations pane's key: focus it as a user would (tab).
        burst_in_pane = note_burst_scenario(tmp_path, "a", note, focus="#highlight-list")
        article_id = await burst_in_pane(pilot, app, library)
        assert library.highlights(article_id) == []  # the h in the note made none

    run(tmp_path, scenario)


def editor_text(app) -> str | None:
    """The note editor's text, None until it is composed."""
    areas = app.screen.query("#note-text")
    return areas.first().text if areas else None


def test_an_editor_that_opens_with_text_already_typed_shows_it(tmp_path):
    async def scenario(pilot, app, library):
        await on_sentence(pilot, library)
        slow_store(library, 0.1)
        burst(app, ["n", *"abc"])
        await wait_until(lambda: isinstance(app.screen, NoteEditor) and editor_text(app) == "abc")
        await settle(pilot)
        assert editor_text(app) == "abc"
        assert all(h.note is None for h in library.highlights(seed_id(library)))  # nothing saved yet
        await pilot.press("escape")
        await settle(pilot)

    run(tmp_path, scenario)


def test_ordinary_keys_are_not_held(tmp_path):
    async def scenario(pilot, app, library):
        await on_sentence(pilot, library)
        burst(app, ["h"])
        await settle(pilot)
        assert not app.holding_keys
        assert len(library.highlights(seed_id(library))) == 1

    run(tmp_path, scenario)
