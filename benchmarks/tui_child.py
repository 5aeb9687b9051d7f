"""Run in a fresh process by run.py: time the TUI headless and print one JSON line.

    tui_child.py start PARENT_T0 DB ROWS    the app on DB until its list shows ROWS rows
    tui_child.py floor PARENT_T0            a bare Textual app with one empty list
    tui_child.py open DB SHORT_ID LONG_ID RUNS   open two articles in turn, to first paint

`start` and `floor` report `ready` (seconds from PARENT_T0, the parent's wall
clock just before it started this process, to the first screen painted with
the list filled) and `rss_mb` (peak resident memory). Readiness is seen from
inside: the list's `render_lines` drawing its rows after the ids arrived, then
the end of that paint.
"""

from __future__ import annotations

import asyncio
import json
import resource
import statistics
import sys
import time

SIZE = (120, 40)


def peak_rss_mb() -> float:
    """This process's peak resident memory. Linux: VmHWM, not ru_maxrss, which
    keeps the parent's peak across fork and exec (every child would report at
    least the benchmark runner's size)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale / 1024


def report(**fields) -> None:
    print(json.dumps(fields), flush=True)


def when_drawn(widget_class, filled, on_ready) -> None:
    """Call `on_ready` once, right after the first paint in which `filled(widget)`
    held while the widget drew its lines."""
    original = widget_class.render_lines
    fired = []

    def render_lines(self, crop):
        strips = original(self, crop)
        if not fired and filled(self):
            fired.append(True)
            self.app.call_later(on_ready)  # after this paint has finished
        return strips

    widget_class.render_lines = render_lines


def start(parent_t0: float, db: str, rows: int) -> None:
    from newsreader.library import Library
    from newsreader.tui.app import NewsReaderApp
    from newsreader.tui.widgets.article_list import ArticleList

    app = NewsReaderApp(Library.open(db))

    def ready() -> None:
        report(ready=time.time() - parent_t0, rss_mb=peak_rss_mb(), rows=app.query_one(ArticleList).row_count)
        app.exit()

    when_drawn(ArticleList, lambda w: w.row_count == rows, ready)
    app.run(headless=True, size=SIZE)


def floor(parent_t0: float) -> None:
    from textual.app import App
    from textual.widgets import OptionList

    class Bare(App):
        def compose(self):
            yield OptionList()

    app = Bare()

    def ready() -> None:
        report(ready=time.time() - parent_t0, rss_mb=peak_rss_mb(), rows=0)
        app.exit()

    when_drawn(OptionList, lambda w: True, ready)
    app.run(headless=True, size=SIZE)


def open_articles(db: str, short_id: int, long_id: int, runs: int) -> None:
    """Open the short and the long article in turn; seconds from the call to the
    end of the first paint that shows it."""
    from newsreader.library import Library
    from newsreader.tui.app import NewsReaderApp
    from newsreader.tui.widgets.article_list import ArticleList

    app = NewsReaderApp(Library.open(db))

    async def timed_open(article_id: int) -> float:
        painted = asyncio.Event()
        t0 = time.perf_counter()
        app.open_article(article_id, cursor=0)
        app.call_after_refresh(painted.set)
        await painted.wait()
        return time.perf_counter() - t0

    async def main() -> None:
        async with app.run_test(size=SIZE) as pilot:
            while app.query_one(ArticleList).row_count == 0:
                await pilot.pause(0.01)
            times: dict[str, list[float]] = {"short": [], "long": []}
            for _ in range(runs):
                for name, article_id in (("short", short_id), ("long", long_id)):
                    await pilot.pause()
                    times[name].append(await timed_open(article_id))
            report(**{k: statistics.median(v) for k, v in times.items()}, samples=times)

    asyncio.run(main())
    # Opening marks an article read and keeps its reading position: undo that,
    # so the cached store is the same for the next run.
    library = Library.open(db)
    library.store.db.execute(
        "UPDATE articles SET read_at = NULL, read_position = 0 WHERE id IN (?, ?)", [short_id, long_id])
    library.close()


if __name__ == "__main__":
    mode, *args = sys.argv[1:]
    if mode == "start":
        start(float(args[0]), args[1], int(args[2]))
    elif mode == "floor":
        floor(float(args[0]))
    elif mode == "open":
        open_articles(args[0], int(args[1]), int(args[2]), int(args[3]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
