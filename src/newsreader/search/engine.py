"""Running a query: one ranked list of article, highlight and note hits.

Per kind of hit, one statement asks the folded/stemmed FTS5 table (migration
002) for the best `limit` rows, ordered by "the exact unicode61 index matches
too" first, then bm25 with the title weighted. Only the page that is returned
is read back for titles and snippets; snippets are built from the original text.

Ranking is capped: of each kind, only the newest `RANK_CAP` matches (by row id,
that is, the most recently added) are scored and ranked. FTS5 streams matches
in row id order at almost no cost, but bm25 and the exact-form test cost per
match: a word in half of 100,000 articles took ~80 ms to rank in full and takes
~5 ms capped. A query with at most `RANK_CAP` matches (of a kind, after its
filters) is ranked exactly as without the cap; one with more says so
(`Hits.capped`), so that the interface can tell the reader that older matches
were not considered and that more words or a filter will narrow the search.
Filters apply inside the cap: `lang:en word` ranks the newest `RANK_CAP` English
matches, never fewer because newer matches in other languages took the places.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from dataclasses import dataclass

from newsreader.store.connection import Database
from newsreader.store.index import ARTICLE_GRAMS, ARTICLE_NOTE_GRAMS, HIGHLIGHT_GRAMS, gram_rows

from newsreader.model import MAX_SEARCH_RESULTS, SearchHit
from newsreader.search import filters as F
from newsreader.search.hits import LazyHit, page_hits  # noqa: F401  (LazyHit: for callers of engine)
from newsreader.search.matching import Matcher
from newsreader.search.plan import (
    Plan,
    combine,
    compile_node,
    compile_plan,
    exact_renderer,
    folded_renderer,
    gram_renderer,
    is_gram_term,
    make_plan,
    uses_grams,
    without_grams,
)
from newsreader.search.query import Not, Term, parse
from newsreader.text.stemming import can_stem

MAX_LIMIT = MAX_SEARCH_RESULTS
# Of each kind of hit, how many of the newest matches (after filters) are ranked;
# see the module docstring. Larger than MAX_LIMIT, so a page is never short for it.
RANK_CAP = 2000
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
    gram_table: str  # its pair table (words in scripts without spaces; store/index.py)


# Filters read articles through covering indexes (migration 002), never the wide rows.
_FACETS = "articles a INDEXED BY articles_search_facets"
SOURCES = (
    Source(F.ARTICLE, "articles_search", "articles_fts", ARTICLE_WEIGHTS, "a.id",
           f"JOIN {_FACETS} ON a.id = s.rowid",
           "articles a INDEXED BY articles_search_listing", "a.sort_key DESC, a.id DESC", ARTICLE_GRAMS),
    Source(F.HIGHLIGHT, "highlights_search", "highlights_fts", HIGHLIGHT_WEIGHTS, "h.id",
           f"JOIN highlights h ON h.id = s.rowid JOIN {_FACETS} ON a.id = h.article_id",
           f"highlights h JOIN {_FACETS} ON a.id = h.article_id", "h.updated_at DESC, h.id DESC", HIGHLIGHT_GRAMS),
    Source(F.ARTICLE_NOTE, "article_notes_search", "article_notes_fts", ARTICLE_NOTE_WEIGHTS,
           "n.article_id",
           f"JOIN article_notes n ON n.article_id = s.rowid JOIN {_FACETS} ON a.id = n.article_id",
           f"article_notes n JOIN {_FACETS} ON a.id = n.article_id", "n.updated_at DESC, n.article_id DESC",
           ARTICLE_NOTE_GRAMS),
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
    """Top-level `title:` terms for note hits: the note's article must match them
    (a word in a script without spaces in the articles' pair table: only articles
    with such text can match it)."""
    render = folded_renderer(languages)
    clauses = []
    for node in plan.title_terms:
        negated = isinstance(node, Not)
        term = node.node if negated else node
        table = "articles_search"
        if isinstance(term, Term) and is_gram_term(term):
            table, expression = ARTICLE_GRAMS, compile_node(term, gram_renderer(languages))
        else:
            expression = compile_node(term, render)
        if expression:
            op = "NOT IN" if negated else "IN"
            match = params.add(expression)
            clauses.append(f"a.id {op} (SELECT rowid FROM {table} WHERE {table} MATCH {match})")
    return clauses


def build_statements(plan: Plan, limit: int, languages) -> list[Statement]:
    """The SQL for each kind of hit that can match `plan` (nothing executed)."""
    if uses_grams(plan):
        return _gram_statements(plan, limit, languages)
    statements = []
    for source in SOURCES:
        statement = _statement(source, plan, limit, languages, source.search_table, folded_renderer)
        if statement is not None:
            statements.append(statement)
    return statements


def _gram_statements(plan: Plan, limit: int, languages) -> list[Statement]:
    """A query with a word in a script without spaces (store/index.py, the pair
    tables): per kind of hit, the pair table answers for the rows it holds (all of
    their text is in it: one MATCH, one bm25), and the folded table, with what is
    left of the query once such words cannot match (`without_grams`), for the others."""
    statements = []
    for source in SOURCES:
        is_article = source.kind == F.ARTICLE
        rows = gram_rows(source.gram_table)
        rest = without_grams(plan, titles=is_article)
        if plan.positive is None:
            # Exclusions only: one listing of every row, each excluded by the table that holds it.
            extra: list[tuple[str, str | None]] = [] if rest is not None else [(f"{source.key} IN ({rows})", None)]
            if rest is not None and rest.negative:
                negative = compile_plan(rest, folded_renderer(languages, titles=is_article))[1]
                if negative:
                    extra.append((f"({source.key} IN ({rows}) OR {source.key} NOT IN (SELECT rowid FROM "
                                  f"{source.search_table} WHERE {source.search_table} MATCH {{}}))", negative))
            found = [_statement(source, plan, limit, languages, source.gram_table, gram_renderer, extra)]
        else:
            found = [_statement(source, plan, limit, languages, source.gram_table, gram_renderer)]
            if rest is not None:
                found.append(_statement(source, rest, limit, languages, source.search_table, folded_renderer,
                                        [(f"s.rowid NOT IN ({rows})", None)]))
        statements += [s for s in found if s is not None]
    return statements


def _statement(source: Source, plan: Plan, limit: int, languages, table: str, renderer,
               extra: list[tuple[str, str | None]] = ()) -> Statement | None:
    """The SQL for hits of one kind from one search table, or None when none can
    match. `extra`: more conditions, each SQL and the FTS5 expression its `{}` binds."""
    params = F.Params()
    where = F.where_clause(plan.filters, source.kind, params)
    if where == F.FALSE:
        return None
    conditions = [] if where == F.TRUE else [where]
    is_article = source.kind == F.ARTICLE
    if not is_article:
        if plan.nested_title:
            return None  # a title: inside OR/brackets cannot be checked for a note
        conditions += _title_filters(plan, params, languages)
    conditions += [sql.format(params.add(bound)) if bound is not None else sql for sql, bound in extra]
    positive, negative = compile_plan(plan, renderer(languages, titles=is_article))
    if negative and positive is None:
        conditions.append(
            f"{source.key} NOT IN (SELECT rowid FROM {table} "
            f"WHERE {table} MATCH {params.add(negative)})"
        )
    tail = "".join(f" AND {c}" for c in conditions)
    if positive is None:
        if plan.has_text or (not is_article and not plan.mentions_notes()):
            return None
        sql = (f"SELECT {source.key}, a.id, 0.0, 0, 0 FROM {source.plain_from} WHERE 1{tail} "
               f"ORDER BY {source.newest} LIMIT {params.add(limit)}")
        return Statement(source.kind, sql, params)
    exact = combine(*compile_plan(plan, exact_renderer(titles=is_article)))
    match = params.add(combine(positive, negative))
    cap = params.add(RANK_CAP)
    # The exact-form test is limited to the capped rows' id range (FTS5 seeks to it).
    exact_sql = (f"rid IN (SELECT rowid FROM {source.exact_table} WHERE {source.exact_table} "
                 f"MATCH {params.add(exact)} AND rowid >= (SELECT min(rid) FROM capped))") if exact else "0"
    # Unfiltered article searches need no join: the FTS rowid is the article id.
    bare = is_article and not conditions
    key, article_id, frm = ("s.rowid", "s.rowid", "") if bare else (source.key, "a.id", source.frm)
    # The newest cap + 1 matches in row id order (FTS5 streams them; filters are
    # checked as they come), scored by bm25; one more than the cap tells that it cut.
    newest = (f"SELECT {key} AS key, {article_id} AS article_id, s.rowid AS rid, "
              f"bm25({table}, {source.weights}) AS rank FROM {table} s {frm} "
              f"WHERE {table} MATCH {match}{tail} ORDER BY s.rowid DESC LIMIT {cap} + 1")
    sql = (f"WITH capped AS MATERIALIZED ({newest}) "
           f"SELECT key, article_id, rank, {exact_sql} AS exact, "
           f"(SELECT count(*) FROM capped) > {cap} AS cut "
           f"FROM (SELECT * FROM capped ORDER BY rid DESC LIMIT {cap}) "
           f"ORDER BY exact DESC, rank, rid DESC LIMIT {params.add(limit)}")
    return Statement(source.kind, sql, params)


def plan_query(db: Database, query: str, live: bool = False) -> tuple[Plan, tuple[str, ...]]:
    """The parsed plan and the languages its words are stemmed in."""
    plan = make_plan(parse(query or "", live=live))
    named = plan.languages()
    languages = tuple(lang for lang in named if can_stem(lang)) if named else library_languages(db)
    return plan, languages


class Hits(list):
    """A page of hits (a list of `SearchHit`, best first) and what is known of the rest.

    `more`: there are hits beyond this page (the page is the first `limit`).
    `capped`: some kind of hit had more than `RANK_CAP` matches, so only the newest
    `RANK_CAP` of them were ranked (`cap`); older matches may be better. An
    interface should say so, e.g. "50 best of the newest 2,000 matches", rather
    than present the page as the best of all matches.
    """

    def __init__(self, hits=(), *, more: bool = False, capped: bool = False):
        super().__init__(hits)
        self.more = more
        self.capped = capped
        self.cap = RANK_CAP


def count_text(hits: list[SearchHit]) -> str:
    """How many hits, honestly: "3 results", "50+ results" (the page is full and
    there are more), "50 best of the newest 2,000 matches" (ranking was capped)."""
    shown = len(hits)
    if getattr(hits, "capped", False):
        return f"{shown} best of the newest {getattr(hits, 'cap', RANK_CAP):,} matches"
    noun = "result" if shown == 1 else "results"
    return f"{shown}+ {noun}" if getattr(hits, "more", False) else f"{shown} {noun}"


def search(db: Database, query: str, limit: int = 50, live: bool = False) -> Hits:
    """Ranked article and note hits for a user query; empty when there is nothing to search.

    Never raises for any query text. `live` treats the last word as a prefix.
    Of each kind of hit only the newest `RANK_CAP` matches are ranked (see the
    module docstring); the returned `Hits` says whether that cut anything.
    """
    if limit <= 0:
        return Hits()
    plan, languages = plan_query(db, query, live)
    if plan.empty:
        return Hits()
    per_kind = min(limit, MAX_LIMIT)
    found: list[tuple[bool, float, str, int, int]] = []
    capped = more = False
    # One row more than a page: whether there are more hits is then known for free.
    for statement in build_statements(plan, per_kind + 1, languages):
        try:
            rows = db.execute(statement.sql, statement.params).fetchall()
        except sqlite3.OperationalError:
            # Expressions are built from quoted strings only (a property test runs
            # them unguarded); a damaged index must still not take the search bar down.
            continue
        for key, article_id, rank, exact, cut in rows:
            found.append((bool(exact), -float(rank), statement.kind, key, article_id))
            capped = capped or bool(cut)
        more = more or len(rows) > per_kind
    found.sort(key=lambda r: (r[0], r[1]), reverse=True)
    page = found[:limit]
    matcher = Matcher(plan.terms(), languages)
    return Hits(page_hits(db, page, matcher), more=more or len(found) > limit, capped=capped)
