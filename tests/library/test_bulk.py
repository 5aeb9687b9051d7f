"""Bulk import gives exactly what importing one article at a time gives:
the same outcomes, rows, ids and search index; and a failed batch leaves the
store as it was before that batch."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

import pytest

from newsreader.library.indexing import open_store
from newsreader.library import bulk, importing
from newsreader.library.importing import ImportOutcome
from newsreader.ingest.plaintext import IngestError, decode_bytes, parse_plaintext, read_text_file
from newsreader.library import Library
from newsreader.store import Store

from support import MARKER, SEED

# Columns that hold the time of the import itself, which no two runs share.
CLOCK_COLUMNS = {"imported_at", "updated_at", "sort_key", "replaced_at", "created_at"}
INDEXES = ("articles_fts", "articles_search", "highlights_search", "article_notes_search")

NORWEGIAN = SEED.read_text(encoding="utf-8")
ENGLISH = (
    "Rocket lands in a field\n"
    "The rocket landed in a field near the border on Tuesday, officials said. "
    "Nobody was hurt, and the investigation into where it came from continues.\n"
)
GERMAN = (
    "Die Rakete\n"
    "Die Rakete ist am Dienstag auf einem Feld nahe der Grenze gelandet, sagten die Behörden. "
    "Niemand wurde verletzt, und die Ermittlungen dauern an.\n"
)


def variant(text: str, n: int) -> str:
    """The seed with a numbered title and one changed paragraph: a distinct article."""
    title, _, body = text.partition("\n")
    return f"{title} ({n})\nMøtet i Tromsø nummer {n} ble avlyst.{MARKER}Generalene ventet.\n{body}"


def items() -> list[bulk.TextItem]:
    """Every kind of input: languages, markers, failures, duplicates, repeats, bytes."""
    given = [bulk.TextItem(f"no:{n}", variant(NORWEGIAN, n)) for n in range(12)]
    given += [
        bulk.TextItem("en", ENGLISH, display="english.txt", source="wire"),
        bulk.TextItem("de", GERMAN.encode("cp1252"), encoding=None),
        bulk.TextItem("short", "Tittel\nFor kort.\n"),
        bulk.TextItem("empty", ""),
        bulk.TextItem("title-only", "Bare en tittel\n\n"),
        bulk.TextItem("binary", b"\x00\x01\x02 not text"),
        bulk.TextItem("dup-of-no:3", variant(NORWEGIAN, 3)),
        bulk.TextItem("no:5", variant(NORWEGIAN, 5)),  # repeated, same text: unchanged
        bulk.TextItem("no:6", variant(NORWEGIAN, 66)),  # repeated, new text: updated
        bulk.TextItem("dup-twice", ENGLISH),
        bulk.TextItem("latin", "Café\nDet var en café i Ålesund, og kaffen var god der.".encode("latin-1"),
                      encoding="latin-1"),
    ]
    return given


def one_by_one(db, given: list[bulk.TextItem]) -> list[ImportOutcome]:
    """The reference: what a file-by-file import does with the same inputs."""
    outcomes = []
    for item in given:
        shown = item.display or item.origin
        try:
            if isinstance(item.data, bytes):
                parsed = parse_plaintext(*decode_bytes(item.data, item.encoding))
            else:
                parsed = parse_plaintext(item.data)
        except IngestError as exc:
            outcomes.append(ImportOutcome(shown, "failed", message=str(exc)))
            continue
        outcomes.append(importing.import_parsed(db, item.origin, parsed, source=item.source, display=shown))
    return outcomes


def rows(db, table: str, order: str = "id") -> list[dict]:
    return [{k: v for k, v in r.items() if k not in CLOCK_COLUMNS}
            for r in db.query(f"SELECT * FROM {table} ORDER BY {order}")]


def index_dump(db, table: str) -> tuple[list, list, bytes | None]:
    """Every (term, doc, column, offset) in an FTS5 index, the per-row sizes, and
    the totals bm25 ranks with: equal dumps mean equal search results."""
    db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_{table} USING fts5vocab(main, {table}, instance)")
    terms = db.execute(f"SELECT term, doc, col, offset FROM temp.vocab_{table} ORDER BY 1, 2, 3, 4").fetchall()
    sizes = db.execute(f"SELECT id, sz FROM {table}_docsize ORDER BY id").fetchall()
    totals = db.execute(f"SELECT block FROM {table}_data WHERE id = 1").fetchone()
    return terms, sizes, totals


def assert_same_store(a, b) -> None:
    for table in ("articles", "article_versions", "highlights"):
        assert rows(a, table) == rows(b, table), table
    assert rows(a, "article_notes", "article_id") == rows(b, "article_notes", "article_id")
    for table in INDEXES:
        assert index_dump(a, table) == index_dump(b, table), table
        b.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
    triggers = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    assert a.execute(triggers).fetchall() == b.execute(triggers).fetchall()


def same_outcomes(a: list[ImportOutcome], b: list[ImportOutcome]) -> None:
    assert [(o.source, o.status, o.article_id, o.message, o.orphaned) for o in a] == [
        (o.source, o.status, o.article_id, o.message, o.orphaned) for o in b
    ]


@pytest.fixture
def small_chunks(monkeypatch):
    """Many chunks and batches even for a few inputs, and the pool even below its threshold."""
    monkeypatch.setattr(bulk, "CHUNK_SIZE", 3)
    monkeypatch.setattr(bulk, "MIN_PARALLEL", 0)


@pytest.mark.parametrize("workers", [1, 2])
def test_same_outcomes_rows_and_index_as_one_by_one(tmp_path, small_chunks, workers):
    reference, fast = open_store(tmp_path / "a.db"), open_store(tmp_path / "b.db")
    expected = one_by_one(reference.db, items())
    got = bulk.import_texts(fast.db, items(), workers=workers, batch_size=4)
    same_outcomes(expected, got)
    statuses = {o.status for o in got}
    assert statuses == {"added", "failed", "duplicate", "unchanged", "updated"}
    assert_same_store(reference.db, fast.db)


def test_reimport_into_an_annotated_store_matches(tmp_path, small_chunks):
    """Unchanged, changed (highlights re-anchored or orphaned) and new articles together."""
    base = Library.open(tmp_path / "base.db")
    one_by_one(base.store.db, items()[:6])
    ids = dict(base.store.db.execute("SELECT origin, id FROM articles").fetchall())
    body = base.article(ids["no:1"]).body
    start = body.index("Generalene")
    kept = base.add_highlight(ids["no:1"], start, start + len("Generalene ventet"), note="beholdt")
    lost = base.add_highlight(ids["no:2"], 0, 20, note="forsvinner")
    base.set_article_note(ids["no:2"], "merknad")
    base.close()
    for name in ("a.db", "b.db"):
        shutil.copy(tmp_path / "base.db", tmp_path / name)
    again = items()
    again[1] = bulk.TextItem("no:1", "Ny tittel\nHelt ny tekst her.\n" + variant(NORWEGIAN, 1).split("\n", 1)[1])
    again[2] = bulk.TextItem("no:2", "Annen tittel\nDette handler om fotball og vær, ikke om noe annet.\n")
    reference, fast = Library.open(tmp_path / "a.db"), Library.open(tmp_path / "b.db")
    expected = one_by_one(reference.store.db, again)
    got = bulk.import_texts(fast.store.db, again, workers=2, batch_size=5)
    same_outcomes(expected, got)
    assert [o.status for o in got[:6]] == ["unchanged", "updated", "updated", "unchanged", "unchanged", "unchanged"]
    assert_same_store(reference.store.db, fast.store.db)
    assert fast.highlight(kept.id).state == "anchored"
    assert fast.highlight(lost.id).state == "orphaned"


def test_files_are_read_like_a_file_import(tmp_path, small_chunks):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(variant(NORWEGIAN, 1), encoding="utf-8")
    (folder / "b.txt").write_bytes(GERMAN.encode("cp1252"))
    (folder / "c.txt").write_bytes(b"")
    (folder / "d.txt").write_bytes(b"\x00binary")
    (folder / "sub").mkdir()
    paths = [folder / n for n in ("a.txt", "b.txt", "c.txt", "d.txt", "sub", "missing.txt")]
    reference, fast = open_store(tmp_path / "a.db"), open_store(tmp_path / "b.db")
    expected = []
    for path in paths:
        try:
            parsed = read_text_file(path)
        except IngestError as exc:
            expected.append(ImportOutcome(str(path), "failed", message=str(exc)))
            continue
        expected.append(importing.import_parsed(reference.db, str(path.resolve()), parsed, display=str(path)))
    got = bulk.import_files(fast.db, paths, workers=2)
    same_outcomes(expected, got)
    assert [o.status for o in got] == ["added", "added", "failed", "failed", "failed", "failed"]
    assert_same_store(reference.db, fast.db)


def test_writer_never_runs_the_index_functions(tmp_path):
    """The fast path is really taken: the per-row triggers (which call nr_fold on
    the writer's connection) are set aside while the rows go in."""
    store = open_store(tmp_path / "s.db")
    calls = []
    store.db.conn.create_function("nr_fold", 1, lambda text: calls.append(1) or text or "")
    bulk.import_texts(store.db, items()[:5], workers=1)
    assert calls == []
    importing.import_parsed(store.db, "x", parse_plaintext(ENGLISH.replace("Rocket", "Other")))
    assert calls  # the triggers are back, firing for ordinary inserts


def test_an_unknown_trigger_is_left_to_fire(tmp_path):
    """A later migration that changes the index triggers must not be undone by bulk import."""
    reference, fast = open_store(tmp_path / "a.db"), open_store(tmp_path / "b.db")
    changed = ('CREATE TRIGGER "articles_ai" AFTER INSERT ON "articles" BEGIN '
               'INSERT INTO "articles_fts" (rowid, "title", "body") VALUES (new.rowid, upper(new."title"), new."body"); END')
    for db in (reference.db, fast.db):
        db.execute('DROP TRIGGER "articles_ai"')
        db.execute(changed)
    one_by_one(reference.db, items()[:4])
    bulk.import_texts(fast.db, items()[:4], workers=1)
    assert_same_store(reference.db, fast.db)


def test_a_failed_batch_leaves_the_store_as_before_it(tmp_path):
    store = open_store(tmp_path / "s.db")
    db = store.db
    db.execute("CREATE TEMP TRIGGER boom BEFORE INSERT ON articles WHEN new.origin = 'no:6' "
               "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
    with pytest.raises(sqlite3.DatabaseError, match="disk on fire"):
        bulk.import_texts(db, items()[:10], workers=1, batch_size=4)
    assert [r[0] for r in db.execute("SELECT origin FROM articles ORDER BY id")] == [f"no:{n}" for n in range(4)]
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"articles_ai", "articles_search_ai"} <= names
    for table in INDEXES:
        db.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
    db.execute("DROP TRIGGER temp.boom")
    assert {o.status for o in bulk.import_texts(db, items()[:10], workers=1)} == {"unchanged", "added"}
    assert db.execute("SELECT count(*) FROM articles_search WHERE articles_search MATCH 'tromso'").fetchone()[0] == 10


def test_progress_follows_every_input_in_order(tmp_path):
    store = open_store(tmp_path / "s.db")
    seen = []
    given = items()[:5]
    bulk.import_texts(store.db, given, workers=1, progress=lambda done, total, what: seen.append((done, total, what)))
    assert seen == [(i + 1, 5, item.origin) for i, item in enumerate(given)]


def test_bulk_is_core_and_never_imports_textual():
    code = ("import sys, newsreader.library.bulk\n"
            "assert not [m for m in sys.modules if m.split('.')[0] == 'textual']\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
