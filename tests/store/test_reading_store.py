"""The read-state queries are answered from indexes (an article's `read_at` lies
past its long text columns: migration 006 adds the one per feed)."""

from __future__ import annotations

from newsreader.store import reading


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


def test_migration_006_adds_the_feed_reading_index(lib):
    db = lib.store.db
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "articles_feed_reading" in indexes and "articles_feed" not in indexes
    # a feed's articles, newest first, still come from an index
    plan = _plan(db, "SELECT id FROM articles WHERE feed_id = ? ORDER BY sort_key DESC, id DESC", [1])
    assert "articles_feed_reading" in plan and "TEMP B-TREE" not in plan


def test_a_store_from_before_006_is_upgraded_with_its_articles_and_counts(db_path):
    from newsreader.library import Library

    lib = Library.open(db_path)
    lib.ensure_seeded()
    lib.mark_read(1)
    db = lib.store.db
    # back to what 005 left: the old feed index, no record of 006
    db.execute("DROP INDEX articles_feed_reading")
    db.execute("CREATE INDEX articles_feed ON articles(feed_id, sort_key DESC, id DESC)")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = '006_feed_reading_index'")
    lib.close()
    lib = Library.open(db_path)
    try:
        db = lib.store.db
        indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "articles_feed_reading" in indexes and "articles_feed" not in indexes
        assert lib.unread_count() == (0, 1) and lib.article(1).read_at is not None
    finally:
        lib.close()
