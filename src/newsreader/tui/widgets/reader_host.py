"""What the reader's mixins need from the widget they are mixed into.

`ReaderView` is assembled from mixins (`reader_edits.ReaderEdits`,
`reader_wrapping.LazyWrapping`, `reader_navigation.CursorNavigation`) so that
each module has one reason to change. A mixin reads and sets the reader's
state, posts its messages and calls a few methods of the other parts;
`ReaderHost` spells out exactly which, and `ReaderMixin` (a `ScrollView` that
is a `ReaderHost`, for type checkers only) is the mixins' base. So the mixins
are type-checked without importing `reader.py`, which imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from textual.message import Message

from newsreader.model import Article, Highlight
from newsreader.tui.widgets.reader_layout import Layout, SpanIndex

__all__ = ["ReaderHost", "ReaderMixin"]


class ReaderHost(Protocol):
    """The reader's own side of `ReaderView`, as its mixins see it."""

    # The reader's state, set in `ReaderView.__init__`. The values are for type
    # checkers only (without one, mypy re-infers an attribute a mixin assigns).
    _article: Article | None = None
    _layout: Layout | None = None
    _cursor: int = 0
    _anchor: int | None = None  # the other end of the selection, if one is being made
    _goal_col: int | None = None
    _highlights: SpanIndex[Highlight]
    _matches: SpanIndex[None]
    _match_note: str = ""

    # The messages nested in `ReaderView`, posted as `self.HighlightRequested(...)`.
    HighlightRequested: Callable[..., Message]
    NoteRequested: Callable[..., Message]
    DeleteRequested: Callable[..., Message]
    UndoRequested: Callable[..., Message]
    ReattachRequested: Callable[..., Message]
    ReattachCancelled: Callable[..., Message]
    StarRequested: Callable[..., Message]
    PastEnd: Callable[..., Message]
    CursorMoved: Callable[..., Message]

    # From `ReaderView` itself and from `LazyWrapping`, for the other mixins.
    @property
    def selection(self) -> tuple[int, int] | None: ...
    def highlight_at(self, offset: int) -> Highlight | None: ...
    def _update_mode_line(self) -> None: ...
    def _invalidate(self) -> None: ...
    def _content_width(self) -> int: ...
    def _settle(self, margin: int, screen_margin: int = 0) -> None: ...
    def _sync_size(self) -> None: ...
    def _scroll_y(self, y: int) -> None: ...


# The base of each mixin. Type checkers see a `ScrollView` (Textual's side)
# that is also a `ReaderHost`; at run time it is `object`, because a real
# base would put `ReaderHost`'s stubs ahead of the widget's methods.
if TYPE_CHECKING:
    from textual.scroll_view import ScrollView

    class ReaderMixin(ScrollView, ReaderHost):
        """A mixin of `ReaderView`, as type checkers see it."""

else:
    ReaderMixin = object
