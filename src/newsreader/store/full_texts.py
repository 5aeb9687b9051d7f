"""Articles whose full text was fetched from their page on demand: the
`full_texts` table, its migration, and its queries.

Such an article's `raw` is the page's text (so `body` stays `clean(raw)` and a
re-clean keeps the full text); what its own source gave (a feed item's
summary, a file's text) is kept here as the fallback, with its hash, so that a
refresh bringing the same summary again is recognised and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsreader.store.connection import Database


@dataclass(frozen=True)
class FullTextRow:
    article_id: int
    url: str  # the page the text came from (after redirects)
    summary_raw: str  # the article's own text before: the raw fallback
    summary_hash: str
    fetched_at: str


def create_full_text_tables(db: Database) -> None:
    """Migration 007_full_text: the fallback table."""
    db.execute(
        """
        CREATE TABLE full_texts (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            summary_raw TEXT NOT NULL,
            summary_hash TEXT NOT NULL,
            fetched_at TEXT NOT NULL
        )
        """
    )


def get(db: Database, article_id: int) -> FullTextRow | None:
    row = db.execute(
        "SELECT article_id, url, summary_raw, summary_hash, fetched_at FROM full_texts WHERE article_id = ?",
        [article_id],
    ).fetchone()
    return FullTextRow(*row) if row else None


def summary_hash(db: Database, article_id: int) -> str | None:
    row = db.execute("SELECT summary_hash FROM full_texts WHERE article_id = ?", [article_id]).fetchone()
    return row[0] if row else None


def record(db: Database, article_id: int, url: str, summary_raw: str, summary_hash: str, now: str) -> None:
    """Remember (or update) where the full text came from and the fallback it replaced."""
    db.execute(
        """
        INSERT INTO full_texts (article_id, url, summary_raw, summary_hash, fetched_at)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (article_id) DO UPDATE SET
            url = excluded.url, summary_raw = excluded.summary_raw,
            summary_hash = excluded.summary_hash, fetched_at = excluded.fetched_at
        """,
        [article_id, url, summary_raw, summary_hash, now],
    )


def replace_summary(db: Database, article_id: int, summary_raw: str, summary_hash: str) -> None:
    """The article's own source changed its text: keep the new one as the fallback."""
    db.execute(
        "UPDATE full_texts SET summary_raw = ?, summary_hash = ? WHERE article_id = ?",
        [summary_raw, summary_hash, article_id],
    )
