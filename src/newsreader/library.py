"""The one facade the TUI and the CLI use: open, import, list, read, annotate,
search, export. Holds the rules (idempotent import, nothing lost); the store
holds the SQL; neither knows about Textual."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from newsreader import anchoring, search as search_module
from newsreader.export.markdown import write_markdown, write_markdown_all
from newsreader.ingest.plaintext import IngestError, ParsedArticle, decode_bytes, parse_plaintext, read_text_file
from newsreader.ingest.seeds import seed_files
from newsreader.locations import default_db_path
from newsreader.model import Article, ArticleNote, ArticleSummary, Highlight, SearchHit
from newsreader.store import Store
from newsreader.store import annotations as notes_db
from newsreader.store import articles as articles_db
from newsreader.text import CLEANER_VERSION, clean, detect_language

ImportStatus = Literal["added", "updated", "unchanged", "duplicate", "failed"]


class NotFound(LookupError):
    """No article or highlight with that id; str() is a one-line message."""


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one input; `message` is the user-facing reason on failure."""

    source: str
    status: ImportStatus
    article_id: int | None = None
    message: str = ""
    orphaned: int = 0

    @property
    def failed(self) -> bool:
        return self.status == "failed"


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def content_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class Library:
    """An open newsreader store plus the operations on it."""

    def __init__(self, store: Store):
        self.store = store

    @classmethod
    def open(cls, path: str | Path | None = None) -> "Library":
        """Open the store at `path` (default: NEWSREADER_DB or the user data dir)."""
        return cls(Store.open(path if path is not None else default_db_path()))

    def close(self) -> None:
        self.store.close()

    @property
    def _db(self):
        return self.store.db

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
        self, paths: Iterable[str | Path], encoding: str | None = None
    ) -> list[ImportOutcome]:
        """Import plain-text files; one bad file never stops the rest."""
        outcomes = []
        for given in paths:
            path = Path(given)
            try:
                parsed = read_text_file(path, encoding)
            except IngestError as exc:
                outcomes.append(ImportOutcome(str(given), "failed", message=str(exc)))
                continue
            origin = str(path.resolve())
            outcomes.append(self.import_parsed(origin, parsed, display=str(given)))
        return outcomes

    def import_parsed(
        self,
        origin: str,
        parsed: ParsedArticle,
        *,
        source: str | None = None,
        display: str | None = None,
    ) -> ImportOutcome:
        """Add, update or skip one parsed article, by origin and content hash."""
        shown = display or origin
        digest = content_hash(parsed.raw)
        db = self._db
        existing = articles_db.find_id_by_origin(db, origin)
        if existing is None:
            duplicate = articles_db.find_id_by_hash(db, digest)
            if duplicate is not None:
                return ImportOutcome(shown, "duplicate", duplicate, f"same text as article {duplicate}")
        else:
            current = articles_db.get_article(db, existing)
            if current is not None and current.content_hash == digest:
                return ImportOutcome(shown, "unchanged", existing)
        language = detect_language(parsed.body)
        cleaned = clean(parsed.body, language)
        now = utc_now()
        fields = {
            "title": parsed.title,
            "language": language,
            "raw": parsed.raw,
            "body": cleaned.body,
            "blocks": articles_db.blocks_to_json(cleaned.blocks),
            "content_hash": digest,
            "cleaner_version": CLEANER_VERSION,
            "updated_at": now,
        }
        if existing is None:
            with db.atomic():
                article_id = articles_db.insert_article(
                    db,
                    {
                        "origin": origin,
                        "source": source,
                        "imported_at": now,
                        "sort_key": now,
                        **fields,
                    },
                )
            return ImportOutcome(shown, "added", article_id)
        with db.atomic():
            articles_db.replace_content(db, existing, fields, now)
            orphaned = self._reanchor_all(existing, cleaned.body, now)
        message = f"{orphaned} highlight(s) could not be placed" if orphaned else ""
        return ImportOutcome(shown, "updated", existing, message, orphaned)

    def _reanchor_all(self, article_id: int, new_body: str, now: str) -> int:
        """Move every highlight of an article onto its quote in the new body.

        A highlight whose quote is gone is orphaned, never deleted. Runs inside
        the caller's transaction. Returns how many were orphaned.
        """
        orphaned = 0
        for h in notes_db.highlights_for(self._db, article_id):
            quote = anchoring.Quote(h.exact, h.prefix, h.suffix)
            placed = anchoring.reanchor(h.start, h.end, quote, new_body)
            if placed is None:
                orphaned += 1
                notes_db.update_highlight(self._db, h.id, {"state": "orphaned", "updated_at": now})
                continue
            start, end = placed
            context = anchoring.quote_at(new_body, start, end)
            notes_db.update_highlight(
                self._db,
                h.id,
                {
                    "start": start,
                    "end": end,
                    "prefix": context.prefix,
                    "suffix": context.suffix,
                    "state": "anchored",
                },
            )
        return orphaned

    # -- reading ---------------------------------------------------------------------

    def count(self) -> int:
        return articles_db.count_articles(self._db)

    def summaries(self, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
        """Articles newest first; a page of them when `limit` is given."""
        if limit is None:
            return articles_db.all_summaries(self._db)
        return articles_db.page_summaries(self._db, limit, offset)

    def article_ids(self) -> list[int]:
        """Every article id, newest first."""
        return articles_db.ordered_ids(self._db)

    def summaries_for(self, ids: Sequence[int]) -> dict[int, ArticleSummary]:
        """Summaries of the given articles, keyed by id (missing ids left out)."""
        return articles_db.summaries_by_id(self._db, ids)

    def article(self, article_id: int) -> Article:
        found = articles_db.get_article(self._db, article_id)
        if found is None:
            raise NotFound(f"no article with id {article_id}")
        return found

    def mark_read(self, article_id: int) -> None:
        articles_db.mark_read(self._db, article_id, utc_now())

    def set_starred(self, article_id: int, starred: bool) -> None:
        articles_db.set_starred(self._db, article_id, starred)

    def set_read_position(self, article_id: int, position: int) -> None:
        articles_db.set_read_position(self._db, article_id, position)

    # -- annotating ------------------------------------------------------------------

    def highlights(self, article_id: int) -> list[Highlight]:
        return notes_db.highlights_for(self._db, article_id)

    def highlight(self, highlight_id: int) -> Highlight:
        found = notes_db.get_highlight(self._db, highlight_id)
        if found is None:
            raise NotFound(f"no highlight with id {highlight_id}")
        return found

    def add_highlight(
        self,
        article_id: int,
        start: int,
        end: int,
        note: str | None = None,
        tags: Sequence[str] = (),
        color: str = "yellow",
    ) -> Highlight:
        """Highlight body[start:end]; committed before this returns."""
        body = self.article(article_id).body
        start, end = max(0, start), min(len(body), end)
        # Trim whitespace at the edges so the quote is what the reader sees.
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        if start >= end:
            raise ValueError("empty selection: nothing to highlight")
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
                "tags": list(tags),
                "created_at": now,
                "updated_at": now,
            },
        )
        return self.highlight(highlight_id)

    def set_highlight_note(self, highlight_id: int, note: str | None) -> Highlight:
        """Set (or clear, with None/blank) a highlight's note; committed on return."""
        self.highlight(highlight_id)
        text = note if note and note.strip() else None
        notes_db.update_highlight(self._db, highlight_id, {"note": text, "updated_at": utc_now()})
        return self.highlight(highlight_id)

    def set_highlight_tags(self, highlight_id: int, tags: Sequence[str]) -> Highlight:
        self.highlight(highlight_id)
        clean_tags = sorted({t.strip() for t in tags if t.strip()})
        notes_db.update_highlight(self._db, highlight_id, {"tags": clean_tags, "updated_at": utc_now()})
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
        return search_module.search(self._db, query, limit, live=live)

    def export_markdown(self, out_dir: Path, article_ids: Sequence[int] | None = None) -> list[Path]:
        """Write Markdown for the given articles (default: every annotated one).

        One article gives one file; several also get an index.md.
        """
        ids = list(article_ids) if article_ids is not None else notes_db.annotated_article_ids(self._db)
        items = [(self.article(i), self.highlights(i), self.article_note(i)) for i in ids]
        if not items:
            return []
        if len(items) == 1:
            return [write_markdown(out_dir, *items[0])]
        return write_markdown_all(out_dir, items)
