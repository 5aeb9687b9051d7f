"""Annotating: highlights (by offsets or by quote), their notes and tags,
delete and restore, re-attaching an orphan, and the article-level note.

Every method commits before it returns; the caller says "saved" after that.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsreader import anchoring
from newsreader.library.base import LibraryBase
from newsreader.library.importing import utc_now
from newsreader.model import MAX_NOTE_CHARS, MAX_TAG_CHARS, ArticleNote, Highlight
from newsreader.store import annotations as notes_db
from newsreader.text.limits import text_problem


class Annotating(LibraryBase):
    """The annotation use cases of `Library`."""

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
                "note": _check_note(note or None),
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
        text = _check_note(note if note and note.strip() else None)
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

    def set_article_note(self, article_id: int, text: str | None) -> ArticleNote | None:
        """Set the article-level note; a blank text removes it. Committed on return."""
        self.article(article_id)
        if text is None or not text.strip():
            notes_db.delete_article_note(self._db, article_id)
            return None
        notes_db.upsert_article_note(self._db, article_id, _check_note(text), utc_now())
        return self.article_note(article_id)


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
    """Tags stripped, de-duplicated and sorted; ValueError for one an import would refuse."""
    cleaned = sorted({t.strip() for t in tags if t.strip()})
    for tag in cleaned:
        _check_text(tag, "a tag", MAX_TAG_CHARS)
    return cleaned


def _check_note(note: str | None) -> str | None:
    if note is not None:
        _check_text(note, "the note", MAX_NOTE_CHARS)
    return note


def _check_text(text: str, what: str, limit: int) -> None:
    """ValueError (a one-line message) for text that could not make the round trip."""
    problem = text_problem(text, what, limit)
    if problem is not None:
        raise ValueError(problem)
