"""Shared fixtures: every test gets its own temporary store, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.library import Library

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_d9fcfd8bd864394e.txt"
MARKER = "Artikkelen fortsetter under annonsen"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path, monkeypatch):
    """Keep every test away from the real data, config and export folders."""
    monkeypatch.setenv("NEWSREADER_DB", str(tmp_path / "env-default.db"))
    monkeypatch.setenv("NEWSREADER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("NEWSREADER_EXPORT_DIR", str(tmp_path / "exports"))


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def lib(db_path):
    library = Library.open(db_path)
    yield library
    library.close()


@pytest.fixture
def seeded(lib):
    lib.ensure_seeded()
    return lib
