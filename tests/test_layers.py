"""The layer rules: the contracts in pyproject.toml hold (import-linter), and
the core really runs without the UI's packages loaded."""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import newsreader
from support import REPO

CORE_PACKAGES = ["library", "store", "text", "search", "anchoring", "export", "ingest", "model", "locations"]


def _core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(newsreader.__path__, "newsreader."):
        top = info.name.split(".")[1]
        if top in CORE_PACKAGES:
            names.append(info.name)
    return sorted(names)


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert exe, "import-linter is in the test extra: pip install -e '.[test]'"
    return subprocess.run(
        [exe, str(cwd / "pyproject.toml"), "--no-cache", "--no-logo"],
        capture_output=True, text=True, timeout=120, cwd=cwd,
    )


def test_every_module_of_the_core_imports_without_textual_or_rich():
    modules = _core_modules()
    assert len(modules) > 40  # every module, not a hand-kept list
    code = textwrap.dedent(
        f"""
        import sys
        for name in {modules!r}:
            __import__(name)
        bad = sorted(m for m in sys.modules
                     if m.split('.')[0] in ('textual', 'newsreader.tui')
                     or m.startswith(('newsreader.tui', 'newsreader.cli'))
                     # rich.cells and the private tables it loads only: no console, no markup
                     or (m.startswith('rich.') and m != 'rich.cells' and not m.startswith('rich._')))
        assert not bad, bad
        print('ok')
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_layer_contracts_hold():
    result = _lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 5 kept, 0 broken." in result.stdout


def test_the_contracts_catch_textual_in_the_core(tmp_path):
    """A copy of the package with one Textual import added to the store breaks a contract."""
    shutil.copytree(REPO / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    articles = tmp_path / "src" / "newsreader" / "store" / "articles.py"
    articles.write_text(articles.read_text() + "\nfrom textual.widgets import Static  # noqa\n")
    result = subprocess.run(
        [sys.executable, "-c", "import sys, importlinter.cli as c; sys.exit(c.lint_imports_command())",
         str(tmp_path / "pyproject.toml"), "--no-cache", "--no-logo"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "src"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "newsreader.store.articles -> textual" in result.stdout
    assert "Textual and Rich only in the UI" in result.stdout and "BROKEN" in result.stdout


@pytest.mark.parametrize("module", ["newsreader.cli.main", "newsreader.library"])
def test_a_cli_command_loads_no_textual(module):
    code = f"import sys, {module}; print(any(m.startswith('textual') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
