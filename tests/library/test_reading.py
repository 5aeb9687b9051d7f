"""Read state in bulk through the facade: mark unread, set_read with exact undo,
unread ids and counts, and unread counts per feed."""

from __future__ import annotations

import time

import pytest

from newsreader.model import FeedCount

from support.feeds_server import Route, rss


def _texts(lib, tmp_path, n: int) -> list[int]:
    paths = []
    for i in range(n):
        path = tmp_path / f"a{i}.txt"
        path.write_text(f"Tittel {i}\nDette er artikkel nummer {i} om været i Bergen og Oslo i dag.\n")
        paths.append(path)
    outcomes = lib.import_paths(paths)
    assert all(o.status == "added" for o in outcomes)
    return [o.article_id for o in outcomes]


def _read_at(lib, article_id: int):
    return lib.article(article_id).read_at


def test_mark_unread_clears_read_at(lib, tmp_path):
    [a] = _texts(lib, tmp_path, 1)
    lib.mark_read(a)
    assert _read_at(lib, a) is not None
    lib.mark_unread(a)
    assert _read_at(lib, a) is None
    lib.mark_unread(a)  # already unread: nothing to do, no error
    assert _read_at(lib, a) is None


def test_set_read_returns_exactly_what_changed_and_undoes_with_the_opposite_call(lib, tmp_path):
    a, b, c, d = _texts(lib, tmp_path, 4)
    lib.mark_read(b)
    b_read_at = _read_at(lib, b)
    changed = lib.set_read([d, a, b, c, a, 999_999], True)
    assert changed == [d, a, c]  # in the order given, once each; b was read, 999999 is no article
    assert lib.unread_ids([a, b, c, d]) == set()
    assert _read_at(lib, b) == b_read_at  # untouched
    assert lib.set_read([a, b, c, d], True) == []
    # undo: exactly those back to unread, b stays read
    assert lib.set_read(changed, False) == [d, a, c]
    assert lib.unread_ids([a, b, c, d]) == {a, c, d}
    assert _read_at(lib, b) == b_read_at
    assert lib.set_read([], True) == [] and lib.set_read([], False) == []


def test_set_read_is_one_transaction(lib, tmp_path, monkeypatch):
    ids = _texts(lib, tmp_path, 3)
    statements: list[str] = []
    lib.store.db.conn.set_trace_callback(statements.append)
    try:
        lib.set_read(ids, True)
    finally:
        lib.store.db.conn.set_trace_callback(None)
    writes = [s for s in statements if s.lstrip().upper().startswith(("UPDATE", "BEGIN", "COMMIT"))]
    assert [w.split()[0].upper() for w in writes] == ["BEGIN", "UPDATE", "COMMIT"]


def test_unread_ids_and_counts(lib, tmp_path):
    ids = _texts(lib, tmp_path, 5)
    assert lib.unread_count() == (5, 5)
    assert lib.unread_ids() == set(ids)
    lib.set_read(ids[:2], True)
    assert lib.unread_count() == (3, 5)
    assert lib.unread_ids() == set(ids[2:])
    assert lib.unread_ids([ids[0], ids[3], 424242]) == {ids[3]}
    assert lib.unread_ids([]) == set()


def test_unread_ids_take_the_scan_path_for_many_ids_with_the_same_answer(lib, tmp_path, monkeypatch):
    import newsreader.store.reading as reading

    ids = _texts(lib, tmp_path, 6)
    lib.set_read(ids[::2], True)
    few = lib.unread_ids(ids[:3])
    monkeypatch.setattr(reading, "_SCAN_RATIO", 10_000)  # every call reads the whole index
    assert lib.unread_ids(ids[:3]) == few == {ids[1]}
    assert lib.unread_ids(ids + [10**9]) == set(ids[1::2])


def _feed(title: str, items: list[tuple[str, str]]) -> bytes:
    return rss(title, [
        {"title": t, "link": f"https://{title.lower()}.example/{n}", "guid": f"https://{title.lower()}.example/{n}",
         "pubDate": date, "description": f"<p>Artikkel {n} fra {title} om været i Bergen i dag.</p>"}
        for n, (t, date) in enumerate(items)
    ])


