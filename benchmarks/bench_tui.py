"""TUI figures: start to a filled first screen, its memory, and opening a long article.

Each start is a fresh process (tui_child.py), so imports, opening the store and
the first paint are all in it, as a user sees them.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from corpus import LONG_ORIGIN, SHORT_ORIGIN
from measure import Figure, median

CHILD = Path(__file__).with_name("tui_child.py")
TIMEOUT = 180  # a start that takes this long is a failure to report, not a figure


def _child(*args: str) -> dict:
    try:
        result = subprocess.run(
            [sys.executable, str(CHILD), *args], capture_output=True, text=True, timeout=TIMEOUT
        )
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"tui_child {args[0]} {' '.join(args[2:3])}: no first screen within {TIMEOUT} s "
                           f"(stderr: {(exc.stderr or b'')[-500:]!r})") from None
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        # The exception (the last lines of the traceback) first: the report keeps one line.
        tail = " | ".join([line.strip() for line in result.stderr.splitlines() if line.strip()][-4:])
        raise RuntimeError(f"tui_child {args[0]} failed ({result.returncode}): {tail[-500:]}")
    return json.loads(lines[-1])


def _start(store: Path | None, rows: int) -> dict:
    if store is None:
        return _child("floor", repr(time.time()))
    return _child("start", repr(time.time()), str(store), str(rows))


def _rows(store: Path) -> int:
    with sqlite3.connect(store) as conn:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def compile_bytecode() -> None:
    """Write newsreader's .pyc files, as `pip install .` does at install time.

    An editable install under PYTHONDONTWRITEBYTECODE (set on some machines,
    CI ones included) never writes them, so every fresh process would compile
    ~70 modules from source (~40 ms), a cost no installed copy has. Textual's
    bytecode, in the floor, was written by pip.
    """
    import compileall

    import newsreader

    compileall.compile_dir(Path(newsreader.__file__).parent, quiet=1)


def start_figures(stores: dict[str, Path], runs: int) -> list[Figure]:
    """`stores`: label ("N = 0", "N = 10,000"...) -> store, smallest first."""
    compile_bytecode()
    configs: list[tuple[str, Path | None, int]] = [("floor", None, 0)]
    configs += [(label, path, _rows(path)) for label, path in stores.items()]
    samples: dict[str, list[dict]] = {label: [] for label, _, _ in configs}
    _start(None, 0)  # warm the OS file cache for Python and Textual
    for _ in range(runs):
        for label, path, rows in configs:  # interleaved: a burst of load hits every config
            samples[label].append(_start(path, rows))
    ready = {label: median([s["ready"] for s in runs_]) for label, runs_ in samples.items()}
    rss = {label: median([s["rss_mb"] for s in runs_]) for label, runs_ in samples.items()}
    floor_name = "bare Textual app, one empty list"
    labels = list(stores)
    empty, biggest = labels[0], labels[-1]
    figures = [
        Figure("TUI start", f"first screen, list filled, {label}", ready[label], ready["floor"], "s", floor_name,
               "≤ 1.5x" if label == biggest else "", 1.5 if label == biggest else None,
               detail=f"median of {runs} fresh processes")
        for label in labels
    ]
    figures.append(Figure("TUI start", f"{biggest} vs {empty}", ready[biggest], ready[empty], "s", empty,
                          "≤ 1.2x", 1.2))
    figures.append(Figure("Memory", f"TUI peak RSS, {biggest} vs {empty}", rss[biggest], rss[empty], "MB", empty,
                          "< +50 MB", 50.0, difference=True, detail=f"bare app: {rss['floor']:.1f} MB"))
    return figures


def article_ids(store: Path) -> tuple[int, int, int]:
    """(short article id, long article id, the long one's block count)."""
    with sqlite3.connect(store) as conn:
        short = conn.execute("SELECT id FROM articles WHERE origin = ?", [SHORT_ORIGIN]).fetchone()[0]
        long = conn.execute("SELECT id FROM articles WHERE origin = ?", [f"{LONG_ORIGIN}0"]).fetchone()[0]
        packed = conn.execute("SELECT blocks FROM articles WHERE id = ?", [long]).fetchone()[0]
    from newsreader.store.articles import read_blocks

    return short, long, len(read_blocks(packed))


def open_figures(store: Path, runs: int) -> list[Figure]:
    compile_bytecode()
    short, long, blocks = article_ids(store)
    result = _child("open", str(store), str(short), str(long), str(runs))
    return [Figure("Open article", f"long article ({blocks:,} blocks) to first paint", result["long"] * 1000,
                   result["short"] * 1000, "ms", "20-paragraph article", "< 2x", 2.0,
                   detail=f"median of {runs}, alternating")]
