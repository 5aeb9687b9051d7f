"""The Textual app: search bar, article list, reader, annotations, footer.

Widgets post messages; the app decides what they mean and calls the
`Library`. Every write is committed before the UI says it is done. Slow work
(first import, search, export, file import) runs in workers whose database
calls go to one dedicated thread (`DatabaseThread`).

The annotating flows (highlight, note, delete, undo, star) live in
`annotating.py`, the feed flows (filter, refresh, subscribe, import) in
`feeds.py`; this module holds the layout, opening articles, search, export,
panes and help.
"""

from __future__ import annotations

import gc
import sqlite3
import sys
from collections.abc import Iterable

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Input, Label

from newsreader.library import Library, NotFound
from newsreader.model import Article, SearchHit
from newsreader.store import StoreError
from newsreader.text.terminal import one_line
from newsreader.tui.annotating import Annotating
from newsreader.tui.config import Settings, config_path, load_settings
from newsreader.tui.db_thread import DatabaseThread
from newsreader.tui.feeds import FeedFlows, plural
from newsreader.tui.keys import key_sections, keymap_problems
from newsreader.tui.startup import first_page, prepare_store, reclean_summary
from newsreader.tui.widgets.annotations import AnnotationsPane
from newsreader.tui.widgets.article_header import ArticleHeader
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reader import ReaderView
from newsreader.tui.widgets.search_bar import SearchBar
from newsreader.tui.widgets.search_results import SearchResults

NARROW = 100  # below this many columns the annotations pane gives way
SEARCH_LIMIT = 100


