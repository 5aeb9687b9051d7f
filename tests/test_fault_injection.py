"""kill -9 at a random moment of import, annotate, export and refresh: nothing
committed is lost, the store passes its integrity checks, no process is left.

3 trials of each in the default run; 20 with `-m slow` (or NEWSREADER_SLOW=1).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from newsreader.library import Library
from support.feeds_server import Route, rss

SLOW = os.environ.get("NEWSREADER_SLOW") == "1"
TRIALS = 20 if SLOW else 3
TEXT = "Et avsnitt om været i Bergen, som var vått og kaldt hele uken gjennom. " * 30
QUOTES = ["En så dramatisk situasjon", "Cuba-krisen i 1962", "rød klut", "militære ledelse"]


def trials(kind: str):
    marks = [pytest.mark.slow] if SLOW else []
    return pytest.mark.parametrize("trial", [pytest.param(i, marks=marks, id=f"{kind}-{i}") for i in range(TRIALS)])


def _descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                kids = {int(c) for c in (task / "children").read_text().split()}
            except OSError:
                continue
            todo.extend(kids - found)
            found |= kids
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _kill_at_random(proc: subprocess.Popen, rng: random.Random, low: float, high: float) -> set[int]:
    """kill -9 after a random delay; the processes it had started at that moment."""
    deadline = time.monotonic() + rng.uniform(low, high)
    seen: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        seen |= _descendants(proc.pid)
        time.sleep(0.02)
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=30)
    return seen


def _no_process_left(pids: set[int]) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    left = [p for p in pids if _alive(p)]
    for p in left:
        os.kill(p, signal.SIGKILL)
    assert not left, f"processes outlived their killed parent: {left}"


def _intact(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    # (killed before the first migration committed, the file holds no tables yet)
    for table in {"articles_fts", "highlights_fts", "article_notes_fts", "articles_search"} & tables:
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
    return conn


def _cli(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "newsreader", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
@trials("import")
def test_kill_during_import(tmp_path, trial):
    rng = random.Random(trial)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(300):
        (folder / f"a{i:03}.txt").write_text(f"Artikkel {i}\n{TEXT} {i}\n", encoding="utf-8")
    db = tmp_path / "s.db"
    proc = _cli("--db", str(db), "import", *sorted(str(p) for p in folder.iterdir()))
    started = _kill_at_random(proc, rng, 0.3, 4.0)
    _no_process_left(started)
    conn = _intact(db)
    conn.close()
    lib = Library.open(db)  # and it opens, and an import again completes it
    lib.import_paths(sorted(folder.iterdir()))
    assert lib.count() >= 300
    lib.close()


ANNOTATOR = textwrap.dedent(
    """
    import sys
    from newsreader.library import Library
    lib = Library.open(sys.argv[1])
    lib.prepare()
    quotes = sys.argv[2:]
    n = 0
    while True:
        h = lib.annotate_by_quote(1, quotes[n % len(quotes)], note=f"note {n}", tags=[f"t{n}"])
        lib.set_article_note(1, f"article note {n}")
        print(h.id, n, flush=True)  # said only once committed
        n += 1
    """
)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
@trials("annotate")
def test_kill_during_annotate(tmp_path, trial):
    rng = random.Random(100 + trial)
    db = tmp_path / "s.db"
    lib = Library.open(db)
    lib.prepare()
    lib.close()
    proc = subprocess.Popen([sys.executable, "-c", ANNOTATOR, str(db), *QUOTES],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _kill_at_random(proc, rng, 0.8, 3.0)
    said = [line.split() for line in proc.stdout.read().splitlines() if line.strip()]
    conn = _intact(db)
    stored = dict(conn.execute("SELECT id, note FROM highlights").fetchall())
    for highlight_id, n in said:
        assert stored.get(int(highlight_id)) == f"note {n}"  # every saved one is there, whole
    if said:
        last = int(said[-1][1])
        note = conn.execute("SELECT text FROM article_notes WHERE article_id = 1").fetchone()[0]
        assert note in (f"article note {last}", f"article note {last + 1}")
    conn.close()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
@trials("export")
def test_kill_during_export(tmp_path, trial):
    rng = random.Random(200 + trial)
    db = tmp_path / "s.db"
    lib = Library.open(db)
    lib.prepare()
    for i in range(150):
        outcome = lib.import_parsed(f"x:{i}", __import__("newsreader.ingest.plaintext", fromlist=["x"])
                                    .parse_plaintext(f"Artikkel {i}\n{TEXT} nummer {i}.\n"))
        lib.annotate_by_quote(outcome.article_id, f"nummer {i}.", note=f"note {i}")
    lib.close()
    out = tmp_path / "vault"
    proc = _cli("--db", str(db), "export", "--all", "--out", str(out))
    _kill_at_random(proc, rng, 0.3, 2.5)
    _intact(db).close()
    for path in out.glob("*.md"):  # each file there is whole: written to a temp file, then renamed
        text = path.read_text(encoding="utf-8")
        assert text.endswith("\n") and ('generator: "newsreader"' in text)
    # a second export completes and leaves no temp file behind
    finished = _cli("--db", str(db), "export", "--all", "--out", str(out))
    assert finished.wait(timeout=120) == 0, finished.stderr.read()
    assert len(list(out.glob("*.md"))) == 151


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
@trials("refresh")
def test_kill_during_refresh(tmp_path, server, trial):
    rng = random.Random(300 + trial)
    items = [{"title": f"Sak {i}", "link": f"https://example.org/{trial}/{i}", "description": f"{TEXT} {i}"}
             for i in range(200)]
    server.routes["/feed.xml"] = Route(rss("Lokalavisa", items))
    db = tmp_path / "s.db"
    lib = Library.open(db)
    lib.prepare()
    lib.close()
    assert _cli("--db", str(db), "subscribe", server.url("/feed.xml"), "--timeout", "5").wait(timeout=120) in (0, 1)
    server.routes["/feed.xml"] = Route(rss("Lokalavisa", [{**i, "description": i["description"] + " oppdatert"}
                                                          for i in items]))
    proc = _cli("--db", str(db), "refresh", "--timeout", "5")
    _kill_at_random(proc, rng, 0.2, 3.0)
    conn = _intact(db)
    feeds = conn.execute("SELECT count(*) FROM feeds").fetchone()[0]
    conn.close()
    assert feeds == 1
