"""Is this file ours? Decided before anything is written to it.

`--db` may point at any file: a browser's `places.sqlite`, another program's
store that happens to have an `articles` table, a store of a newer newsreader
with a pending `-wal`. None of them may be changed, not even by a checkpoint or
a `-wal`/`-shm` file left beside it. So the file is first judged from its
100-byte header and, when that does not settle it, through an `immutable=1`
connection, which reads the main file only: it takes no locks and creates no
`-wal` or `-shm`.

A newsreader store says so in its header: `PRAGMA application_id` is
APPLICATION_ID (set when the store is created or first migrated by this
version). Stores made before that carry none; they are recognised by their
migration record (`_sqlite_migrations`, set "newsreader").
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from newsreader.store.migrations import MIGRATION_SET, MIGRATIONS_TABLE

# "NRdr" as a big-endian 32-bit integer: newsreader's mark in the SQLite header.
APPLICATION_ID = 0x4E526472
_HEADER = b"SQLite format 3\x00"


class NotOurs(Exception):
    """The file is not a newsreader store; str() is the reason, one line."""


class Damaged(Exception):
    """A newsreader store (by its header) whose contents cannot be read."""


def header(path: Path) -> bytes | None:
    """The 100-byte SQLite header, or None for a missing or empty file."""
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except FileNotFoundError:
        return None
    return head or None


def application_id(head: bytes) -> int:
    return int.from_bytes(head[68:72], "big")


def immutable_uri(path: Path) -> str:
    return f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"


def check_ours(path: Path) -> tuple[bool, set[str]]:
    """(True, applied migration names) for a newsreader store, (False, set()) for
    a new (missing or empty) file; raises NotOurs for anything else.

    Reads only: the file and its neighbours are left byte for byte as they were.
    """
    head = header(path)
    if head is None:
        return False, set()
    if len(head) < 100 or not head.startswith(_HEADER):
        raise NotOurs("not an SQLite database")
    found = application_id(head)
    if found not in (0, APPLICATION_ID):
        raise NotOurs(f"an SQLite database of another program (application id {found:#010x})")
    try:
        tables, names = _read_schema(immutable_uri(path))
    except NotOurs as exc:
        if found == APPLICATION_ID:
            raise Damaged(str(exc)) from None
        raise
    if found == APPLICATION_ID or names:
        if Path(f"{path}-wal").exists():
            # Committed but not yet checkpointed records (a newer migration, say) are
            # in the -wal, which immutable=1 does not read. A read-only connection
            # reads it and, unlike a read-write one, never checkpoints on close.
            tables, names = _read_schema(f"file:{quote(str(path.resolve()))}?mode=ro")
        return True, names
    if not tables:
        return False, set()  # an empty database (e.g. made by `sqlite3 x.db ""`)
    shown = ", ".join(sorted(tables)[:4]) + (", ..." if len(tables) > 4 else "")
    raise NotOurs(f"an SQLite database of another program (tables: {shown})")


def _read_schema(uri: str) -> tuple[set[str], set[str]]:
    """(table names, applied newsreader migration names) through a reading-only URI."""
    conn = sqlite3.connect(uri, uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        names: set[str] = set()
        if MIGRATIONS_TABLE in tables:
            rows = conn.execute(
                f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", [MIGRATION_SET]
            )
            names = {r[0] for r in rows}
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise NotOurs(f"an unreadable SQLite database ({exc})") from None
    finally:
        conn.close()
    return tables, names
