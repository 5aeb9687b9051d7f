"""Article rows: insert, update with a kept prior version, page through, mark read."""

from __future__ import annotations

import gc
import json
import re
import struct
import sys
from array import array
from collections.abc import Sequence
from typing import Any

from newsreader.store.connection import Database

from newsreader.model import Article, ArticleSummary, Block, Blocks

SUMMARY_COLUMNS = (
    "a.id, a.title, a.source, a.language, a.published, a.imported_at, a.read_at, a.starred, "
    "(SELECT count(*) FROM highlights h WHERE h.article_id = a.id) AS highlight_count, a.sort_key"
)


# Every column but `raw`, for showing an article: a long article's raw text is
# as large as its body, and the reader never needs it.
READING_COLUMNS = (
    "id, origin, title, source, url, author, published, language, body, blocks, content_hash, "
    "cleaner_version, imported_at, updated_at, read_at, starred, read_position"
)


# Blocks are stored packed (`pack_blocks`): a magic, the count, a kind byte per
# block, then the starts and the ends as little-endian uint32. 9 bytes a block
# where JSON took ~30, written and read without a Python object per block (a
# two-million-line file: 14 MB instead of 47 MB, and no million little lists).
BLOCKS_MAGIC = b"NRb1"
_HEADER = struct.Struct("<4sI")
# Rows written before migration 005 hold JSON: parsed this many characters at a
# time (cut between two blocks), never a million little lists at once.
_JSON_CHUNK = 1 << 20
_BETWEEN_BLOCKS = re.compile(r"\]\s*,\s*\[")
_KIND_CODE = {"paragraph": 0, "heading": 1}


def _little_endian(values: array) -> bytes:
    if sys.byteorder == "little":
        return values.tobytes()
    swapped = array(values.typecode, values)
    swapped.byteswap()
    return swapped.tobytes()


def pack_blocks(blocks: Sequence[Block]) -> bytes:
    """The stored form of `blocks` (see BLOCKS_MAGIC)."""
    if not isinstance(blocks, Blocks):
        blocks = Blocks(blocks)
    starts, ends = blocks.starts, blocks.ends
    if not isinstance(starts, array) or starts.typecode != "I":  # (Blocks keeps uint32 arrays)
        starts, ends = array("I", starts), array("I", ends)
    return b"".join(
        (_HEADER.pack(BLOCKS_MAGIC, len(blocks)), blocks.kinds, _little_endian(starts), _little_endian(ends))
    )


def _unpack_blocks(data: bytes) -> Blocks:
    _magic, count = _HEADER.unpack_from(data)
    body = memoryview(data)[_HEADER.size :]
    if len(body) != 9 * count:
        raise ValueError(f"packed blocks: {len(body)} bytes for {count} blocks")
    starts, ends = array("I"), array("I")
    starts.frombytes(body[count : 5 * count])
    ends.frombytes(body[5 * count :])
    if sys.byteorder != "little":
        starts.byteswap()
        ends.byteswap()
    return Blocks.from_arrays(bytes(body[:count]), starts, ends)


def _blocks_from_json(text: str) -> Blocks:
    """`[[kind, start, end], ...]` (rows written before migration 005)."""
    text = text.strip()
    kinds, starts, ends = bytearray(), array("I"), array("I")
    pos, last = 1, len(text) - 1  # inside the outer brackets
    enabled = gc.isenabled()
    gc.disable()  # thousands of short-lived lists: nothing for the collector to find
    try:
        while pos < last:
            cut = _BETWEEN_BLOCKS.search(text, min(pos + _JSON_CHUNK, last))
            end = last if cut is None else cut.start() + 1
            chunk = json.loads(f"[{text[pos:end]}]")
            kinds.extend(_KIND_CODE[kind] for kind, _s, _e in chunk)
            starts.extend(start for _k, start, _e in chunk)
            ends.extend(stop for _k, _s, stop in chunk)
            pos = end if cut is None else cut.end() - 1
    finally:
        if enabled:
            gc.enable()
    return Blocks.from_arrays(kinds, starts, ends)


def read_blocks(value: bytes | str | None) -> Blocks:
    """The blocks column as `Blocks`: packed, or JSON from an older row. A
    damaged value gives no blocks (the reader then makes one per line)."""
    try:
        if isinstance(value, bytes) and value.startswith(BLOCKS_MAGIC):
            return _unpack_blocks(value)
        if isinstance(value, str) and value.strip():
            return _blocks_from_json(value)
    except (ValueError, KeyError, TypeError, struct.error):
        pass
    return Blocks()


def row_to_article(row: dict[str, Any]) -> Article:
    return Article(
        id=row["id"],
        origin=row["origin"],
        title=row["title"],
        source=row["source"],
        url=row["url"],
        author=row["author"],
        published=row["published"],
        language=row["language"],
        raw=row["raw"],
        body=row["body"],
        blocks=read_blocks(row["blocks"]),
        content_hash=row["content_hash"],
        cleaner_version=row["cleaner_version"],
        imported_at=row["imported_at"],
        updated_at=row["updated_at"],
        read_at=row["read_at"],
        starred=bool(row["starred"]),
        read_position=row["read_position"],
    )


def _row_to_summary(row: Sequence[Any]) -> ArticleSummary:
    return ArticleSummary(
        id=row[0],
        title=row[1],
        source=row[2],
        language=row[3],
        published=row[4],
        imported_at=row[5],
        read_at=row[6],
        starred=bool(row[7]),
        highlight_count=row[8],
    )


def get_article(db: Database, article_id: int) -> Article | None:
    rows = list(db.query("SELECT * FROM articles WHERE id = ?", [article_id]))
    return row_to_article(rows[0]) if rows else None


