"""state.json: what the app remembers (list share, theme), written atomically,
read defensively, never in the real home; the theme picked in the app wins
over config.toml's until config.toml's changes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from textual.command import CommandList

from newsreader.locations import state_dir
from newsreader.tui import ui_state
from newsreader.tui.config import Settings
from newsreader.tui.ui_state import UiState, load_ui_state, save_ui_state, starting_theme, state_path
from support.app import run, settle


def test_tests_never_touch_the_real_state_dir(tmp_path, monkeypatch):
    assert state_path() == tmp_path / "state" / "state.json"  # conftest
    monkeypatch.setenv("NEWSREADER_STATE_DIR", "~/elsewhere")
    assert state_dir() == Path("~/elsewhere").expanduser()
    monkeypatch.delenv("NEWSREADER_STATE_DIR")
    assert state_dir().name == "newsreader"


def test_round_trip_keeps_unknown_keys(tmp_path):
    path = tmp_path / "s" / "state.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"version": 2, "future": {"x": 1}, "theme": "nord"}), encoding="utf-8")
    state, problem = load_ui_state(path)
    assert problem is None and state.theme == "nord" and state.list_share is None
    save_ui_state(path, UiState(list_share=0.45, theme="gruvbox", config_theme=None, extra=state.extra))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["future"] == {"x": 1} and data["list_share"] == 0.45 and data["theme"] == "gruvbox"
    assert load_ui_state(path) == (UiState(0.45, "gruvbox", None, {"future": {"x": 1}}), None)
    assert sorted(p.name for p in path.parent.iterdir()) == ["state.json"]  # no temporary file left


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "state.json"
    save_ui_state(path, UiState(theme="nord"))
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ui_state.os, "replace", broken_replace)
    with pytest.raises(OSError):
        save_ui_state(path, UiState(theme="dracula"))
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"{not json", "not JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2]", "not a JSON object"),
        (b"", "not JSON"),
        (b"[" * 100_000, "ignored"),
        (b" " * (ui_state.MAX_BYTES + 1), "bytes"),
    ],
)
def test_a_broken_file_is_ignored_with_one_problem(tmp_path, content, reason):
    path = tmp_path / "state.json"
    path.write_bytes(content)
    state, problem = load_ui_state(path)
    assert state == UiState()
    assert problem is not None and reason in problem and str(path) in problem


def test_bad_values_are_dropped_one_by_one(tmp_path):
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"list_share": 7, "theme": 3, "config_theme": "nord"}), encoding="utf-8")
    state, problem = load_ui_state(path)
    assert state == UiState(list_share=None, theme=None, config_theme="nord")
    assert "list_share" in problem and "theme" in problem
    for share in ("0.4", True, float("nan"), -1, None):
        path.write_text(json.dumps({"list_share": share}), encoding="utf-8")
        assert load_ui_state(path)[0].list_share is None


def test_not_a_file_and_missing(tmp_path):
    assert load_ui_state(tmp_path / "missing.json") == (UiState(), None)
    (tmp_path / "dir.json").mkdir()
    state, problem = load_ui_state(tmp_path / "dir.json")
    assert state == UiState() and "not a regular file" in problem
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    assert "not a regular file" in load_ui_state(fifo)[1]  # and it did not block


def test_starting_theme():
    assert starting_theme(UiState(), None) is None
    assert starting_theme(UiState(), "nord") == "nord"
    assert starting_theme(UiState(theme="dracula", config_theme=None), None) == "dracula"
    assert starting_theme(UiState(theme="dracula", config_theme="nord"), "nord") == "dracula"
    # config.toml's theme changed after the pick: the edit wins.
    assert starting_theme(UiState(theme="dracula", config_theme=None), "nord") == "nord"


# -- in the app ------------------------------------------------------------------------


async def choose(pilot, typed: str, first: str) -> None:
    """Type into the command palette and take the first hit once it is `first`."""
    await pilot.press(*typed)
    for _ in range(200):  # the palette searches in the background, after a short delay
        await settle(pilot)
        hits = pilot.app.screen.query(CommandList)
        if hits and hits.first().option_count and first in str(hits.first().get_option_at_index(0).prompt):
            break
        await pilot.pause(0.02)
    else:
        raise AssertionError(f"no {first!r} in the palette")
    await pilot.press("enter")
    await settle(pilot)


async def pick_theme(pilot, name: str) -> None:
    """ctrl+p, "Theme" (Change the current theme), then the theme: as a user does."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    await choose(pilot, "theme", "Theme")
    await choose(pilot, name, name)


def settings(tmp_path: Path, theme: str | None = None) -> Settings:
    return Settings(export_dir=tmp_path / "out", theme=theme)


def test_the_theme_picked_in_the_app_is_used_at_the_next_start(tmp_path):
    async def scenario(pilot, app, library):
        assert app.theme == "nord"  # config.toml's, nothing picked yet
        assert not state_path().exists()
        await pick_theme(pilot, "gruvbox")
        assert app.theme == "gruvbox"

    run(tmp_path, scenario, settings=settings(tmp_path, "nord"))
    saved = json.loads(state_path().read_text(encoding="utf-8"))
    assert saved["theme"] == "gruvbox" and saved["config_theme"] == "nord"

    async def next_start(pilot, app, library):
        assert app.theme == "gruvbox"

    run(tmp_path, next_start, settings=settings(tmp_path, "nord"))

    async def config_edited(pilot, app, library):
        assert app.theme == "dracula"  # config.toml's theme changed since the pick: it wins

    run(tmp_path, config_edited, settings=settings(tmp_path, "dracula"))


def test_a_broken_state_file_is_one_warning(tmp_path):
    state_path().parent.mkdir(parents=True)
    state_path().write_text("{broken", encoding="utf-8")

    async def scenario(pilot, app, library):
        messages = [n.message for n in app._notifications]
        assert sum("state.json" in m for m in messages) == 1
        await pilot.press("enter")  # the split shows once an article is open
        await settle(pilot)
        assert app.query_one("#list-pane").region.width == 48  # the defaults
        await pilot.press("greater_than_sign")  # and a good file replaces it
        await settle(pilot)

    run(tmp_path, scenario)
    assert load_ui_state(state_path()) == (UiState(list_share=0.45), None)


def test_an_unknown_saved_theme_falls_back_to_config(tmp_path):
    save_ui_state(state_path(), UiState(theme="no-such-theme", config_theme="nord"))

    async def scenario(pilot, app, library):
        assert app.theme == "nord"
        assert any("no-such-theme" in n.message for n in app._notifications)

    run(tmp_path, scenario, settings=settings(tmp_path, "nord"))


def test_a_state_dir_that_cannot_be_written_is_one_warning(tmp_path):
    state_path().parent.parent.mkdir(parents=True, exist_ok=True)
    state_path().parent.write_text("a file where the folder should be", encoding="utf-8")

    async def scenario(pilot, app, library):
        for key in ("greater_than_sign", "less_than_sign", "less_than_sign"):
            await pilot.press(key)
        await settle(pilot)
        assert app.query_one("#list-pane").region.width == 42  # the layout changed anyway
        messages = [n.message for n in app._notifications]
        assert sum("Could not remember" in m for m in messages) == 1

    run(tmp_path, scenario)
