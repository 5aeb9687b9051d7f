"""Opening the SQLite file safely: refuse what we cannot read, migrate what we can.

A `Store` hands out one `Database` (store/connection.py: sqlite-utils' manners
on a plain sqlite3 connection) per thread (sqlite3 connections must not cross
threads), so TUI workers and the UI thread can share one store.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from newsreader.store import index, migrations, ownership
from newsreader.store.connection import Database
from newsreader.store.index import IndexFunctions
from newsreader.store.migrations import applied_names, known_migration_names

BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """A store that cannot be opened; the message is one line for the user."""


class SchemaTooNewError(StoreError):
    pass


def _connect(path: Path, functions: IndexFunctions) -> Database:
    # check_same_thread=False only so close() can run from the owning Store; each
    # thread still uses its own connection.
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None
    )
    db = Database(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    index.register(db, functions)
    return db


def _check_not_newer(applied: set[str], path: Path) -> None:
    """Refuse, before writing anything, a database that a newer newsreader migrated."""
    unknown = sorted(applied - known_migration_names())
    if unknown:
        raise SchemaTooNewError(
            f"{path}: written by a newer newsreader (schema {unknown[-1]}); "
            "upgrade newsreader to open it. The file was not modified."
        )


class Store:
    """The SQLite file: one per library, opened once, connections per thread."""

    def __init__(self, path: Path, functions: IndexFunctions):
        self.path = Path(path)
        self.functions = functions
        self._local = threading.local()
        self._connections: list[Database] = []
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: str | Path, functions: IndexFunctions, create_parent: bool = True) -> "Store":
        """Open (creating if needed) and migrate the store at `path`; `functions`
        are what the search index computes (store/index.py).

        A file that is not a newsreader store, or one a newer newsreader wrote,
        is refused before anything is written to it (store/ownership.py). A
        missing parent folder is created only when `create_parent` (the default
        location); a mistyped `--db` folder is an error.

        Raises `StoreError` with a one-line message for anything a user can fix.
        """
        path = Path(path).expanduser()
        if path.is_dir():
            raise StoreError(f"{path}: is a directory, not a database file")
        if not path.parent.is_dir():
            if not create_parent:
                raise StoreError(f"{path.parent}: no such folder (create it first, or choose another --db)")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{path.parent}: cannot create folder ({exc.strerror})") from None
        try:
            ours, applied = ownership.check_ours(path)
        except ownership.NotOurs as exc:
            raise StoreError(f"{path}: not a newsreader store: {exc}; the file was not modified") from None
        except OSError as exc:
            raise StoreError(f"{path}: cannot read ({exc.strerror or exc})") from None
        if ours:
            _check_not_newer(applied, path)
        store = cls(path, functions)
        try:
            db = store.db
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            _check_not_newer(applied_names(db), path)  # the -wal may hold newer records
            db.enable_wal()
            migrations.apply(db)
            if db.execute("PRAGMA application_id").fetchone()[0] != ownership.APPLICATION_ID:
                db.execute(f"PRAGMA application_id = {ownership.APPLICATION_ID}")
            index.refresh_if_stale(db)
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
            db = _connect(self.path, self.functions)
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
