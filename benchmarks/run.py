"""Benchmarks of newsreader at 10k and 100k articles, each figure against a floor.

    python benchmarks/run.py            full: N = 10,000 and 100,000 (long: stores are cached)
    python benchmarks/run.py --quick    the same figures at small N, in under two minutes
    python benchmarks/run.py --tiny     seconds; what the test suite runs (figures meaningless)

Prints a Markdown table and writes benchmarks/RESULTS.md (or --out). See README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_import  # noqa: E402
import bench_search  # noqa: E402
import bench_tui  # noqa: E402
import stores  # noqa: E402
from corpus import search_queries  # noqa: E402
from measure import Figure, table  # noqa: E402

NOTES_MARK = "<!-- notes: kept by run.py; everything below is written by hand -->"


@dataclass(frozen=True)
class Plan:
    name: str
    sizes: tuple[int, ...]  # libraries the TUI opens, besides the empty one; the last is the big one
    import_runs: dict[int, int]  # N -> runs
    start_runs: int
    search_runs: int
    cli_runs: int
    open_runs: int
    long_paragraphs: int = 10_000
    seed: int = 1234
    extra: dict = field(default_factory=dict)


PLANS = {
    "full": Plan("full", (10_000, 100_000), {10_000: 3, 100_000: 1}, start_runs=7, search_runs=40,
                 cli_runs=5, open_runs=7),
    "quick": Plan("quick", (2_000,), {1_000: 2}, start_runs=3, search_runs=15, cli_runs=3, open_runs=3),
    "tiny": Plan("tiny", (20,), {40: 1}, start_runs=1, search_runs=2, cli_runs=1, open_runs=1,
                 long_paragraphs=200),
}


def label(n: int) -> str:
    return f"N = {n:,}"


def environment() -> list[str]:
    return [
        f"- machine: {os.cpu_count()} CPUs ({platform.machine()}, {platform.system()} {platform.release()})",
        f"- Python {platform.python_version()}, Textual {version('textual')}, "
        f"SQLite {sqlite3.sqlite_version}, sqlite-utils {version('sqlite-utils')}, "
        f"newsreader {version('newsreader')}",
    ]


def run(plan: Plan, cache: Path, workers: int, log=print) -> tuple[list[Figure], list[str]]:
    specs = {n: stores.CorpusSpec(n, plan.seed, long_articles=2, long_paragraphs=plan.long_paragraphs)
             for n in plan.sizes}
    big = plan.sizes[-1]
    libraries = {label(0): stores.empty_store(cache)}
    for n, spec in specs.items():
        libraries[label(n)] = stores.build_store(spec, cache, workers=workers, log=log)
    queries = search_queries(plan.seed)
    figures: list[Figure] = []
    failures: list[str] = []

    def section(name: str, measure) -> None:
        """One section; a failure is reported and the run goes on (an hour is long to lose)."""
        log(f"{name} ...")
        try:
            figures.extend(measure())
        except Exception as exc:  # noqa: BLE001 - reported in the results, never hidden
            log(f"{name} FAILED: {exc}")
            failures.append(f"- **{name}: not measured**: {type(exc).__name__}: {str(exc)[-600:]}")

    big_store = libraries[label(big)]
    section("search", lambda: bench_search.search_figures(big_store, queries, plan.search_runs, label(big)))
    section("CLI search vs grep", lambda: bench_search.cli_figures(
        big_store, stores.text_tree(specs[big], cache), queries, plan.cli_runs, label(big)))
    for n, runs in plan.import_runs.items():
        section(f"import {n:,}", lambda n=n, runs=runs: bench_import.import_figures(n, runs, workers, log=log))
    section("TUI start", lambda: bench_tui.start_figures(libraries, plan.start_runs))
    section("opening a long article", lambda: bench_tui.open_figures(big_store, plan.open_runs))
    notes = [f"- queries (chosen from the corpus vocabulary by how many articles hold them): "
             + ", ".join(f"{k} `{q}`" for k, q in queries.items())]
    return figures, notes + failures


def report(plan: Plan, figures: list[Figure], notes: list[str], seconds: float) -> str:
    missed = [f for f in figures if f.met is False]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python benchmarks/run.py{'' if plan.name == 'full' else ' --' + plan.name}` "
        f"on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC in {seconds / 60:.1f} min. "
        "Every ratio compares two figures measured in this run, interleaved; absolute times on "
        "this shared machine are noise. See README.md for what each figure means.",
        "",
        *environment(),
        *notes,
        "",
        table(figures),
        "",
        f"Targets met: {sum(f.met is True for f in figures)} of {sum(f.met is not None for f in figures)}"
        + (f"; missed: {', '.join(f.section + ' / ' + f.name for f in missed)}" if missed else "."),
    ]
    return "\n".join(lines) + "\n"


def write_results(path: Path, text: str) -> None:
    """Replace the generated part, keep the hand-written notes below NOTES_MARK."""
    kept = ""
    if path.exists():
        old = path.read_text(encoding="utf-8")
        if NOTES_MARK in old:
            kept = old[old.index(NOTES_MARK):]
    path.write_text(text + ("\n" + kept if kept else "\n" + NOTES_MARK + "\n"), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="small N, under two minutes")
    size.add_argument("--tiny", action="store_true", help="a few seconds: a smoke test of this code")
    parser.add_argument("--out", type=Path, help="where to write the results (default: benchmarks/RESULTS.md, "
                                                  "or nowhere for --quick/--tiny)")
    parser.add_argument("--cache", help="folder for the built stores (default: $NEWSREADER_BENCH_CACHE "
                                        "or <tmp>/newsreader-bench)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="import processes")
    args = parser.parse_args(argv)
    plan = PLANS["quick" if args.quick else "tiny" if args.tiny else "full"]
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:7.1f} s] {message}", file=sys.stderr, flush=True)

    figures, notes = run(plan, stores.cache_dir(args.cache), max(1, args.workers), log)
    text = report(plan, figures, notes, time.perf_counter() - started)
    print(text)
    out = args.out or (HERE / "RESULTS.md" if plan.name == "full" else None)
    if out is not None:
        write_results(out, text)
        log(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
