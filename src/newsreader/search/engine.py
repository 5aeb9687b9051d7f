"""Running a query: one ranked list of article, highlight and note hits.

Per kind of hit, one statement asks the folded/stemmed FTS5 table (migration
002) for the best `limit` rows, ordered by "the exact unicode61 index matches
too" first, then bm25 with the title weighted. Only the page that is returned
is read back for titles and snippets; snippets are built from the original text.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from dataclasses import dataclass

from sqlite_utils import Database

from newsreader.model import SearchHit
from newsreader.search import filters as F
from newsreader.search.matching import Matcher
from newsreader.search.plan import (
    Plan,
    combine,
    compile_node,
    compile_plan,
    exact_renderer,
    folded_renderer,
    make_plan,
)
from newsreader.search.query import Not, parse
from newsreader.text.stemming import can_stem

MAX_LIMIT = 1000
# bm25 column weights: a word in the title counts ten times one in the body;
# a match only through a stem counts for less than the word itself.
ARTICLE_WEIGHTS = "10.0, 1.0, 5.0, 0.5"  # title, body, title_stems, body_stems
HIGHLIGHT_WEIGHTS = "1.0, 2.0, 0.5"  # quote, note, stems
ARTICLE_NOTE_WEIGHTS = "2.0, 0.5"  # text, stems


@dataclass(frozen=True)
class Source:
    """One kind of hit: its search table, its exact table, and how rows join."""

    kind: str
    search_table: str
    exact_table: str
    weights: str
    key: str  # the hit's row id, as SQL
    frm: str  # FROM clause after the search table (aliases a, h, n)
    plain_from: str  # FROM for filter-only queries
    newest: str  # ORDER BY for filter-only queries


# Filters read articles through covering indexes (migration 002), never the wide rows.
_FACETS = "articles a INDEXED BY articles_search_facets"
SOURCES = (
    Source(F.ARTICLE, "articles_search", "articles_fts", ARTICLE_WEIGHTS, "a.id",
           f"JOIN {_FACETS} ON a.id = s.rowid",
           "articles a INDEXED BY articles_search_listing", "a.sort_key DESC, a.id DESC"),
    Source(F.HIGHLIGHT, "highlights_search", "highlights_fts", HIGHLIGHT_WEIGHTS, "h.id",
           f"JOIN highlights h ON h.id = s.rowid JOIN {_FACETS} ON a.id = h.article_id",
           f"highlights h JOIN {_FACETS} ON a.id = h.article_id", "h.updated_at DESC, h.id DESC"),
    Source(F.ARTICLE_NOTE, "article_notes_search", "article_notes_fts", ARTICLE_NOTE_WEIGHTS,
           "n.article_id",
           f"JOIN article_notes n ON n.article_id = s.rowid JOIN {_FACETS} ON a.id = n.article_id",
           f"article_notes n JOIN {_FACETS} ON a.id = n.article_id", "n.updated_at DESC, n.article_id DESC"),
)


@dataclass(frozen=True)
class Statement:
    kind: str
    sql: str
    params: dict


# Languages present in each open library, refreshed only when the file changed.
_languages: "weakref.WeakKeyDictionary[Database, tuple[tuple[int, int], tuple[str, ...]]]" = (
    weakref.WeakKeyDictionary()
)


_languages_lock = threading.Lock()  # the TUI searches from worker threads


def library_languages(db: Database) -> tuple[str, ...]:
    """Distinct stemmable article languages, cached until this file changes
    (the index `articles_language` keeps the query cheap when it does)."""
    version = (db.execute("PRAGMA data_version").fetchone()[0], db.conn.total_changes)
    with _languages_lock:
        cached = _languages.get(db)
    if cached is not None and cached[0] == version:
        return cached[1]
    rows = db.execute("SELECT DISTINCT language FROM articles")
    found = tuple(sorted(r[0] for r in rows if can_stem(r[0])))
    with _languages_lock:
        _languages[db] = (version, found)
    return found


def _title_filters(plan: Plan, params: F.Params, languages) -> list[str]:
    """Top-level `title:` terms for note hits: the note's article must match them."""
    render = folded_renderer(languages)
    clauses = []
    for node in plan.title_terms:
        negated = isinstance(node, Not)
        expression = compile_node(node.node if negated else node, render)
        if expression:
            op = "NOT IN" if negated else "IN"
            match = params.add(expression)
            clauses.append(f"a.id {op} (SELECT rowid FROM articles_search WHERE articles_search MATCH {match})")
    return clauses


