"""Getting news in from the TUI: filter the list by feed, refresh feeds in the
background, subscribe, import a file or URL.

A mixin of the app (see `host.py`), like `Annotating`. Everything that may wait on the
network (subscribe, refresh, import) runs on a second long-lived thread,
`fetch_thread`, so a slow server never holds up search or export on the
database thread; the store gives that thread its own connection and SQLite's
WAL lets the UI read while it writes. A refresh reports each stored feed with
a `RefreshProgress` message (`post_message` is thread-safe); the list is
re-queried when it is done, its cursor staying on the same article.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import SystemCommand
from textual.content import Content
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Label

from newsreader.library import DatabaseError, NotFound
from newsreader.model import Feed
from newsreader.text.terminal import one_line
from newsreader.text.wording import plural
from newsreader.tui.db_thread import DatabaseThread
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reader import ReaderView

# Feeds, downloads and the dialogs are imported when first used, not before the
# first screen.
if TYPE_CHECKING:
    from newsreader.library.importing import ImportOutcome
    from newsreader.library.subscriptions import FeedOutcome
    from newsreader.tui.host import AppHost as _Base
    from newsreader.tui.screens.feed_picker import FeedChoice
    from newsreader.tui.screens.subscribe import SubscribeRequest
    from newsreader.tui.typeahead import DialogComing
else:
    _Base = object

MAX_LISTED_FAILURES = 5
IMPORT_ORDER = ("added", "updated", "unchanged", "duplicate", "failed")


def failure_lines(failures: Sequence[tuple[str, str]]) -> list[str]:
    """One safe line per (name, reason), at most `MAX_LISTED_FAILURES` of them."""
    lines = [one_line(f"{name}: {reason}") for name, reason in failures[:MAX_LISTED_FAILURES]]
    if len(failures) > MAX_LISTED_FAILURES:
        lines.append(f"… and {len(failures) - MAX_LISTED_FAILURES} more (`newsreader feeds` lists them)")
    return lines


def refresh_summary(outcomes: Sequence[FeedOutcome]) -> tuple[str, str]:
    """("3 feeds: 5 new, 1 failed" then a line per failed feed, severity)."""
    added = sum(o.added for o in outcomes)
    updated = sum(o.updated for o in outcomes)
    failed = [o for o in outcomes if o.failed]
    counts = [f"{added} new" if added or updated else "nothing new"]
    if updated:
        counts.append(f"{updated} updated")
    if failed:
        counts.append(f"{len(failed)} failed")
    lines = [f"{plural(len(outcomes), 'feed')}: {', '.join(counts)}"]
    lines += failure_lines([(one_line(o.name), o.message) for o in failed])
    return "\n".join(lines), "error" if failed else "information"


def import_summary(outcomes: Sequence[ImportOutcome]) -> tuple[str, str]:
    """One input, one line ("added: page.html"); a feed or OPML file gives counts plus failures."""
    failed = [o for o in outcomes if o.failed]
    severity = "error" if failed else "information"
    if len(outcomes) == 1:
        (o,) = outcomes
        return one_line(f"{o.source}: {o.message}" if o.failed else f"{o.status}: {o.source}"), severity
    counts = Counter(o.status for o in outcomes)
    lines = [", ".join(f"{counts[s]} {s}" for s in IMPORT_ORDER if counts[s]) or "nothing to import"]
    lines += failure_lines([(o.source, o.message) for o in failed])
    return "\n".join(lines), severity


@dataclass
class RefreshProgress(Message):
    """Sent from the fetch thread after each feed of a refresh is stored."""

    done: int
    total: int
    name: str

    @property
    def control(self) -> None:
        return None  # from the app's own refresh, not from a widget

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, RefreshProgress)  # only the latest count matters


class RefreshStopped(Exception):
    """The app is closing: the refresh stores no further feed."""


class FeedFlows(_Base):
    """Feed filter, background refresh, subscribe and import for the app."""

    feed_filter: Feed | None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.feed_filter = None  # the feed the list shows, None: every article
        self.fetch_thread = DatabaseThread("newsreader-fetch")
        self._refresh_stop = threading.Event()
        self._refresh_count = (0, 0)  # (done, total) of the running refresh

    # -- the list and its feed filter --------------------------------------------------

    def list_status(self) -> str:
        """"3 articles", or "3 articles · Feed name" while filtered."""
        text = plural(self.query_one(ArticleList).row_count, "article")
        if unread := self.unread_shown():
            text += f" · {unread} unread"
        if self.feed_filter is not None:
            text += f" · {one_line(self.feed_filter.name)}"
        if self.library.read_only:
            text += " · read-only"
        return text

    async def reload_list(self) -> list[int]:
        """Re-query the list (the filter's feed only, if any); the cursor stays on its article.

        Returns the ids now listed."""
        wanted = self.feed_filter.id if self.feed_filter is not None else None

        def query() -> tuple[Feed | None, list[int]]:
            feed = None
            if wanted is not None:
                try:
                    feed = self.library.feed(wanted)  # its title may have changed
                except NotFound:
                    pass  # unsubscribed meanwhile: back to every article
            return feed, self.library.article_ids(feed.id if feed else None)

        feed, ids = await self.db.run(query)
        self.feed_filter = feed
        articles = self.query_one(ArticleList)
        articles.set_ids(ids, keep_cursor=articles.current_id in ids)
        if articles.display:
            self.set_status(self.list_status())
        await self.refresh_unread()  # new articles, another writer's reads
        return ids

    def action_filter_feed(self) -> None:
        self.pick_feed(self.dialog_coming())

    @work(group="feeds")
    async def pick_feed(self, coming: DialogComing) -> None:
        """Load the feeds with their counts, then ask which one to show (keys
        typed meanwhile wait for the picker: `coming`)."""
        with coming:
            feeds, total = await self.db.run(lambda: (self.library.feeds(), self.library.count()))
            current = self.feed_filter.id if self.feed_filter is not None else None
            from newsreader.tui.screens.feed_picker import FeedPicker

            self.push_screen(FeedPicker(feeds, total, current), self._feed_chosen)

    def _feed_chosen(self, choice: FeedChoice) -> None:
        from newsreader.tui.screens.feed_picker import ALL

        if choice is not None:
            self.set_feed_filter(None if choice == ALL else choice)

    def set_feed_filter(self, feed: Feed | None) -> None:
        """Show only `feed`'s articles (None: all of them) in the list, leaving any search."""
        self.feed_filter = feed
        if self.query_one("#search").value:
            self.action_leave_search()
        self.query_one("#list-pane").display = True
        self.query_one(ArticleList).focus()
        self.run_worker(self.reload_list(), group="feeds", exclusive=True)

    # -- refresh ---------------------------------------------------------------------------

    def action_refresh_feeds(self) -> None:
        if self.library.read_only:
            self.not_saved(self.read_only_message)
            return
        if self.workers_running("refresh"):
            done, total = self._refresh_count
            message = f"A refresh is already running ({done} of {total} feeds done)"
            self.notify(message, title="Refresh", severity="warning")
            return
        self.refresh_feeds()

    @work(group="refresh")
    async def refresh_feeds(self) -> None:
        """Fetch every feed on the fetch thread; keys keep working meanwhile."""
        feeds = await self.db.run(self.library.feeds)
        if not feeds:
            message = "No feeds yet: ctrl+p “Subscribe to a feed” adds one"
            self.notify(message, title="Refresh", severity="warning")
            return
        self._show_refresh(0, len(feeds), "")
        try:
            outcomes = await self.fetch_thread.run(self.library.refresh, self._report_refresh)
        except RefreshStopped:
            return
        except Exception as exc:  # a store or parser error must not take the reader down
            reason = self.store_failed(exc) if isinstance(exc, DatabaseError) else str(exc)
            self.notify(one_line(f"Refresh stopped: {reason}"), title="Refresh", severity="error", markup=False)
            outcomes = None
        finally:
            self._hide_refresh()
        await self.reload_list()  # also after a failure: the feeds stored before it are in
        await self.show_changed_article()
        if outcomes is not None:
            message, severity = refresh_summary(outcomes)
            timeout = 15 if severity == "error" else 6
            self.notify(message, title="Refresh", severity=severity, timeout=timeout, markup=False)

    def _report_refresh(self, done: int, total: int, name: str) -> None:
        """The refresh's progress callback, on the fetch thread."""
        if self._refresh_stop.is_set():
            raise RefreshStopped
        self.post_message(RefreshProgress(done, total, name))

    def on_refresh_progress(self, message: RefreshProgress) -> None:
        self._show_refresh(message.done, message.total, message.name)

    def _show_refresh(self, done: int, total: int, name: str) -> None:
        self._refresh_count = (done, total)
        shown = f": {one_line(name)}" if name else ""
        label = self.query_one("#refresh-status", Label)
        label.update(Content(f"Refreshing {done}/{total}{shown}…"))
        label.display = True

    def _hide_refresh(self) -> None:
        try:
            self.query_one("#refresh-status", Label).display = False
        except NoMatches:
            pass  # the app is closing

    async def show_changed_article(self) -> None:
        """If the open article's text changed, show the stored text: highlights are
        made on what the reader shows, so it must be what the store holds."""
        shown = self.current
        if shown is None:
            return
        try:
            fresh = await self.db.run(self.library.article, shown.id)
        except NotFound:
            return
        reader = self.query_one(ReaderView)
        if fresh.content_hash == shown.content_hash or self.current is not shown:
            return
        if reader.article_id != shown.id:
            return
        self.current = fresh
        highlights, note = await self.db.run(
            lambda: (self.library.highlights(fresh.id), self.library.article_note(fresh.id))
        )
        reader.show_article(fresh, highlights, cursor=reader.cursor)
        self.show_annotations(fresh.id, highlights, note)
        self.notify("The open article has new text; its highlights moved with their quotes", title="Updated")

    # -- subscribe, import ---------------------------------------------------------------

    def action_subscribe(self, full_text: bool = False) -> None:
        if self.library.read_only:
            self.not_saved(self.read_only_message)
            return

        def chosen(request: SubscribeRequest | None) -> None:
            if request is not None:
                self.subscribe_to(*request)

        from newsreader.tui.screens.subscribe import SubscribeScreen

        self.push_screen(SubscribeScreen(full_text), chosen)

    @work(group="subscribe")
    async def subscribe_to(self, target: str, full_text: bool) -> None:
        """Fetch the feed once and import its items; say how it went once it is stored."""
        waiting = " (after the refresh that is running)" if self.workers_running("refresh") else ""
        self.notify(one_line(f"Subscribing to {target}{waiting}…"), title="Subscribe", markup=False)
        try:
            outcome = await self.fetch_thread.run(self.library.subscribe, target, full_text)
        except Exception as exc:  # subscribe reports bad targets itself; this is a store error
            from newsreader.library.subscriptions import FeedOutcome

            reason = self.store_failed(exc) if isinstance(exc, DatabaseError) else str(exc)
            outcome = FeedOutcome(target, "failed", message=reason)
        if outcome.failed:
            message = one_line(f"{outcome.name}: {outcome.message}")
            self.notify(message, title="Subscribe failed", severity="error", timeout=12, markup=False)
            return
        await self.reload_list()
        self.notify(one_line(f"{outcome.name}: {outcome.summary()}"), title="Subscribe", markup=False)

    def action_import_file(self) -> None:
        if self.library.read_only:
            self.not_saved(self.read_only_message)
            return

        def chosen(target: str | None) -> None:
            if target:
                self.import_source(target)

        question = "Import a file or a URL (article, page, feed, OPML, annotations):"
        from newsreader.tui.screens.prompt import PromptScreen

        self.push_screen(PromptScreen(question, "path/to/article.txt or https://..."), chosen)

    @work(group="import")
    async def import_source(self, target: str) -> None:
        """Import a file, or a URL (kept a string: a Path would turn it into a file name),
        then show the list unfiltered with the first imported article selected."""
        from newsreader.library import looks_like_url  # downloads: loaded on first use

        source: str | Path = target if looks_like_url(target) else Path(target).expanduser()
        try:
            outcomes = await self.fetch_thread.run(self.library.import_paths, [source])
        except DatabaseError as exc:
            self.not_saved(f"Import failed: {self.store_failed(exc)}")
            return
        self.feed_filter = None  # the new articles may belong to no feed
        ids = await self.reload_list()
        if not self.query_one("#search").value:  # a search typed meanwhile stays on screen
            self.show_list()
        imported = {o.article_id for o in outcomes if not o.failed and o.article_id is not None}
        topmost = next((i for i in ids if i in imported), None)  # a feed's newest item
        if topmost is not None:
            self.query_one(ArticleList).select_article(topmost)
        await self.show_changed_article()
        message, severity = import_summary(outcomes)
        timeout = 12 if severity == "error" else 6
        self.notify(message, title="Import", severity=severity, timeout=timeout, markup=False)

    # -- commands, closing -------------------------------------------------------------

    def feed_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Subscribe to a feed", "A feed URL, a page that links to one, or a feed file", self.action_subscribe
        )
        yield SystemCommand(
            "Subscribe (full text)",
            "Subscribe, completing summary-only items from their article pages",
            lambda: self.action_subscribe(full_text=True),
        )
        yield SystemCommand("Refresh feeds", "Fetch every feed in the background", self.action_refresh_feeds)
        yield SystemCommand("Filter by feed", "Show only the articles of one feed", self.action_filter_feed)
        if self.feed_filter is not None:
            yield SystemCommand("Show all articles", "Leave the feed filter", lambda: self.set_feed_filter(None))
        about = "A file or a URL: article, web page, feed, OPML or annotations"
        yield SystemCommand("Import a file", about, self.action_import_file)

    def stop_fetching(self) -> None:
        """On the way out: a running refresh stores no further feed."""
        self._refresh_stop.set()
        self.fetch_thread.shutdown()
