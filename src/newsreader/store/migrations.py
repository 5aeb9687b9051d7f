"""Schema migrations, applied once each and recorded by sqlite-utils' `Migrations`.

Never edit a migration that has shipped: add a new one. A database that has a
migration this code does not know was written by a newer version and is refused.

sqlite-utils is imported only when a migration is pending (a new or an older
store): opening an up-to-date store reads the applied names with one query.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from newsreader.store.connection import Database
from newsreader.store.index import (
    ARTICLE_SEARCH_VALUES,
    HIGHLIGHT_SEARCH_SELECT,
    NOTE_SEARCH_SELECT,
)

if TYPE_CHECKING:
    import sqlite_utils

MIGRATION_SET = "newsreader"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' name for its record
_MIGRATIONS: list[tuple[str, Callable]] = []  # (name, function), in the order they apply


def migration(name: str) -> Callable[[Callable], Callable]:
    """Register a migration function under `name` (sqlite-utils' `Migrations` applies it)."""

    def register(fn: Callable) -> Callable:
        _MIGRATIONS.append((name, fn))
        return fn

    return register


def applied_names(db: Database) -> set[str]:
    """Names of this set's migrations recorded in the store (none for a new file)."""
    if not db.table_exists(MIGRATIONS_TABLE):
        return set()
    rows = db.execute(f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", [MIGRATION_SET])
    return {r[0] for r in rows}


def sqlite_utils_migrations():
    """sqlite-utils' `Migrations` holding every migration (imports sqlite-utils)."""
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, fn in _MIGRATIONS:
        migrations(name=name)(fn)
    return migrations


def apply(db: Database) -> None:
    """Apply the pending migrations, each in its own transaction with its record."""
    if known_migration_names() <= applied_names(db):
        return
    from sqlite_utils import Database as SqliteUtilsDatabase

    sqlite_utils_migrations().apply(SqliteUtilsDatabase(db.conn))

# unicode61 with remove_diacritics 2 folds case and é/å/ü...; 002_search adds ø/æ/ß... folding
# and stemming in separate tables (text/folding.py, text/stemming.py).
FTS_TOKENIZE = "unicode61 remove_diacritics 2"


@migration("001_initial")
def initial(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            origin TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            source TEXT,
            url TEXT,
            author TEXT,
            published TEXT,
            language TEXT NOT NULL DEFAULT 'unknown',
            raw TEXT NOT NULL,
            body TEXT NOT NULL,
            blocks TEXT NOT NULL DEFAULT '[]',
            content_hash TEXT NOT NULL,
            cleaner_version INTEGER NOT NULL,
            imported_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            read_at TEXT,
            starred INTEGER NOT NULL DEFAULT 0,
            read_position INTEGER NOT NULL DEFAULT 0,
            -- newest first: published date when known, else import time (keyset pagination)
            sort_key TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX articles_content_hash ON articles(content_hash)")
    db.execute("CREATE INDEX articles_sort ON articles(sort_key DESC, id DESC)")
    db.execute(
        """
        CREATE TABLE article_versions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            raw TEXT NOT NULL,
            body TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            cleaner_version INTEGER NOT NULL,
            replaced_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX article_versions_article ON article_versions(article_id)")
    db.execute(
        """
        CREATE TABLE highlights (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            exact TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            note TEXT,
            color TEXT NOT NULL DEFAULT 'yellow',
            tags TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'anchored' CHECK (state IN ('anchored', 'orphaned'))
        )
        """
    )
    db.execute("CREATE INDEX highlights_article ON highlights(article_id, start)")
    db.execute(
        """
        CREATE TABLE article_notes (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db["articles"].enable_fts(["title", "body"], create_triggers=True, tokenize=FTS_TOKENIZE)
    db["highlights"].enable_fts(["exact", "note"], create_triggers=True, tokenize=FTS_TOKENIZE)
    db["article_notes"].enable_fts(["text"], create_triggers=True, tokenize=FTS_TOKENIZE)


@migration("002_search")
def search_index(db: sqlite_utils.Database) -> None:
    """Folded and stemmed FTS5 tables beside the exact ones of 001 (see search/).

    articles_search is an external-content table over a view that computes the
    folded/stemmed columns, so it stores only the index (no second copy of every
    body) and `INSERT INTO articles_search(articles_search) VALUES('rebuild')`
    re-derives it; a change to folding or stemming ships as a migration that
    runs that rebuild. Its delete triggers recompute the old values, which is
    exact because nr_fold/nr_stem are deterministic. Highlight and note texts are
    small, so their tables store their folded text and delete by rowid.
    """
    db.execute(
        """
        CREATE VIEW articles_search_source AS
        SELECT id, nr_fold(title) AS title, nr_fold(body) AS body,
               nr_stem(title, language) AS title_stems, nr_stem(body, language) AS body_stems
        FROM articles
        """
    )
    db.execute(
        "CREATE VIRTUAL TABLE articles_search USING fts5(title, body, title_stems, body_stems, "
        f"content='articles_search_source', content_rowid='id', tokenize='{FTS_TOKENIZE}')"
    )
    new, old = ARTICLE_SEARCH_VALUES.format(r="new"), ARTICLE_SEARCH_VALUES.format(r="old")
    columns = "rowid, title, body, title_stems, body_stems"
    delete_old = (f"INSERT INTO articles_search(articles_search, {columns}) "
                  f"VALUES ('delete', old.id, {old});")
    insert_new = f"INSERT INTO articles_search({columns}) VALUES (new.id, {new});"
    db.execute(f"CREATE TRIGGER articles_search_ai AFTER INSERT ON articles BEGIN {insert_new} END")
    db.execute(f"CREATE TRIGGER articles_search_ad AFTER DELETE ON articles BEGIN {delete_old} END")
    # Only content columns: marking read or starring must not re-stem the article.
    db.execute(
        "CREATE TRIGGER articles_search_au AFTER UPDATE OF title, body, language ON articles "
        f"BEGIN {delete_old} {insert_new} END"
    )
    db.execute(f"CREATE VIRTUAL TABLE highlights_search USING fts5(quote, note, stems, tokenize='{FTS_TOKENIZE}')")
    db.execute(f"CREATE VIRTUAL TABLE article_notes_search USING fts5(text, stems, tokenize='{FTS_TOKENIZE}')")
    highlight_row = HIGHLIGHT_SEARCH_SELECT + " WHERE h.id = new.id"
    note_row = NOTE_SEARCH_SELECT + " WHERE n.article_id = new.article_id"
    db.execute(
        "CREATE TRIGGER highlights_search_ai AFTER INSERT ON highlights BEGIN "
        f"INSERT INTO highlights_search(rowid, quote, note, stems) {highlight_row}; END"
    )
    db.execute(
        "CREATE TRIGGER highlights_search_ad AFTER DELETE ON highlights BEGIN "
        "DELETE FROM highlights_search WHERE rowid = old.id; END"
    )
    db.execute(
        "CREATE TRIGGER highlights_search_au AFTER UPDATE OF exact, note ON highlights BEGIN "
        "DELETE FROM highlights_search WHERE rowid = old.id; "
        f"INSERT INTO highlights_search(rowid, quote, note, stems) {highlight_row}; END"
    )
    db.execute(
        "CREATE TRIGGER article_notes_search_ai AFTER INSERT ON article_notes BEGIN "
        f"INSERT INTO article_notes_search(rowid, text, stems) {note_row}; END"
    )
    db.execute(
        "CREATE TRIGGER article_notes_search_ad AFTER DELETE ON article_notes BEGIN "
        "DELETE FROM article_notes_search WHERE rowid = old.article_id; END"
    )
    db.execute(
        "CREATE TRIGGER article_notes_search_au AFTER UPDATE OF text ON article_notes BEGIN "
        "DELETE FROM article_notes_search WHERE rowid = old.article_id; "
        f"INSERT INTO article_notes_search(rowid, text, stems) {note_row}; END"
    )
    # Notes are stemmed in their article's language: follow a re-detected language.
    db.execute(
        "CREATE TRIGGER articles_search_language AFTER UPDATE OF language ON articles "
        "WHEN old.language IS NOT new.language BEGIN "
        "DELETE FROM highlights_search WHERE rowid IN (SELECT id FROM highlights WHERE article_id = new.id); "
        f"INSERT INTO highlights_search(rowid, quote, note, stems) {HIGHLIGHT_SEARCH_SELECT} "
        "WHERE h.article_id = new.id; "
        "DELETE FROM article_notes_search WHERE rowid = new.id; "
        f"INSERT INTO article_notes_search(rowid, text, stems) {NOTE_SEARCH_SELECT} "
        "WHERE n.article_id = new.id; END"
    )
    # 001's exact-index triggers (from sqlite-utils) re-index on any update, so
    # every saved reading position re-indexed the whole article: content only now.
    db.execute('DROP TRIGGER "articles_au"')
    db.execute(
        'CREATE TRIGGER "articles_au" AFTER UPDATE OF title, body ON articles BEGIN '
        "INSERT INTO articles_fts (articles_fts, rowid, title, body) "
        "VALUES ('delete', old.rowid, old.title, old.body); "
        "INSERT INTO articles_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body); END"
    )
    db.execute('DROP TRIGGER "highlights_au"')
    db.execute(
        'CREATE TRIGGER "highlights_au" AFTER UPDATE OF exact, note ON highlights BEGIN '
        "INSERT INTO highlights_fts (highlights_fts, rowid, exact, note) "
        "VALUES ('delete', old.rowid, old.exact, old.note); "
        "INSERT INTO highlights_fts (rowid, exact, note) VALUES (new.rowid, new.exact, new.note); END"
    )
    db.execute("CREATE TABLE search_index_version (id INTEGER PRIMARY KEY CHECK (id = 1), version TEXT NOT NULL)")
    # No version row yet: Store.open rebuilds the index right after the migrations
    # (store/index.py, refresh_if_stale), which backfills what 001 stored.
    # read_at and starred sit after raw and body in each row, so reading them for
    # every FTS match walks overflow pages: these covering indexes answer the
    # filters (is:, lang:, has:, tag:) from the index instead, ~2x faster per match.
    db.execute("CREATE INDEX articles_search_facets ON articles(id, language, read_at, starred)")
    db.execute(
        "CREATE INDEX articles_search_listing ON articles(sort_key DESC, id DESC, language, read_at, starred)"
    )
    # The query stems its words in each language present: SELECT DISTINCT language.
    db.execute("CREATE INDEX articles_language ON articles(language)")


def known_migration_names() -> frozenset[str]:
    """Names of every migration this version of newsreader knows."""
    return frozenset(name for name, _ in _MIGRATIONS)


from newsreader.store.feeds import create_feed_tables  # noqa: E402  (feeds: issue 7)
migration("003_feeds")(create_feed_tables)


@migration("004_cleaner_version_index")
def cleaner_version_index(db: Database) -> None:
    """Start-up asks which articles an older cleaner made; without an index that
    reads every article row (seconds at 100k articles)."""
    db.execute("CREATE INDEX IF NOT EXISTS articles_cleaner_version ON articles(cleaner_version)")


@migration("005_packed_blocks")
def packed_blocks(db: Database) -> None:
    """From here on `articles.blocks` holds the packed form (`articles.pack_blocks`),
    which an older newsreader cannot read: this record makes it refuse the store
    ("written by a newer version") instead. Rows written before keep their JSON,
    which is still read; nothing is rewritten."""


@migration("006_feed_reading_index")
def feed_reading_index(db: Database) -> None:
    """Unread counts per feed from an index: `read_at` lies past the long columns
    of an article's row. It serves what articles_feed served (a feed's articles,
    newest first), which it replaces."""
    db.execute("CREATE INDEX articles_feed_reading ON articles(feed_id, sort_key DESC, id DESC, read_at)")
    db.execute("DROP INDEX IF EXISTS articles_feed")


from newsreader.store.full_texts import create_full_text_tables  # noqa: E402  (full text on demand)
migration("007_full_text")(create_full_text_tables)


@migration("008_cjk_index")
def cjk_index(db: Database) -> None:
    """Chinese, Japanese, Korean, Thai, Lao, Khmer and Burmese words are found
    inside a run of text: pair tables beside the folded ones, filled from what is
    stored in one INSERT ... SELECT each (store/index.py, create_gram_index)."""
    from newsreader.store.index import create_gram_index

    create_gram_index(db)
