"""The README's key table is the one the bindings make (`python -m
newsreader.tui.keys --markdown`); the help screen reads the same bindings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newsreader.tui.keys import MARKERS, key_sections, markdown_table, readme_keys

README = Path(__file__).resolve().parents[2] / "README.md"
REGENERATE = (
    "the README's key table differs from the bindings: paste the output of "
    "`python -m newsreader.tui.keys --markdown` between the keys:start/keys:end markers"
)


def test_readme_holds_the_generated_key_table():
    held = readme_keys(README.read_text(encoding="utf-8"))
    assert held is not None, f"README.md has no {MARKERS[0]} ... {MARKERS[1]} block"
    assert held == markdown_table(), REGENERATE


def test_the_command_prints_the_table_without_an_app():
    result = subprocess.run(
        [sys.executable, "-m", "newsreader.tui.keys", "--markdown"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == markdown_table()
    assert result.stdout == subprocess.run(  # the same twice: nothing depends on the run
        [sys.executable, "-m", "newsreader.tui.keys", "--markdown"],
        capture_output=True, text=True, timeout=60, check=False,
    ).stdout


def test_every_binding_id_is_in_the_table():
    table = markdown_table()
    for _section, bindings in key_sections():
        for binding in bindings:
            assert f"`{binding.id}`" in table, binding.id


def test_keys_are_shown_as_the_footer_shows_them_and_pipes_are_escaped():
    from textual.binding import Binding

    table = markdown_table([("Pane", [Binding("question_mark,vertical_line", "x", "Ask | tell", id="pane.ask")])])
    assert "| **Pane** | | |" in table
    assert "| `?` `\\|` | Ask \\| tell | `pane.ask` |" in table


def test_readme_keys_is_none_without_markers():
    assert readme_keys("# no table here\n") is None
    assert readme_keys(f"a\n{MARKERS[0]}\n| x |\n{MARKERS[1]}\nb") == "| x |\n"
