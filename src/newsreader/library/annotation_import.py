"""Merging a W3C annotation file into the store.

Each annotation attaches to the article its target names (by origin, then
URL/source, then content hash, current or past), is placed by its quote with
its position as the hint, and is kept as an orphan with its note when the
quote cannot be placed. Importing is idempotent: an annotation id seen before
(recorded in `imported_highlights` / `imported_article_notes`, or this store's
own URN) is skipped, and so is one without an id that matches an existing
highlight (same article, quote, place and note). One transaction per annotation.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlparse

from newsreader.store.connection import Database

from newsreader import anchoring
from newsreader.library.importing import ImportOutcome, utc_now
from newsreader.ingest.plaintext import IngestError
from newsreader.ingest.w3c import (
    IncomingAnnotation,
    IncomingTarget,
    annotation_label,
    parse_annotation_bytes,
    read_annotation_file,
)
from newsreader.store import annotations as notes_db
from newsreader.store import articles as articles_db
from newsreader.text.wording import excerpt

AnnotationStatus = Literal["added", "merged", "unchanged", "failed"]
_OWN_URN = re.compile(r"^urn:newsreader:([0-9a-f-]{36}):(highlight|article-note):([0-9]{1,18})$")


@dataclass(frozen=True)
class AnnotationOutcome:
    """What happened to one annotation of a file (index None: the file itself)."""

    source: str
    index: int | None
    annotation_id: str | None
    status: AnnotationStatus
    article_id: int | None = None
    highlight_id: int | None = None
    orphaned: bool = False
    message: str = ""

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    @property
    def where(self) -> str:
        """The file, plus which annotation: for one-line messages."""
        if self.index is None:
            return self.source
        return f"{self.source}: {annotation_label(self.index, self.annotation_id)}"


def import_annotation_file(
    db: Database, path: Path, display: str | None = None, data: bytes | None = None
) -> list[AnnotationOutcome]:
    """Merge every annotation of the file (or of `data`, its bytes already read);
    bad ones are reported, the rest imported."""
    shown = display or str(path)
    try:
        items, problems = read_annotation_file(path) if data is None else parse_annotation_bytes(data)
    except IngestError as exc:
        return [AnnotationOutcome(shown, None, None, "failed", message=str(exc))]
    outcomes = [AnnotationOutcome(shown, p.index, p.id, "failed", message=p.reason) for p in problems]
    merger = _Merger(db, shown)
    outcomes.extend(merger.merge(item) for item in items)
    return sorted(outcomes, key=lambda o: o.index or 0)


class _Merger:
    def __init__(self, db: Database, shown: str):
        self.db = db
        self.shown = shown
        self.uuid = notes_db.store_uuid(db)
        self._articles: dict[IncomingTarget, int | None] = {}
        self._bodies: dict[int, str] = {}  # merging only adds highlights: bodies stay put

    def merge(self, item: IncomingAnnotation) -> AnnotationOutcome:
        article_id = self._article_for(item.target)
        if article_id is None:
            return self._outcome(item, "failed", message=_no_article(item.target))
        try:
            with self.db.atomic():
                if item.quote is None:
                    return self._merge_note(item, article_id)
                return self._merge_highlight(item, article_id)
        except (sqlite3.IntegrityError, UnicodeError, ValueError) as exc:
            # This annotation's transaction is rolled back; the others go on.
            return self._outcome(item, "failed", message=f"could not be stored ({exc})")

    def _outcome(self, item: IncomingAnnotation, status: AnnotationStatus, **kw) -> AnnotationOutcome:
        return AnnotationOutcome(self.shown, item.index, item.id, status, **kw)

    def _article_for(self, target: IncomingTarget) -> int | None:
        if target not in self._articles:
            self._articles[target] = _find_article(self.db, target)
        return self._articles[target]

    def _own(self, annotation_id: str | None, kind: str) -> int | None:
        """The local id in an URN this store made, else None."""
        match = _OWN_URN.match(annotation_id or "")
        if match and match.group(1) == self.uuid and match.group(2) == kind:
            return int(match.group(3))
        return None

    def _merge_highlight(self, item: IncomingAnnotation, article_id: int) -> AnnotationOutcome:
        db = self.db
        if item.id is not None:
            known = notes_db.imported_local_id(db, item.id, "highlight")
            own = self._own(item.id, "highlight")
            if known is None and own is not None:
                h = notes_db.get_highlight(db, own)
                known = own if h is not None and h.article_id == article_id else None
            if known is not None:
                return self._outcome(item, "unchanged", article_id=article_id, highlight_id=known)
        assert item.quote is not None
        if article_id not in self._bodies:
            self._bodies[article_id] = articles_db.get_article(db, article_id).body
        body = self._bodies[article_id]
        start, end = item.start or 0, item.end or 0
        placed = anchoring.place(start, end, item.quote, body)
        if placed is not None:
            quote = anchoring.quote_at(body, placed.start, placed.end)
            start, end, state = placed.start, placed.end, "anchored"
        else:
            quote, state = item.quote, "orphaned"
        same = notes_db.find_same_highlight(
            db, article_id, quote.exact, start if placed else None, end, item.note
        )
        if same is not None:
            if item.id is not None:
                notes_db.record_imported(db, item.id, "highlight", same, created=False)
            return self._outcome(item, "unchanged", article_id=article_id, highlight_id=same)
        now = utc_now()
        created = item.created or now
        highlight_id = notes_db.insert_highlight(
            db,
            {
                "article_id": article_id,
                "start": start,
                "end": max(start, end),
                "exact": quote.exact,
                "prefix": quote.prefix,
                "suffix": quote.suffix,
                "note": item.note,
                "color": item.color or "yellow",
                "tags": list(item.tags),
                "created_at": created,
                "updated_at": item.modified or created,
                "state": state,
            },
        )
        if item.id is not None:
            notes_db.record_imported(db, item.id, "highlight", highlight_id, created=True)
        message = "could not be placed: kept as an orphan" if placed is None else ""
        return self._outcome(
            item, "added", article_id=article_id, highlight_id=highlight_id,
            orphaned=placed is None, message=message,
        )

    def _merge_note(self, item: IncomingAnnotation, article_id: int) -> AnnotationOutcome:
        db = self.db
        text = item.note or ""
        existing = notes_db.get_article_note(db, article_id)
        if item.id is not None and existing is not None:
            known = notes_db.imported_local_id(db, item.id, "article_note")
            if known == article_id or self._own(item.id, "article-note") == article_id:
                return self._outcome(item, "unchanged", article_id=article_id)
        if existing is None:
            now = utc_now()
            created = item.created or now
            notes_db.insert_article_note(db, article_id, text, created, item.modified or created)
            status: AnnotationStatus = "added"
        elif text.strip() in existing.text:
            status = "unchanged"
        else:
            # Two different notes on one article: keep both, never overwrite.
            notes_db.upsert_article_note(db, article_id, f"{existing.text.rstrip()}\n\n{text}", utc_now())
            status = "merged"
        if item.id is not None:
            notes_db.record_imported(db, item.id, "article_note", article_id, created=status == "added")
        return self._outcome(item, status, article_id=article_id)


def summarise_as_imports(source: str, outcomes: Sequence[AnnotationOutcome]) -> list[ImportOutcome]:
    """One ImportOutcome per failed annotation, then one summary line for the file."""
    failures = [ImportOutcome(o.where, "failed", o.article_id, o.message) for o in outcomes if o.failed]
    if any(o.index is None for o in outcomes):
        return failures  # the file itself could not be read
    counts = {
        "added": sum(o.status == "added" and not o.orphaned for o in outcomes),
        "added as could not be placed": sum(o.status == "added" and o.orphaned for o in outcomes),
        "merged into the article note": sum(o.status == "merged" for o in outcomes),
        "already here": sum(o.status == "unchanged" for o in outcomes),
        "failed": len(failures),
    }
    parts = [f"{n} {label}" for label, n in counts.items() if n]
    changed = any(o.status in ("added", "merged") for o in outcomes)
    summary = "annotations: " + (", ".join(parts) if parts else "none in the file")
    orphaned = counts["added as could not be placed"]
    return [*failures, ImportOutcome(source, "added" if changed else "unchanged", None, summary, orphaned)]


def _find_article(db: Database, target: IncomingTarget) -> int | None:
    if target.origin:
        found = articles_db.find_id_by_origin(db, target.origin)
        if found is not None:
            return found
    if target.source:
        for look_up in (articles_db.find_id_by_url, articles_db.find_id_by_origin):
            found = look_up(db, target.source)
            if found is not None:
                return found
        parsed = urlparse(target.source)
        if parsed.scheme == "file" and parsed.path:
            found = articles_db.find_id_by_origin(db, unquote(parsed.path))
            if found is not None:
                return found
    if target.content_hash:
        found = articles_db.find_id_by_hash(db, target.content_hash)
        if found is None:
            found = articles_db.find_id_by_past_hash(db, target.content_hash)
        return found
    return None


def _no_article(target: IncomingTarget) -> str:
    shown = excerpt(target.title or target.source or target.origin or target.content_hash or "?", 80)
    return f"no matching article in this store for «{shown}»; import the article first"
