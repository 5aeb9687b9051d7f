"""The note editor: a multi-line Markdown note for a highlight or an article.

The editor does not close until the caller's `save` has committed the text, so
"saved" on screen always means saved on disk. Escape asks before discarding.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, TextArea

from newsreader.terminal import one_line
from newsreader.tui.screens.confirm import ConfirmScreen


class NoteEditor(ModalScreen[str | None]):
    """Dismisses with the saved text, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
        Binding("ctrl+e", "external_editor", "$EDITOR", id="note.external_editor"),
    ]

    def __init__(self, heading: str, quote: str, text: str, save: Callable[[str], None]):
        super().__init__()
        self.heading = heading
        self.quote = quote
        self.initial = text
        self._save = save

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog"):
            yield Label(Content(self.heading), id="note-heading")
            if self.quote:
                quote = one_line(self.quote)
                if len(quote) > 300:
                    quote = quote[:299] + "…"
                yield Label(Content(f"“{quote}”"), id="note-quote")
            yield TextArea(self.initial, id="note-text", soft_wrap=True, tab_behavior="indent")
            yield Label(
                Content("ctrl+s save · escape cancel · ctrl+e edit in $EDITOR · Markdown"),
                id="note-hint",
            )
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def action_save(self) -> None:
        try:
            self._save(self.text)
        except Exception as exc:  # the store refused: keep the editor (and the text) open
            self.notify(f"Not saved: {exc}", severity="error", timeout=8)
            return
        self.dismiss(self.text)

    def action_cancel(self) -> None:
        if self.text == self.initial:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)
            else:
                self.query_one(TextArea).focus()

        self.app.push_screen(
            ConfirmScreen("Discard the changes to this note?", yes="Discard", no="Keep editing"),
            answered,
        )

    def action_external_editor(self) -> None:
        """Edit the note in $VISUAL / $EDITOR with the app suspended."""
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        with tempfile.NamedTemporaryFile(
            "w", suffix=".md", prefix="newsreader-note-", delete=False, encoding="utf-8"
        ) as handle:
            handle.write(self.text)
            path = Path(handle.name)
        try:
            with self.app.suspend():
                subprocess.run([*shlex.split(command), str(path)], check=False)
            self.query_one(TextArea).load_text(path.read_text(encoding="utf-8"))
        except Exception as exc:  # no editor, no suspend support: say so, keep the text
            self.notify(f"Could not run {command!r}: {exc}", severity="error")
        finally:
            path.unlink(missing_ok=True)

    @on(TextArea.Changed)
    def _mark_dirty(self) -> None:
        self.sub_title = "modified" if self.text != self.initial else ""
