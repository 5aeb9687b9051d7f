"""The one facade the TUI and the CLI use: open, import, list, read, annotate,
search, export. Holds the rules (idempotent import, nothing lost); the store
holds the SQL; neither knows about Textual."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.ingest.plaintext import ParsedArticle
from newsreader.library import importing
from newsreader.library.annotate import Annotating
from newsreader.library.errors import NotFound, store_problem
from newsreader.library.exporting import Exporting
from newsreader.library.full_text import FullText
from newsreader.library.importing import ImportOutcome, utc_now
from newsreader.library.indexing import open_store
from newsreader.library.prepare import Preparing
from newsreader.library.reading import Reading
from newsreader.locations import default_db_path
from newsreader.model import Article, ArticleSummary, Feed, Highlight, SearchHit
from newsreader.store import annotations as notes_db
from newsreader.store import articles as articles_db
from newsreader.store import feeds as feeds_db

# Feeds, downloads, annotation files, export and search are imported when first
# used (inside the methods below): opening the TUI needs none of them, and
# importing them all costs a fresh process ~25 ms before its first screen.
if TYPE_CHECKING:
    from newsreader.library.annotation_import import AnnotationOutcome
    from newsreader.library.subscriptions import FeedOutcome, Progress

class Library(Preparing, Reading, Annotating, FullText, Exporting):
    """An open newsreader store plus the operations on it (the use cases are
    in this package's modules: prepare, reading, annotate, full_text,
    exporting, importing, ...)."""

    @classmethod
    def open(cls, path: str | Path | None = None) -> "Library":
        """Open the store at `path` (default: NEWSREADER_DB or the user data dir)."""
        return cls(open_store(path if path is not None else default_db_path()))

    def interrupter(self) -> Callable[[], None]:
        """Called on a thread: a function that, from any thread, interrupts the
        statement running on that thread's connection (a superseded search)."""
        return self.store.db.conn.interrupt

    def changes_seen(self) -> int:
        """A number that changes whenever another connection (another newsreader
        process, a CLI import) commits to the store (`PRAGMA data_version`); the
        TUI polls it to show what others wrote without a restart."""
        return self._db.execute("PRAGMA data_version").fetchone()[0]

    # -- importing -----------------------------------------------------------------

    def import_paths(
        self,
        paths: Iterable[str | Path],
        encoding: str | None = None,
        progress: Progress | None = None,
        force: bool = False,
    ) -> list[ImportOutcome]:
        """Import article files, web pages (files or http(s) URLs), feed files, OPML
        subscription lists, then W3C annotation files (.jsonld/.json).

        Articles come first so that annotations given in the same batch find
        them. One bad input (or annotation) never stops the rest: each gives a
        failed outcome with its reason. `force`: import web pages that look like
        no article (an index page) anyway. `progress(done, total, input)` follows along.
        """
        from newsreader.library import sources

        return sources.import_inputs(
            self._db, paths, limits=self.fetch_limits, encoding=encoding, progress=progress, force=force
        )

    def import_parsed(
        self,
        origin: str,
        parsed: ParsedArticle,
        *,
        source: str | None = None,
        display: str | None = None,
    ) -> ImportOutcome:
        """Add, update or skip one parsed article, by origin and content hash.

        Changed content keeps the old version and re-anchors the highlights.
        """
        return importing.import_parsed(self._db, origin, parsed, source=source, display=display)

    def import_annotations(self, path: str | Path, display: str | None = None) -> list[AnnotationOutcome]:
        """Merge a W3C annotation file; one outcome per annotation (or one for the file)."""
        from newsreader.library.annotation_import import import_annotation_file

        return import_annotation_file(self._db, Path(path), display)

    # -- reading ---------------------------------------------------------------------

    def count(self) -> int:
        return articles_db.count_articles(self._db)

    def summaries(self, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
        """Articles newest first; a page of them when `limit` is given."""
        if limit is None:
            return articles_db.all_summaries(self._db)
        return articles_db.page_summaries(self._db, limit, offset)

    def article_ids(self, feed_id: int | None = None, limit: int | None = None) -> list[int]:
        """Every article id (or those from one feed), newest first; the first `limit` if given."""
        if feed_id is None:
            return articles_db.ordered_ids(self._db, limit)
        return feeds_db.ordered_ids_in_feed(self._db, feed_id)

    def summaries_for(self, ids: Sequence[int]) -> dict[int, ArticleSummary]:
        """Summaries of the given articles, keyed by id (missing ids left out)."""
        return articles_db.summaries_by_id(self._db, ids)

    def article_for_reading(self, article_id: int) -> Article:
        """The article as a reader shows it: everything but its raw text (`raw` is "").

        A long article's raw text is as large as its body; not reading it makes
        opening one markedly cheaper. Use `article` when the raw text matters.
        """
        found = articles_db.get_article_for_reading(self._db, article_id)
        if found is None:
            raise NotFound(f"no article with id {article_id}")
        return found

    def mark_read(self, article_id: int) -> None:
        articles_db.mark_read(self._db, article_id, utc_now())

    def set_starred(self, article_id: int, starred: bool) -> None:
        articles_db.set_starred(self._db, article_id, starred)

    def set_read_position(self, article_id: int, position: int) -> None:
        articles_db.set_read_position(self._db, article_id, position)

    # -- feeds -------------------------------------------------------------------------

    def feeds(self) -> list[Feed]:
        """Every subscription, by title, with its article count and last refresh result."""
        return feeds_db.all_feeds(self._db)

    def feed(self, feed_id: int) -> Feed:
        found = feeds_db.get_feed(self._db, feed_id)
        if found is None:
            raise NotFound(f"no feed with id {feed_id}")
        return found

    def subscribe(self, url_or_path: str, full_text: bool = False) -> FeedOutcome:
        """Subscribe to a feed URL, a page that links to a feed, or a local feed file.

        Fetches it once and imports its items; `full_text` completes items that
        carry only a summary from their article page. Never raises for a bad
        target: the outcome says why it failed.
        """
        from newsreader.library import subscriptions

        return subscriptions.subscribe(self._db, url_or_path, self.fetch_limits, full_text)

    def unsubscribe(self, feed_id: int) -> Feed:
        """Forget a subscription; its articles stay. Returns the feed as it was."""
        gone = self.feed(feed_id)
        feeds_db.delete_feed(self._db, feed_id)
        return gone

    def refresh(
        self, progress: Progress | None = None, feed_ids: Sequence[int] | None = None
    ) -> list[FeedOutcome]:
        """Fetch every feed (or the given ones) concurrently; one outcome per feed.

        Safe to call from a worker thread; `progress(done, total, feed name)` is
        called on that thread after each feed. A failed feed leaves every stored
        article as it was.
        """
        from newsreader.library import subscriptions

        chosen = self.feeds() if feed_ids is None else [self.feed(i) for i in feed_ids]
        return subscriptions.refresh_feeds(self._db, chosen, self.fetch_limits, progress)

    # -- annotating ------------------------------------------------------------------

    def orphans(self) -> list[Highlight]:
        """Every highlight that could not be placed, in all articles (by article, id)."""
        return notes_db.orphaned_highlights(self._db)

    # -- search and export -------------------------------------------------------------

    def search(self, query: str, limit: int = 50, live: bool = False) -> list[SearchHit]:
        """Ranked hits; `live` treats the last word as a prefix (search-as-you-type)."""
        from newsreader.search import engine

        return engine.search(self._db, query, limit, live=live)

    @property
    def read_only(self) -> bool:
        """True when the store was opened read-only (the file, its folder or the
        medium cannot be written): reading, searching and exporting work, writes fail."""
        return self.store.read_only

    @property
    def store_path(self) -> Path:
        """The store's file."""
        return self.store.path

    def failure(self, exc: Exception) -> str:
        """The one line for `exc`, an error SQLite raised on this store."""
        return store_problem(self.store.path, exc)
