"""The read-state queries are answered from indexes (an article's `read_at` lies
past its long text columns: migration 006 adds the one per feed), and the
full-text fallback table of migration 007 goes with its article."""

from __future__ import annotations

import sqlite3

from newsreader.store import full_texts, reading


def _plan(db, sql: str, params) -> str:
    return " | ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def _trace(db, fn):
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        fn()
    finally:
        db.conn.set_trace_callback(None)
    return [s for s in statements if s.lstrip().upper().startswith("SELECT")]


def test_read_state_queries_use_covering_indexes(lib):
    db = lib.store.db
    for fn in (lambda: reading.unread_ids(db, [1, 2]), lambda: reading.unread_ids(db),
               lambda: reading.unread_count(db), lambda: reading.feed_reading(db),
               lambda: reading.set_read(db, [1], "2024-05-01T00:00:00+00:00")):
        for sql in _trace(db, fn):
            plan = _plan(db, sql, ["[1, 2]"] * sql.count("?"))
            steps = [step for step in plan.split(" | ") if " articles " in f"{step} "]
            assert steps and all("COVERING INDEX" in step for step in steps), (sql, plan)


def test_migrations_006_and_007_add_the_feed_reading_index_and_the_fallback_table(lib):
    db = lib.store.db
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "articles_feed_reading" in indexes and "articles_feed" not in indexes
    assert db.table_exists("full_texts")
    # a feed's articles, newest first, still come from an index
    plan = _plan(db, "SELECT id FROM articles WHERE feed_id = ? ORDER BY sort_key DESC, id DESC", [1])
    assert "articles_feed_reading" in plan and "TEMP B-TREE" not in plan


def test_the_fallback_row_goes_with_its_article(lib):
    lib.ensure_seeded()
    db = lib.store.db
    full_texts.record(db, 1, "https://x.example/a", "Tittel\n\nkort", "abc", "2024-05-01T00:00:00+00:00")
    assert full_texts.get(db, 1).summary_raw == "Tittel\n\nkort"
    full_texts.record(db, 1, "https://x.example/b", "Tittel\n\nny", "def", "2024-05-02T00:00:00+00:00")
    row = full_texts.get(db, 1)
    assert (row.url, row.summary_raw, row.summary_hash) == ("https://x.example/b", "Tittel\n\nny", "def")
    db.execute("DELETE FROM articles WHERE id = 1")
    assert full_texts.get(db, 1) is None
    try:
        full_texts.record(db, 99, "https://x.example/a", "t", "h", "now")
    except sqlite3.IntegrityError:
        pass
    else:
        raise AssertionError("a fallback for no article was stored")


def test_a_store_from_before_006_is_upgraded_with_its_articles_and_counts(db_path):
    from newsreader.library import Library

    lib = Library.open(db_path)
    lib.ensure_seeded()
    lib.mark_read(1)
    db = lib.store.db
    # back to what 005 left: the old feed index, no fallback table, no records of 006/007
    db.execute("DROP INDEX articles_feed_reading")
    db.execute("CREATE INDEX articles_feed ON articles(feed_id, sort_key DESC, id DESC)")
    db.execute("DROP TABLE full_texts")
    db.execute("DELETE FROM _sqlite_migrations WHERE name IN ('006_feed_reading_index', '007_full_text')")
    lib.close()
    lib = Library.open(db_path)
    try:
        db = lib.store.db
        indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "articles_feed_reading" in indexes and "articles_feed" not in indexes
        assert db.table_exists("full_texts") and lib.fallback_raw(1) is None
        assert lib.unread_count() == (0, 1) and lib.article(1).read_at is not None
    finally:
        lib.close()
