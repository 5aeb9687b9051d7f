"""Full-text search over articles and annotations with SQLite FTS5.

User input never reaches MATCH unparsed: it is split into word tokens, each one
quoted as an FTS5 string, so `c++`, `AT&T`, `"abc` or `NOT` can never be syntax.
"""

from __future__ import annotations

import re
from sqlite3 import OperationalError

from sqlite_utils import Database

from newsreader.model import SearchHit

MARK_OPEN = "\x02"
MARK_CLOSE = "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET_TOKENS = 12
TITLE_WEIGHT = 10.0


def to_match_expression(query: str, live: bool = False) -> str | None:
    """A safe FTS5 expression: every word must match. None when there are no words.

    With `live`, the last word is still being typed and matches as a prefix."""
    words = _WORD.findall(query)[:64]
    if not words:
        return None
    terms = ['"' + w.replace('"', '""') + '"' for w in words]
    if live and query[-1:].isalnum():
        terms[-1] += "*"
    return " ".join(terms)


def split_marks(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Turn FTS5's sentinel-marked snippet into plain text plus match spans."""
    plain: list[str] = []
    marks: list[tuple[int, int]] = []
    length = 0
    open_at: int | None = None
    for char in marked:
        if char == MARK_OPEN:
            open_at = length
        elif char == MARK_CLOSE:
            if open_at is not None:
                marks.append((open_at, length))
            open_at = None
        else:
            plain.append(char)
            length += 1
    return "".join(plain).replace("\n", " "), tuple(marks)


def search(db: Database, query: str, limit: int = 50, live: bool = False) -> list[SearchHit]:
    """Ranked article and note hits for a user query; [] for nothing to search."""
    expression = to_match_expression(query, live)
    if expression is None:
        return []
    hits: list[SearchHit] = []
    snippet_args = f"'{MARK_OPEN}', '{MARK_CLOSE}', '…', {SNIPPET_TOKENS}"
    statements = [
        (
            "article",
            f"""SELECT a.id, a.title, snippet(articles_fts, -1, {snippet_args}),
                   bm25(articles_fts, {TITLE_WEIGHT}, 1.0), NULL
            FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
            WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, {TITLE_WEIGHT}, 1.0) LIMIT ?""",
        ),
        (
            "note",
            f"""SELECT a.id, a.title, snippet(highlights_fts, -1, {snippet_args}),
                   bm25(highlights_fts), h.id
            FROM highlights_fts JOIN highlights h ON h.id = highlights_fts.rowid
            JOIN articles a ON a.id = h.article_id
            WHERE highlights_fts MATCH ? ORDER BY bm25(highlights_fts) LIMIT ?""",
        ),
        (
            "note",
            f"""SELECT a.id, a.title, snippet(article_notes_fts, -1, {snippet_args}),
                   bm25(article_notes_fts), NULL
            FROM article_notes_fts JOIN articles a ON a.id = article_notes_fts.rowid
            WHERE article_notes_fts MATCH ? ORDER BY bm25(article_notes_fts) LIMIT ?""",
        ),
    ]
    for kind, sql in statements:
        try:
            rows = db.execute(sql, [expression, limit]).fetchall()
        except OperationalError:
            # Defensive: a quoted expression should never fail; a broken index must
            # not take the search bar down with it.
            continue
        for article_id, title, snippet, rank, highlight_id in rows:
            text, marks = split_marks(snippet or "")
            hits.append(
                SearchHit(
                    kind=kind,
                    article_id=article_id,
                    title=title,
                    snippet=text,
                    score=-float(rank),
                    highlight_id=highlight_id,
                    marks=marks,
                )
            )
    hits.sort(key=lambda h: h.score, reverse=True)
    return hits[:limit]


def match_spans(text: str, query: str, limit: int = 500) -> list[tuple[int, int]]:
    """Where the query's words occur in `text` (case-insensitive), for marking them
    in the reader. Word-prefix matches count, so "rakett" marks "raketten"."""
    words = {w.casefold() for w in _WORD.findall(query)}
    if not words:
        return []
    spans = []
    for match in _WORD.finditer(text):
        token = match.group().casefold()
        if any(token.startswith(w) for w in words):
            spans.append((match.start(), match.end()))
            if len(spans) >= limit:
                break
    return spans
