"""Highlight and article-note rows. Every write here runs inside the caller's
transaction or commits on its own before returning, so the UI can say "saved"."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

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


def delete_article_note(db: Database, article_id: int) -> None:
    db.execute("DELETE FROM article_notes WHERE article_id = ?", [article_id])


def annotated_article_ids(db: Database) -> list[int]:
    rows = db.execute(
        "SELECT article_id FROM highlights UNION SELECT article_id FROM article_notes ORDER BY 1"
    ).fetchall()
    return [r[0] for r in rows]
