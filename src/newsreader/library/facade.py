"""The one facade the TUI and the CLI use: open, import, list, read, annotate,
search, export. Holds the rules (idempotent import, nothing lost); the store
holds the SQL; neither knows about Textual."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsreader import anchoring
from newsreader.library import importing
from newsreader.library.importing import ImportOutcome, ImportStatus, content_hash, utc_now
from newsreader.ingest.plaintext import IngestError, ParsedArticle, decode_bytes, parse_plaintext
from newsreader.ingest.seeds import seed_files
from newsreader.locations import default_db_path
from newsreader.model import Article, ArticleNote, ArticleSummary, Feed, Highlight, SearchHit
from newsreader.library.indexing import open_store
from newsreader.store import Store
from newsreader.store import annotations as notes_db
from newsreader.store import articles as articles_db
from newsreader.store import feeds as feeds_db

# Feeds, downloads, annotation files, export and search are imported when first
# used (inside the methods below): opening the TUI needs none of them, and
# importing them all costs a fresh process ~25 ms before its first screen.
if TYPE_CHECKING:
    from newsreader.library.annotation_import import AnnotationOutcome
    from newsreader.ingest.fetch import FetchLimits
    from newsreader.library.subscriptions import FeedOutcome, Progress

_LAZY_EXPORTS = {
    "AnnotationOutcome": "newsreader.library.annotation_import",
    "FeedOutcome": "newsreader.library.subscriptions",
    "FetchLimits": "newsreader.ingest.fetch",
}


def __getattr__(name: str) -> Any:
    """`from newsreader.library import FeedOutcome` still works, importing on demand."""
    module = _LAZY_EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)

__all__ = [
    "AnnotationOutcome",
    "FeedOutcome",
    "FetchLimits",
    "ImportOutcome",
    "ImportStatus",
    "Library",
    "NotFound",
    "Prepared",
    "content_hash",
    "utc_now",
]


OPML_FILENAME = "newsreader-subscriptions.opml"


@dataclass(frozen=True)
class Prepared:
    """What `Library.prepare` did: seed imports and re-cleaned articles (often none)."""

    seeded: list[ImportOutcome]
    recleaned: list[ImportOutcome]

    @property
    def failures(self) -> list[ImportOutcome]:
        return [o for o in (*self.seeded, *self.recleaned) if o.failed]


class NotFound(LookupError):
    """No article or highlight with that id; str() is a one-line message."""


class Library:
    """An open newsreader store plus the operations on it."""

    def __init__(self, store: Store, fetch_limits: FetchLimits | None = None):
        self.store = store
        self._fetch_limits = fetch_limits

    @property
    def fetch_limits(self) -> FetchLimits:
        """Timeouts and size cap for every download; tests and --timeout change it."""
        if self._fetch_limits is None:
            from newsreader.ingest.fetch import FetchLimits

            self._fetch_limits = FetchLimits()
        return self._fetch_limits

    @fetch_limits.setter
    def fetch_limits(self, limits: FetchLimits) -> None:
        self._fetch_limits = limits

    @classmethod
    def open(cls, path: str | Path | None = None) -> "Library":
        """Open the store at `path` (default: NEWSREADER_DB or the user data dir)."""
        return cls(open_store(path if path is not None else default_db_path()))

    def close(self) -> None:
        self.store.close()

    @property
    def _db(self):
        return self.store.db

    def prepare(self) -> Prepared:
        """Make the store ready to read: seed an empty store with the bundled
        articles, and re-clean articles an older cleaner made (after an upgrade).

        The one place this happens, for the CLI and the TUI alike. When there is
        nothing to do it costs two index reads and writes nothing.
        """
        seeded = self.ensure_seeded()
        return Prepared(seeded, self.reclean_outdated())

    def interrupter(self) -> Callable[[], None]:
        """Called on a thread: a function that, from any thread, interrupts the
        statement running on that thread's connection (a superseded search)."""
        return self.store.db.conn.interrupt

    # -- importing -----------------------------------------------------------------

    def ensure_seeded(self) -> list[ImportOutcome]:
        """On an empty store, import the bundled seed articles."""
        if articles_db.count_articles(self._db):
            return []
        outcomes = []
        for name, data in seed_files():
            try:
                text, encoding = decode_bytes(data)
                parsed = parse_plaintext(text, encoding)
            except IngestError as exc:
                outcomes.append(ImportOutcome(name, "failed", message=str(exc)))
                continue
            outcomes.append(self.import_parsed(f"seed:{name}", parsed, source="newsreader seed"))
        return outcomes

    def import_paths(
        self,
        paths: Iterable[str | Path],
        encoding: str | None = None,
        progress: Progress | None = None,
    ) -> list[ImportOutcome]:
        """Import article files, web pages (files or http(s) URLs), feed files, OPML
        subscription lists, then W3C annotation files (.jsonld/.json).

        Articles come first so that annotations given in the same batch find
        them. One bad input (or annotation) never stops the rest: each gives a
        failed outcome with its reason. `progress(done, total, input)` follows along.
        """
        from newsreader.library import sources

        return sources.import_inputs(
            self._db, paths, limits=self.fetch_limits, encoding=encoding, progress=progress
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

    def reclean(self, everything: bool = False) -> list[ImportOutcome]:
        """Re-derive bodies with the current cleaner: outdated articles, or all of them."""
        return importing.reclean_articles(self._db, everything)

    def reclean_outdated(self) -> list[ImportOutcome]:
        """After an upgrade: re-clean articles whose cleaner version is not current."""
        return importing.reclean_articles(self._db, everything=False)

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

    def article(self, article_id: int) -> Article:
        found = articles_db.get_article(self._db, article_id)
        if found is None:
            raise NotFound(f"no article with id {article_id}")
        return found

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

    def opml(self) -> str:
        """The subscriptions as an OPML 2.0 document (local feed files are left out)."""
        from newsreader.ingest.opml import Subscription, render_opml

        return render_opml(
            [Subscription(f.url, f.title, f.site_url) for f in self.feeds() if "://" in f.url]
        )

    def export_opml(self, out: Path) -> Path:
        """Write the OPML to `out` (a folder gets newsreader-subscriptions.opml), atomically."""
        out = Path(out) / OPML_FILENAME if Path(out).is_dir() else Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        from newsreader.export.files import write_atomic

        write_atomic(out, self.opml())
        return out

    # -- annotating ------------------------------------------------------------------

    def highlights(self, article_id: int) -> list[Highlight]:
        return notes_db.highlights_for(self._db, article_id)

    def highlight(self, highlight_id: int) -> Highlight:
        found = notes_db.get_highlight(self._db, highlight_id)
        if found is None:
            raise NotFound(f"no highlight with id {highlight_id}")
        return found

    def orphans(self) -> list[Highlight]:
        """Every highlight that could not be placed, in all articles (by article, id)."""
        return notes_db.orphaned_highlights(self._db)

    def add_highlight(
        self,
        article_id: int,
        start: int,
        end: int,
        note: str | None = None,
        tags: Sequence[str] = (),
        color: str = "yellow",
    ) -> Highlight:
        """Highlight body[start:end] (edges' whitespace trimmed; tags stripped and
        sorted); committed before this returns."""
        body = self.article(article_id).body
        start, end = _trimmed(body, start, end)
        quote = anchoring.quote_at(body, start, end)
        now = utc_now()
        highlight_id = notes_db.insert_highlight(
            self._db,
            {
                "article_id": article_id,
                "start": start,
                "end": end,
                "exact": quote.exact,
                "prefix": quote.prefix,
                "suffix": quote.suffix,
                "note": note or None,
                "color": color,
                "tags": _clean_tags(tags),
                "created_at": now,
                "updated_at": now,
            },
        )
        return self.highlight(highlight_id)

    def annotate_by_quote(
        self,
        article_id: int,
        quote: str,
        note: str | None = None,
        tags: Sequence[str] = (),
        color: str = "yellow",
    ) -> Highlight:
        """Highlight the one passage matching `quote` (whitespace runs match any whitespace).

        Raises anchoring.QuoteNotFound (with the closest passage as a hint) or
        anchoring.QuoteAmbiguous; both are ValueError with a one-line message.
        """
        body = self.article(article_id).body
        start, end = anchoring.find_typed_quote(body, quote)
        return self.add_highlight(article_id, start, end, note, tags, color)

    def reattach_highlight(self, highlight_id: int, start: int, end: int) -> Highlight:
        """Place a highlight (typically an orphan) on body[start:end] of its article.

        Takes the new text as its quote; keeps its note, tags, colour and creation time.
        """
        h = self.highlight(highlight_id)
        body = self.article(h.article_id).body
        start, end = _trimmed(body, start, end)
        quote = anchoring.quote_at(body, start, end)
        fields = {
            "start": start,
            "end": end,
            "exact": quote.exact,
            "prefix": quote.prefix,
            "suffix": quote.suffix,
            "state": "anchored",
            "updated_at": utc_now(),
        }
        notes_db.update_highlight(self._db, highlight_id, fields)
        return self.highlight(highlight_id)

    def set_highlight_note(self, highlight_id: int, note: str | None) -> Highlight:
        """Set (or clear, with None/blank) a highlight's note; committed on return."""
        self.highlight(highlight_id)
        text = note if note and note.strip() else None
        notes_db.update_highlight(self._db, highlight_id, {"note": text, "updated_at": utc_now()})
        return self.highlight(highlight_id)

    def set_highlight_tags(self, highlight_id: int, tags: Sequence[str]) -> Highlight:
        self.highlight(highlight_id)
        notes_db.update_highlight(
            self._db, highlight_id, {"tags": _clean_tags(tags), "updated_at": utc_now()}
        )
        return self.highlight(highlight_id)

    def delete_highlight(self, highlight_id: int) -> Highlight:
        """Delete and return the highlight, so the caller can offer undo."""
        gone = self.highlight(highlight_id)
        notes_db.delete_highlight(self._db, highlight_id)
        return gone

    def restore_highlight(self, h: Highlight) -> Highlight:
        """Undo a delete: put the highlight back under its old id."""
        notes_db.insert_highlight(
            self._db,
            {
                "id": h.id,
                "article_id": h.article_id,
                "start": h.start,
                "end": h.end,
                "exact": h.exact,
                "prefix": h.prefix,
                "suffix": h.suffix,
                "note": h.note,
                "color": h.color,
                "tags": list(h.tags),
                "created_at": h.created_at,
                "updated_at": utc_now(),
                "state": h.state,
            },
        )
        return self.highlight(h.id)

    def article_note(self, article_id: int) -> ArticleNote | None:
        return notes_db.get_article_note(self._db, article_id)

    def set_article_note(self, article_id: int, text: str | None) -> ArticleNote | None:
        """Set the article-level note; a blank text removes it. Committed on return."""
        self.article(article_id)
        if text is None or not text.strip():
            notes_db.delete_article_note(self._db, article_id)
            return None
        notes_db.upsert_article_note(self._db, article_id, text, utc_now())
        return self.article_note(article_id)

    # -- search and export -------------------------------------------------------------

    def search(self, query: str, limit: int = 50, live: bool = False) -> list[SearchHit]:
        """Ranked hits; `live` treats the last word as a prefix (search-as-you-type)."""
        from newsreader.search import engine

        return engine.search(self._db, query, limit, live=live)

    def export_markdown(self, out_dir: Path, article_ids: Sequence[int] | None = None) -> list[Path]:
        """Write Markdown for the given articles (default: every annotated one).

        One article gives one file; several also get an index.md.
        """
        from newsreader.export.markdown import write_markdown, write_markdown_all

        items = self._export_items(article_ids)
        if not items:
            return []
        if len(items) == 1:
            return [write_markdown(out_dir, *items[0])]
        return write_markdown_all(out_dir, items)

    def export_markdown_all(self, out_dir: Path) -> list[Path]:
        """Every annotated article into `out_dir` plus index.md (even for one article)."""
        from newsreader.export.markdown import write_markdown_all

        items = self._export_items(None)
        return write_markdown_all(out_dir, items) if items else []

    def store_uuid(self) -> str:
        """This store's stable random id (used in exported annotation ids)."""
        return notes_db.store_uuid(self._db)

    def w3c_collection(self, article_ids: Sequence[int] | None = None) -> dict[str, Any]:
        """The W3C AnnotationCollection for the given (default: all annotated) articles."""
        from newsreader.export.w3c import render_collection

        return render_collection(
            self.store_uuid(),
            self._export_items(article_ids),
            notes_db.adopted_ids(self._db, "highlight"),
            notes_db.adopted_ids(self._db, "article_note"),
        )

    def export_w3c(
        self, out: Path, article_ids: Sequence[int] | None = None
    ) -> tuple[Path | None, int]:
        """Write the W3C collection to `out` (a folder gets newsreader-annotations.jsonld).

        Returns the file written and how many annotations it holds; writes
        nothing and returns (None, 0) when there is nothing to export.
        """
        collection = self.w3c_collection(article_ids)
        if collection["total"] == 0:
            return None, 0
        from newsreader.export.w3c import DEFAULT_FILENAME, write_collection

        out = Path(out)
        if out.is_dir():
            out = out / DEFAULT_FILENAME
        return write_collection(out, collection), collection["total"]

    def _export_items(
        self, article_ids: Sequence[int] | None
    ) -> list[tuple[Article, list[Highlight], ArticleNote | None]]:
        ids = list(article_ids) if article_ids is not None else notes_db.annotated_article_ids(self._db)
        return [(self.article(i), self.highlights(i), self.article_note(i)) for i in ids]


def _trimmed(body: str, start: int, end: int) -> tuple[int, int]:
    """The span clipped to the body with whitespace at its edges left out.

    Raises ValueError when nothing but whitespace is selected.
    """
    start, end = max(0, start), min(len(body), end)
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if start >= end:
        raise ValueError("empty selection: nothing to highlight")
    return start, end


def _clean_tags(tags: Sequence[str]) -> list[str]:
    return sorted({t.strip() for t in tags if t.strip()})
