import sqlite3

import pytest

from newsreader.library.indexing import open_store
from newsreader.store import SchemaTooNewError, Store, StoreError
from newsreader.store.migrations import known_migration_names


def test_new_store_is_wal_with_busy_timeout_and_all_tables(db_path):
    store = open_store(db_path)
    db = store.db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    names = set(db.table_names())
    for table in ("articles", "highlights", "article_notes", "article_versions",
                  "articles_fts", "highlights_fts", "article_notes_fts"):
        assert table in names
    store.close()


def test_opening_twice_applies_migrations_once(db_path):
    open_store(db_path).close()
    store = open_store(db_path)
    count = store.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    assert count == len(known_migration_names())
    store.close()


def test_store_from_newer_version_is_refused_and_not_modified(db_path):
    open_store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('newsreader', '999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(SchemaTooNewError) as info:
        open_store(db_path)
    assert "newer newsreader" in str(info.value)
    assert db_path.read_bytes() == before


def test_garbage_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "not.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError) as info:
        open_store(bad)
    assert str(bad) in str(info.value)


def test_directory_as_db_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="directory"):
        open_store(tmp_path)


def test_fts_follows_article_writes_through_triggers(lib):
    db = lib.store.db
    db.execute(
        "INSERT INTO articles (id, origin, title, raw, body, content_hash, cleaner_version, "
        "imported_at, updated_at, sort_key) VALUES (7, 'o', 'Tittel', 'r', 'kvitteringen kom', 'h', 1, "
        "'t', 't', 't')"
    )
    hits = db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'kvitteringen'").fetchall()
    assert hits == [(7,)]
    db.execute("UPDATE articles SET body = 'noe annet' WHERE id = 7")
    assert db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'kvitteringen'").fetchall() == []


def test_connections_are_per_thread(db_path):
    import threading

    store = open_store(db_path)
    seen = []
    thread = threading.Thread(target=lambda: seen.append(store.db))
    thread.start()
    thread.join()
    assert seen[0] is not store.db
    assert seen[0].execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    store.close()
