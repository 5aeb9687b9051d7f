"""store/connection.py: sqlite-utils' transaction manners on a plain sqlite3 connection,
and sqlite-utils itself loaded only when a migration is pending."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from newsreader.library.indexing import open_store
from newsreader.store import Store
from newsreader.store.connection import Database


def connect(path) -> Database:
    return Database(sqlite3.connect(path, isolation_level=None))


@pytest.fixture
def two(tmp_path):
    path = tmp_path / "t.db"
    writer, reader = connect(path), connect(path)
    writer.execute("CREATE TABLE t (x INTEGER)")
    yield writer, reader
    writer.close()
    reader.close()


def count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM t").fetchone()[0]


def test_a_statement_outside_a_transaction_commits_at_once(two):
    writer, reader = two
    writer.execute("INSERT INTO t VALUES (?)", [1])
    assert not writer.conn.in_transaction
    assert count(reader) == 1


def test_atomic_commits_at_the_end_and_rolls_back_on_error(two):
    writer, reader = two
    with writer.atomic():
        writer.execute("INSERT INTO t VALUES (1)")
        assert count(reader) == 0  # not yet visible elsewhere
    assert count(reader) == 1
    with pytest.raises(RuntimeError):
        with writer.atomic():
            writer.execute("INSERT INTO t VALUES (2)")
            raise RuntimeError("boom")
    assert count(reader) == 1 and not writer.conn.in_transaction


def test_nested_atomic_is_a_savepoint(two):
    writer, reader = two
    with writer.atomic():
        writer.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(ValueError):
            with writer.atomic():
                writer.execute("INSERT INTO t VALUES (2)")
                raise ValueError
        writer.execute("INSERT INTO t VALUES (3)")
    assert [r[0] for r in reader.execute("SELECT x FROM t ORDER BY x")] == [1, 3]


def test_query_gives_dicts_and_functions_register_once(two):
    writer, _ = two
    writer.execute("INSERT INTO t VALUES (5)")
    assert list(writer.query("SELECT x, x * 2 AS y FROM t")) == [{"x": 5, "y": 10}]

    def twice(v):
        return v * 2

    def thrice(v):
        return v * 3

    writer.register_function(twice, deterministic=True)
    writer.register_function(thrice, name="twice")  # already there: kept
    assert writer.execute("SELECT twice(2)").fetchone()[0] == 4
    writer.register_function(thrice, name="twice", replace=True)
    assert writer.execute("SELECT twice(2)").fetchone()[0] == 6


def test_a_legacy_transaction_connection_is_refused(tmp_path):
    with pytest.raises(ValueError):
        Database(sqlite3.connect(tmp_path / "x.db"))


def test_opening_an_up_to_date_store_does_not_import_sqlite_utils(tmp_path):
    path = tmp_path / "s.db"
    open_store(path).close()  # creates and migrates (with sqlite-utils)
    code = textwrap.dedent(f"""
        import sys
        from newsreader.library import Library
        library = Library.open({str(path)!r})
        library.ensure_seeded()
        library.reclean_outdated()
        assert library.article_ids(), "the seed was imported"
        library.close()
        print("sqlite_utils" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_new_store_is_migrated_and_records_every_migration(tmp_path):
    from newsreader.store.migrations import applied_names, known_migration_names

    store = open_store(tmp_path / "new.db")
    try:
        assert applied_names(store.db) == set(known_migration_names())
        assert "articles" in store.db.table_names()
    finally:
        store.close()
