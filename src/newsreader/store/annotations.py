"""Highlight and article-note rows. Every write here runs inside the caller's
transaction or commits on its own before returning, so the UI can say "saved".

Also the two small tables that give annotations an identity across stores (for
W3C export/import): `store_settings` holds this store's random uuid, and
`imported_highlights` / `imported_article_notes` remember which annotation id
from an imported file became which local row. They are created on first use (CREATE TABLE IF NOT
EXISTS) rather than by a migration, so older stores gain them without a schema
version bump; a later migration may adopt them unchanged.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Sequence
from typing import Any

from newsreader.store.connection import Database

from newsreader.model import ArticleNote, Highlight

HIGHLIGHT_COLUMNS = (
    'id, article_id, start, "end", exact, prefix, suffix, note, color, tags, '
    "created_at, updated_at, state"
)


def row_to_highlight(row: Sequence[Any]) -> Highlight:
    return Highlight(
        id=row[0],
        article_id=row[1],
        start=row[2],
        end=row[3],
        exact=row[4],
        prefix=row[5],
        suffix=row[6],
        note=row[7],
        color=row[8],
        tags=tuple(json.loads(row[9] or "[]")),
        created_at=row[10],
        updated_at=row[11],
        state=row[12],
    )


def highlights_for(db: Database, article_id: int) -> list[Highlight]:
    """The article's highlights in text order (orphans last, by id)."""
    rows = db.execute(
        f"SELECT {HIGHLIGHT_COLUMNS} FROM highlights WHERE article_id = ? "
        "ORDER BY state = 'orphaned', start, id",
        [article_id],
    ).fetchall()
    return [row_to_highlight(r) for r in rows]


def get_highlight(db: Database, highlight_id: int) -> Highlight | None:
    row = db.execute(
        f"SELECT {HIGHLIGHT_COLUMNS} FROM highlights WHERE id = ?", [highlight_id]
    ).fetchone()
    return row_to_highlight(row) if row else None


def insert_highlight(db: Database, h: dict[str, Any]) -> int:
    """Insert a highlight; pass `id` to restore a deleted one under its old id."""
    fields = dict(h)
    fields["tags"] = json.dumps(list(fields.get("tags", ())), ensure_ascii=False)
    columns = ", ".join(f'"{c}"' for c in fields)
    marks = ", ".join("?" for _ in fields)
    cursor = db.execute(
        f"INSERT INTO highlights ({columns}) VALUES ({marks})", list(fields.values())
    )
    return cursor.lastrowid


def update_highlight(db: Database, highlight_id: int, fields: dict[str, Any]) -> None:
    fields = dict(fields)
    if "tags" in fields:
        fields["tags"] = json.dumps(list(fields["tags"]), ensure_ascii=False)
    assignments = ", ".join(f'"{c}" = ?' for c in fields)
    db.execute(
        f"UPDATE highlights SET {assignments} WHERE id = ?", [*fields.values(), highlight_id]
    )


def delete_highlight(db: Database, highlight_id: int) -> None:
    db.execute("DELETE FROM highlights WHERE id = ?", [highlight_id])


def get_article_note(db: Database, article_id: int) -> ArticleNote | None:
    row = db.execute(
        "SELECT article_id, text, created_at, updated_at FROM article_notes WHERE article_id = ?",
        [article_id],
    ).fetchone()
    return ArticleNote(*row) if row else None


def upsert_article_note(db: Database, article_id: int, text: str, now: str) -> None:
    db.execute(
        """
        INSERT INTO article_notes (article_id, text, created_at, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT(article_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at
        """,
        [article_id, text, now, now],
    )


def insert_article_note(
    db: Database, article_id: int, text: str, created_at: str, updated_at: str
) -> None:
    """A new article note with given times (an imported one keeps its own)."""
    db.execute(
        "INSERT INTO article_notes (article_id, text, created_at, updated_at) VALUES (?, ?, ?, ?)",
        [article_id, text, created_at, updated_at],
    )


def delete_article_note(db: Database, article_id: int) -> None:
    db.execute("DELETE FROM article_notes WHERE article_id = ?", [article_id])


def annotated_article_ids(db: Database) -> list[int]:
    rows = db.execute(
        "SELECT article_id FROM highlights UNION SELECT article_id FROM article_notes ORDER BY 1"
    ).fetchall()
    return [r[0] for r in rows]


