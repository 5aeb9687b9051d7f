"""The feed-reader loop, as newsboat users know it: next unread, toggle read,
mark everything shown as read (with undo), the feeds view with its counts,
and the full text of an item fetched on demand.

A mixin of the app (see `host.py`). The app keeps the set of unread article
ids (`unread`), read once on the database thread after start and after every
reload of the list, and kept up to date by every read/unread write here, so
`n`, `p` and the counts never query per row: at 100,000 articles the set is
~5 MB and a scan of the list for the next unread one is a few milliseconds.

Every write says what it did and goes onto the app's undo stack, which `u`
pops (a deleted highlight or a read-state change, newest first).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.css.query import NoMatches

from newsreader.library import DatabaseError, NotFound, StoreProblem
from newsreader.text.terminal import one_line
from newsreader.text.wording import plural
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.feed_list import FeedList
from newsreader.tui.widgets.reader import ReaderView
from newsreader.tui.widgets.search_results import SearchResults

if TYPE_CHECKING:
    from newsreader.library import ImportOutcome
    from newsreader.model import Feed
    from newsreader.tui.host import AppHost as _Base
else:
    _Base = object


@dataclass(frozen=True)
class ReadChange:
    """Articles whose read state a key changed: undo sets them back (`read` is what they became)."""

    ids: tuple[int, ...]
    read: bool


def full_text_message(outcome: ImportOutcome) -> tuple[str, str]:
    """What `F` says about its outcome, and how loudly."""
    if outcome.failed:
        return f"Full text failed: {outcome.message}", "error"
    if outcome.status == "unchanged":
        return "The page holds the text stored already", "information"
    text = "Full text stored; the feed's summary is kept as the raw fallback"
    if outcome.orphaned:
        text += f" ({plural(outcome.orphaned, 'highlight')} could not be placed: see the notes pane)"
        return text, "warning"
    return text, "information"


class ReadingLoop(_Base):
    """`n`/`p`, `N`, `A`, space at the end, views `1`/`2`, `F`."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.unread: set[int] = set()
        self._feeds_by_id: dict[int, Feed] = {}

    # -- the unread set and the counts -------------------------------------------------

    async def refresh_unread(self) -> None:
        """Read the unread ids again (after a reload, a refresh, another writer)."""
        try:
            self.unread = await self.db.run(self.library.unread_ids)
        except DatabaseError:
            return  # the counts stay as they were; the list itself reports the store
        try:
            self.set_status(self.list_status())
            if self.query_one(FeedList).display:
                self.show_feeds_view()
        except NoMatches:
            return  # the app closed while the query ran

    def unread_shown(self) -> int:
        """How many of the articles the list shows are unread."""
        if self.feed_filter is None:
            return len(self.unread)
        unread = self.unread
        return sum(1 for i in self.query_one(ArticleList).ids if i in unread)

    def _now_read(self, ids: Sequence[int], read: bool) -> None:
        """The screen after a read-state change: the set, the rows, the counts."""
        if read:
            self.unread.difference_update(ids)
        else:
            self.unread.update(ids)
        try:
            articles = self.query_one(ArticleList)
        except NoMatches:
            return  # the app closed while the write ran: nothing left to redraw
        for article_id in ids[:200]:  # the rows on screen; a larger set redraws all
            articles.refresh_article(article_id)
        if len(ids) > 200:
            articles.forget_rows()
        self.set_status(self.list_status())

    def note_read(self, article_id: int) -> None:
        """Opening an article marked it read (app.py)."""
        self._now_read([article_id], True)

    # -- n / p: next and previous unread ------------------------------------------------

    def action_next_unread(self, step: int = 1) -> None:
        """Open the next (1) or previous (-1) unread article of the list, from its
        cursor; past the end it goes round (newsboat's `n`/`p`)."""
        found = self._unread_after(self._list_position(), step)
        if found is None:
            self.notify("No unread articles here", title="Unread")
            return
        self.query_one(ArticleList).select_article(found)
        self.open_article(found)

    def _list_position(self) -> int:
        articles = self.query_one(ArticleList)
        if not articles.has_focus and self.current is not None:
            try:
                return articles.ids.index(self.current.id)
            except ValueError:
                pass
        return articles.cursor_row

    def _unread_after(self, row: int, step: int) -> int | None:
        ids = self.query_one(ArticleList).ids
        if not ids or not self.unread:
            return None
        count = len(ids)
        for k in range(1, count + 1):
            article_id = ids[(row + step * k) % count]
            if article_id in self.unread:
                return article_id
        return None

    def on_reader_view_past_end(self, event: ReaderView.PastEnd) -> None:
        """`space` at the end of an article opens the next unread one (mutt, newsboat)."""
        found = self._unread_after(self._list_position(), 1)
        if found is None or found == event.article_id:
            self.notify("That was the last unread article", title="Unread")
            return
        self.query_one(ArticleList).select_article(found)
        self.open_article(found)

    # -- N, A and their undo --------------------------------------------------------------

    def _target_id(self) -> int | None:
        """The article in the reader when the reader or its notes have the focus, else the list's."""
        articles = self.query_one(ArticleList)
        if self.current is not None and not articles.has_focus and not self.query_one(FeedList).has_focus:
            return self.current.id
        return articles.current_id

    def action_toggle_read(self) -> None:
        article_id = self._target_id()
        if article_id is None:
            self.notify("No article here", severity="warning")
            return
        self.change_read([article_id], article_id in self.unread, counted=False)

    def action_mark_all_read(self) -> None:
        """Everything the list (or the search results) shows, marked read; `u` undoes it."""
        results = self.query_one(SearchResults)
        if results.display:
            ids = list(dict.fromkeys(hit.article_id for hit in results.hits))
        else:
            ids = list(self.query_one(ArticleList).ids)
        ids = [i for i in ids if i in self.unread]
        if not ids:
            self.notify("Nothing unread here", title="Unread")
            return
        self.change_read(ids, True, counted=True)

    @work(group="write")
    async def change_read(self, ids: list[int], read: bool, counted: bool) -> None:
        """Mark `ids` read or unread, say so (`counted`: with how many), make it undoable."""
        if self.library.read_only:
            self.not_saved(self.read_only_message)
            return
        async with self.db.turn:
            try:
                changed = await self.write(self.library.set_read, ids, read)
            except StoreProblem as problem:
                self.not_saved(problem)
                return
            self._now_read(changed, read)
            if changed:
                self.push_undo(ReadChange(tuple(changed), read))
        undo = self.key_for("list.undo", "u")
        state = "read" if read else "unread"
        if len(changed) == 1 and not counted:
            self.notify(f"Marked {state} — {undo} to undo", title="Read", markup=False)
        elif changed:
            self.notify(f"Marked {plural(len(changed), 'article')} {state} — {undo} to undo", title="Read", markup=False)

    async def undo_change(self, change: ReadChange) -> bool:
        """Set the articles of `change` back (called by `u`, inside the database turn)."""
        try:
            await self.write(self.library.set_read, list(change.ids), not change.read)
        except StoreProblem as problem:
            self.not_saved(problem)
            return False
        self._now_read(list(change.ids), not change.read)
        state = "unread" if change.read else "read"
        self.notify(f"Undone: {plural(len(change.ids), 'article')} {state} again", title="Undo", markup=False)
        return True

    # -- views: 1 articles, 2 feeds ---------------------------------------------------------

    def action_view_articles(self) -> None:
        """`1`: the article list (the search results if a search is shown)."""
        self.query_one(FeedList).display = False
        self.query_one("#list-pane").display = True
        results = self.query_one(SearchResults)
        if results.display:
            results.focus()
        else:
            articles = self.query_one(ArticleList)
            articles.display = True
            articles.focus()

    def action_view_feeds(self) -> None:
        """`2`: every feed with unread/total counts; enter shows that feed's articles."""
        self.show_feeds_view(focus=True)

    @work(exclusive=True, group="feeds-view")
    async def show_feeds_view(self, focus: bool = False) -> None:
        try:
            counts, (unread, total) = await self.db.run(
                lambda: (self.library.feed_counts(), self.library.unread_count())
            )
        except DatabaseError as exc:
            self.notify(self.store_failed(exc), severity="error", markup=False)
            return
        self._feeds_by_id = {c.feed.id: c.feed for c in counts}
        feeds = self.query_one(FeedList)
        current = self.feed_filter.id if self.feed_filter is not None else None
        feeds.show_counts(counts, unread, total, current if feeds.highlighted is None or focus else None)
        if focus:
            self.query_one("#list-pane").display = True
            self.query_one(ArticleList).display = False
            self.query_one(SearchResults).display = False
            feeds.display = True
            feeds.focus()
            if not counts:
                self.notify("No feeds yet: ctrl+p “Subscribe to a feed” adds one", title="Feeds")

    def on_feed_list_chosen(self, event: FeedList.Chosen) -> None:
        feed = self._feeds_by_id.get(event.feed_id) if event.feed_id is not None else None
        if event.feed_id is not None and feed is None:
            return
        if self.query_one(SearchResults).display:
            self.action_leave_search()
        self.set_feed_filter(feed)
        self.query_one(FeedList).display = False
        articles = self.query_one(ArticleList)
        articles.display = True
        articles.focus()

    def leave_feeds_view(self) -> bool:
        """`q`/escape on the feeds view: back to the articles (True if it was shown)."""
        if not self.query_one(FeedList).display:
            return False
        self.action_view_articles()
        return True

    # -- F: the full text of an item, now ----------------------------------------------------

    def action_full_text(self) -> None:
        article_id = self._target_id()
        if article_id is None:
            self.notify("No article here", severity="warning")
            return
        if self.library.read_only:
            self.not_saved(self.read_only_message)
            return
        self.fetch_full_text(article_id)

    @work(group="fulltext")
    async def fetch_full_text(self, article_id: int) -> None:
        """Download the page on the fetch thread (keys keep working), store it, show it."""
        self.notify("Fetching the full text…", title="Full text", timeout=3)
        try:
            outcome = await self.fetch_thread.run(self.library.fetch_full_text, article_id)
        except NotFound as exc:
            self.notify(one_line(str(exc)), severity="error", markup=False)
            return
        except DatabaseError as exc:
            self.notify(self.store_failed(exc), severity="error", markup=False)
            return
        except Exception as exc:  # noqa: BLE001 - a page must never take the reader down
            self.notify(one_line(f"Full text failed: {exc}"), title="Full text", severity="error", markup=False)
            return
        message, severity = full_text_message(outcome)
        self.notify(one_line(message), title="Full text", severity=severity, markup=False)
        if outcome.failed:
            return
        self.query_one(ArticleList).refresh_article(article_id)
        if self.current is not None and self.current.id == article_id:
            await self.show_changed_article()
