"""View `2`: every feed with its unread and total counts, newest first (newsboat's first screen).

A row is `  3/12  Feed name  2026-12-01`: the counts first, in a fixed column
so they line up, then the feed's own title (literal text, one line, cut by
cells), then the date of its newest article. The first row is "All articles".
Enter shows the chosen feed's articles in the list (`FeedList.Chosen`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsreader.text.cells import cell_len, truncate_cells
from newsreader.text.terminal import one_line
from newsreader.tui.widgets.messages import WidgetMessage

if TYPE_CHECKING:
    from newsreader.model import FeedCount

ALL_ROW = "all"


def feed_row(
    name: str, unread: int, total: int, newest: str | None, failed: bool = False, width: int = 0
) -> Text:
    """One row: counts, name, newest date; bold while something in it is unread.

    With a `width` (cells) the name is cut to leave the date and the failure
    mark in view; the counts come first so that they line up."""
    row = Text(no_wrap=True, overflow="ellipsis", end="")
    counts = f"{unread}/{total}"
    row.append(f"{counts:>9}  ", style="bold" if unread else "dim")
    tail = []
    if newest:
        tail.append((f"  {one_line(newest)[:10]}", "dim"))
    if failed:
        tail.append(("  ⚠ failed", "dim italic"))
    title = one_line(name) or "(untitled feed)"
    if width:
        room = width - cell_len(row.plain) - sum(cell_len(t) for t, _ in tail)
        while tail and room < 8:  # the name matters more than the date
            room += cell_len(tail.pop()[0])
        title = truncate_cells(title, max(room, 1))
    row.append(title, style="bold" if unread else "")
    for text, style in tail:
        row.append(text, style=style)
    return row


class _FeedListMessage(WidgetMessage):
    WIDGET_FIELD = "feed_list"


class FeedList(OptionList):
    """The feeds with their counts; posts `Chosen(feed_id)` (None: all articles) on enter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="feedlist.down"),
        Binding("k", "cursor_up", "Up", show=False, id="feedlist.up"),
        Binding("g", "first", "First", show=False, id="feedlist.first"),
        Binding("G", "last", "Last", show=False, id="feedlist.last"),
        Binding("n", "next_unread(1)", "Next unread feed", show=False, id="feedlist.next_unread"),
        Binding("p", "next_unread(-1)", "Previous unread feed", show=False, id="feedlist.prev_unread"),
        Binding("enter", "select", "Show its articles", id="feedlist.open"),
    ]

    DEFAULT_CSS = """
    FeedList {
        height: 1fr;
        border: none;
        padding: 0;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        background: $surface;
    }
    FeedList:focus {
        border: none;
    }
    """

    @dataclass
    class Chosen(_FeedListMessage):
        """Enter on a row: `feed_id` None is "All articles"."""

        feed_id: int | None
        feed_list: FeedList

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._unread: list[int] = []  # by row, the "All articles" row first
        self._counts: tuple[list[FeedCount], int, int] = ([], 0, 0)

    def show_counts(self, counts: Sequence[FeedCount], unread: int, total: int, current: int | None) -> None:
        """Fill the rows; the cursor goes to the feed `current` (None: All articles)."""
        self._counts = (list(counts), unread, total)
        self._fill()
        ids = [str(c.feed.id) for c in counts]
        self.highlighted = ids.index(str(current)) + 1 if str(current) in ids else 0

    def _fill(self) -> None:
        counts, unread, total = self._counts
        width = self.scrollable_content_region.width
        options = [Option(feed_row("All articles", unread, total, None, width=width), id=ALL_ROW)]
        self._unread = [unread]
        for count in counts:
            failed = count.feed.last_status == "error"
            row = feed_row(count.feed.name, count.unread, count.total, count.newest, failed, width)
            options.append(Option(row, id=str(count.feed.id)))
            self._unread.append(count.unread)
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(options)
        if highlighted is not None and highlighted < len(options):
            self.highlighted = highlighted

    def on_resize(self, event: events.Resize) -> None:
        if self._counts[0] or self.option_count:
            self._fill()  # the names are cut to the new width

    def action_next_unread(self, step: int) -> None:
        """The next (step 1) or previous (-1) feed with unread articles, if any."""
        start = self.highlighted if self.highlighted is not None else 0
        row = start + step
        while 0 < row < len(self._unread):  # row 0 (All articles) is not a feed
            if self._unread[row]:
                self.highlighted = row
                return
            row += step
        self.app.bell()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = None if event.option_id == ALL_ROW else int(event.option_id)
        self.post_message(self.Chosen(chosen, self))
