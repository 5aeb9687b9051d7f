"""Feed subscriptions: the `feeds` table, its migration, and its queries.

A feed row remembers what a conditional request needs next time (the ETag and
Last-Modified the server sent) and how the last refresh went. Articles that
came from a feed point at it with `articles.feed_id`; unsubscribing keeps the
articles and clears that link.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsreader.store.connection import Database

from newsreader.model import Feed

FEED_COLUMNS = (
    "f.id, f.url, f.title, f.site_url, f.full_text, f.added_at, f.last_checked_at, "
    "f.last_status, f.last_error, "
    "(SELECT count(*) FROM articles a WHERE a.feed_id = f.id) AS article_count"
)


def create_feed_tables(db: Database) -> None:
    """Migration 003_feeds: the feeds table and articles.feed_id."""
    db.execute(
        """
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            title TEXT,
            site_url TEXT,
            etag TEXT,
            last_modified TEXT,
            full_text INTEGER NOT NULL DEFAULT 0,
            added_at TEXT NOT NULL,
            last_checked_at TEXT,
            last_status TEXT,
            last_error TEXT
        )
        """
    )
    db.execute(
        "ALTER TABLE articles ADD COLUMN feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL"
    )
    db.execute("CREATE INDEX articles_feed ON articles(feed_id, sort_key DESC, id DESC)")


def _row_to_feed(row: Sequence[Any]) -> Feed:
    return Feed(
        id=row[0],
        url=row[1],
        title=row[2],
        site_url=row[3],
        full_text=bool(row[4]),
        added_at=row[5],
        last_checked_at=row[6],
        last_status=row[7],
        last_error=row[8],
        article_count=row[9],
    )


def all_feeds(db: Database) -> list[Feed]:
    """Every subscription, by title (untitled ones by URL), then id."""
    rows = db.execute(
        f"SELECT {FEED_COLUMNS} FROM feeds f ORDER BY lower(coalesce(f.title, f.url)), f.id"
    ).fetchall()
    return [_row_to_feed(r) for r in rows]


def get_feed(db: Database, feed_id: int) -> Feed | None:
    row = db.execute(f"SELECT {FEED_COLUMNS} FROM feeds f WHERE f.id = ?", [feed_id]).fetchone()
    return _row_to_feed(row) if row else None


def find_feed_id(db: Database, url: str) -> int | None:
    row = db.execute("SELECT id FROM feeds WHERE url = ?", [url]).fetchone()
    return row[0] if row else None


def insert_feed(
    db: Database,
    url: str,
    now: str,
    *,
    title: str | None = None,
    site_url: str | None = None,
    full_text: bool = False,
) -> int:
    cursor = db.execute(
        "INSERT INTO feeds (url, title, site_url, full_text, added_at) VALUES (?, ?, ?, ?, ?)",
        [url, title, site_url, int(full_text), now],
    )
    return cursor.lastrowid


def validators(db: Database, feed_id: int) -> tuple[str | None, str | None]:
    """(etag, last_modified) to send in the next conditional request."""
    row = db.execute("SELECT etag, last_modified FROM feeds WHERE id = ?", [feed_id]).fetchone()
    return (row[0], row[1]) if row else (None, None)


def record_success(
    db: Database,
    feed_id: int,
    now: str,
    status: str,
    *,
    title: str | None = None,
    site_url: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
) -> None:
    """A fetch that worked (`status` "ok" or "not-modified"): keep what it taught us."""
    db.execute(
        """
        UPDATE feeds SET last_checked_at = ?, last_status = ?, last_error = NULL,
            title = coalesce(?, title), site_url = coalesce(?, site_url),
            etag = coalesce(?, etag), last_modified = coalesce(?, last_modified)
        WHERE id = ?
        """,
        [now, status, title, site_url, etag, last_modified, feed_id],
    )


def record_failure(db: Database, feed_id: int, now: str, reason: str) -> None:
    db.execute(
        "UPDATE feeds SET last_checked_at = ?, last_status = 'error', last_error = ? WHERE id = ?",
        [now, reason, feed_id],
    )


def set_full_text(db: Database, feed_id: int, full_text: bool) -> None:
    db.execute("UPDATE feeds SET full_text = ? WHERE id = ?", [int(full_text), feed_id])


def delete_feed(db: Database, feed_id: int) -> None:
    """Forget a subscription; its articles stay (their feed_id becomes NULL)."""
    db.execute("UPDATE articles SET feed_id = NULL WHERE feed_id = ?", [feed_id])
    db.execute("DELETE FROM feeds WHERE id = ?", [feed_id])


def ordered_ids_in_feed(db: Database, feed_id: int) -> list[int]:
    """The feed's article ids, newest first (same order as the whole list)."""
    rows = db.execute(
        "SELECT id FROM articles WHERE feed_id = ? ORDER BY sort_key DESC, id DESC", [feed_id]
    ).fetchall()
    return [r[0] for r in rows]


def origins_in_feed(db: Database, feed_id: int) -> set[str]:
    """Origins of the articles a feed already gave (a full-text feed skips these)."""
    rows = db.execute("SELECT origin FROM articles WHERE feed_id = ?", [feed_id]).fetchall()
    return {r[0] for r in rows}
