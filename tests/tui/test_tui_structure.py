"""How the TUI package is put together: it reaches the store only through the
`Library`, no module imports the app except the entry point, modules stay small."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import newsreader.tui

TUI = Path(newsreader.tui.__file__).resolve().parent
MAX_LINES = 400


def _modules() -> list[Path]:
    return sorted(TUI.rglob("*.py"))


def _imported(path: Path) -> set[str]:
    """Every module `path` imports, also inside functions and `if TYPE_CHECKING:`."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_tui_module_imports_the_app():
    """The flows see the app through `host.AppHost`; only newsreader/__main__ runs it."""
    for path in _modules():
        if path.name != "app.py":
            assert "newsreader.tui.app" not in _imported(path), path.relative_to(TUI)


def test_the_tui_reaches_the_store_only_through_the_library():
    private = re.compile(r"\blibrary\.(store|_db)\b|\bsqlite3\b|\bconn\.(execute|interrupt)\b")
    below = ("newsreader.store", "newsreader.search", "newsreader.ingest", "newsreader.export", "newsreader.anchoring")
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        assert not private.search(text), f"{path.relative_to(TUI)}: {private.search(text).group()}"
        bad = sorted(m for m in _imported(path) if m.startswith(below))
        assert not bad, f"{path.relative_to(TUI)} imports {bad}"


def test_modules_stay_small():
    for path in _modules():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= MAX_LINES, f"{path.relative_to(TUI)}: {lines} lines (split it)"
