"""Putting article text into the store without losing a highlight.

Two ways an article's body changes: a re-import of its origin with new text,
and a re-clean of the kept `raw` after the cleaner improved (`cleaner_version`
differs). Both write the new content, keep the old one as a row of
`article_versions`, and move every highlight onto its quote (orphaning, never
deleting, those whose quote is gone) in one transaction per article.

Every article's `raw` is in the plain-text article format (title line, then
the body), including web pages and feed items: for those it is the text the
extractor found, before cleaning (ingest/html.py says why). So one way of
re-deriving a body, `clean(parse_plaintext(raw).body)`, serves them all.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Literal

from newsreader.store.connection import Database

from newsreader import anchoring
from newsreader.ingest.plaintext import IngestError, ParsedArticle, parse_plaintext
from newsreader.store import annotations as notes_db
from newsreader.store import articles as articles_db
from newsreader.store import full_texts as full_texts_db
from newsreader.text import CLEANER_VERSION, clean, detect_language

# "skipped": an input part with nothing to import (a feed item with no text), said but no failure.
ImportStatus = Literal["added", "updated", "unchanged", "duplicate", "skipped", "failed"]


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


@dataclass(frozen=True)
class ArticleMeta:
    """What a feed item or web page says about itself besides its text."""

    url: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601; also the sort key (newest first)
    feed_id: int | None = None


def sort_key_for(published: str | None, now: str) -> str:
    """Order by publication; a date in the future (a clock or feed error) counts as now."""
    if not published:
        return now
    if len(published) == 10:  # a date without a time
        published += "T00:00:00+00:00"
    return min(published, now)


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def content_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def orphan_message(orphaned: int) -> str:
    return f"{orphaned} highlight(s) could not be placed" if orphaned else ""


def import_parsed(
    db: Database,
    origin: str,
    parsed: ParsedArticle,
    *,
    source: str | None = None,
    display: str | None = None,
    meta: ArticleMeta | None = None,
) -> ImportOutcome:
    """Add, update or skip one parsed article, by origin and content hash.

    `meta` (url, author, published, feed) is written with new or changed
    content; an unchanged article is left exactly as it is. Another process
    importing the same origin at the same moment is not an error: the second
    insert finds the first one's row and decides again (unchanged or updated).
    """
    try:
        return _import_parsed(db, origin, parsed, source=source, display=display, meta=meta)
    except sqlite3.IntegrityError:
        return _import_parsed(db, origin, parsed, source=source, display=display, meta=meta)


def _import_parsed(
    db: Database,
    origin: str,
    parsed: ParsedArticle,
    *,
    source: str | None,
    display: str | None,
    meta: ArticleMeta | None,
) -> ImportOutcome:
    shown = display or origin
    digest = content_hash(parsed.raw)
    existing = articles_db.find_id_by_origin(db, origin)
    if existing is None:
        duplicate = articles_db.find_id_by_hash(db, digest)
        if duplicate is not None:
            return ImportOutcome(shown, "duplicate", duplicate, f"same text as article {duplicate}")
    else:
        current = articles_db.get_article(db, existing)
        if current is not None and current.content_hash == digest:
            return ImportOutcome(shown, "unchanged", existing)
        kept = full_texts_db.summary_hash(db, existing)
        if kept is not None:
            # Its full text was fetched from its page (full_text.py): what its own
            # source gives is the fallback, never a reason to go back to it.
            if kept == digest:
                return ImportOutcome(shown, "unchanged", existing)
            full_texts_db.replace_summary(db, existing, parsed.raw, digest)
            return ImportOutcome(shown, "unchanged", existing, "new summary kept aside; the full text stays")
    now = utc_now()
    fields = {"title": parsed.title, **content_fields(parsed, digest, now)}
    if meta is not None:
        fields.update({k: v for k, v in (("url", meta.url), ("author", meta.author)) if v})
        if meta.published:
            fields["published"] = meta.published
            fields["sort_key"] = sort_key_for(meta.published, now)
    if existing is None:
        new = {"origin": origin, "source": source, "imported_at": now, "sort_key": now, **fields}
        if meta is not None and meta.feed_id is not None:
            new["feed_id"] = meta.feed_id
        with db.atomic():
            article_id = articles_db.insert_article(db, new)
        return ImportOutcome(shown, "added", article_id)
    with db.atomic():
        articles_db.replace_content(db, existing, fields, now)
        orphaned = reanchor_all(db, existing, fields["body"], now)
    return ImportOutcome(shown, "updated", existing, orphan_message(orphaned), orphaned)


def content_fields(parsed: ParsedArticle, digest: str, now: str) -> dict:
    """The stored columns that follow from an article's text: its language, raw
    text, cleaned body and blocks, hash and cleaner version (an import, a full
    text fetched from the page)."""
    language = detect_language(parsed.body)
    cleaned = clean(parsed.body, language)
    return {
        "language": language,
        "raw": parsed.raw,
        "body": cleaned.body,
        "blocks": articles_db.pack_blocks(cleaned.blocks),
        "content_hash": digest,
        "cleaner_version": CLEANER_VERSION,
        "updated_at": now,
    }


def reclean_article(db: Database, article_id: int) -> ImportOutcome:
    """Re-derive the body from the kept raw text with the current cleaner.

    The previous body is kept as a version row when it changes; highlights are
    re-anchored in the same transaction. An unchanged body only gets the new
    cleaner version recorded.
    """
    article = articles_db.get_article(db, article_id)
    if article is None:
        return ImportOutcome(f"article {article_id}", "failed", article_id, "no such article")
    shown = article.origin
    try:
        parsed = parse_plaintext(article.raw)
    except IngestError as exc:
        return ImportOutcome(shown, "failed", article_id, f"cannot re-clean: {exc}")
    # The language is kept: the raw text did not change, so neither would it.
    cleaned = clean(parsed.body, article.language)
    now = utc_now()
    blocks = articles_db.pack_blocks(cleaned.blocks)
    if cleaned.body == article.body:
        articles_db.mark_cleaned(db, article_id, CLEANER_VERSION, blocks)
        return ImportOutcome(shown, "unchanged", article_id)
    fields = {
        "body": cleaned.body,
        "blocks": blocks,
        "cleaner_version": CLEANER_VERSION,
        "updated_at": now,
    }
    with db.atomic():
        articles_db.replace_content(db, article_id, fields, now)
        orphaned = reanchor_all(db, article_id, cleaned.body, now)
    return ImportOutcome(shown, "updated", article_id, orphan_message(orphaned), orphaned)


def reclean_articles(db: Database, everything: bool = False) -> list[ImportOutcome]:
    """Re-clean every article whose cleaner version is not the current one (or all)."""
    ids = (
        articles_db.all_ids(db)
        if everything
        else articles_db.ids_with_cleaner_other_than(db, CLEANER_VERSION)
    )
    return [reclean_article(db, article_id) for article_id in ids]


def reanchor_all(db: Database, article_id: int, new_body: str, now: str) -> int:
    """Move every highlight of an article onto its quote in the new body.

    Orphans get another chance too (the passage may be back). A highlight whose
    quote is gone is orphaned, never deleted; a fuzzy match takes the new text
    as its quote. Runs inside the caller's transaction. Returns how many are
    orphaned afterwards.
    """
    orphaned = 0
    for h in notes_db.highlights_for(db, article_id):
        quote = anchoring.Quote(h.exact, h.prefix, h.suffix)
        placed = anchoring.place(h.start, h.end, quote, new_body)
        if placed is None:
            orphaned += 1
            if h.state != "orphaned":
                notes_db.update_highlight(db, h.id, {"state": "orphaned", "updated_at": now})
            continue
        context = anchoring.quote_at(new_body, placed.start, placed.end)
        fields = {
            "start": placed.start,
            "end": placed.end,
            "exact": context.exact,
            "prefix": context.prefix,
            "suffix": context.suffix,
            "state": "anchored",
        }
        if placed.method == "fuzzy" or h.state == "orphaned":
            fields["updated_at"] = now
        notes_db.update_highlight(db, h.id, fields)
    return orphaned
