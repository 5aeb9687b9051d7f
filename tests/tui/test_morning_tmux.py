"""A newsboat user's morning in a real terminal (tmux), keys as typed:

start, `2` feeds, enter a feed, `n` next unread, `space` through it to the next
one, `o` with $BROWSER set to a script that records its argument (the address
arrives), `N`, `A` then `u`, `q` back to the list, `q` quit. The process exits
with 0, and only after the second `q`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from newsreader.ingest.fetch import FetchLimits
from newsreader.library import Library

from support.feeds_server import rss

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def _wait_for(session: str, predicate, what: str, seconds: float = 30.0) -> str:
    deadline = time.monotonic() + seconds
    while True:
        screen = _tmux("capture-pane", "-t", session, "-p")
        if predicate(screen):
            return screen
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}; screen:\n{screen}")
        time.sleep(0.1)


def _keys(session: str, *keys: str) -> None:
    _tmux("send-keys", "-t", session, *keys)


def _items(name: str, count: int, first_day: int) -> list[dict]:
    return [
        {
            "title": f"{name} story {i}",
            "guid": f"urn:{name}:{i}",
            "link": f"https://example.org/{name}/{i}",
            "pubDate": f"{first_day + i:02d} Jan 2024 10:00:00 GMT",
            "content": f"<p>{name} story {i} begins here. It is a short story.</p>",
        }
        for i in range(count)
    ]


def test_a_newsboat_users_morning(tmp_path: Path):
    db = tmp_path / "t.db"
    library = Library.open(db)
    library.fetch_limits = FetchLimits(timeout=5.0)
    for day, name in ((1, "Alpha"), (10, "Beta")):
        path = tmp_path / f"{name}.xml"
        path.write_bytes(rss(name, _items(name, 3, day)))
        assert not library.subscribe(str(path)).failed
    library.close()

    record, rc = tmp_path / "browser-got", tmp_path / "rc"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> {record}\n', encoding="utf-8")
    browser.chmod(0o755)
    (tmp_path / "config").mkdir()
    command = (
        f"env NEWSREADER_CONFIG_DIR={tmp_path / 'config'} BROWSER={browser} "
        f"{sys.executable} -m newsreader --db {db}; echo $? > {rc}"
    )
    session = f"nr-morning-{uuid.uuid4().hex[:8]}"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", "sh", "-c", command], check=True
    )
    try:
        _wait_for(session, lambda s: "6 unread" in s, "the list")
        _keys(session, "2")
        _wait_for(session, lambda s: "All articles" in s and "3/3" in s, "the feeds view")
        _keys(session, "j", "Enter")  # the newest feed first: Beta
        _wait_for(session, lambda s: "3 articles · 3 unread" in s and "Alpha" not in s, "Beta's articles")
        _keys(session, "n")  # opens the next unread one (the cursor's row is unread: the next after it)
        screen = _wait_for(session, lambda s: "Beta story 1 begins" in s, "the next unread article")
        for _ in range(4):  # space pages down; at the end it opens the next unread article
            _keys(session, "Space")
            time.sleep(0.3)
            screen = _tmux("capture-pane", "-t", session, "-p")
            if "Beta story 0 begins" in screen or "Beta story 2 begins" in screen:
                break
        assert "Beta story 0 begins" in screen or "Beta story 2 begins" in screen, screen
        _keys(session, "o")
        deadline = time.monotonic() + 10
        while not record.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert record.read_text(encoding="utf-8").strip().startswith("https://example.org/Beta/")
        _keys(session, "N")
        _wait_for(session, lambda s: "Marked unread" in s, "N's message")
        _keys(session, "A")
        _wait_for(session, lambda s: "read — u to undo" in s, "A's message")
        _keys(session, "u")
        _wait_for(session, lambda s: "Undone" in s, "the undo")
        _keys(session, "q")
        _wait_for(session, lambda s: "3 articles" in s, "the list again")
        time.sleep(0.5)
        assert not rc.exists()  # one q went back; the app still runs
        _keys(session, "q")
        deadline = time.monotonic() + 15
        while not rc.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert rc.read_text().strip() == "0"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
