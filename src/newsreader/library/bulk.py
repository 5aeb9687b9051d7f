"""Fast batch import of plain-text articles, on every core.

The result is the one `importing.import_parsed` gives article by article: the
same rows (same ids, in input order), the same search index, the same outcome
per input (added, unchanged, updated, duplicate, failed). Only the way there
differs:

- Decoding, parsing, language detection (~7 ms an article, the dominant cost),
  cleaning, and folding/stemming for the search index run in worker
  processes, so the work spreads over every core.
- Rows are written in batches, one transaction per batch (a failure loses at
  most the batch being written; every committed batch is complete, index and
  all). Inside it, the two per-row search triggers of `articles` are set
  aside and the rows go to both FTS5 tables in one statement each, with the
  values the workers computed: exactly what the triggers would have inserted,
  but with the Python SQL functions run in parallel instead of on the writer.
- A re-import of unchanged files skips detection: the worker compares the
  content hash with the stored one first.

The rare inputs that change an existing article (or repeat an origin given
earlier in the same run) go through `importing.import_parsed` itself, so
re-anchoring of highlights has one implementation.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from newsreader.store.connection import Database

from newsreader.library import importing
from newsreader.library.bulk_workers import Job, prepare_chunk, worker_start
from newsreader.library.importing import ImportOutcome, utc_now
from newsreader.ingest.plaintext import parse_plaintext
from newsreader.store import articles as articles_db
from newsreader.store import index as search_index
from newsreader.text import CLEANER_VERSION

Progress = Callable[[int, int, str], None]  # (done, total, input just done)

BATCH_SIZE = 500  # rows per transaction: big enough that commits and FTS5 flushes are rare
CHUNK_SIZE = 16  # inputs per task sent to a worker: amortises the inter-process round trip
# Below this many inputs a process pool costs more to start (~0.5 s) than it saves.
MIN_PARALLEL = 128
# A larger page cache keeps FTS5's segment merges in memory during a big load.
BULK_CACHE_KIB = 64 * 1024

# The columns importing.import_parsed writes for a new article (the others keep their defaults).
_ARTICLE_COLUMNS = (
    "id", "origin", "source", "imported_at", "sort_key", "title", "language", "raw", "body",
    "blocks", "content_hash", "cleaner_version", "updated_at",
)
_INSERT_ARTICLE = "INSERT INTO articles ({}) VALUES ({})".format(
    ", ".join(f'"{c}"' for c in _ARTICLE_COLUMNS), ", ".join("?" for _ in _ARTICLE_COLUMNS)
)


@dataclass(frozen=True)
class TextItem:
    """One article in the plain-text format (title line, then the body).

    `data` is the decoded text, or the file's bytes (decoded as a file import
    would be, with `encoding` as the declared encoding)."""

    origin: str
    data: str | bytes
    display: str | None = None
    source: str | None = None
    encoding: str | None = None


class ImportInterrupted(KeyboardInterrupt):
    """Ctrl-C during a bulk import: `outcomes` say what was committed before it."""

    def __init__(self, outcomes: list[ImportOutcome]):
        super().__init__()
        self.outcomes = outcomes


# -- the writer side ------------------------------------------------------------------


def import_texts(
    db: Database,
    items: Iterable[TextItem],
    *,
    workers: int | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> list[ImportOutcome]:
    """Import plain-text articles; one outcome per item, in order.

    Same rows, index and outcomes as `importing.import_parsed` on each item in
    turn. `workers` processes (default: every core) prepare the articles; 1
    (or a small input) prepares them in this process.
    """
    jobs = [
        (item.origin, item.display or item.origin, item.source,
         "bytes" if isinstance(item.data, bytes) else "text", item.data, item.encoding)
        for item in items
    ]
    return _run(db, jobs, workers, batch_size, progress)


def import_files(
    db: Database,
    files: Iterable[Path | str | tuple[Path | str, str]],
    encoding: str | None = None,
    *,
    workers: int | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> list[ImportOutcome]:
    """Import plain-text article files (paths, or (path, shown name) pairs).

    Each file's origin is its resolved path and it is read exactly as
    `read_text_file(path, encoding)` reads it, so the outcomes are those of a
    file-by-file import.
    """
    jobs = []
    for entry in files:
        path, shown = entry if isinstance(entry, tuple) else (entry, str(entry))
        path = Path(path)
        jobs.append((str(path.resolve()), shown, None, "path", str(path), encoding))
    return _run(db, jobs, workers, batch_size, progress)


# (origin, shown, source, payload kind, payload, declared encoding)
_Input = tuple[str, str, "str | None", str, "str | bytes", "str | None"]


def _run(
    db: Database, inputs: list[_Input], workers: int | None, batch_size: int, progress: Progress | None
) -> list[ImportOutcome]:
    writer = _Writer(db, max(1, batch_size))
    total = len(inputs)
    workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
    parallel = workers > 1 and total >= MIN_PARALLEL
    with writer.bulk_settings():
        prepared = _prepared_in_pool(db, inputs, workers) if parallel else _prepared_here(db, inputs)
        try:
            for done, (entry, result) in enumerate(zip(inputs, prepared), start=1):
                writer.take(entry, result)
                if progress is not None:
                    progress(done, total, entry[1])
        except KeyboardInterrupt:
            # What is prepared is written (one short transaction), the rest is
            # said to be left out; the pool's workers are stopped by closing it.
            prepared.close()
            writer.flush()
            left = [ImportOutcome(entry[1], "failed", message="not imported: interrupted")
                    for entry in inputs[len(writer.outcomes):]]
            raise ImportInterrupted(writer.outcomes + left) from None
        writer.flush()
    return writer.outcomes


def _chunks(db: Database, inputs: list[_Input]) -> Iterator[list[Job]]:
    """Jobs in chunks, each carrying the stored hash of an origin already imported."""
    for start in range(0, len(inputs), CHUNK_SIZE):
        chunk = inputs[start : start + CHUNK_SIZE]
        stored = _stored_hashes(db, [entry[0] for entry in chunk])
        yield [(origin, kind, payload, encoding, stored.get(origin))
               for origin, _shown, _source, kind, payload, encoding in chunk]


def _stored_hashes(db: Database, origins: Sequence[str]) -> dict[str, str]:
    rows = db.execute(
        "SELECT origin, content_hash FROM articles WHERE origin IN (SELECT value FROM json_each(?))",
        [_json_list(origins)],
    )
    return dict(rows.fetchall())


def _json_list(values: Sequence[str]) -> str:
    return json.dumps(list(values))


def _prepared_here(db: Database, inputs: list[_Input]) -> Iterator[tuple]:
    for chunk in _chunks(db, inputs):
        yield from prepare_chunk(chunk)


def _prepared_in_pool(db: Database, inputs: list[_Input], workers: int) -> Iterator[tuple]:
    """Results in input order, with a bounded number of chunks in flight (memory
    stays flat however many articles there are)."""
    # spawn, not fork: the caller may be a TUI with threads, which fork would copy half-way.
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=worker_start, initargs=(os.getpid(),))
    try:
        pending: deque = deque()
        chunks = _chunks(db, inputs)
        for chunk in chunks:
            pending.append(pool.submit(prepare_chunk, chunk))
            if len(pending) >= 4 * workers:
                break
        while pending:
            results = pending.popleft().result()
            next_chunk = next(chunks, None)
            if next_chunk is not None:
                pending.append(pool.submit(prepare_chunk, next_chunk))
            yield from results
    finally:
        # Also when the caller stops early (Ctrl-C, an error): queued chunks are
        # dropped instead of prepared, and the workers exit.
        pool.shutdown(wait=True, cancel_futures=True)


class _Writer:
    """Turns prepared results into rows and outcomes, in input order."""

    def __init__(self, db: Database, batch_size: int):
        self.db = db
        self.batch_size = batch_size
        self.outcomes: list[ImportOutcome] = []
        # (outcome index, origin, source, prepared "new" result) not yet written
        self.pending: list[tuple[int, str, str | None, tuple]] = []
        self.pending_hashes: set[str] = set()
        self.added_hashes: dict[str, int] = {}  # content hash -> id, for this run's duplicates
        self.seen_origins: set[str] = set()  # origins this run has written or checked

    def take(self, entry: _Input, result: tuple) -> None:
        origin, shown, source = entry[0], entry[1], entry[2]
        status = result[0]
        if status == "failed":
            self.outcomes.append(ImportOutcome(shown, "failed", message=result[1]))
            return
        repeated = origin in self.seen_origins
        self.seen_origins.add(origin)
        if status == "new" and not repeated:
            self._take_new(shown, origin, source, result)
        elif status == "unchanged" and not repeated:
            found = articles_db.find_id_by_origin(self.db, origin)
            self.outcomes.append(ImportOutcome(shown, "unchanged", found))
        else:
            # A stored article whose text changed, or an origin met earlier in this
            # run: the one-by-one path decides, once everything before it is written.
            self.flush()
            parsed = parse_plaintext(result[2], result[3])
            self.outcomes.append(importing.import_parsed(self.db, origin, parsed, source=source, display=shown))

    def _take_new(self, shown: str, origin: str, source: str | None, result: tuple) -> None:
        digest = result[1]
        if digest in self.pending_hashes:
            self.flush()  # its twin needs an id before this one can point at it
        twin = self.added_hashes.get(digest)
        if twin is None:
            twin = articles_db.find_id_by_hash(self.db, digest)
        if twin is not None:
            self.outcomes.append(ImportOutcome(shown, "duplicate", twin, f"same text as article {twin}"))
            return
        self.outcomes.append(ImportOutcome(shown, "added"))  # its id is known once written
        self.pending.append((len(self.outcomes) - 1, origin, source, result))
        self.pending_hashes.add(digest)
        if len(self.pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Write the pending rows and their index entries in one transaction."""
        if not self.pending:
            return
        try:
            self._write_batch()
        except sqlite3.IntegrityError:
            # Another importer wrote some of these origins or texts since they were
            # checked (two `newsreader import` runs over the same files): the batch
            # is rolled back, and the one-by-one path decides each (unchanged,
            # updated or duplicate), under its own transactions.
            self._write_one_by_one()
        self.pending.clear()
        self.pending_hashes.clear()

    def _write_one_by_one(self) -> None:
        decided = {}
        # One transaction still: a batch is written whole or not at all.
        with self.db.atomic():
            for index, origin, source, r in self.pending:
                parsed = parse_plaintext(r[2], r[3])
                shown = self.outcomes[index].source
                decided[index] = (r[1], importing.import_parsed(self.db, origin, parsed, source=source, display=shown))
        for index, (digest, outcome) in decided.items():
            self.outcomes[index] = outcome
            if outcome.status == "added":
                self.added_hashes[digest] = outcome.article_id

    def _write_batch(self) -> None:
        now = utc_now()
        conn = self.db.conn
        with _immediate_transaction(self.db):
            # The ids SQLite would give one insert after another (max + 1), read
            # under the write lock so no other writer can take them meanwhile.
            first = (conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0) + 1
            rows, exact, search = [], [], []
            for article_id, (_index, origin, source, r) in enumerate(self.pending, start=first):
                _status, digest, raw, _encoding, title, language, body, blocks = r[:8]
                rows.append((article_id, origin, source, now, now, title, language, raw, body, blocks,
                             digest, CLEANER_VERSION, now))
                exact.append((article_id, title, body))
                search.append((article_id, *r[8:]))
            with search_index.article_triggers_set_aside(self.db) as index_rows:
                conn.executemany(_INSERT_ARTICLE, rows)
                index_rows(exact, search)
        for article_id, (index, _origin, _source, r) in enumerate(self.pending, start=first):
            self.outcomes[index] = ImportOutcome(self.outcomes[index].source, "added", article_id)
            self.added_hashes[r[1]] = article_id

    @contextmanager
    def bulk_settings(self):
        """A bigger page cache for the load, put back afterwards."""
        before = self.db.execute("PRAGMA cache_size").fetchone()[0]
        self.db.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        try:
            yield
        finally:
            self.db.execute(f"PRAGMA cache_size = {before}")


@contextmanager
def _immediate_transaction(db: Database):
    """BEGIN IMMEDIATE (the write lock before reading max(id)), or a savepoint
    inside a transaction the caller holds."""
    conn = db.conn
    if conn.in_transaction:
        conn.execute("SAVEPOINT newsreader_bulk")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK TO SAVEPOINT newsreader_bulk")
            conn.execute("RELEASE SAVEPOINT newsreader_bulk")
            raise
        conn.execute("RELEASE SAVEPOINT newsreader_bulk")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.execute("COMMIT")