def build_statements(plan: Plan, limit: int, languages) -> list[Statement]:
    """The SQL for each kind of hit that can match `plan` (nothing executed)."""
    statements = []
    for source in SOURCES:
        params = F.Params()
        where = F.where_clause(plan.filters, source.kind, params)
        if where == F.FALSE:
            continue
        conditions = [] if where == F.TRUE else [where]
        is_article = source.kind == F.ARTICLE
        if not is_article:
            if plan.nested_title:
                continue  # a title: inside OR/brackets cannot be checked for a note
            conditions += _title_filters(plan, params, languages)
        positive, negative = compile_plan(plan, folded_renderer(languages, titles=is_article))
        if negative and positive is None:
            conditions.append(
                f"{source.key} NOT IN (SELECT rowid FROM {source.search_table} "
                f"WHERE {source.search_table} MATCH {params.add(negative)})"
            )
        tail = "".join(f" AND {c}" for c in conditions)
        if positive is None:
            if plan.has_text or (not is_article and not plan.mentions_notes()):
                continue
            sql = (f"SELECT {source.key}, a.id, 0.0, 0 FROM {source.plain_from} WHERE 1{tail} "
                   f"ORDER BY {source.newest} LIMIT {params.add(limit)}")
            statements.append(Statement(source.kind, sql, params))
            continue
        exact = combine(*compile_plan(plan, exact_renderer(titles=is_article)))
        exact_sql = (f"s.rowid IN (SELECT rowid FROM {source.exact_table} WHERE {source.exact_table} "
                     f"MATCH {params.add(exact)})") if exact else "0"
        match = params.add(combine(positive, negative))
        # Unfiltered article searches need no join: the FTS rowid is the article id.
        bare = is_article and not conditions
        key, article_id, frm = ("s.rowid", "s.rowid", "") if bare else (source.key, "a.id", source.frm)
        sql = (f"SELECT {key}, {article_id}, bm25({source.search_table}, {source.weights}) AS rank, "
               f"{exact_sql} AS exact FROM {source.search_table} s {frm} "
               f"WHERE {source.search_table} MATCH {match}{tail} "
               f"ORDER BY exact DESC, rank LIMIT {params.add(limit)}")
        statements.append(Statement(source.kind, sql, params))
    return statements


def plan_query(db: Database, query: str, live: bool = False) -> tuple[Plan, tuple[str, ...]]:
    """The parsed plan and the languages its words are stemmed in."""
    plan = make_plan(parse(query or "", live=live))
    named = plan.languages()
    languages = tuple(lang for lang in named if can_stem(lang)) if named else library_languages(db)
    return plan, languages


def search(db: Database, query: str, limit: int = 50, live: bool = False) -> list[SearchHit]:
    """Ranked article and note hits for a user query; [] when there is nothing to search.

    Never raises for any query text. `live` treats the last word as a prefix.
    """
    if limit <= 0:
        return []
    plan, languages = plan_query(db, query, live)
    if plan.empty:
        return []
    found: list[tuple[bool, float, str, int, int]] = []
    for statement in build_statements(plan, min(limit, MAX_LIMIT), languages):
        try:
            rows = db.execute(statement.sql, statement.params).fetchall()
        except sqlite3.OperationalError:
            # Expressions are built from quoted strings only (a property test runs
            # them unguarded); a damaged index must still not take the search bar down.
            continue
        for key, article_id, rank, exact in rows:
            found.append((bool(exact), -float(rank), statement.kind, key, article_id))
    found.sort(key=lambda r: (r[0], r[1]), reverse=True)
    page = found[:limit]
    matcher = Matcher(plan.terms(), languages)
    return _hits(db, page, matcher)


def score(exact: bool, relevance: float) -> float:
    """Higher is better: exact-form matches score 1 or more, folded/stemmed ones less than 1."""
    relevance = max(relevance, 0.0)
    return (1.0 if exact else 0.0) + relevance / (1.0 + relevance)


def _ids(page, kind: str) -> str:
    return "[" + ",".join(str(r[3]) for r in page if r[2] == kind) + "]"


def _hits(db: Database, page, matcher: Matcher) -> list[SearchHit]:
    """Titles and snippets for the returned page only."""
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
        snippet = next((s for t in texts if t and (s := matcher.snippet(t, language))), None)
        if snippet is None:
            snippet = matcher.opening(next((t for t in texts if t), ""), language)
        hits.append(SearchHit(
            kind="article" if kind == F.ARTICLE else "note",
            article_id=article_id,
            title=title,
            snippet=snippet[0],
            score=score(exact, relevance),
            highlight_id=highlight_id,
            marks=snippet[1],
        ))
    return hits
