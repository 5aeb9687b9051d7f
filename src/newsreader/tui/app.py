"""The Textual app: search bar, article list, reader, annotations, footer.

Widgets post messages; this module decides what they mean and calls the
`Library`. Every write is committed before the UI says it is done. Slow work
(first import, search, export, file import) runs in thread workers.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Label

from newsreader.library import Library, NotFound
from newsreader.model import Article, Highlight, SearchHit
from newsreader.search import match_spans
from newsreader.store import StoreError
from newsreader.terminal import one_line
from newsreader.tui.config import Settings, config_path, load_settings
from newsreader.tui.screens.help import HelpScreen, binding_rows
from newsreader.tui.screens.note_editor import NoteEditor
from newsreader.tui.screens.prompt import PromptScreen
from newsreader.tui.widgets.annotations import AnnotationsPane, HighlightList
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reader import ReaderView
from newsreader.tui.widgets.search_results import SearchResults

UNDO_DEPTH = 50


class SearchBar(Input):
    BINDINGS = [
        Binding("escape", "leave", "Back to list", id="search.leave"),
        Binding("down", "to_results", "Results", show=False, id="search.results"),
    ]

    def action_leave(self) -> None:
        self.app.action_leave_search()

    def action_to_results(self) -> None:
        results = self.app.query_one(SearchResults)
        if results.display and results.option_count:
            results.focus()


class NewsReaderApp(App[None]):
    """A keyboard-driven reader with highlights and notes over one Library."""

    CSS_PATH = "app.tcss"
    TITLE = "newsreader"
    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="app.search"),
        Binding("e", "export_article", "Export", id="app.export"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("A", "toggle_annotations", "Notes pane", id="app.toggle_annotations"),
        Binding("L", "toggle_list", "List pane", show=False, id="app.toggle_list"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, library: Library, settings: Settings | None = None):
        super().__init__()
        self.library = library
        self.settings = settings or Settings()
        self.current: Article | None = None
        self.undo_stack: list[Highlight] = []
        self._search_generation = 0
        if self.settings.theme:
            self.theme = self.settings.theme

    # -- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield SearchBar(placeholder="/ search articles and notes", id="search")
        with Horizontal(id="main"):
            with Vertical(id="list-pane"):
                yield ArticleList(self.library.summaries_for, id="articles")
                yield SearchResults(id="results")
                yield Label(Content(""), id="list-status")
            with Vertical(id="reader-pane"):
                yield Label(Content(""), id="reader-title")
                yield ReaderView(id="reader")
            yield AnnotationsPane(id="annotations")
        yield Footer()

    def on_mount(self) -> None:
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        for problem in self.settings.problems:
            self.notify(problem, title="Config", severity="warning", timeout=10)
        self.query_one(SearchResults).display = False
        self.query_one(ArticleList).focus()
        self.load_library()

    def on_resize(self, event) -> None:
        # Below 100 columns the annotations pane gives way (toggle it back with A).
        self.screen.set_class(event.size.width < 100, "-narrow")

    @work(thread=True, exclusive=True, group="load")
    def load_library(self) -> None:
        """First run imports the seeds; then the list gets every id (cheap ints)."""
        seeded = self.library.ensure_seeded()
        ids = self.library.article_ids()
        self.call_from_thread(self._show_ids, ids, [o for o in seeded if o.failed])

    def _show_ids(self, ids: list[int], failures) -> None:
        articles = self.query_one(ArticleList)
        articles.set_ids(ids)
        self._set_status(f"{len(ids)} articles")
        for failure in failures:
            self.notify(one_line(f"{failure.source}: {failure.message}"), severity="error")

    def _set_status(self, text: str) -> None:
        self.query_one("#list-status", Label).update(Content(text))

    # -- opening articles ------------------------------------------------------------

    @on(ArticleList.Selected)
    def _open_from_list(self, event: ArticleList.Selected) -> None:
        self.open_article(event.article_id)

    def open_article(
        self, article_id: int, cursor: int | None = None, matches: Iterable[tuple[int, int]] = ()
    ) -> None:
        self._save_position()
        try:
            article = self.library.article(article_id)
        except NotFound as exc:
            self.notify(str(exc), severity="error")
            return
        self.current = article
        self.library.mark_read(article_id)
        highlights = self.library.highlights(article_id)
        reader = self.query_one(ReaderView)
        start = article.read_position if cursor is None else cursor
        reader.show_article(article, highlights, cursor=start, matches=list(matches))
        self._refresh_annotations(highlights)
        self.query_one(ArticleList).refresh_article(article_id)
        self.sub_title = one_line(article.title)
        self.query_one("#reader-title", Label).update(Content(self.sub_title))
        reader.focus()

    def _save_position(self) -> None:
        if self.current is not None:
            self.library.set_read_position(self.current.id, self.query_one(ReaderView).cursor)

    def _reload_highlights(self) -> list[Highlight]:
        assert self.current is not None
        highlights = self.library.highlights(self.current.id)
        self.query_one(ReaderView).set_highlights(highlights)
        self._refresh_annotations(highlights)
        self.query_one(ArticleList).refresh_article(self.current.id)
        return highlights

    def _refresh_annotations(self, highlights: list[Highlight]) -> None:
        note = self.library.article_note(self.current.id) if self.current else None
        self.query_one(AnnotationsPane).show(highlights, note)

    # -- annotating ------------------------------------------------------------------

    @on(ReaderView.HighlightRequested)
    def _highlight(self, event: ReaderView.HighlightRequested) -> None:
        if self.current is None:
            return
        try:
            highlight = self.library.add_highlight(self.current.id, event.start, event.end)
        except ValueError as exc:
            self.notify(str(exc), severity="warning")
            return
        self._reload_highlights()
        self.query_one(AnnotationsPane).select_highlight(highlight.id)
        self.notify(f"Highlighted: {_short(highlight.exact)}", title="Saved")

    @on(ReaderView.NoteRequested)
    def _note_from_reader(self, event: ReaderView.NoteRequested) -> None:
        self.edit_note(event.highlight_id, (event.start, event.end))

    @on(AnnotationsPane.NoteRequested)
    def _note_from_pane(self, event: AnnotationsPane.NoteRequested) -> None:
        if event.highlight_id is not None:
            self.edit_note(event.highlight_id, None)

    def edit_note(self, highlight_id: int | None, span: tuple[int, int] | None) -> None:
        """Open the note editor for a highlight, or for a new highlight over `span`."""
        if self.current is None:
            return
        article_id = self.current.id
        if highlight_id is not None:
            highlight = self.library.highlight(highlight_id)
            quote, text = highlight.exact, highlight.note or ""

            def save(new_text: str) -> None:
                self.library.set_highlight_note(highlight_id, new_text)

        elif span is not None and span[0] < span[1]:
            quote, text = self.current.body[span[0] : span[1]], ""

            def save(new_text: str) -> None:
                self.library.add_highlight(article_id, span[0], span[1], note=new_text)

        else:
            self.notify("Nothing to annotate here", severity="warning")
            return

        def closed(result: str | None) -> None:
            if result is None or self.current is None or self.current.id != article_id:
                return
            self._reload_highlights()
            self.notify("Note saved", title="Saved")

        self.push_screen(NoteEditor("Note on highlight", quote, text, save), closed)

    @on(AnnotationsPane.ArticleNoteRequested)
    def _article_note(self) -> None:
        if self.current is None:
            return
        article_id = self.current.id
        existing = self.library.article_note(article_id)

        def save(new_text: str) -> None:
            self.library.set_article_note(article_id, new_text)

        def closed(result: str | None) -> None:
            if result is not None and self.current is not None and self.current.id == article_id:
                self._reload_highlights()
                self.notify("Article note saved", title="Saved")

        self.push_screen(
            NoteEditor("Article note", self.current.title, existing.text if existing else "", save),
            closed,
        )

    @on(ReaderView.DeleteRequested)
    @on(AnnotationsPane.DeleteRequested)
    def _delete(self, event) -> None:
        if self.current is None:
            return
        try:
            gone = self.library.delete_highlight(event.highlight_id)
        except NotFound:
            return
        self.undo_stack = [*self.undo_stack[-(UNDO_DEPTH - 1) :], gone]
        self._reload_highlights()
        self.notify(f"Deleted: {_short(gone.exact)} — u to undo")

    @on(ReaderView.UndoRequested)
    def _undo(self) -> None:
        if not self.undo_stack:
            self.notify("Nothing to undo")
            return
        restored = self.library.restore_highlight(self.undo_stack.pop())
        if self.current is not None and restored.article_id == self.current.id:
            self._reload_highlights()
            self.query_one(ReaderView).move_cursor_to(restored.start)
        self.notify(f"Restored: {_short(restored.exact)}", title="Saved")

    @on(AnnotationsPane.JumpTo)
    def _jump(self, event: AnnotationsPane.JumpTo) -> None:
        highlight = self.library.highlight(event.highlight_id)
        if highlight.orphaned:
            self.notify("This highlight could not be placed in the current text", severity="warning")
            return
        reader = self.query_one(ReaderView)
        reader.move_cursor_to(highlight.start)
        reader.focus()

    # -- search ----------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one(SearchBar).focus()

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        query = event.value
        if not query.strip():
            self._show_list()
            return
        self._search_generation += 1
        self.run_search(query, self._search_generation)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str, generation: int) -> None:
        hits = self.library.search(query, limit=100, live=True)
        self.call_from_thread(self._show_hits, query, hits, generation)

    def _show_hits(self, query: str, hits: list[SearchHit], generation: int) -> None:
        if generation != self._search_generation:
            return  # a newer query is already on its way
        results = self.query_one(SearchResults)
        results.show_hits(hits)
        results.display = True
        self.query_one(ArticleList).display = False
        self._set_status(f"{len(hits)} results for “{one_line(query)[:40]}”")

    @on(Input.Submitted, "#search")
    def _open_first_hit(self) -> None:
        results = self.query_one(SearchResults)
        if results.display and results.hits:
            self._open_hit(results.hits[0])

    @on(SearchResults.Opened)
    def _open_selected_hit(self, event: SearchResults.Opened) -> None:
        self._open_hit(event.hit)

    def _open_hit(self, hit: SearchHit) -> None:
        query = self.query_one(SearchBar).value
        try:
            body = self.library.article(hit.article_id).body
        except NotFound:
            return
        spans = match_spans(body, query)
        cursor = spans[0][0] if spans else 0
        if hit.highlight_id is not None:
            try:
                cursor = self.library.highlight(hit.highlight_id).start
            except NotFound:
                pass
        self.open_article(hit.article_id, cursor=cursor, matches=spans)

    def action_leave_search(self) -> None:
        search = self.query_one(SearchBar)
        search.value = ""
        self._show_list()
        self.query_one(ArticleList).focus()

    def _show_list(self) -> None:
        self._search_generation += 1
        self.query_one(SearchResults).display = False
        articles = self.query_one(ArticleList)
        articles.display = True
        self._set_status(f"{articles.row_count} articles")

    # -- export, import, panes, help -----------------------------------------------------

    def action_export_article(self) -> None:
        if self.current is None:
            self.notify("Open an article first", severity="warning")
            return
        self.export([self.current.id])

    def action_export_all(self) -> None:
        self.export(None)

    @work(thread=True, group="export")
    def export(self, article_ids: list[int] | None) -> None:
        try:
            paths = self.library.export_markdown(self.settings.export_dir, article_ids)
        except (OSError, ValueError) as exc:
            self.call_from_thread(self.notify, f"Export failed: {exc}", severity="error")
            return
        if not paths:
            message = "Nothing to export: no article has highlights or notes"
        elif len(paths) == 1:
            message = f"Exported to {paths[0]}"
        else:
            message = f"Exported {len(paths) - 1} articles to {paths[0].parent}"
        self.call_from_thread(self.notify, one_line(message), title="Export", timeout=8)

    def action_import_file(self) -> None:
        def chosen(path: str | None) -> None:
            if path:
                self.import_file(path)

        self.push_screen(PromptScreen("Import a plain-text article file:", "path/to/article.txt"), chosen)

    @work(thread=True, group="import")
    def import_file(self, path: str) -> None:
        outcomes = self.library.import_paths([Path(path).expanduser()])
        ids = self.library.article_ids()
        self.call_from_thread(self._imported, outcomes, ids)

    def _imported(self, outcomes, ids: list[int]) -> None:
        self.query_one(ArticleList).set_ids(ids)
        self._show_list()
        for o in outcomes:
            if o.failed:
                self.notify(one_line(f"{o.source}: {o.message}"), severity="error", timeout=10)
            else:
                self.notify(one_line(f"{o.status}: {o.source}"), title="Import")
                if o.article_id is not None:
                    self.query_one(ArticleList).select_article(o.article_id)

    def action_toggle_annotations(self) -> None:
        pane = self.query_one(AnnotationsPane)
        pane.display = not pane.display

    def action_toggle_list(self) -> None:
        pane = self.query_one("#list-pane")
        pane.display = not pane.display

    def action_help(self) -> None:
        sections = [
            ("Anywhere", self.BINDINGS),
            ("Article list", ArticleList.BINDINGS),
            ("Reader", ReaderView.BINDINGS),
            ("Annotations pane", HighlightList.BINDINGS),
            ("Search bar", SearchBar.BINDINGS),
            ("Note editor", NoteEditor.BINDINGS),
        ]
        keymap = dict(self.settings.keymap)
        self.push_screen(HelpScreen(binding_rows(sections, keymap)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Export article", "Write this article's notes as Markdown", self.action_export_article)
        yield SystemCommand(
            "Export all annotated articles",
            "One Markdown file per annotated article plus an index",
            self.action_export_all,
        )
        yield SystemCommand("Import a file", "Import a plain-text article file", self.action_import_file)
        yield SystemCommand("Toggle annotations pane", "Show or hide highlights and notes", self.action_toggle_annotations)
        yield SystemCommand("Toggle article list", "Show or hide the article list", self.action_toggle_list)
        yield SystemCommand("Help: keys", "Every key, as bound now", self.action_help)

    async def action_quit(self) -> None:
        self._save_position()
        self.exit()


def _short(text: str, limit: int = 50) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def run_app(db_path: str | None) -> int:
    """Open the store and run the TUI; a store problem is one line on stderr."""
    try:
        library = Library.open(db_path)
    except StoreError as exc:
        print(f"newsreader: {one_line(str(exc))}", file=sys.stderr)
        return 1
    settings = load_settings(config_path())
    try:
        NewsReaderApp(library, settings).run()
    finally:
        library.close()
    return 0
