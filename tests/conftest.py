"""Shared fixtures: every test gets its own temporary store, never the user's.

Helpers shared between test files live in tests/support/ (`import support`;
pyproject.toml puts tests/ on the path).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsreader.library import Library
from support.feeds_server import server  # noqa: F401  (fixture: a local HTTP server for any test)

SLOW_ENV = "NEWSREADER_SLOW"


def _slow_wanted(config) -> bool:
    expr = config.getoption("-m") or ""
    return os.environ.get(SLOW_ENV, "") not in ("", "0") or ("slow" in expr and "not slow" not in expr)


def pytest_configure(config):
    if _slow_wanted(config):
        # `-m slow` and NEWSREADER_SLOW=1 are one switch: modules that size their runs
        # by the variable (test_fault_injection.py) see `-m slow` too, in every xdist worker.
        os.environ[SLOW_ENV] = "1"


def pytest_collection_modifyitems(config, items):
    """Tests marked `slow` run only with `-m slow` or NEWSREADER_SLOW=1."""
    if _slow_wanted(config):
        return
    skip = pytest.mark.skip(reason=f"slow: run with -m slow or {SLOW_ENV}=1")
    for item in items:
        if item.get_closest_marker("slow") is not None:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path, monkeypatch):
    """Keep every test away from the real data, config, state and export folders."""
    monkeypatch.setenv("NEWSREADER_DB", str(tmp_path / "env-default.db"))
    monkeypatch.setenv("NEWSREADER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("NEWSREADER_STATE_DIR", str(tmp_path / "state"))
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
