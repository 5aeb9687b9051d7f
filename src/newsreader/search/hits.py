"""The page of hits a search returns: titles read for that page only, snippets
cut from the original text when first read (`LazyHit`).

`page` rows are (exact, relevance, kind, key, article_id), best first (engine.py).
"""

from __future__ import annotations

from newsreader.store.connection import Database

from newsreader.model import SearchHit
from newsreader.search import filters as F
from newsreader.search.matching import Matcher


def score(exact: bool, relevance: float) -> float:
    """Higher is better: exact-form matches score 1 or more, folded/stemmed ones less than 1."""
    relevance = max(relevance, 0.0)
    return (1.0 if exact else 0.0) + relevance / (1.0 + relevance)


def _ids(page, kind: str) -> str:
    return "[" + ",".join(str(r[3]) for r in page if r[2] == kind) + "]"


class _CutOnRead:
    """`snippet` and `marks` of a `LazyHit`: cut from the hit's text when first read.

    A non-data descriptor, so once cut both are plain instance attributes."""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, hit, owner=None):
        if hit is None:
            return self
        hit._cut()
        return hit.__dict__[self.name]


class LazyHit(SearchHit):
    """A `SearchHit` whose snippet is cut when `snippet` or `marks` is first read.

    Cutting a snippet means finding the first match in the original text in Python
    (~30 µs an article), more than running the query itself costs for a rare word;
    a caller showing only some hits pays only for those. It needs only the text
    the search already read, never the database, so any thread may read it. Two
    threads reading at once both cut the same snippet: no lock is needed.
    """

    snippet = _CutOnRead()
    marks = _CutOnRead()
    # Built by `of`; the dataclass constructor (and dataclasses.replace) sets both eagerly.

    @classmethod
    def of(cls, texts: list[str], language: str, matcher: Matcher, **fields) -> "LazyHit":
        hit = cls.__new__(cls)
        hit.__dict__.update(fields, _cut_from=(texts, language, matcher))
        return hit

    def _cut(self) -> None:
        found = self.__dict__
        source = found.get("_cut_from")
        if source is None:
            return  # already cut (or built eagerly)
        texts, language, matcher = source
        snippet = next((s for t in texts if t and (s := matcher.snippet(t, language))), None)
        if snippet is None:
            snippet = matcher.opening(next((t for t in texts if t), ""), language)
        found["marks"] = snippet[1]
        found["snippet"] = snippet[0]
        found.pop("_cut_from", None)  # the texts are no longer needed


def page_hits(db: Database, page, matcher: Matcher) -> list[SearchHit]:
    """Titles for the returned page only; snippets are cut when read (`LazyHit`)."""
    articles = {r[0]: r[1:] for r in db.execute(
        "SELECT id, title, body, language FROM articles WHERE id IN (SELECT value FROM json_each(?))",
        [_ids(page, F.ARTICLE)])} if any(r[2] == F.ARTICLE for r in page) else {}
    highlights = {r[0]: r[1:] for r in db.execute(
        "SELECT h.id, a.title, a.language, h.note, h.exact FROM highlights h JOIN articles a "
        "ON a.id = h.article_id WHERE h.id IN (SELECT value FROM json_each(?))",
        [_ids(page, F.HIGHLIGHT)])} if any(r[2] == F.HIGHLIGHT for r in page) else {}
    notes = {r[0]: r[1:] for r in db.execute(
        "SELECT n.article_id, a.title, a.language, n.text FROM article_notes n JOIN articles a "
        "ON a.id = n.article_id WHERE n.article_id IN (SELECT value FROM json_each(?))",
        [_ids(page, F.ARTICLE_NOTE)])} if any(r[2] == F.ARTICLE_NOTE for r in page) else {}
    hits = []
    for exact, relevance, kind, key, article_id in page:
        if kind == F.ARTICLE and key in articles:
            title, body, language = articles[key]
            texts, highlight_id = [body, title], None  # a title-only match shows the title
        elif kind == F.HIGHLIGHT and key in highlights:
            title, language, note, quote = highlights[key]
            texts, highlight_id = [note or "", quote], key
        elif kind == F.ARTICLE_NOTE and key in notes:
            title, language, text = notes[key]
            texts, highlight_id = [text], None
        else:
            continue  # deleted between the two statements
        hits.append(LazyHit.of(
            texts, language, matcher,
            kind="article" if kind == F.ARTICLE else "note",
            article_id=article_id,
            title=title,
            score=score(exact, relevance),
            highlight_id=highlight_id,
        ))
    return hits
