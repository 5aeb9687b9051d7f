"""The search index's SQL side, in one place: the functions its triggers call,
rebuilding it, and setting its per-row article triggers aside for a bulk load.

The folded/stemmed tables (migration 002) are filled by triggers that call two
Python functions, `nr_fold(text)` and `nr_stem(text, language)`. What they
compute is the text layer's business (folding, Snowball stemming), so the
store does not import it: whoever opens a store hands in an `IndexFunctions`
(the library does, `library/indexing.py`), and every connection registers it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from newsreader.store.connection import Database


@dataclass(frozen=True)
class IndexFunctions:
    """What the search triggers compute; `version` names it (the store rebuilds
    its index when a store was indexed under another version)."""

    fold: Callable[[object], str]
    stem: Callable[[object, object], str]
    version: str


def register(db: Database, functions: IndexFunctions) -> None:
    """Make the triggers' functions callable on this connection (every connection
    that writes articles, highlights or notes needs them)."""
    db.register_function(functions.fold, deterministic=True, name="nr_fold")
    db.register_function(functions.stem, deterministic=True, name="nr_stem")
    db.index_version = functions.version


# What the search index stores for an article, as SQL over a row (`{r}` = new/old).
# A connection without the functions (the sqlite3 shell) can read the file but
# cannot write articles, highlights or notes.
ARTICLE_SEARCH_VALUES = (
    "nr_fold({r}.title), nr_fold({r}.body), nr_stem({r}.title, {r}.language), nr_stem({r}.body, {r}.language)"
)
HIGHLIGHT_SEARCH_SELECT = (
    "SELECT h.id, nr_fold(h.exact), nr_fold(coalesce(h.note, '')), "
    "nr_stem(h.exact || ' ' || coalesce(h.note, ''), a.language) "
    "FROM highlights h JOIN articles a ON a.id = h.article_id"
)
NOTE_SEARCH_SELECT = (
    "SELECT n.article_id, nr_fold(n.text), nr_stem(n.text, a.language) "
    "FROM article_notes n JOIN articles a ON a.id = n.article_id"
)

# The two per-row triggers that index a new article (001's exact table, 002's
# folded/stemmed one), and the rows they insert, for `article_index_rows`.
ARTICLE_INSERT_TRIGGERS = ("articles_ai", "articles_search_ai")
_INSERT_EXACT = 'INSERT INTO "articles_fts" (rowid, "title", "body") VALUES (?, ?, ?)'
_INSERT_SEARCH = (
    "INSERT INTO articles_search(rowid, title, body, title_stems, body_stems) VALUES (?, ?, ?, ?, ?)"
)


def rebuild_search_index(db: Database) -> None:
    """Re-derive the folded/stemmed search tables from the stored rows.

    Run inside a transaction. Needed when folding or stemming changes (the store
    compares the recorded version with its functions' on open).
    """
    db.execute("INSERT INTO articles_search(articles_search) VALUES ('rebuild')")
    db.execute("DELETE FROM highlights_search")
    db.execute(f"INSERT INTO highlights_search(rowid, quote, note, stems) {HIGHLIGHT_SEARCH_SELECT}")
    db.execute("DELETE FROM article_notes_search")
    db.execute(f"INSERT INTO article_notes_search(rowid, text, stems) {NOTE_SEARCH_SELECT}")
    db.execute(
        "INSERT OR REPLACE INTO search_index_version (id, version) VALUES (1, ?)", [db.index_version]
    )


def refresh_if_stale(db: Database) -> None:
    """Rebuild the index if folding or the stemmer changed since it was built (an
    upgraded snowballstemmer may stem differently), before anything writes."""
    row = db.execute("SELECT version FROM search_index_version").fetchone()
    if row is None or row[0] != db.index_version:
        with db.atomic():
            rebuild_search_index(db)


@contextmanager
def article_triggers_set_aside(db: Database) -> Iterator[Callable[[Sequence, Sequence], None]]:
    """For a bulk load inside the caller's transaction: drop the per-row index
    triggers of `articles`, yield a function that indexes rows directly, and put
    the triggers back byte for byte (their stored SQL) before the block ends. No
    other connection ever sees them missing.

    The function takes `exact` rows (id, title, body) and `search` rows (id,
    nr_fold(title), nr_fold(body), nr_stem(title), nr_stem(body)): exactly what
    the triggers would have inserted, computed wherever the caller likes (bulk
    import computes them in its worker processes).
    """
    if not db.conn.in_transaction:
        raise RuntimeError("article_triggers_set_aside needs the caller's transaction")
    placeholders = ", ".join("?" for _ in ARTICLE_INSERT_TRIGGERS)
    saved = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'articles' "
        f"AND name IN ({placeholders})",
        list(ARTICLE_INSERT_TRIGGERS),
    ).fetchall()
    if len(saved) != len(ARTICLE_INSERT_TRIGGERS):
        raise RuntimeError("the store's article index triggers are not the ones this version made")
    for name, _sql in saved:
        db.execute(f'DROP TRIGGER "{name}"')

    def index_rows(exact: Sequence, search: Sequence) -> None:
        db.conn.executemany(_INSERT_EXACT, exact)
        db.conn.executemany(_INSERT_SEARCH, search)

    try:
        yield index_rows
    finally:
        for _name, sql in saved:
            db.execute(sql)