class NewsReaderApp(Annotating, FeedFlows, App[None]):
    """A keyboard-driven reader with highlights and notes over one Library."""

    CSS_PATH = "app.tcss"
    TITLE = "newsreader"
    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="app.search"),
        Binding(
            "escape", "back", "Back", show=False, id="app.back",
            tooltip="Leave the search, else go back to the article list, else show every feed again",
        ),
        Binding(
            "e", "export_article", "Export", id="app.export",
            tooltip="Write this article's highlights and notes as Markdown to the export folder",
        ),
        Binding("A", "toggle_annotations", "Notes pane", show=False, id="app.toggle_annotations"),
        Binding("L", "toggle_list", "List pane", show=False, id="app.toggle_list"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
        # Last: on a narrow footer it is the one that gives way, not help or quit.
        Binding(
            "R", "refresh_feeds", "Refresh", id="app.refresh",
            tooltip="Fetch every feed in the background; new articles join the list",
        ),
    ]

    def __init__(self, library: Library, settings: Settings | None = None):
        super().__init__()
        self.library = library
        self.settings = settings or Settings()
        self.db = DatabaseThread()
        # Searches get a thread (so a connection) of their own: a query that a newer
        # one made useless is interrupted there, which would be unsafe for writes.
        self.search_thread = DatabaseThread("newsreader-search")
        self._search_conn: sqlite3.Connection | None = None
        self._first_page: tuple[list[int], int] | None = None  # what the first paint listed
        self.current: Article | None = None
        self._search_generation = 0
        self._open_first_of: int | None = None  # enter before the results arrived
        self._problems = list(self.settings.problems)  # shown once the app is up
        if self.settings.theme:
            try:
                self.theme = self.settings.theme
            except Exception:  # an unknown theme name must not stop the app
                self._problems.append(f"unknown theme {self.settings.theme!r}: using the default")

    # -- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield SearchBar(placeholder="/ search articles and notes", id="search")
        with Horizontal(id="main"):
            with Vertical(id="list-pane"):
                yield ArticleList(self.library.summaries_for, id="articles")
                yield SearchResults(id="results")
                yield Label(Content(""), id="refresh-status")
                yield Label(Content(""), id="list-status")
            with Vertical(id="reader-pane"):
                yield ArticleHeader(id="reader-header")
                yield ReaderView(id="reader")
            yield AnnotationsPane(id="annotations")
        yield Footer()

    def on_mount(self) -> None:
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        problems = list(self._problems)
        if self.settings.keymap:  # no keymap, nothing to check
            problems += keymap_problems(self.help_sections(), self.settings.keymap)
        for problem in problems:
            self.notify(problem, title="Config", severity="warning", timeout=10, markup=False)
        self.query_one(SearchResults).display = False
        self.query_one(ArticleList).focus()
        self._first_page = self._show_first_page()
        self.load_library()
        # Everything made so far (Textual's and our widgets, styles, modules) lives
        # as long as the app: out of the collector's way, a full collection no
        # longer walks it, which cost ~30 ms pauses, e.g. while opening an
        # article after a long one (benchmarks/RESULTS.md). Undone at unmount.
        self.call_after_refresh(gc.freeze)

    def _show_first_page(self) -> tuple[list[int], int] | None:
        """Fill the list before the first paint with what is already stored: the
        newest ids and the count (two index reads). Seeding and re-cleaning follow
        on the database thread; waiting for that thread would cost the first paint
        a round of the UI thread's own start-up work (the GIL is shared)."""
        try:
            ids, total = first_page(self.library)
        except sqlite3.Error:
            return None  # the database thread reports it
        if ids:
            self.query_one(ArticleList).set_ids(ids, total=total)
            self._set_status(self.list_status())
        return ids, total

    def on_unmount(self) -> None:
        gc.unfreeze()
        self.stop_fetching()
        if self._search_conn is not None and self.search_thread.busy:
            self._search_conn.interrupt()
        self.search_thread.shutdown()
        self.db.shutdown()

    def on_resize(self, event: Resize) -> None:
        narrow = event.size.width < NARROW
        self.screen.set_class(narrow, "-narrow")
        footer = self.query_one(Footer)
        if footer.compact != narrow:  # fit more keys on one line
            footer.compact = narrow
            footer.show_command_palette = not narrow
            footer.refresh(recompose=True)

    @work(exclusive=True, group="load")
    async def load_library(self) -> None:
        """Seed, re-clean outdated articles, show the first page of the list,
        then every id (see `startup.py`)."""
        ready = await self.db.run(prepare_store, self.library)
        articles = self.query_one(ArticleList)
        if (ready.first_ids, ready.total) != self._first_page:  # seeded, or changed meanwhile
            articles.set_ids(ready.first_ids, total=ready.total)
            self._set_status(self.list_status())
        if ready.total > len(ready.first_ids):
            every_id = await self.db.run(self.library.article_ids)
            if self.feed_filter is None:  # not replaced by a feed filter meanwhile
                articles.set_ids(every_id)
                self._set_status(self.list_status())
        for failure in (o for o in ready.seeded if o.failed):
            self.notify(one_line(f"{failure.source}: {failure.message}"), severity="error", markup=False)
        summary = reclean_summary(ready.recleaned)
        if summary is not None:
            message, severity = summary
            self.notify(one_line(message), title="Re-cleaned", severity=severity, timeout=10, markup=False)

    def _set_status(self, text: str) -> None:
        self.query_one("#list-status", Label).update(Content(text))

    # -- opening articles ------------------------------------------------------------

    @on(ArticleList.Selected)
    def _open_from_list(self, event: ArticleList.Selected) -> None:
        self.open_article(event.article_id)

    def open_article(
        self, article_id: int, cursor: int | None = None, matches: Iterable[tuple[int, int]] = ()
    ) -> None:
        """Show an article in the reader (marking it read) at `cursor`, or where
        the reader left off; `matches` are search matches to mark."""
        self._save_position()
        try:
            article = self.library.article_for_reading(article_id)
        except NotFound as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.current = article
        highlights = self.library.highlights(article_id)
        reader = self.query_one(ReaderView)
        if reader.reattaching is not None and reader.article_id != article_id:
            reader.end_reattach()  # the orphan belongs to the article left behind
        start = article.read_position if cursor is None else cursor
        reader.show_article(article, highlights, cursor=start, matches=list(matches))
        self._refresh_annotations(highlights)
        reader.focus()
        if article.read_at is None:
            self._mark_read(article_id)

    @work(group="mark-read")
    async def _mark_read(self, article_id: int) -> None:
        """Mark read on the database thread, after the article is on screen: the
        UPDATE rewrites the whole row, ~50 ms for a 4 MB article."""
        await self.db.run(self.library.mark_read, article_id)
        self.query_one(ArticleList).refresh_article(article_id)

    def _save_position(self) -> None:
        """Remember where the reader is, so the article reopens there (also after a restart)."""
        if self.current is not None:
            reader = self.query_one(ReaderView)
            if reader.article_id == self.current.id:
                self.library.set_read_position(self.current.id, reader.cursor)

    # -- search ----------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one(SearchBar).focus()

    def action_focus_results(self) -> None:
        results = self.query_one(SearchResults)
        if results.display and results.option_count:
            results.focus()

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        self._search_generation += 1
        self._open_first_of = None
        if not event.value.strip():
            self._show_list()
            return
        self.run_search(event.value, self._search_generation)

    @work(exclusive=True, group="search")
    async def run_search(self, query: str, generation: int) -> None:
        """Search off the UI thread; a newer query interrupts this one.

        Typing fires a query per key; at 100k articles a short prefix takes a
        few hundred ms, so a query still running when the next key comes is
        interrupted (sqlite3 `interrupt`, on the search thread's own connection)
        instead of making every later one wait behind it.
        """
        conn = self._search_conn
        if conn is not None and self.search_thread.busy:
            conn.interrupt()
        try:
            hits = await self.search_thread.run(self._search_on_thread, query)
        except sqlite3.OperationalError:
            if generation != self._search_generation:
                return  # interrupted for a newer query
            raise
        if generation != self._search_generation:
            return  # a newer query is already on its way
        results = self.query_one(SearchResults)
        results.display = True
        self.query_one(ArticleList).display = False
        results.show_hits(hits)
        from newsreader.search import count_text

        self._set_status(f"{count_text(hits)} for “{one_line(query)[:40]}”")
        if self._open_first_of == generation and hits:
            self._open_first_of = None
            self._open_hit(hits[0])

    def _search_on_thread(self, query: str) -> list[SearchHit]:
        """Runs on the search thread: the search, and the snippets the results list
        lays out (cut here, not on the UI thread)."""
        self._search_conn = self.library.store.db.conn  # this thread's connection
        hits = self.library.search(query, SEARCH_LIMIT, live=True)
        for hit in hits:
            hit.snippet  # noqa: B018 - cut now (search hits cut their snippets when first read)
        return hits

    @on(Input.Submitted, "#search")
    def _open_first_hit(self) -> None:
        results = self.query_one(SearchResults)
        if not self.query_one(SearchBar).value.strip():
            return
        if self.workers_running("search"):
            self._open_first_of = self._search_generation  # opened when the results arrive
        elif results.display and results.hits:
            self._open_hit(results.hits[0])

    def workers_running(self, group: str) -> bool:
        """True while a worker of `group` has not finished."""
        return any(w.group == group and not w.is_finished for w in self.workers)

    @on(SearchResults.Opened)
    def _open_selected_hit(self, event: SearchResults.Opened) -> None:
        self._open_hit(event.hit)

    def _open_hit(self, hit: SearchHit) -> None:
        """Open the hit's article at its first match (or the noted highlight), matches marked."""
        query = self.query_one(SearchBar).value
        try:
            article = self.library.article_for_reading(hit.article_id)
        except NotFound:
            return
        from newsreader.search import match_spans

        spans = match_spans(article.body, query, language=article.language)
        cursor = spans[0][0] if spans else 0
        if hit.highlight_id is not None:
            try:
                cursor = self.library.highlight(hit.highlight_id).start
            except NotFound:
                pass
        self.open_article(hit.article_id, cursor=cursor, matches=spans)

    def action_leave_search(self) -> None:
        """Clear the search and give back the list as it was, cursor and all."""
        self.query_one(SearchBar).value = ""
        self._show_list()
        self.query_one(ReaderView).set_matches([])
        self.query_one(ArticleList).focus()

    def _show_list(self) -> None:
        self._search_generation += 1
        self.query_one(SearchResults).display = False
        self.query_one(ArticleList).display = True
        self._set_status(self.list_status())

    def action_back(self) -> None:
        """escape outside the search bar: leave the search, else go to the list,
        else (on the list already) leave the feed filter."""
        articles = self.query_one(ArticleList)
        if self.query_one(SearchBar).value or self.query_one(SearchResults).display:
            self.action_leave_search()
        elif articles.has_focus and self.feed_filter is not None:
            self.set_feed_filter(None)
        else:
            self.query_one("#list-pane").display = True
            articles.focus()

    # -- export --------------------------------------------------------------------------

    def action_export_article(self) -> None:
        if self.current is None:
            self.notify("Open an article first", severity="warning")
            return
        self.export([self.current.id])

    def action_export_all(self) -> None:
        self.export(None)

    @work(group="export")
    async def export(self, article_ids: list[int] | None) -> None:
        """Write Markdown to the export folder (None: every annotated article) and say where."""
        out_dir = self.settings.export_dir
        try:
            if article_ids is None:
                paths = await self.db.run(self.library.export_markdown_all, out_dir)
            else:
                paths = await self.db.run(self.library.export_markdown, out_dir, article_ids)
        except (OSError, ValueError, NotFound) as exc:
            self.notify(one_line(f"Export failed: {exc}"), severity="error", markup=False)
            return
        if not paths:
            message = "Nothing to export: no article has highlights or notes"
        elif article_ids is not None and len(paths) == 1:
            message = f"Exported to {paths[0]}"
        else:  # the article files, then index.md
            message = f"Exported {plural(len(paths) - 1, 'article')} to {paths[-1].parent} (see index.md)"
        self.notify(one_line(message), title="Export", timeout=8, markup=False)

    # -- panes, help, commands, quit ---------------------------------------------------------

    def action_toggle_annotations(self) -> None:
        pane = self.query_one(AnnotationsPane)
        pane.display = not pane.display

    def action_toggle_list(self) -> None:
        pane = self.query_one("#list-pane")
        pane.display = not pane.display
        if not pane.display and self.query_one(ArticleList).has_focus:
            self.query_one(ReaderView).focus()

    def help_sections(self) -> list[tuple[str, list]]:
        """(section, bindings) for the help screen and the keymap checks."""
        return key_sections(self.BINDINGS)

    def action_help(self) -> None:
        from newsreader.tui.screens.help import HelpScreen, binding_rows

        self.push_screen(HelpScreen(binding_rows(self.help_sections(), self._keymap)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Export article", "Write this article's notes as Markdown", self.action_export_article)
        yield SystemCommand(
            "Export all annotated articles",
            "One Markdown file per annotated article plus an index",
            self.action_export_all,
        )
        yield from self.feed_commands()
        yield SystemCommand(
            "Toggle annotations pane", "Show or hide highlights and notes", self.action_toggle_annotations
        )
        yield SystemCommand("Toggle article list", "Show or hide the article list", self.action_toggle_list)
        yield SystemCommand("Help: keys", "Every key as bound now, with its id", self.action_help)

    async def action_quit(self) -> None:
        self._save_position()
        self.exit()


def run_app(db_path: str | None) -> int:
    """Open the store and run the TUI; a store problem is one line on stderr."""
    try:
        library = Library.open(db_path)
    except StoreError as exc:
        print(f"newsreader: {one_line(str(exc))}", file=sys.stderr)
        return 1
    settings = load_settings(config_path())
    app = NewsReaderApp(library, settings)
    try:
        app.run()
    finally:
        # Close the store only once no thread writes to it any more.
        if app.fetch_thread.busy:
            print("newsreader: stopping the refresh: waiting for its downloads to end…", file=sys.stderr)
        app.fetch_thread.shutdown(wait=True)
        app.db.shutdown(wait=True)
        library.close()
    return 0
