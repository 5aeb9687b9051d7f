"""Library.prepare: seeding and re-cleaning in one place; read-only commands never write."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.library import Library


def _fingerprint(db: Path) -> dict[str, str]:
    """The bytes of the store and of its -wal/-shm, as hashes."""
    found = {}
    for suffix in ("", "-wal"):
        path = Path(f"{db}{suffix}")
        if path.exists():
            found[suffix] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def test_prepare_seeds_once_and_then_has_nothing_to_do(tmp_path):
    lib = Library.open(tmp_path / "s.db")
    first = lib.prepare()
    assert [o.status for o in first.seeded] == ["added"] and first.recleaned == []
    again = lib.prepare()
    assert again.seeded == [] and again.recleaned == [] and again.failures == []
    lib.close()


def test_prepare_recleans_what_an_older_cleaner_made(tmp_path):
    db = tmp_path / "s.db"
    lib = Library.open(db)
    lib.prepare()
    lib.store.db.execute("UPDATE articles SET cleaner_version = 0")
    done = lib.prepare()
    assert [o.status for o in done.recleaned] in (["updated"], ["unchanged"])
    assert lib.prepare().recleaned == []
    lib.close()


@pytest.mark.parametrize("args", [["list"], ["show", "1"], ["search", "hotline"], ["list", "--json"],
                                  ["search", "rød", "--json"], ["feeds"]])
def test_read_only_commands_write_nothing_when_nothing_needs_doing(tmp_path, capsys, args):
    db = tmp_path / "s.db"
    assert main(["--db", str(db), "list"]) == 0  # creates and seeds
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _fingerprint(db)
    capsys.readouterr()
    assert main(["--db", str(db), *args]) == 0
    assert _fingerprint(db) == before
