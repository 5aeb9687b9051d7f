"""The article list pane: a virtual list that costs the same for 10 or 100,000 articles.

Only the ordering (a list of ids) is held in full. Summaries are fetched for the
visible window (plus a margin) in one call, kept in a bounded LRU cache, and
each row is drawn straight to a `Strip` through the line API.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.tui.widgets.messages import WidgetMessage
from newsreader.model import ArticleSummary
from newsreader.text.cells import truncate_cells
from newsreader.text.terminal import one_line
from newsreader.tui.widgets.article_row import row_pieces

FetchRows = Callable[[Sequence[int]], dict[int, ArticleSummary]]

EMPTY_MESSAGE = "No articles — import some with `newsreader import FILE`"
LOADING_MESSAGE = "Loading…"
CACHE_SIZE = 2000
# Rows fetched beyond the visible window on each side, so small scrolls hit the cache.
MARGIN = 20


class _ArticleListMessage(WidgetMessage):
    WIDGET_FIELD = "article_list"


class ArticleList(ScrollView, can_focus=True):
    """A keyboard-driven list of article summaries backed by a `fetch_rows` callable."""

    ALLOW_SELECT = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "move(1)", "Down", show=False, id="list.down"),
        Binding("k,up", "move(-1)", "Up", show=False, id="list.up"),
        Binding("g,home", "jump(0)", "First", show=False, id="list.first"),
        Binding("G,end", "jump(-1)", "Last", show=False, id="list.last"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="list.page_down"),
        Binding("ctrl+u", "page(-0.5)", "Half page up", show=False, id="list.half_up"),
        Binding("ctrl+d", "page(0.5)", "Half page down", show=False, id="list.half_down"),
        Binding("enter", "select", "Open", show=True, id="list.open"),
        Binding("s", "star", "Star", id="list.star"),
        Binding(
            "n", "app.next_unread(1)", "Next unread", id="list.next_unread",
            tooltip="Open the next unread article of the list (newsboat)",
        ),
        Binding("p", "app.next_unread(-1)", "Previous unread", show=False, id="list.prev_unread"),
        Binding(
            "u", "app.undo_delete", "Undo", show=False, id="list.undo",
            tooltip="Undo the last mark-read (A, N) or highlight deletion",
        ),
        Binding(
            "f", "app.filter_feed", "Filter", id="list.filter_feed",
            tooltip="Show only the articles of one feed (or all of them again)",
        ),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        "article-list--cursor-blurred",
        "article-list--marker",
        "article-list--unread",
        "article-list--highlights",
        "article-list--dim",
        "article-list--star",
    }
    DEFAULT_CSS = """
    ArticleList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        background: $surface;
        & > .article-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .article-list--cursor-blurred {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .article-list--marker { color: $accent; }
        & > .article-list--unread { text-style: bold; }
        & > .article-list--highlights { color: $warning; }
        & > .article-list--dim { color: $text-muted; }
        & > .article-list--star { color: $warning; }
    }
    """

    @dataclass
    class Selected(_ArticleListMessage):
        """Enter (or a double click) on an article."""

        article_id: int
        article_list: ArticleList

    @dataclass
    class StarRequested(_ArticleListMessage):
        """`s` on an article: the screen decides what starring means."""

        article_id: int
        starred: bool  # the state the user asked for
        article_list: ArticleList

    @dataclass
    class CursorChanged(_ArticleListMessage):
        """The cursor moved; `article_id` is None once the list is empty.

        A newer one replaces a pending one, so holding `j` does not queue a
        reader-pane load per row.
        """

        article_id: int | None
        article_list: ArticleList

        def can_replace(self, message: Message) -> bool:
            return (
                isinstance(message, ArticleList.CursorChanged)
                and message.article_list is self.article_list
            )

    def __init__(
        self, fetch_rows: FetchRows, *, id: str | None = None, classes: str | None = None
    ) -> None:
        """`fetch_rows(ids)` returns summaries for those ids (missing ones left out)."""
        super().__init__(id=id, classes=classes)
        self._fetch_rows = fetch_rows
        self._ids: list[int] = []
        # Rows the list will hold once every id has arrived (the first screen
        # gets the first page of ids and the count; rows past it draw blank).
        self._total = 0
        self._cursor = 0
        # id -> summary, or None for an id the store no longer knows (so it is not re-asked).
        self._cache: OrderedDict[int, ArticleSummary | None] = OrderedDict()

    # -- public API --------------------------------------------------------------------

    @property
    def cursor_row(self) -> int:
        """Index of the cursor row (0 when the list is empty)."""
        return self._cursor

    @property
    def current_id(self) -> int | None:
        """Id of the article under the cursor, or None when the list is empty."""
        return self._ids[self._cursor] if self._ids else None

    @property
    def ids(self) -> Sequence[int]:
        """The listed ids in order (the list's own: read, do not change)."""
        return self._ids

    @property
    def row_count(self) -> int:
        """Number of articles in the list (counting rows whose ids are still to come)."""
        return self._total

    def set_ids(self, ids: list[int], keep_cursor: bool = True, total: int | None = None) -> None:
        """Replace the ordering; keep the cursor on the same article when it is still there.

        `total` (at least len(ids)) says `ids` is only the first page: the list is
        sized for `total` rows and the cursor stays within the known ones until
        `set_ids` is called again with all of them.
        """
        old_id = self.current_id
        self._ids = list(ids)
        self._total = max(total or 0, len(self._ids))
        self._cache.clear()
        row = 0
        if keep_cursor and old_id is not None:
            try:
                row = self._ids.index(old_id)
            except ValueError:
                row = min(self._cursor, len(self._ids) - 1)  # the article that took its place
        self._cursor = max(row, 0)
        self.virtual_size = Size(0, self._total)
        self._scroll_to_cursor()
        self.refresh()
        if self.current_id != old_id or old_id is None:
            self.post_message(self.CursorChanged(self.current_id, self))

    def refresh_article(self, article_id: int) -> None:
        """Forget the cached row of `article_id` and redraw (it is re-fetched if visible)."""
        self._cache.pop(article_id, None)
        self.refresh()

    def forget_rows(self) -> None:
        """Forget every cached row and redraw (many rows changed at once)."""
        self._cache.clear()
        self.refresh()

    def select_article(self, article_id: int) -> None:
        """Move the cursor to `article_id` (ignored if it is not in the list)."""
        try:
            row = self._ids.index(article_id)
        except ValueError:
            return
        self._move_to(row)

    # -- cursor ------------------------------------------------------------------------

    def _page(self) -> int:
        return max(self.scrollable_content_region.height, 1)

    def _move_to(self, row: int) -> None:
        if not self._ids:
            return
        row = max(0, min(row, len(self._ids) - 1))
        if row == self._cursor:
            return
        old = self._cursor
        self._cursor = row
        self.refresh_line(old)
        self.refresh_line(row)
        self._scroll_to_cursor()
        self.post_message(self.CursorChanged(self.current_id, self))

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            return  # not laid out yet; on_resize catches up
        top = round(self.scroll_y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, force=True)
        elif self._cursor >= top + height:
            self.scroll_to(y=self._cursor - height + 1, animate=False, force=True)

    def on_resize(self, event: events.Resize) -> None:
        self._scroll_to_cursor()

    def action_move(self, rows: int) -> None:
        """Move the cursor by `rows` (negative is up)."""
        self._move_to(self._cursor + rows)

    def action_jump(self, row: int) -> None:
        """Move the cursor to `row`; -1 is the last row."""
        self._move_to(row if row >= 0 else len(self._ids) + row)

    def action_page(self, pages: float) -> None:
        """Move the cursor by a (fraction of a) page of visible rows."""
        step = int(self._page() * abs(pages)) or 1
        self._move_to(self._cursor + (step if pages > 0 else -step))

    def action_select(self) -> None:
        if (article_id := self.current_id) is not None:
            self.post_message(self.Selected(article_id, self))

    def action_star(self) -> None:
        """Ask to flip the star of the article under the cursor."""
        article_id = self.current_id
        if article_id is None:
            return
        summary = self._cache.get(article_id)
        starred = summary.starred if summary is not None else False
        self.post_message(self.StarRequested(article_id, not starred, self))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = round(self.scroll_y) + offset.y
        if 0 <= row < len(self._ids):
            self._move_to(row)
            if event.chain >= 2:
                self.action_select()

    # -- rendering ---------------------------------------------------------------------

    def _summary(self, row: int) -> ArticleSummary | None:
        article_id = self._ids[row]
        if article_id not in self._cache:
            self._fetch_window(row)
        self._cache.move_to_end(article_id)
        return self._cache[article_id]

    def _fetch_window(self, row: int) -> None:
        # One query for every uncached id around the viewport, never one per row.
        top = round(self.scroll_y)
        start = max(0, min(row, top) - MARGIN)
        end = min(len(self._ids), max(row, top + self._page()) + MARGIN + 1)
        wanted = [i for i in self._ids[start:end] if i not in self._cache]
        found = self._fetch_rows(wanted) if wanted else {}
        for article_id in wanted:
            self._cache[article_id] = found.get(article_id)
        limit = max(CACHE_SIZE, 3 * (end - start))
        while len(self._cache) > limit:
            self._cache.popitem(last=False)

    _loading = False  # set_loading: the library is still being read

    def set_loading(self, loading: bool) -> None:
        """While True, an empty list says "Loading…" rather than that there are no articles."""
        if loading != self._loading:
            self._loading = loading
            self.refresh()

    def render_line(self, y: int) -> Strip:
        """Draw visible line `y` (line API): one article row, blank, or the empty hint."""
        width = self.scrollable_content_region.width
        base = self.get_visual_style().rich_style
        if not self._ids:
            if y == self.scrollable_content_region.height // 2:
                dim = self.get_visual_style("article-list--dim").rich_style
                message = LOADING_MESSAGE if self._loading else EMPTY_MESSAGE
                hint = Text(truncate_cells(message, width), style=dim)
                hint.align("center", width)
                return Strip(list(hint.render(self.app.console)), width).crop_extend(0, width, base)
            return Strip.blank(width, base)
        row = round(self.scroll_y) + y
        if not 0 <= row < len(self._ids) or width <= 0:
            return Strip.blank(width, base)
        text = self._row_text(row, width)
        return Strip(list(text.render(self.app.console))).crop_extend(0, width, base)

    def _row_text(self, row: int, width: int) -> Text:
        """One row exactly `width` cells wide (see `article_row.py` for what goes where)."""
        summary = self._summary(row)
        if row == self._cursor:
            row_classes: tuple[str, ...] = (
                ("article-list--cursor",) if self.has_focus else ("article-list--cursor-blurred",)
            )
        else:
            row_classes = ()

        def style(*names: str):
            return self.get_visual_style(*row_classes, *names).rich_style

        line = Text(style=style(), no_wrap=True, end="")
        if summary is None:
            line.append("  ")
            gone = truncate_cells(f"(article {self._ids[row]} is gone)", width - 2)
            line.append(gone, style("article-list--dim"))
            line.truncate(width, pad=True)
            return line

        unread = summary.read_at is None
        # Every field may come from an arbitrary web page: one_line drops escape
        # sequences, controls and bidi overrides, and keeps it to one line. The
        # date is the publication date only: when an article was imported is not
        # when it was published.
        pieces = row_pieces(
            width,
            one_line(summary.title) or "(untitled)",
            summary.highlight_count,
            one_line(summary.source),
            one_line(summary.language),
            one_line(summary.published)[:10],
        )
        roles = {
            "title": style("article-list--unread") if unread else style(),
            "highlights": style("article-list--highlights"),
            "space": style(),
        }
        dim = style("article-list--dim")
        line.append("●" if unread else " ", style("article-list--marker"))
        line.append("★ " if summary.starred else "  ", style("article-list--star"))
        for text, role in pieces:
            line.append(text, roles.get(role, dim))
        line.truncate(width, pad=True)
        return line
