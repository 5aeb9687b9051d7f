"""The note editor: a multi-line Markdown note for a highlight or an article.

The editor does not close until the caller's `save` (a coroutine: the write
runs on the database thread) has committed the text, so "saved" on screen
always means saved on disk. Escape asks before discarding.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, TextArea

from newsreader.text.terminal import one_line, strip_control
from newsreader.text.wording import excerpt
from newsreader.tui.screens.confirm import ConfirmScreen
from newsreader.tui.typeahead import settled

HINT = "Markdown · ctrl+s saves · escape cancels · ctrl+e opens $EDITOR"
MODIFIED = "● modified · ctrl+s saves · escape asks before discarding"
SAVING = "saving…"
QUOTE_CELLS = 300


class NoteArea(TextArea):
    """A TextArea whose pastes cannot bring terminal control codes into a note."""

    async def _on_paste(self, event: events.Paste) -> None:
        # Replaces TextArea's own paste handler (prevent_default stops it running too).
        event.prevent_default()
        if self.read_only:
            return
        if result := self._replace_via_keyboard(strip_control(event.text), *self.selection):
            self.move_cursor(result.end_location)


class NoteEditor(ModalScreen[str | None]):
    """Dismisses with the saved text, or None when cancelled."""

    # Priority: the TextArea would otherwise take escape (focus moves on) and
    # ctrl+e (end of line) before the screen sees them.
    BINDINGS = [
        Binding(
            "ctrl+s", "save", "Save", priority=True, id="note.save",
            tooltip="Save (committed before the editor closes)",
        ),
        Binding(
            "escape", "cancel", "Cancel", priority=True, id="note.cancel",
            tooltip="Cancel; asks first if you typed something (y discards, n keeps editing)",
        ),
        Binding(
            "ctrl+e", "external_editor", "$EDITOR", priority=True, id="note.external_editor",
            tooltip="Edit in $VISUAL / $EDITOR",
        ),
    ]

    def __init__(
        self, heading: str, quote: str, text: str, save: Callable[[str], Awaitable[None]], warning: str = ""
    ):
        super().__init__()
        self.heading = heading
        self.quote = quote
        self.warning = warning  # e.g. the store is read-only
        # A note is shown as typed, minus control codes that would reach the terminal.
        self.initial = strip_control(text)
        self._save = save
        self._saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog"):
            yield Label(Content(self.heading), id="note-heading")
            if self.quote:
                yield Label(Content(f"“{excerpt(self.quote, QUOTE_CELLS)}”"), id="note-quote")
            if self.warning:
                yield Label(Content(self.warning), id="note-warning")
            yield NoteArea(self.initial, id="note-text", soft_wrap=True, tab_behavior="indent")
            yield Label(Content(HINT), id="note-hint")
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one(NoteArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        """The text as it is in the editor now."""
        return self.query_one(NoteArea).text

    @property
    def modified(self) -> bool:
        """True once the text differs from what the editor opened with."""
        return self.text != self.initial

    def action_save(self) -> None:
        if self._saving:  # ctrl+s twice: one save
            return
        self._saving = True
        self.query_one("#note-hint", Label).update(Content(SAVING))
        self.run_worker(self._save_then_close(), group="note-save")

    async def _save_then_close(self) -> None:
        area = self.query_one(NoteArea)
        # ctrl+s is a priority binding: it runs as soon as the app reads it, while
        # keys typed just before may still be on their way to the editor.
        await settled(area)
        area.read_only = True  # what is saved is what the editor shows
        text = area.text
        try:
            await self._save(text)
        except Exception as exc:  # the store refused: keep the editor (and the text) open
            self._saving = False
            self.query_one(NoteArea).read_only = False
            self._show_modified()
            self.notify(one_line(f"Not saved: {exc}"), severity="error", timeout=8, markup=False)
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        if self._saving:  # too late: the note is on its way to the store
            return
        if not self.modified:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)
            else:
                self.query_one(NoteArea).focus()

        self.app.push_screen(
            ConfirmScreen("Discard the changes to this note?", yes="Discard", no="Keep editing"),
            answered,
        )

    def action_external_editor(self) -> None:
        """Edit the note in $VISUAL / $EDITOR with the app suspended."""
        if self._saving:
            return
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        with tempfile.NamedTemporaryFile(
            "w", suffix=".md", prefix="newsreader-note-", delete=False, encoding="utf-8"
        ) as handle:
            handle.write(self.text)
            path = Path(handle.name)
        try:
            with self.app.suspend():
                subprocess.run([*shlex.split(command), str(path)], check=False)
            # Editors end the file with a newline the note does not need.
            edited = strip_control(path.read_text(encoding="utf-8")).rstrip("\n")
            self.query_one(NoteArea).load_text(edited)
        except Exception as exc:  # no editor, no suspend support: say so, keep the text
            self.notify(one_line(f"Could not run {command!r}: {exc}"), severity="error", markup=False)
        finally:
            path.unlink(missing_ok=True)

    @on(TextArea.Changed)
    def _show_modified(self) -> None:
        hint = MODIFIED if self.modified else HINT
        self.query_one("#note-hint", Label).update(Content(hint))
