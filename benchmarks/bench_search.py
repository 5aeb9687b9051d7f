"""Search figures: in-process latency per query class against raw FTS5, and the
`newsreader search` process against `rg` over the same articles as files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import Figure, median, percentile, timed

from newsreader.library import Library
from newsreader.search.engine import ARTICLE_WEIGHTS

LIMIT = 50
P95_CEILING_MS = 50.0
# The floor of a text query: the same words as one hand-written FTS5 MATCH on the
# folded/stemmed index, ranked by bm25 with the same weights; then what showing
# the hits needs (title and text) read back. No snippet is cut from the text.
RAW_MATCH = (
    f"SELECT rowid, bm25(articles_search, {ARTICLE_WEIGHTS}) AS rank FROM articles_search "
    f"WHERE articles_search MATCH ? ORDER BY rank LIMIT {LIMIT}"
)
# The floor of a filter-only query: the same rows straight from the covering index.
RAW_FILTER = (
    "SELECT id FROM articles INDEXED BY articles_search_listing WHERE language = 'no' AND read_at IS NULL "
    f"ORDER BY sort_key DESC, id DESC LIMIT {LIMIT}"
)


def raw_expression(kind: str, query: str) -> str:
    """What someone writing FTS5 by hand would MATCH for this query."""
    if kind == "prefix":
        return '"' + query.rstrip("*") + '"*'
    return query if query.startswith('"') else f'"{query}"'


def _raw_search(db, kind: str, query: str) -> list:
    if kind == "filter-only":
        ids = [r[0] for r in db.execute(RAW_FILTER)]
    else:
        ids = [r[0] for r in db.execute(RAW_MATCH, [raw_expression(kind, query)])]
    marks = ",".join("?" for _ in ids)
    return db.execute(f"SELECT id, title, body FROM articles WHERE id IN ({marks})", ids).fetchall()


def search_figures(store: Path, queries: dict[str, str], runs: int, label: str) -> list[Figure]:
    library = Library.open(store)
    db = library.store.db
    try:
        ours: dict[str, list[float]] = {k: [] for k in queries}
        floor: dict[str, list[float]] = {k: [] for k in queries}
        hits = {k: len(library.search(q, limit=LIMIT)) for k, q in queries.items()}  # warm caches
        raw_hits = {k: len(_raw_search(db, k, q)) for k, q in queries.items()}
        for _ in range(runs):
            for kind, query in queries.items():
                floor[kind].append(timed(lambda: _raw_search(db, kind, query)) * 1000)
                ours[kind].append(timed(lambda: library.search(query, limit=LIMIT)) * 1000)
    finally:
        library.close()
    figures = []
    for kind, query in queries.items():
        p95, floor95 = percentile(ours[kind], 95), percentile(floor[kind], 95)
        floor_name = "raw SQL" if kind == "filter-only" else "raw FTS5 MATCH"
        figures.append(Figure(
            "Search", f"p95, {kind} `{query}`, {label}", p95, floor95, "ms", floor_name,
            "≤ 2x and < 50 ms", 2.0, ceiling=P95_CEILING_MS,
            detail=(f"p50 {median(ours[kind]):.2f} vs {median(floor[kind]):.2f} ms; "
                    f"{hits[kind]} vs {raw_hits[kind]} hits; {runs} runs"),
        ))
    return figures


def grep_command(word: str, root: Path) -> tuple[list[str], str]:
    """ripgrep as a user would run it; grep -r when rg is not installed."""
    if shutil.which("rg"):
        return ["rg", "--ignore-case", "--word-regexp", "--files-with-matches", word, str(root)], "rg"
    return ["grep", "-r", "-i", "-w", "-l", word, str(root)], "grep -r (rg not installed)"


def cli_figures(store: Path, texts: Path, queries: dict[str, str], runs: int, label: str) -> list[Figure]:
    env = {**os.environ, "NEWSREADER_CONFIG_DIR": tempfile.mkdtemp(prefix="nr-bench-config-")}
    figures = []
    for kind in ("rare", "common"):
        word = queries[kind]
        cli = [sys.executable, "-m", "newsreader", "--db", str(store), "search", word, "--limit", "20"]
        grep, grep_name = grep_command(word, texts)

        def run(command):
            return timed(lambda: subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                                env=env, check=False))

        run(cli), run(grep)  # page cache warm for both
        ours, theirs = [], []
        for _ in range(runs):
            theirs.append(run(grep))
            ours.append(run(cli))
        figures.append(Figure("CLI search", f"`newsreader search {word}` ({kind}), {label}", median(ours),
                              median(theirs), "s", grep_name, "", None,
                              detail=f"whole processes; median of {runs}"))
    return figures
