"""Every SQLite failure is one line and a non-zero exit; a read-only store is read."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.library import Library, store_problem
from newsreader.store import db as store_db

QUOTE = "En så dramatisk situasjon"


def _seeded(path: Path) -> None:
    lib = Library.open(path)
    lib.prepare()
    lib.close()


def _one_line_failure(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture
def read_only(monkeypatch, tmp_path):
    """The store's folder as a read-only medium would be (the tests run as root,
    who may write anything, so the check is told so)."""
    path = tmp_path / "ro" / "s.db"
    path.parent.mkdir()
    _seeded(path)
    monkeypatch.setattr(store_db, "writable", lambda p: False)
    return path


def test_a_read_only_store_is_listed_shown_searched_and_exported(read_only, tmp_path, capsys):
    before = read_only.read_bytes()
    assert main(["--db", str(read_only), "list"]) == 0
    assert "Reuters" in capsys.readouterr().out
    assert main(["--db", str(read_only), "search", "hotline"]) == 0
    assert "Reuters" in capsys.readouterr().out
    assert main(["--db", str(read_only), "show", "1"]) == 0
    capsys.readouterr()
    assert main(["--db", str(read_only), "export", "--format", "w3c", "--out", "-"]) == 0
    capsys.readouterr()
    assert read_only.read_bytes() == before


@pytest.mark.parametrize("args", [["annotate", "1", "--quote", QUOTE], ["note", "1", "hei"], ["reclean", "--all"]])
def test_a_write_to_a_read_only_store_is_one_line(read_only, capsys, args):
    """Before: a traceback (the TUI crashed on mark-read and exited 0)."""
    assert main(["--db", str(read_only), *args]) == 1
    line = _one_line_failure(capsys)
    assert line == f"newsreader: {read_only}: the store is read-only: nothing was changed"


def test_a_read_only_folder_cannot_get_a_new_store(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(store_db, "writable", lambda p: False)
    assert main(["--db", str(tmp_path / "new.db"), "list"]) == 1
    assert "cannot create a store here" in _one_line_failure(capsys)
    assert not (tmp_path / "new.db").exists()


def test_a_read_only_medium_without_a_shm_is_read_immutable(read_only, monkeypatch):
    for extra in ("-wal", "-shm"):
        Path(f"{read_only}{extra}").unlink(missing_ok=True)
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: mode != os.W_OK)
    lib = Library.open(read_only)
    assert lib.store.read_only and lib.count() == 1
    lib.close()
    assert not Path(f"{read_only}-shm").exists()


def test_a_busy_store_is_one_line(tmp_path, capsys, monkeypatch):
    path = tmp_path / "s.db"
    _seeded(path)
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert main(["--db", str(path), "note", "1", "hei"]) == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "the store is busy" in _one_line_failure(capsys)


def test_a_full_disk_is_one_line(tmp_path):
    path = tmp_path / "s.db"
    _seeded(path)
    lib = Library.open(path)
    pages = lib.store.db.execute("PRAGMA page_count").fetchone()[0]
    lib.store.db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(sqlite3.OperationalError) as info:
        lib.set_article_note(1, "x" * 200_000)
    lib.close()
    message = store_problem(path, info.value)
    assert message == f"{path}: the disk is full: the change was not saved (free some space and try again)"


def test_a_damaged_store_is_one_line(tmp_path, capsys):
    path = tmp_path / "s.db"
    _seeded(path)
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 997):  # every page but the header's
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    assert main(["--db", str(path), "search", "hotline"]) == 1
    line = _one_line_failure(capsys)
    assert line.startswith(f"newsreader: {path}: ") and ("damaged" in line or "not a usable" in line)


def _cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "newsreader", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("trial", range(12 if os.environ.get("NEWSREADER_SLOW") == "1" else 2))
def test_four_processes_creating_one_new_store_all_succeed(tmp_path, trial):
    """Before: 9 of 12 failed (tables created twice, WAL switched under a lock)."""
    path = tmp_path / "new.db"
    runs = [_cli("--db", str(path), "list") for _ in range(4)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in runs]
    assert all(code == 0 for code, _ in results), results
    lib = Library.open(path)
    assert lib.count() == 1  # seeded once
    lib.close()


def test_two_importers_of_the_same_files_both_succeed(tmp_path):
    """Before: IntegrityError in bulk.py when both inserted the same origins."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(140):  # over bulk.MIN_PARALLEL: the batch path
        (folder / f"a{i:03}.txt").write_text(f"Artikkel {i}\nTekst nummer {i} om noe som hendte.\n", encoding="utf-8")
    path = tmp_path / "s.db"
    _seeded(path)
    files = sorted(str(p) for p in folder.iterdir())
    runs = [_cli("--db", str(path), "import", *files) for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in runs]
    assert all(code == 0 for code, _ in results), results
    lib = Library.open(path)
    assert lib.count() == 141
    lib.close()
