"""Search as you type: the search bar, the results in the list pane, opening a hit.

A mixin of the app (see `host.py`), like `Annotating`. Searches get a thread
(so a connection) of their own, `search_thread`: a query that a newer one made
useless is interrupted there, which would be unsafe on the thread that writes.
An article opened from a hit has its matches marked; the reader's mode line
(`;` and `,` say which match the cursor is on) is shown in the header from here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import work

from newsreader.library import NotFound
from newsreader.model import SearchHit
from newsreader.text.cells import truncate_cells
from newsreader.text.terminal import one_line
from newsreader.tui.db_thread import DatabaseThread
from newsreader.tui.widgets.article_header import ArticleHeader
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reader import ReaderView
from newsreader.tui.widgets.reader_layout import blocks_from_body, sentence_span
from newsreader.tui.widgets.search_bar import SearchBar
from newsreader.tui.widgets.search_results import SearchResults

if TYPE_CHECKING:
    from newsreader.tui.host import AppHost as _Base
else:
    _Base = object

SEARCH_LIMIT = 100
QUERY_CELLS = 40  # of the query in the status line


class SearchFlows(_Base):
    """The search bar's messages and the search results for the app."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.search_thread = DatabaseThread("newsreader-search")
        self._interrupt_search: Callable[[], None] | None = None  # set on the search thread
        self._search_generation = 0
        self._open_first_of: int | None = None  # enter before the results arrived

    def action_focus_search(self) -> None:
        self.query_one(SearchBar).focus()

    def action_focus_results(self) -> None:
        results = self.query_one(SearchResults)
        if results.display and results.option_count:
            results.focus()

    def on_search_bar_query_changed(self, event: SearchBar.QueryChanged) -> None:
        self._search_generation += 1
        self._open_first_of = None
        if not event.query.strip():
            self.show_list()
            return
        self.run_search(event.query, self._search_generation)

    def interrupt_search(self) -> None:
        """Stop the query running on the search thread, if any."""
        if self._interrupt_search is not None and self.search_thread.busy:
            self._interrupt_search()

    @work(exclusive=True, group="search")
    async def run_search(self, query: str, generation: int) -> None:
        """Search off the UI thread; a newer query interrupts this one.

        Typing fires a query per key; at 100k articles a short prefix takes a
        few hundred ms, so a query still running when the next key comes is
        interrupted (on the search thread's own connection) instead of making
        every later one wait behind it.
        """
        self.interrupt_search()
        try:
            hits = await self.search_thread.run(self._search_on_thread, query)
        except Exception:
            if generation != self._search_generation:
                return  # interrupted for a newer query: its answer is moot
            raise
        if generation != self._search_generation:
            return  # a newer query is already on its way
        results = self.query_one(SearchResults)
        results.display = True
        self.query_one(ArticleList).display = False
        results.show_hits(hits)
        # The search package is loaded on the first search, not at start-up.
        from newsreader.library import count_text

        self.set_status(f"{count_text(hits)} for “{truncate_cells(one_line(query), QUERY_CELLS)}”")
        if self._open_first_of == generation and hits:
            self._open_first_of = None
            self._open_hit(hits[0])

    def _search_on_thread(self, query: str) -> list[SearchHit]:
        """Runs on the search thread: the search, and the snippets the results list
        lays out (cut here, not on the UI thread)."""
        self._interrupt_search = self.library.interrupter()  # this thread's connection
        hits = self.library.search(query, SEARCH_LIMIT, live=True)
        for hit in hits:
            hit.snippet  # noqa: B018 - cut now (search hits cut their snippets when first read)
        return hits

    def on_search_bar_query_submitted(self, event: SearchBar.QuerySubmitted) -> None:
        results = self.query_one(SearchResults)
        if not event.query.strip():
            return
        if self.workers_running("search"):
            self._open_first_of = self._search_generation  # opened when the results arrive
        elif results.display and results.hits:
            self._open_hit(results.hits[0])

    def workers_running(self, group: str) -> bool:
        """True while a worker of `group` has not finished."""
        return any(w.group == group and not w.is_finished for w in self.workers)

    def on_search_results_opened(self, event: SearchResults.Opened) -> None:
        self._open_hit(event.hit)

    def _open_hit(self, hit: SearchHit) -> None:
        """Open the hit's article on the sentence where the query's terms meet
        (the passage its snippet shows; or at the noted highlight), matches marked."""
        query = self.query_one(SearchBar).value
        try:
            article = self.library.article_for_reading(hit.article_id)
        except NotFound:
            return
        from newsreader.library import match_spans, meeting_point

        spans = match_spans(article.body, query, language=article.language)
        where = meeting_point(article.body, query, language=article.language)
        cursor = 0
        if where is not None:
            blocks = article.blocks or blocks_from_body(article.body)
            cursor = sentence_span(article.body, blocks, where[0])[0]
        elif spans:
            cursor = spans[0][0]
        if hit.highlight_id is not None:
            try:
                cursor = self.library.highlight(hit.highlight_id).start
            except NotFound:
                pass
        self.open_article(hit.article_id, cursor=cursor, matches=spans)

    def on_reader_view_mode_line_changed(self, event: ReaderView.ModeLineChanged) -> None:
        """The reader's mode line (which match `;` went to, the VISUAL mark) goes
        in the header's facts line."""
        self.query_one(ArticleHeader).show_mode_line(event.text)

    def action_leave_search(self) -> None:
        """Clear the search and give back the list as it was, cursor and all."""
        self.query_one(SearchBar).value = ""
        self.show_list()
        self.query_one(ReaderView).set_matches([])
        self.query_one(ArticleList).focus()

    def show_list(self) -> None:
        """The article list in the list pane again (the results hidden)."""
        self._search_generation += 1
        self.query_one(SearchResults).display = False
        self.query_one(ArticleList).display = True
        self.set_status(self.list_status())

    def stop_searching(self) -> None:
        """On the way out: the running query is interrupted, no other starts."""
        self.interrupt_search()
        self.search_thread.shutdown()