def test_feed_counts_newest_first_with_empty_feeds_last(lib, server):
    server.routes["/old.xml"] = Route(_feed("Gammel", [("a", "Mon, 01 Jan 2024 10:00:00 GMT"),
                                                       ("b", "Tue, 02 Jan 2024 10:00:00 GMT")]))
    server.routes["/new.xml"] = Route(_feed("Ny", [("c", "Wed, 01 May 2024 10:00:00 GMT")]))
    server.routes["/empty.xml"] = Route(_feed("Aaa tom", []))
    old = lib.subscribe(server.url("/old.xml")).feed_id
    new = lib.subscribe(server.url("/new.xml")).feed_id
    empty = lib.subscribe(server.url("/empty.xml")).feed_id
    lib.ensure_seeded()  # an article from no feed: in no count

    counts = lib.feed_counts()
    assert [c.feed.id for c in counts] == [new, old, empty]
    assert all(isinstance(c, FeedCount) for c in counts)
    by_id = {c.feed.id: c for c in counts}
    assert (by_id[old].unread, by_id[old].total) == (2, 2)
    assert by_id[old].newest == "2024-01-02T10:00:00+00:00"
    assert (by_id[new].unread, by_id[new].total, by_id[new].newest) == (1, 1, "2024-05-01T10:00:00+00:00")
    assert (by_id[empty].unread, by_id[empty].total, by_id[empty].newest) == (0, 0, None)
    assert by_id[old].feed.title == "Gammel"

    lib.set_read(lib.article_ids(old)[:1], True)
    assert (lib.feed_counts()[1].unread, lib.feed_counts()[1].total) == (1, 2)


def test_feed_counts_take_two_queries_whatever_the_number_of_feeds(lib, server):
    for n in range(4):
        server.routes[f"/f{n}.xml"] = Route(_feed(f"Feed{n}", [("x", f"Mon, 0{n + 1} Jan 2024 10:00:00 GMT")]))
        lib.subscribe(server.url(f"/f{n}.xml"))
    statements: list[str] = []
    lib.store.db.conn.set_trace_callback(statements.append)
    try:
        counts = lib.feed_counts()
    finally:
        lib.store.db.conn.set_trace_callback(None)
    assert len(counts) == 4 and [c.feed.title for c in counts] == ["Feed3", "Feed2", "Feed1", "Feed0"]
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 2


def _many(lib, n: int) -> list[int]:
    """`n` small articles inserted directly (the importer would take minutes), the
    search index's insert triggers set aside: these tests do not search."""
    db = lib.store.db
    for (trigger,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'articles' AND sql LIKE '%AFTER INSERT%'"
    ).fetchall():
        db.execute(f'DROP TRIGGER "{trigger}"')
    rows = [(f"o{i}", f"Tittel {i}", "x", "kort tekst", f"h{i}", 1, "t", "t", f"2024-{i:07d}")
            for i in range(n)]
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO articles (origin, title, raw, body, content_hash, cleaner_version, imported_at, "
            "updated_at, sort_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return lib.article_ids()


@pytest.mark.parametrize("n", [20_000, pytest.param(100_000, marks=pytest.mark.slow)])
def test_bulk_read_state_is_fast(lib, n):
    ids = _many(lib, n)
    start = time.perf_counter()
    changed = lib.set_read(ids, True)
    marked = time.perf_counter() - start
    assert len(changed) == n and lib.unread_count() == (0, n)
    start = time.perf_counter()
    assert lib.unread_ids(ids) == set()
    assert lib.set_read(changed, False) == changed
    assert lib.unread_ids(ids[: n // 2]) == set(ids[: n // 2])
    rest = time.perf_counter() - start
    # Measured here: 20,000 small rows ~0.3-0.5 s to mark, ~0.2-0.3 s for the rest (100,000:
    # ~1.8 s each). Generous bounds against a busy machine; a query per id is ~10x slower.
    assert marked < 3 * n / 20_000 and rest < 4 * n / 20_000, (marked, rest)
