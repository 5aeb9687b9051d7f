"""A file that is not a newsreader store is refused and left byte for byte as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsreader.library.indexing import open_store
from newsreader.store import SchemaTooNewError, StoreError
from newsreader.store.ownership import APPLICATION_ID


def _neighbours(path: Path) -> dict[str, bytes]:
    """The file and its -wal/-shm, as bytes (missing ones left out)."""
    found = {}
    for suffix in ("", "-wal", "-shm", "-journal"):
        candidate = Path(f"{path}{suffix}")
        if candidate.exists():
            found[suffix] = candidate.read_bytes()
    return found


def _foreign(path: Path, table: str, wal: bool = False) -> None:
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode = wal")
    conn.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute(f"INSERT INTO {table} (title) VALUES ('x')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("table", ["moz_places", "articles"])
def test_another_programs_database_is_refused_untouched(tmp_path, table):
    path = tmp_path / "places.sqlite"
    _foreign(path, table, wal=True)
    before = _neighbours(path)
    assert set(before) == {""}  # closing checkpointed it: no -wal, no -shm
    with pytest.raises(StoreError) as info:
        open_store(path)
    message = str(info.value)
    assert "not a newsreader store" in message and "not modified" in message and table in message
    assert _neighbours(path) == before  # no tables added, no -wal or -shm left behind


def test_another_programs_application_id_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = _neighbours(path)
    with pytest.raises(StoreError, match="another program"):
        open_store(path)
    assert _neighbours(path) == before


def test_a_newer_schema_with_a_pending_wal_is_refused_without_a_checkpoint(tmp_path):
    path = tmp_path / "store.db"
    open_store(path).close()
    holder = sqlite3.connect(path)  # stays open: its records stay in the -wal
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    holder.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('newsreader', '999_from_the_future', '2030-01-01')"
    )
    holder.commit()
    before = _neighbours(path)
    assert before.get("-wal")  # the record is only in the -wal
    with pytest.raises(SchemaTooNewError, match="not modified"):
        open_store(path)
    after = _neighbours(path)
    assert after[""] == before[""] and after["-wal"] == before["-wal"]
    holder.close()


def test_a_missing_folder_is_an_error_not_a_new_store(tmp_path):
    path = tmp_path / "no" / "such" / "folder" / "x.db"
    with pytest.raises(StoreError, match="no such folder"):
        open_store(path)
    assert not (tmp_path / "no").exists()


def test_the_default_location_gets_its_folder(tmp_path, monkeypatch):
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_data_dir", lambda app: str(tmp_path / "data" / app))
    path = tmp_path / "data" / "newsreader" / "newsreader.db"
    open_store(path).close()
    assert path.exists()


def test_a_new_store_is_marked_and_an_older_unmarked_one_is_still_ours(tmp_path):
    path = tmp_path / "store.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.execute("PRAGMA application_id = 0")  # as stores made before the mark
    conn.commit()
    conn.close()
    store = open_store(path)
    assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    store.close()


def test_an_empty_file_becomes_a_store(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    store = open_store(path)
    assert "articles" in store.db.table_names()
    store.close()


def test_the_cli_says_so_in_one_line_and_fails(tmp_path, capsys):
    from newsreader.cli import main

    path = tmp_path / "places.sqlite"
    _foreign(path, "moz_places")
    before = _neighbours(path)
    assert main(["--db", str(path), "list"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "not a newsreader store" in err
    assert _neighbours(path) == before
