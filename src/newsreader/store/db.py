"""Opening the SQLite file safely: refuse what we cannot read, migrate what we can.

A `Store` hands out one `Database` (store/connection.py: sqlite-utils' manners
on a plain sqlite3 connection) per thread (sqlite3 connections must not cross
threads), so TUI workers and the UI thread can share one store.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from newsreader.store import migrations
from newsreader.store.connection import Database
from newsreader.store.migrations import applied_names, known_migration_names, rebuild_search_index
from newsreader.text.folding import fold_letters
from newsreader.text.stemming import index_stems, index_version

BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """A store that cannot be opened; the message is one line for the user."""


class SchemaTooNewError(StoreError):
    pass


def _connect(path: Path) -> Database:
    # check_same_thread=False only so close() can run from the owning Store; each
    # thread still uses its own connection.
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None
    )
    db = Database(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    register_search_functions(db)
    return db


def register_search_functions(db: Database) -> None:
    """The SQL functions the search triggers and view call (migration 002_search).

    Every connection that writes articles, highlights or notes needs them.
    """
    db.register_function(nr_fold, deterministic=True)
    db.register_function(nr_stem, deterministic=True)


def _as_text(value: object) -> str:
    # A trigger must never fail on an odd value (a number in a TEXT column).
    return value if isinstance(value, str) else "" if value is None else str(value)


def nr_fold(text: object) -> str:
    """Index side of folding: ø→o, æ→ae, ß→ss... (unicode61 does case and å/é)."""
    return fold_letters(_as_text(text))


def nr_stem(text: object, language: object) -> str:
    """Folded Snowball stems of `text` in `language`; "" when not stemmable."""
    return index_stems(_as_text(text), _as_text(language))


def _check_not_newer(db: Database, path: Path) -> None:
    """Refuse, before writing anything, a database that a newer newsreader migrated."""
    unknown = sorted(applied_names(db) - known_migration_names())
    if unknown:
        raise SchemaTooNewError(
            f"{path}: written by a newer newsreader (schema {unknown[-1]}); "
            "upgrade newsreader to open it. The file was not modified."
        )


def _refresh_search_index(db: Database) -> None:
    """Rebuild the search index if folding or the stemmer changed since it was built
    (an upgraded snowballstemmer may stem differently), before anything writes."""
    row = db.execute("SELECT version FROM search_index_version").fetchone()
    if row is None or row[0] != index_version():
        with db.atomic():
            rebuild_search_index(db)


class Store:
    """The SQLite file: one per library, opened once, connections per thread."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._local = threading.local()
        self._connections: list[Database] = []
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: str | Path) -> "Store":
        """Open (creating if needed) and migrate the store at `path`.

        Raises `StoreError` with a one-line message for anything a user can fix.
        """
        path = Path(path).expanduser()
        if path.is_dir():
            raise StoreError(f"{path}: is a directory, not a database file")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path.parent}: cannot create folder ({exc.strerror})") from None
        store = cls(path)
        try:
            db = store.db
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            _check_not_newer(db, path)
            db.enable_wal()
            migrations.apply(db)
            _refresh_search_index(db)
        except sqlite3.DatabaseError as exc:
            store.close()
            raise StoreError(f"{path}: not a usable newsreader database ({exc})") from None
        except StoreError:
            store.close()
            raise
        return store

    @property
    def db(self) -> Database:
        """This thread's connection."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = _connect(self.path)
            self._local.db = db
            with self._lock:
                self._connections.append(db)
        return db

    def close(self) -> None:
        with self._lock:
            for db in self._connections:
                try:
                    db.close()
                except sqlite3.ProgrammingError:
                    pass  # closed from its own thread already
            self._connections.clear()
        self._local = threading.local()
