"""Opening the SQLite file safely: refuse what we cannot read, migrate what we can.

A `Store` hands out one `Database` (store/connection.py: sqlite-utils' manners
on a plain sqlite3 connection) per thread (sqlite3 connections must not cross
threads), so TUI workers and the UI thread can share one store.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path
from urllib.parse import quote

from newsreader.store import index, migrations, ownership
from newsreader.store.connection import Database
from newsreader.store.index import IndexFunctions
from newsreader.store.migrations import applied_names, known_migration_names

# Another writer (a second newsreader, an import in a terminal) holds the lock for
# one transaction at a time; waiting this long beats failing, even on a busy machine.
BUSY_TIMEOUT_MS = 15000


class StoreError(Exception):
    """A store that cannot be opened; the message is one line for the user."""


class SchemaTooNewError(StoreError):
    pass


# How often opening retries when other processes are creating or migrating the
# same new store at the same moment (their schema lands first; this one then
# finds it done). Each wait is on top of the busy timeout.
OPEN_ATTEMPTS = 8


def writable(path: Path) -> bool:
    """Whether this process may change the store: the file (or, for a new one,
    its folder) is writable, and so is the folder (WAL keeps -wal/-shm beside it)."""
    folder_ok = os.access(path.parent, os.W_OK)
    return folder_ok and (not path.exists() or os.access(path, os.W_OK))


def _connect(path: Path, functions: IndexFunctions, read_only: bool = False) -> Database:
    # check_same_thread=False only so close() can run from the owning Store; each
    # thread still uses its own connection.
    target, uri = str(path), False
    if read_only:
        # mode=ro reads a WAL store through its -shm; on a read-only medium no
        # -shm can be made, and nothing can change the file: immutable=1.
        shm_ok = Path(f"{path}-shm").exists() or os.access(path.parent, os.W_OK)
        target, uri = ownership.immutable_uri(path) if not shm_ok else f"file:{quote(str(path.resolve()))}?mode=ro", True
    conn = sqlite3.connect(
        target, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None, uri=uri
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

    def __init__(self, path: Path, functions: IndexFunctions, read_only: bool = False):
        self.path = Path(path)
        self.functions = functions
        # Read-only: the file or its folder cannot be written (a read-only medium,
        # another user's store). Reading, searching and exporting work; writes
        # fail with sqlite3's "readonly database" error, one line for the user.
        self.read_only = read_only
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
        except ownership.Damaged as exc:
            raise StoreError(
                f"{path}: the store is damaged ({exc}); a copy of the file and `sqlite3 FILE .recover` may save it"
            ) from None
        except OSError as exc:
            raise StoreError(f"{path}: cannot read ({exc.strerror or exc})") from None
        if ours:
            _check_not_newer(applied, path)
        if not writable(path):
            return cls._open_read_only(path, functions, ours, applied)
        for attempt in range(OPEN_ATTEMPTS):
            store = cls(path, functions)
            try:
                store._set_up()
                return store
            except (sqlite3.OperationalError, sqlite3.IntegrityError) as exc:
                store.close()
                # Another process is creating or migrating this store right now
                # ("database is locked", "table articles already exists", or its
                # record of the same migration came first): its transaction
                # wins; look again once it is done.
                if attempt == OPEN_ATTEMPTS - 1:
                    raise StoreError(f"{path}: cannot be opened ({exc})") from None
                time.sleep(0.05 * (attempt + 1))
            except sqlite3.DatabaseError as exc:
                store.close()
                raise StoreError(f"{path}: not a usable newsreader database ({exc})") from None
            except StoreError:
                store.close()
                raise
        raise AssertionError("unreachable")

    def _set_up(self) -> None:
        db = self.db
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        _check_not_newer(applied_names(db), self.path)  # the -wal may hold newer records
        db.enable_wal()
        migrations.apply(db)
        if db.execute("PRAGMA application_id").fetchone()[0] != ownership.APPLICATION_ID:
            db.execute(f"PRAGMA application_id = {ownership.APPLICATION_ID}")
        index.refresh_if_stale(db)

    @classmethod
    def _open_read_only(cls, path: Path, functions: IndexFunctions, ours: bool, applied: set[str]) -> "Store":
        if not ours:
            raise StoreError(f"{path}: cannot create a store here: the folder is read-only")
        if known_migration_names() - applied:
            raise StoreError(
                f"{path}: the store needs an upgrade by this newsreader but is read-only; "
                "open it once where it can be written"
            )
        store = cls(path, functions, read_only=True)
        try:
            store.db.execute("SELECT count(*) FROM articles").fetchone()
        except sqlite3.DatabaseError as exc:
            store.close()
            raise StoreError(f"{path}: cannot be read ({exc})") from None
        return store

    @property
    def db(self) -> Database:
        """This thread's connection."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = _connect(self.path, self.functions, self.read_only)
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
