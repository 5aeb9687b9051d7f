"""The search index's SQL side, in one place: the functions its triggers call,
rebuilding it, and setting its per-row article triggers aside for a bulk load.

The folded/stemmed tables (migration 002) are filled by triggers that call two
Python functions, `nr_fold(text)` and `nr_stem(text, language)`. What they
compute is the text layer's business (folding, Snowball stemming), so the
store does not import it: whoever opens a store hands in an `IndexFunctions`
(the library does, `library/indexing.py`), and every connection registers it.

The pair tables (`*_grams`, below) hold the rows whose text has
Chinese, Japanese, Korean, Thai, Lao, Khmer or Burmese in it, through two more
functions: `nr_grams(text)` and `nr_has_grams(text, text)`.
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
    grams: Callable[[object], str]  # folded text, runs of unspaced scripts as character pairs
    has_grams: Callable[[object, object], int]  # whether either text has such a run


def register(db: Database, functions: IndexFunctions) -> None:
    """Make the triggers' functions callable on this connection (every connection
    that writes articles, highlights or notes needs them)."""
    db.register_function(functions.fold, deterministic=True, name="nr_fold")
    db.register_function(functions.stem, deterministic=True, name="nr_stem")
    db.register_function(functions.grams, deterministic=True, name="nr_grams")
    db.register_function(functions.has_grams, deterministic=True, name="nr_has_grams")
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
    if db.table_exists(ARTICLE_GRAMS):  # a migration older than the pair tables' may rebuild too
        rebuild_gram_index(db)
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


# -- The pair tables: text in scripts without spaces (migration "cjk_index") --------------
#
# unicode61 makes one token of a whole run of Chinese, Japanese, Thai... so a
# word inside a sentence was never found. Beside each folded/stemmed table is a
# pair table of the same columns (and bm25 weights) holding only the rows whose
# text has such a run, each run spelled as its overlapping character pairs
# (text/scripts.py, gram_text) and everything else as the folded table has it.
# A query with a word in those scripts runs on the pair table alone for those
# rows (it holds all of their text, so "Tesla 电动车" is one FTS5 MATCH with one
# bm25), and on the folded table, without that word, for the rows the pair table
# does not hold (search/engine.py). A library without such text has empty pair
# tables, and Latin-script queries never read them.
#
# Rows that have no such run cost one regex scan when written (nr_has_grams).
ARTICLE_GRAMS = "articles_grams"
HIGHLIGHT_GRAMS = "highlights_grams"
ARTICLE_NOTE_GRAMS = "article_notes_grams"
# As unicode61 folds the other tables, but marks are kept inside a token (Thai,
# Khmer and Burmese vowel signs would otherwise cut every word apart).
GRAM_TOKENIZE = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"


def gram_rows(table: str) -> str:
    """SQL for the row ids a pair table holds, read from its size table: the
    articles' pair table is external content over a view, and a scan of it would
    compute the view for every article."""
    return f"SELECT id FROM {table}_docsize"


_ARTICLE_GRAM_VALUES = (
    "nr_grams({r}.title), nr_grams({r}.body), nr_stem({r}.title, {r}.language), nr_stem({r}.body, {r}.language)"
)
_ARTICLE_GRAM_COLUMNS = "rowid, title, body, title_stems, body_stems"
_HIGHLIGHT_GRAM_SELECT = (
    "SELECT h.id, nr_grams(h.exact), nr_grams(coalesce(h.note, '')), "
    "nr_stem(h.exact || ' ' || coalesce(h.note, ''), a.language) "
    "FROM highlights h JOIN articles a ON a.id = h.article_id WHERE nr_has_grams(h.exact, h.note)"
)
_NOTE_GRAM_SELECT = (
    "SELECT n.article_id, nr_grams(n.text), nr_stem(n.text, a.language) "
    "FROM article_notes n JOIN articles a ON a.id = n.article_id WHERE nr_has_grams(n.text, NULL)"
)


def create_gram_index(db) -> None:
    """The pair tables, their triggers, and their rows for what is stored already
    (one INSERT ... SELECT each; only rows with such text are indexed, so a store
    of Latin-script articles costs one regex scan of its texts).

    A migration (store/migrations.py) calls this with sqlite-utils' Database; it
    depends on nothing newer than migration 002."""
    articles, highlights, notes = ARTICLE_GRAMS, HIGHLIGHT_GRAMS, ARTICLE_NOTE_GRAMS
    db.execute(
        f"CREATE VIEW {articles}_source AS SELECT id, nr_grams(title) AS title, nr_grams(body) AS body, "
        "nr_stem(title, language) AS title_stems, nr_stem(body, language) AS body_stems "
        "FROM articles WHERE nr_has_grams(title, body)"
    )
    db.execute(
        f"CREATE VIRTUAL TABLE {articles} USING fts5(title, body, title_stems, body_stems, "
        f"content='{articles}_source', content_rowid='id', tokenize=\"{GRAM_TOKENIZE}\")"
    )
    new, old = _ARTICLE_GRAM_VALUES.format(r="new"), _ARTICLE_GRAM_VALUES.format(r="old")
    columns = _ARTICLE_GRAM_COLUMNS
    delete_old = (f"INSERT INTO {articles}({articles}, {columns}) SELECT 'delete', old.id, {old} "
                  "WHERE nr_has_grams(old.title, old.body);")
    insert_new = f"INSERT INTO {articles}({columns}) SELECT new.id, {new} WHERE nr_has_grams(new.title, new.body);"
    db.execute(f"CREATE TRIGGER {articles}_ai AFTER INSERT ON articles BEGIN {insert_new} END")
    db.execute(f"CREATE TRIGGER {articles}_ad AFTER DELETE ON articles BEGIN {delete_old} END")
    # Only content columns: marking read or starring must not re-index the article.
    db.execute(f"CREATE TRIGGER {articles}_au AFTER UPDATE OF title, body, language ON articles "
               f"BEGIN {delete_old} {insert_new} END")
    db.execute(f"CREATE VIRTUAL TABLE {highlights} USING fts5(quote, note, stems, tokenize=\"{GRAM_TOKENIZE}\")")
    db.execute(f"CREATE VIRTUAL TABLE {notes} USING fts5(text, stems, tokenize=\"{GRAM_TOKENIZE}\")")
    highlight_row = f"INSERT INTO {highlights}(rowid, quote, note, stems) {_HIGHLIGHT_GRAM_SELECT}"
    note_row = f"INSERT INTO {notes}(rowid, text, stems) {_NOTE_GRAM_SELECT}"
    db.execute(f"CREATE TRIGGER {highlights}_ai AFTER INSERT ON highlights BEGIN "
               f"{highlight_row} AND h.id = new.id; END")
    db.execute(f"CREATE TRIGGER {highlights}_ad AFTER DELETE ON highlights BEGIN "
               f"DELETE FROM {highlights} WHERE rowid = old.id; END")
    db.execute(f"CREATE TRIGGER {highlights}_au AFTER UPDATE OF exact, note ON highlights BEGIN "
               f"DELETE FROM {highlights} WHERE rowid = old.id; {highlight_row} AND h.id = new.id; END")
    db.execute(f"CREATE TRIGGER {notes}_ai AFTER INSERT ON article_notes BEGIN "
               f"{note_row} AND n.article_id = new.article_id; END")
    db.execute(f"CREATE TRIGGER {notes}_ad AFTER DELETE ON article_notes BEGIN "
               f"DELETE FROM {notes} WHERE rowid = old.article_id; END")
    db.execute(f"CREATE TRIGGER {notes}_au AFTER UPDATE OF text ON article_notes BEGIN "
               f"DELETE FROM {notes} WHERE rowid = old.article_id; {note_row} AND n.article_id = new.article_id; END")
    # Highlights and notes are stemmed in their article's language: follow a re-detected one.
    db.execute(
        f"CREATE TRIGGER {articles}_language AFTER UPDATE OF language ON articles "
        "WHEN old.language IS NOT new.language BEGIN "
        f"DELETE FROM {highlights} WHERE rowid IN (SELECT id FROM highlights WHERE article_id = new.id); "
        f"{highlight_row} AND h.article_id = new.id; "
        f"DELETE FROM {notes} WHERE rowid = new.id; "
        f"{note_row} AND n.article_id = new.id; END"
    )
    rebuild_gram_index(db)


def rebuild_gram_index(db) -> None:
    """Re-derive the pair tables from the stored rows (inside a transaction)."""
    db.execute(f"INSERT INTO {ARTICLE_GRAMS}({ARTICLE_GRAMS}) VALUES ('rebuild')")
    db.execute(f"DELETE FROM {HIGHLIGHT_GRAMS}")
    db.execute(f"INSERT INTO {HIGHLIGHT_GRAMS}(rowid, quote, note, stems) {_HIGHLIGHT_GRAM_SELECT}")
    db.execute(f"DELETE FROM {ARTICLE_NOTE_GRAMS}")
    db.execute(f"INSERT INTO {ARTICLE_NOTE_GRAMS}(rowid, text, stems) {_NOTE_GRAM_SELECT}")