def orphaned_highlights(db: Database) -> list[Highlight]:
    """Every highlight that could not be placed, by article then id."""
    rows = db.execute(
        f"SELECT {HIGHLIGHT_COLUMNS} FROM highlights WHERE state = 'orphaned' "
        "ORDER BY article_id, id"
    ).fetchall()
    return [row_to_highlight(r) for r in rows]


def find_same_highlight(
    db: Database, article_id: int, exact: str, start: int | None, end: int | None, note: str | None
) -> int | None:
    """An existing highlight with this quote, place (None: an orphan) and note."""
    if start is None:
        where, params = "state = 'orphaned'", []
    else:
        where, params = "state = 'anchored' AND start = ? AND \"end\" = ?", [start, end]
    row = db.execute(
        f"SELECT id FROM highlights WHERE article_id = ? AND exact = ? AND {where} "
        "AND coalesce(note, '') = ? ORDER BY id LIMIT 1",
        [article_id, exact, *params, note or ""],
    ).fetchone()
    return row[0] if row else None


# --- identity across stores -------------------------------------------------------

# Imported annotation id -> the local row it became. The foreign keys delete a
# mapping with its row, so a reused row id never inherits a stale identity.
# created = 1 when the import made the local row (exports then reuse the id).
_MAPPING_TABLES = {
    "highlight": ("imported_highlights", "highlight_id", "highlights(id)"),
    "article_note": ("imported_article_notes", "article_id", "article_notes(article_id)"),
}


def _ensure_identity_tables(db: Database) -> None:
    if db.table_exists("store_settings") and all(
        db.table_exists(table) for table, _column, _parent in _MAPPING_TABLES.values()
    ):
        return  # nothing to write (and a read-only store can still export)
    db.execute(
        "CREATE TABLE IF NOT EXISTS store_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
    )
    for table, column, parent in _MAPPING_TABLES.values():
        db.execute(
            f"""
            CREATE TABLE IF NOT EXISTS {table} (
                external_id TEXT PRIMARY KEY,
                {column} INTEGER NOT NULL REFERENCES {parent} ON DELETE CASCADE,
                created INTEGER NOT NULL DEFAULT 0
            )
            """
        )
        db.execute(f"CREATE INDEX IF NOT EXISTS {table}_local ON {table}({column})")


def store_uuid(db: Database) -> str:
    """This store's stable random id, made on first use."""
    if db.table_exists("store_settings"):
        row = db.execute("SELECT value FROM store_settings WHERE key = 'store_uuid'").fetchone()
        if row is not None:
            return row[0]
    try:
        _ensure_identity_tables(db)
        db.execute(
            "INSERT OR IGNORE INTO store_settings (key, value) VALUES ('store_uuid', ?)",
            [str(uuid.uuid4())],
        )
    except sqlite3.OperationalError as exc:
        if "readonly" not in str(exc):
            raise
        # A read-only store that never exported has no id and cannot keep one: one
        # derived from where it lies is stable for as long as it cannot change.
        file = db.execute("PRAGMA database_list").fetchone()[2]
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"newsreader-read-only:{file}"))
    return db.execute("SELECT value FROM store_settings WHERE key = 'store_uuid'").fetchone()[0]


def imported_local_id(db: Database, external_id: str, kind: str) -> int | None:
    """The local row (highlight id, or article id for a note) an imported id became."""
    _ensure_identity_tables(db)
    table, column, _ = _MAPPING_TABLES[kind]
    row = db.execute(
        f"SELECT {column} FROM {table} WHERE external_id = ?", [external_id]
    ).fetchone()
    return row[0] if row else None


def record_imported(
    db: Database, external_id: str, kind: str, local_id: int, created: bool
) -> None:
    _ensure_identity_tables(db)
    table, column, _ = _MAPPING_TABLES[kind]
    db.execute(
        f"INSERT OR REPLACE INTO {table} (external_id, {column}, created) VALUES (?, ?, ?)",
        [external_id, local_id, int(created)],
    )


def adopted_ids(db: Database, kind: str) -> dict[int, str]:
    """local id -> the imported annotation id it was created from (the first one)."""
    table, column, _ = _MAPPING_TABLES[kind]
    if not db.table_exists(table):
        return {}  # nothing was ever imported (and nothing needs writing to say so)
    rows = db.execute(
        f"SELECT {column}, external_id FROM {table} WHERE created = 1 ORDER BY rowid DESC"
    ).fetchall()
    return {local: external for local, external in rows}
