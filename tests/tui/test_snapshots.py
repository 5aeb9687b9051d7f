"""A few SVG snapshots for the look: main screen, note editor, search results.

The app must render the same every run: a fresh store with the seed whose
dates are fixed by SQL, cursor blink turned off, workers awaited. Update the
snapshots after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update`
and look at the SVGs in tests/tui/__snapshots__/ before committing them.
"""

from __future__ import annotations

from pathlib import Path

from newsreader.library import Library
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.config import Settings

from support import CUBA as SENTENCE
from support.app import settle

SIZE = (120, 40)


def fixed_app(tmp_path: Path) -> NewsReaderApp:
    """The app over a seeded store with nothing time-dependent in it."""
    library = Library.open(tmp_path / "snap.db")
    library.ensure_seeded()
    library.store.db.execute(
        "UPDATE articles SET imported_at = ?, updated_at = ?, published = ?",
        ["2022-12-03T08:00:00+00:00", "2022-12-03T08:00:00+00:00", "2022-12-03"],
    )
    return NewsReaderApp(library, Settings(export_dir=tmp_path / "out"))


def freeze_cursors(app) -> None:
    """Blinking cursors would make screenshots depend on timing."""
    for widget in app.screen.query("Input, TextArea"):
        widget.cursor_blink = False


async def open_on_sentence(pilot) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    app = pilot.app
    reader = app.query_one("#reader")
    target = app.current.body.index(SENTENCE)
    while reader.cursor < target:
        await pilot.press("right_parenthesis")


def test_main_screen_with_a_highlight_and_note(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        await open_on_sentence(pilot)
        await pilot.press("h", "n", *"Første gang siden 1962?", "ctrl+s")
        await settle(pilot)
        pilot.app.clear_notifications()
        freeze_cursors(pilot.app)
        await settle(pilot)

    assert snap_compare(fixed_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_note_editor(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        await open_on_sentence(pilot)
        await pilot.press("n", *"Linje én", "enter", *"Linje to")
        await settle(pilot)
        freeze_cursors(pilot.app)
        await settle(pilot)

    assert snap_compare(fixed_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_search_results(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("slash", *"dramatisk")
        await settle(pilot)
        freeze_cursors(pilot.app)
        await settle(pilot)

    assert snap_compare(fixed_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_small_terminal(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        await open_on_sentence(pilot)
        await pilot.press("h")
        await settle(pilot)
        pilot.app.clear_notifications()
        await settle(pilot)

    assert snap_compare(fixed_app(tmp_path), terminal_size=(80, 24), run_before=run_before)
