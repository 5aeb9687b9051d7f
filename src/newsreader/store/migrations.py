"""Schema migrations, applied once each and recorded by sqlite-utils' `Migrations`.

Never edit a migration that has shipped: add a new one. A database that has a
migration this code does not know was written by a newer version and is refused.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "newsreader"
migrations = Migrations(MIGRATION_SET)

# unicode61 with remove_diacritics 2 folds é/å/ü...; the search issue adds ø/æ folding on top.
FTS_TOKENIZE = "unicode61 remove_diacritics 2"


@migrations(name="001_initial")
def initial(db: Database) -> None:
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




def known_migration_names() -> frozenset[str]:
    """Names of every migration this version of newsreader knows."""
    with Database(memory=True) as empty:
        return frozenset(m.name for m in migrations.pending(empty))
