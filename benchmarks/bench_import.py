"""Import figures: bulk import against its two floors, on the same texts in the same run.

- language detection alone, in one process, divided by the cores: the part of
  an import that cannot be avoided, spread perfectly;
- a bulk SQLite insert of the same rows into a plain table: the cost of
  writing the bytes, with no index.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from measure import Figure, median, timed
from stores import CorpusSpec, remove_store

from newsreader.library import bulk
from newsreader.ingest.plaintext import parse_plaintext
from newsreader.library.indexing import open_store
from newsreader.text import detect_language

_PLAIN_TABLE = "CREATE TABLE articles (id INTEGER PRIMARY KEY, origin TEXT, title TEXT, raw TEXT, body TEXT)"


def _insert_floor(path: Path, rows: list[tuple[str, str, str, str]]) -> float:
    remove_store(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = wal")
    conn.execute(_PLAIN_TABLE)
    conn.commit()

    def insert():
        with conn:
            conn.executemany("INSERT INTO articles (origin, title, raw, body) VALUES (?, ?, ?, ?)", rows)

    try:
        return timed(insert)
    finally:
        conn.close()
        remove_store(path)


def _bulk_import(path: Path, items: list[bulk.TextItem], workers: int) -> float:
    remove_store(path)
    store = open_store(path)  # creating the schema is not part of an import
    try:
        seconds = timed(lambda: bulk.import_texts(store.db, items, workers=workers))
        added = store.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        if added != len(items):
            raise RuntimeError(f"bulk import added {added} of {len(items)} articles")
        return seconds
    finally:
        store.close()
        remove_store(path)


def import_figures(n: int, runs: int, workers: int, log=print) -> list[Figure]:
    articles = CorpusSpec(n).articles()
    items = [bulk.TextItem(a.origin, a.text) for a in articles]
    parsed = [parse_plaintext(a.text) for a in articles]
    rows = [(a.origin, p.title, p.raw, p.body) for a, p in zip(articles, parsed)]
    detect_language("Dette er en kort norsk tekst, for å laste profilene.")
    scratch = Path(tempfile.mkdtemp(prefix="nr-bench-import-"))
    detect, imports, inserts = [], [], []
    try:
        for run in range(runs):  # interleaved, so load from elsewhere hits all three
            log(f"  import {n:,}: run {run + 1} of {runs}")
            detect.append(timed(lambda: [detect_language(p.body) for p in parsed]))
            imports.append(_bulk_import(scratch / "import.db", items, workers))
            inserts.append(_insert_floor(scratch / "insert.db", rows))
    finally:
        for leftover in scratch.iterdir():
            leftover.unlink()
        os.rmdir(scratch)
    rate = n / median(imports)
    detect_rate = n / (median(detect) / workers)
    insert_rate = n / median(inserts)
    note = f"median of {runs}; {workers} worker processes; {os.cpu_count()} CPUs"
    return [
        Figure("Import", f"bulk import, {n:,} articles", rate, detect_rate, "articles/s",
               f"language detection alone / {workers} cores", "≤ 1.3x the time", 1.3,
               higher_is_better=True,
               detail=f"{median(imports):.1f} s vs {median(detect):.1f} s / {workers}; {note}"),
        Figure("Import", f"bulk import vs bulk insert, {n:,} articles", rate, insert_rate, "articles/s",
               "bulk SQLite insert, no index", "", None, higher_is_better=True,
               detail=f"{median(imports):.1f} s vs {median(inserts):.2f} s"),
    ]
