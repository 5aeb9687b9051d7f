"""The messages a `ReaderView` posts: what the user asked for, never what to do.

They live here to keep `reader.py` about keys and state; `ReaderView` exposes
each as a class attribute (`ReaderView.HighlightRequested`), and the explicit
`namespace` keeps Textual's handler names (`on_reader_view_highlight_requested`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from newsreader.tui.widgets.reader import ReaderView


class ReaderMessage(Message):
    """Shared `control` so `@on(ReaderView.X, "#reader")` selectors work."""

    reader: ReaderView | None

    @property
    def control(self) -> ReaderView | None:
        return self.reader


@dataclass
class HighlightRequested(ReaderMessage, namespace="reader_view"):
    """The user asked to highlight body[start:end] (selection or sentence)."""

    start: int
    end: int
    reader: ReaderView | None = field(default=None, repr=False, compare=False)


@dataclass
class NoteRequested(ReaderMessage, namespace="reader_view"):
    """Edit the note of `highlight_id`, or highlight [start, end) with a note if None."""

    highlight_id: int | None
    start: int
    end: int
    reader: ReaderView | None = field(default=None, repr=False, compare=False)


@dataclass
class DeleteRequested(ReaderMessage, namespace="reader_view"):
    """The user asked to delete the highlight under the cursor."""

    highlight_id: int
    reader: ReaderView | None = field(default=None, repr=False, compare=False)


@dataclass
class UndoRequested(ReaderMessage, namespace="reader_view"):
    """The user asked to undo the last highlight/note change."""

    reader: ReaderView | None = field(default=None, repr=False, compare=False)


@dataclass
class ReattachRequested(ReaderMessage, namespace="reader_view"):
    """Attach `highlight_id` (one that could not be placed) to body[start:end]."""

    highlight_id: int
    start: int
    end: int
    reader: ReaderView | None = field(default=None, repr=False, compare=False)


@dataclass
class ReattachCancelled(ReaderMessage, namespace="reader_view"):
    """The user pressed escape while a highlight was waiting to be re-attached."""

    highlight_id: int
    reader: ReaderView | None = field(default=None, repr=False, compare=False)


@dataclass
class StarRequested(ReaderMessage, namespace="reader_view"):
    """The user asked to star or unstar the article shown."""

    article_id: int
    reader: ReaderView | None = field(default=None, repr=False, compare=False)


@dataclass
class CursorMoved(ReaderMessage, namespace="reader_view"):
    """The cursor moved to body offset `offset`; floods are coalesced."""

    offset: int
    reader: ReaderView | None = field(default=None, repr=False, compare=False)

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, CursorMoved) and message.reader is self.reader
