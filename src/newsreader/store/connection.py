"""The connection the store hands out: the part of sqlite-utils' `Database`
newsreader uses at run time, on a plain sqlite3 connection.

sqlite-utils costs a fresh process ~40 ms to import (click, dateutil, pluggy)
and scans plugin entry points at every connection; the TUI's first screen and
every CLI command paid that for four small methods. It is still what applies
migrations and builds FTS tables (`migrations.py` wraps this connection in a
real `sqlite_utils.Database` then), and it is loaded only when a migration is
pending.

Transactions work as in sqlite-utils 4: a statement outside a transaction
commits on its own (the sqlite3 connection is opened in autocommit mode,
`isolation_level=None`, so Python never opens a transaction implicitly), and
`atomic()` wraps a block in BEGIN ... COMMIT, or in a savepoint when a
transaction is already open.
"""

from __future__ import annotations

import inspect
import secrets
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

Parameters = Sequence[Any] | dict[str, Any] | None


class Database:
    """A sqlite3 connection with sqlite-utils' `execute`/`query`/`atomic` manners."""

    def __init__(self, conn: sqlite3.Connection):
        if conn.isolation_level is not None:
            raise ValueError("newsreader needs an autocommit connection (isolation_level=None)")
        self.conn = conn
        self._functions: set[tuple[str, int]] = set()
        self.index_version = ""  # set by store/index.py register()
        # As sqlite-utils does: REPLACE fires delete triggers (the FTS5 ones need it).
        conn.execute("PRAGMA recursive_triggers = on")

    def execute(self, sql: str, parameters: Parameters = None) -> sqlite3.Cursor:
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    def query(self, sql: str, parameters: Parameters = None) -> Iterator[dict[str, Any]]:
        """Rows as dicts, column name -> value."""
        cursor = self.execute(sql, parameters)
        keys = [d[0] for d in cursor.description or ()]
        for row in cursor:
            yield dict(zip(keys, row))

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        """One transaction around the block; a savepoint if one is already open."""
        conn = self.conn
        if conn.in_transaction:
            savepoint = f"newsreader_{secrets.token_hex(8)}"
            conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                if conn.in_transaction:  # a RAISE(ROLLBACK) may have ended it already
                    conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        # IMMEDIATE: the write lock first. A deferred BEGIN that reads and then
        # writes fails at once with "database is locked" (no busy wait) when
        # another process wrote in between; with the lock first it waits instead.
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def register_function(
        self, fn: Callable, deterministic: bool = False, replace: bool = False, name: str | None = None
    ) -> None:
        """Make `fn` callable from SQL under its own name (or `name`), with its
        number of arguments; an existing one of that name stays unless `replace`."""
        name = name or fn.__name__
        arity = len(inspect.signature(fn).parameters)
        if not replace and (name, arity) in self._functions:
            return
        try:
            self.conn.create_function(name, arity, fn, deterministic=deterministic)
        except sqlite3.NotSupportedError:  # SQLite older than 3.8.3
            self.conn.create_function(name, arity, fn)
        self._functions.add((name, arity))

    def journal_mode(self) -> str:
        return self.execute("PRAGMA journal_mode").fetchone()[0]

    def enable_wal(self) -> None:
        if self.journal_mode() != "wal":
            self.execute("PRAGMA journal_mode = wal")

    def table_names(self) -> list[str]:
        return [r[0] for r in self.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]

    def table_exists(self, name: str) -> bool:
        return self.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]
        ).fetchone() is not None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
