"""The Textual app: search bar, article list, reader, annotations, footer.

Widgets post messages; the app decides what they mean and calls the
`Library`. Every write runs on one dedicated thread (`DatabaseThread`) and is
committed before the UI says it is done; slow reads (start-up, search, export,
file import) run in workers too.

The annotating flows (highlight, note, delete, undo, star) live in
`annotating.py`, the feed flows (filter, refresh, subscribe, import) in
`feeds.py`, search in `searching.py`; what they need from the app is spelled
out in `host.py`. This module holds the layout, start-up, opening articles,
export, panes, help and quitting. Only the entry points import it.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Label

from newsreader.library import DatabaseError, Library, NotFound, StoreError
from newsreader.model import Article
from newsreader.text.terminal import one_line
from newsreader.text.wording import plural
from newsreader.tui.annotating import Annotating
from newsreader.tui.config import Settings, config_path, load_settings
from newsreader.tui.db_thread import DatabaseThread
from newsreader.tui.feeds import FeedFlows
from newsreader.tui.links import ArticleLinks
from newsreader.tui.reading import ReadingLoop
from newsreader.tui.keys import APP_BINDINGS, key_sections, keymap_problems
from newsreader.tui.layout import NARROW, PaneLayout
from newsreader.tui.searching import SearchFlows
from newsreader.tui.startup import first_page, prepare_store, reclean_summary
from newsreader.tui.store_writes import StoreWrites
from newsreader.tui.typeahead import Typeahead
from newsreader.tui.watching import ChangeWatch
from newsreader.tui.widgets.annotations import AnnotationsPane
from newsreader.tui.widgets.article_header import ArticleHeader
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.feed_list import FeedList
from newsreader.tui.widgets.reader import ReaderView
from newsreader.tui.widgets.search_bar import SearchBar
from newsreader.tui.widgets.search_results import SearchResults


class NewsReaderApp(
    Typeahead,
    StoreWrites,
    Annotating,
    ReadingLoop,
    FeedFlows,
    SearchFlows,
    ChangeWatch,
    ArticleLinks,
    PaneLayout,
    App[None],
):
    """A keyboard-driven reader with highlights and notes over one Library."""

    CSS_PATH = "app.tcss"
    TITLE = "newsreader"
    BINDINGS = APP_BINDINGS  # in keys.py, with every pane's, for help and the README

    def __init__(self, library: Library, settings: Settings | None = None):
        super().__init__()
        self.library = library
        self.settings = settings or Settings()
        self.db = DatabaseThread()
        self._first_page: tuple[list[int], int] | None = None  # what the first paint listed
        self.current: Article | None = None
        # Reading positions saved this session, by article: the write may still be
        # on its way when the article is opened again.
        self._positions: dict[int, int] = {}
        self._problems = list(self.settings.problems)  # shown once the app is up
        self.remember_ui_state()  # the theme: picked in the app (state.json), else config.toml's

    # -- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield SearchBar(placeholder="/ search articles and notes", id="search")
        with Horizontal(id="main"):
            with Vertical(id="list-pane"):
                yield ArticleList(self.library.summaries_for, id="articles")
                yield SearchResults(id="results")
                yield FeedList(id="feeds")
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
        self.announce_read_only()
        self.query_one(SearchResults).display = False
        self.query_one(FeedList).display = False
        self.start_layout()
        self.query_one(ArticleList).focus()
        self._first_page = self._show_first_page()
        self.load_library()
        self.watch_other_writers()
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
        self.query_one(ArticleList).set_loading(True)  # until load_library knows
        try:
            ids, total = first_page(self.library)
        except Exception:  # noqa: BLE001 - only a head start: the database thread reads the same and reports
            return None
        if ids:
            self.query_one(ArticleList).set_ids(ids, total=total)
            self.set_status(self.list_status())
        return ids, total

    def on_unmount(self) -> None:
        gc.unfreeze()
        self.stop_fetching()
        self.stop_searching()
        self.db.shutdown()  # writes handed over still run; run_app waits for them

    def on_resize(self, event: Resize) -> None:
        narrow = event.size.width < NARROW
        self.screen.set_class(narrow, "-narrow")
        footer = self.query_one(Footer)
        if footer.compact != narrow:  # fit more keys on one line
            footer.compact = narrow
            footer.show_command_palette = not narrow
            footer.refresh(recompose=True)
        self.fit_panes(event.size.width)

    @work(exclusive=True, group="load")
    async def load_library(self) -> None:
        """Seed, re-clean outdated articles, show the first page of the list,
        then every id (see `startup.py`)."""
        try:
            await self._load_library()
        except NoMatches:
            pass  # quit before the library was read: nothing left to show it in

    async def _load_library(self) -> None:
        try:
            ready = await self.db.run(prepare_store, self.library)
        except DatabaseError as exc:  # the list shows what the first page read, if anything
            self.query_one(ArticleList).set_loading(False)
            self.notify(self.store_failed(exc), severity="error", timeout=15, markup=False)
            return
        articles = self.query_one(ArticleList)
        if (ready.first_ids, ready.total) != self._first_page:  # seeded, or changed meanwhile
            articles.set_ids(ready.first_ids, total=ready.total)
            self.set_status(self.list_status())
        articles.set_loading(False)
        if ready.total > len(ready.first_ids):
            every_id = await self.db.run(self.library.article_ids)
            if self.feed_filter is None:  # not replaced by a feed filter meanwhile
                articles.set_ids(every_id)
                self.set_status(self.list_status())
        for failure in (o for o in ready.prepared.seeded if o.failed):
            self.notify(one_line(f"{failure.source}: {failure.message}"), severity="error", markup=False)
        await self.refresh_unread()
        summary = reclean_summary(ready.prepared.recleaned)
        if summary is not None:
            message, severity = summary
            self.notify(one_line(message), title="Re-cleaned", severity=severity, timeout=10, markup=False)

    def set_status(self, text: str) -> None:
        """The line under the list: its count, or what the search found."""
        self.query_one("#list-status", Label).update(Content(text))

    # -- opening articles ------------------------------------------------------------

    @on(ArticleList.Selected, "#articles")
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
            highlights = self.library.highlights(article_id)
            note = self.library.article_note(article_id)
        except NotFound as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        except DatabaseError as exc:
            self.notify(self.store_failed(exc), severity="error", markup=False)
            return
        first = self.current is None
        self.current = article
        if first:  # the reader and its notes come in beside the list
            self.fit_panes(self.size.width)
        reader = self.query_one(ReaderView)
        if reader.reattaching is not None and reader.article_id != article_id:
            reader.end_reattach()  # the orphan belongs to the article left behind
        if cursor is None:
            cursor = self._positions.get(article_id, article.read_position)
        reader.show_article(article, highlights, cursor=cursor, matches=list(matches))
        self.show_annotations(article_id, highlights, note)
        reader.focus()
        if article.read_at is None and not self.library.read_only:
            self._mark_read(article_id)

    @work(group="write")
    async def _mark_read(self, article_id: int) -> None:
        """Mark read after the article is on screen: the UPDATE rewrites the
        whole row, ~50 ms for a 4 MB article."""
        async with self.db.turn:
            if not await self.write_quietly(self.library.mark_read, article_id):
                return
        self.note_read(article_id)

    def _reading_position(self) -> tuple[int, int] | None:
        """(article id, cursor) of the article in the reader, if one is shown."""
        if self.current is not None:
            reader = self.query_one(ReaderView)
            if reader.article_id == self.current.id:
                return self.current.id, reader.cursor
        return None

    def _save_position(self) -> None:
        """Remember where the reader is, so the article reopens there (also after a restart)."""
        position = self._reading_position()
        if position is not None:
            self._positions[position[0]] = position[1]
            self._write_position(*position)

    @work(group="write")
    async def _write_position(self, article_id: int, position: int) -> None:
        async with self.db.turn:
            await self.write_quietly(self.library.set_read_position, article_id, position)

    # -- going back --------------------------------------------------------------------

    def action_back(self) -> None:
        """escape outside the search bar: leave the search, else go to the list,
        else (on the list already) leave the feed filter."""
        articles = self.query_one(ArticleList)
        if self.leave_feeds_view():
            pass
        elif self.query_one(SearchBar).value or self.query_one(SearchResults).display:
            self.action_leave_search()
        elif articles.has_focus and self.feed_filter is not None:
            self.set_feed_filter(None)
        else:
            self.query_one("#list-pane").display = True
            articles.focus()

    async def action_back_or_quit(self) -> None:
        """`q`, as in newsboat and less: back one level (leave the feeds view,
        leave the search, leave the reader or the annotations for the list);
        quit from the top, the article list, a feed's as well as all of them
        (newsboat's article list of a feed is where `q` leaves; escape or `1`
        `f` show every article again)."""
        articles = self.query_one(ArticleList)
        if self.leave_feeds_view():
            return
        if self.query_one(SearchBar).value or self.query_one(SearchResults).display:
            self.action_leave_search()
        elif not articles.has_focus:
            self._save_position()
            self.query_one("#list-pane").display = True
            articles.focus()
        else:
            await self.action_quit()

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
        if not paths and article_ids is not None:
            message = "Nothing to export: this article has no highlights or notes (no file written)"
        elif not paths:
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
        self.fit_panes(self.size.width)  # the list keeps its share of what is left

    def action_toggle_list(self) -> None:
        pane = self.query_one("#list-pane")
        if self._single_pane:  # one pane at a time: switch between the list and the reader
            (self.query_one(ReaderView) if pane.display else self.query_one(ArticleList)).focus()
            return
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
        """Save the reading position, after every write asked for before, then quit."""
        position = self._reading_position()
        async with self.db.turn:
            if position is not None:
                await self.write_quietly(self.library.set_read_position, *position)
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