def get_article_for_reading(db: Database, article_id: int) -> Article | None:
    """The article without its raw text (`raw` is ""): what a reader shows."""
    rows = list(db.query(f"SELECT {READING_COLUMNS} FROM articles WHERE id = ?", [article_id]))
    return row_to_article({**rows[0], "raw": ""}) if rows else None


def find_id_by_origin(db: Database, origin: str) -> int | None:
    row = db.execute("SELECT id FROM articles WHERE origin = ?", [origin]).fetchone()
    return row[0] if row else None


def find_id_by_hash(db: Database, content_hash: str) -> int | None:
    row = db.execute(
        "SELECT id FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1", [content_hash]
    ).fetchone()
    return row[0] if row else None


def insert_article(db: Database, fields: dict[str, Any]) -> int:
    """Insert one article; `fields` holds every column but id. Returns the new id."""
    columns = ", ".join(f'"{c}"' for c in fields)
    marks = ", ".join("?" for _ in fields)
    cursor = db.execute(f"INSERT INTO articles ({columns}) VALUES ({marks})", list(fields.values()))
    return cursor.lastrowid


def replace_content(db: Database, article_id: int, fields: dict[str, Any], now: str) -> None:
    """Keep the current raw/body as a prior version, then write the new content.

    The caller wraps this and the re-anchoring of highlights in one transaction.
    """
    db.execute(
        """
        INSERT INTO article_versions (article_id, raw, body, content_hash, cleaner_version, replaced_at)
        SELECT id, raw, body, content_hash, cleaner_version, ? FROM articles WHERE id = ?
        """,
        [now, article_id],
    )
    assignments = ", ".join(f'"{c}" = ?' for c in fields)
    db.execute(
        f"UPDATE articles SET {assignments} WHERE id = ?", [*fields.values(), article_id]
    )


def count_articles(db: Database) -> int:
    return db.execute("SELECT count(*) FROM articles").fetchone()[0]


def page_summaries(
    db: Database, limit: int, offset: int = 0
) -> list[ArticleSummary]:
    """Newest first. `offset` paging is used by the TUI's visible window only,
    so the offset stays small relative to what is on screen."""
    rows = db.execute(
        f"SELECT {SUMMARY_COLUMNS} FROM articles a ORDER BY a.sort_key DESC, a.id DESC "
        "LIMIT ? OFFSET ?",
        [limit, offset],
    ).fetchall()
    return [_row_to_summary(r) for r in rows]


def ordered_ids(db: Database, limit: int | None = None) -> list[int]:
    """Every article id, newest first: the list pane's index (ints are cheap even at 100k).
    With `limit`, only the first ones (the rows a first screen shows)."""
    sql = "SELECT id FROM articles ORDER BY sort_key DESC, id DESC"
    if limit is not None:
        return [r[0] for r in db.execute(sql + " LIMIT ?", [limit])]
    return [r[0] for r in db.execute(sql)]


def summaries_by_id(db: Database, ids: Sequence[int]) -> dict[int, ArticleSummary]:
    """Summaries for just the rows on screen."""
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    rows = db.execute(
        f"SELECT {SUMMARY_COLUMNS} FROM articles a WHERE a.id IN ({marks})", list(ids)
    ).fetchall()
    return {r[0]: _row_to_summary(r) for r in rows}


def all_summaries(db: Database) -> list[ArticleSummary]:
    rows = db.execute(
        f"SELECT {SUMMARY_COLUMNS} FROM articles a ORDER BY a.sort_key DESC, a.id DESC"
    ).fetchall()
    return [_row_to_summary(r) for r in rows]


# The two updates below skip rows they would not change: SQLite rewrites a whole
# row on update, several megabytes for a long article, on every open/switch.


def mark_read(db: Database, article_id: int, when: str) -> None:
    db.execute("UPDATE articles SET read_at = ? WHERE id = ? AND read_at IS NULL", [when, article_id])


def set_read_position(db: Database, article_id: int, position: int) -> None:
    db.execute(
        "UPDATE articles SET read_position = ? WHERE id = ? AND read_position IS NOT ?",
        [position, article_id, position],
    )


def set_starred(db: Database, article_id: int, starred: bool) -> None:
    db.execute("UPDATE articles SET starred = ? WHERE id = ?", [int(starred), article_id])


def find_id_by_url(db: Database, url: str) -> int | None:
    row = db.execute("SELECT id FROM articles WHERE url = ? ORDER BY id LIMIT 1", [url]).fetchone()
    return row[0] if row else None


def find_id_by_past_hash(db: Database, content_hash: str) -> int | None:
    """The article one of whose prior versions had this content hash."""
    row = db.execute(
        "SELECT article_id FROM article_versions WHERE content_hash = ? ORDER BY id DESC LIMIT 1",
        [content_hash],
    ).fetchone()
    return row[0] if row else None


def ids_with_cleaner_other_than(db: Database, version: int) -> list[int]:
    """Articles cleaned by another cleaner version than `version`, oldest first."""
    # Two ranges instead of `!=` so the articles_cleaner_version index answers it
    # without reading every (large) article row: this runs at every start.
    # (No ORDER BY: it would make SQLite scan by rowid instead; sort the few ids here.)
    rows = db.execute(
        "SELECT id FROM articles WHERE cleaner_version < ? OR cleaner_version > ?",
        [version, version],
    ).fetchall()
    return sorted(r[0] for r in rows)


def all_ids(db: Database) -> list[int]:
    return [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")]


def mark_cleaned(db: Database, article_id: int, version: int, blocks: bytes) -> None:
    """Record that cleaner `version` gives the stored body (with these blocks)."""
    db.execute(
        "UPDATE articles SET cleaner_version = ?, blocks = ? WHERE id = ?",
        [version, blocks, article_id],
    )
