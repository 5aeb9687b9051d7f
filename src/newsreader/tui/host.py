"""What the app's flows need from the app they are mixed into.

`NewsReaderApp` is assembled from mixins (`annotating.Annotating`,
`feeds.FeedFlows`, `searching.SearchFlows`) so that each module has one reason
to change. A mixin reads the app's state and calls Textual's app methods;
`AppHost` spells out exactly which, so the mixins are type-checked against
this protocol instead of importing `app.py`, which imports them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from textual.dom import DOMNode
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker

from newsreader.library import Library
from newsreader.model import Article, ArticleNote, Feed, Highlight
from newsreader.tui.config import Settings
from newsreader.tui.db_thread import DatabaseThread

if TYPE_CHECKING:
    from newsreader.tui.typeahead import DialogComing

__all__ = ["AppHost"]

W = TypeVar("W", bound=DOMNode)
T = TypeVar("T")


class AppHost(Protocol):
    """The app as its flows see it."""

    # The app's state, owned by `NewsReaderApp`.
    library: Library
    settings: Settings
    db: DatabaseThread  # reads and every write, in order
    fetch_thread: DatabaseThread  # network work (feeds.py)
    current: Article | None  # the article in the reader
    feed_filter: Feed | None  # the feed the list shows (feeds.py)
    undo_stack: list[Any]  # deleted highlights and read changes, newest last (annotating.py, reading.py)
    unread: set[int]  # every unread article id (reading.py)
    shown_highlights: list[Highlight]  # the open article's, as on screen (annotating.py)
    shown_note: ArticleNote | None
    _keymap: dict[str, str]

    # Textual's app API, as far as the flows use it.
    @property
    def workers(self) -> Iterable[Worker]: ...
    def query_one(self, selector: Any, expect_type: type[W] | None = None) -> Any: ...
    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...
    def push_screen(self, screen: Screen[Any], callback: Callable[[Any], Any] | None = None) -> Any: ...
    def post_message(self, message: Message) -> bool: ...
    def copy_to_clipboard(self, text: str) -> None: ...
    def run_worker(self, work: Any, name: str | None = "", group: str = "default", **kwargs: Any) -> Worker: ...
    def set_interval(self, interval: float, callback: Callable[[], Any]) -> Any: ...

    # Across the flows.
    def set_status(self, text: str) -> None: ...
    def list_status(self) -> str: ...
    def show_list(self) -> None: ...
    def action_leave_search(self) -> None: ...
    def workers_running(self, group: str) -> bool: ...
    def open_article(
        self, article_id: int, cursor: int | None = None, matches: Iterable[tuple[int, int]] = ()
    ) -> None: ...
    def show_annotations(
        self, article_id: int, highlights: list[Highlight], note: ArticleNote | None, select: int | None = None
    ) -> None: ...
    async def reload_list(self) -> list[int]: ...  # feeds.py
    async def show_changed_article(self) -> None: ...  # feeds.py
    def set_feed_filter(self, feed: Feed | None) -> None: ...  # feeds.py
    def key_for(self, binding_id: str, default: str) -> str: ...  # annotating.py
    def push_undo(self, change: Any) -> None: ...  # annotating.py
    async def undo_change(self, change: Any) -> bool: ...  # reading.py
    async def refresh_unread(self) -> None: ...  # reading.py
    def unread_shown(self) -> int: ...  # reading.py
    def dialog_coming(self) -> DialogComing: ...  # typeahead.py

    # Writes, and what the store refused (store_writes.py).
    @property
    def read_only_message(self) -> str: ...
    def store_failed(self, exc: Exception) -> str: ...
    async def write(self, fn: Callable[..., T], /, *args: Any) -> T: ...
    async def write_quietly(self, fn: Callable[..., Any], /, *args: Any) -> bool: ...
    def not_saved(self, problem: Exception | str) -> None: ...
