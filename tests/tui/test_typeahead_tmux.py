"""The real app in a real terminal (tmux), the CPU saturated by busy processes:
`n` and a whole note are written to the terminal in one burst, as a fast typist
or a paste does. The stored note must be every character typed, and none of
them may have run as a command in the reader (an `e` exports, an `h`
highlights, a `q` quits).

Slow (it starts the app and loads the machine): `-m slow` or NEWSREADER_SLOW=1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from newsreader.library import Library

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]

NOTE = "hej eh, qed: rask skriving uten tap"
TRIALS = 5


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def _screen(session: str) -> str:
    return _tmux("capture-pane", "-t", session, "-p")


def _wait_for(session: str, predicate, seconds: float = 60.0) -> str:
    deadline = time.monotonic() + seconds
    while True:
        screen = _screen(session)
        if predicate(screen):
            return screen
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out; screen:\n{screen}")
        time.sleep(0.1)


def _burn(count: int) -> list[subprocess.Popen]:
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]


@pytest.mark.parametrize("trial", range(TRIALS))
def test_a_burst_after_n_lands_in_the_note_under_full_cpu_load(tmp_path: Path, trial: int):
    db, out = tmp_path / "t.db", tmp_path / "out"
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text(f'export_dir = "{out}"\n', encoding="utf-8")
    session = f"nr-typeahead-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "NEWSREADER_CONFIG_DIR": str(tmp_path / "config")}
    command = f"env NEWSREADER_CONFIG_DIR={tmp_path / 'config'} {sys.executable} -m newsreader --db {db}"
    burners = _burn(2 * (os.cpu_count() or 2))
    try:
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command],
            check=True, env=env,
        )
        _wait_for(session, lambda s: "Artikkelen" in s or "1 article" in s or "Cuba" in s)
        _tmux("send-keys", "-t", session, "Enter")
        time.sleep(1.0)
        # One write to the terminal: the opening key, the note, ctrl+s.
        _tmux("send-keys", "-t", session, "-l", "n" + NOTE)
        _tmux("send-keys", "-t", session, "C-s")
        _wait_for(session, lambda s: "Saved" in s or "saved" in s)
    finally:
        for burner in burners:
            burner.kill()
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    library = Library.open(db)
    try:
        (article_id,) = library.article_ids()
        highlights = library.highlights(article_id)
        assert [h.note for h in highlights] == [NOTE]
    finally:
        library.close()
    assert not out.exists() or not any(out.iterdir())  # no `e` ran
