"""Bulk-import workers die with their parent, and Ctrl-C stops an import cleanly."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

TEXT = "Et avsnitt om været i Bergen, som var vått og kaldt hele uken gjennom. " * 40


def _files(folder: Path, count: int) -> list[str]:
    folder.mkdir()
    for i in range(count):
        (folder / f"a{i:04}.txt").write_text(f"Artikkel nummer {i}\n{TEXT} {i}\n", encoding="utf-8")
    return sorted(str(p) for p in folder.iterdir())


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(c) for c in (task / "children").read_text().split())
        except OSError:
            pass
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start_import(tmp_path: Path, count: int) -> tuple[subprocess.Popen, set[int]]:
    files = _files(tmp_path / "in", count)
    db = tmp_path / "s.db"
    proc = subprocess.Popen([sys.executable, "-m", "newsreader", "--db", str(db), "import", *files],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < 2:
        workers = {c for c in _children(proc.pid) if "python" in Path(f"/proc/{c}/cmdline").read_text(errors="replace")} if _alive(proc.pid) else set()
        time.sleep(0.05)
    assert len(workers) >= 2, "the bulk path started no worker processes"
    return proc, workers


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_exit_when_the_parent_is_killed(tmp_path, how):
    """Before: 15 of 15 runs left the workers running, holding the terminal's stdout."""
    proc, workers = _start_import(tmp_path, 400)
    time.sleep(0.5)
    os.kill(proc.pid, how)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    left = [w for w in workers if _alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert not left, f"workers outlived their parent: {left}"
    # the store is whole: committed batches complete, nothing half-written
    conn = sqlite3.connect(tmp_path / "s.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
def test_ctrl_c_stops_with_a_summary_of_what_was_committed(tmp_path):
    proc, workers = _start_import(tmp_path, 400)
    time.sleep(1.0)
    os.kill(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert "interrupted:" in err and "committed before Ctrl-C" in err
    committed = int(err.split("interrupted: ")[1].split()[0])
    conn = sqlite3.connect(tmp_path / "s.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = conn.execute("SELECT count(*) FROM articles WHERE origin NOT LIKE 'seed:%'").fetchone()[0]
    conn.close()
    assert stored == committed
    assert sum(line.startswith("added") for line in out.splitlines()) == committed
    time.sleep(1)
    assert not [w for w in workers if _alive(w)]
