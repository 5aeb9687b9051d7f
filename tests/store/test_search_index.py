"""The folded/stemmed index (migration 002): triggers, backfill, and queries that never fail."""


import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlite_utils import Database

from newsreader.library import Library
from newsreader.search import search
from newsreader.search.engine import build_statements, plan_query
from newsreader.library.indexing import open_store
from newsreader.store import Store
from newsreader.store.migrations import sqlite_utils_migrations

ROW = ("INSERT INTO articles (id, origin, title, language, raw, body, content_hash, cleaner_version, "
       "imported_at, updated_at, sort_key) VALUES (?, ?, ?, ?, 'r', ?, ?, 1, 't', 't', 't')")
SEARCH_TABLES = ("articles_search", "highlights_search", "article_notes_search")


def check_integrity(db):
    for table in SEARCH_TABLES:
        db.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")


def found(db, word):
    return [r[0] for r in db.execute("SELECT rowid FROM articles_search WHERE articles_search MATCH ?", [word])]


def test_index_follows_inserts_updates_and_deletes(lib):
    db = lib.store.db
    db.execute(ROW, [7, "o", "Tittel", "no", "Raketten landet i Tromsø", "h"])
    assert found(db, '"tromso"') == [7] and found(db, '"rakett"') == [7]
    db.execute("UPDATE articles SET body = 'Generalene møttes' WHERE id = 7")
    assert found(db, '"tromso"') == [] and found(db, '"general"') == [7]
    db.execute("UPDATE articles SET language = 'unknown' WHERE id = 7")
    assert found(db, '"general"') == []  # unknown language: not stemmed
    check_integrity(db)
    db.execute("DELETE FROM articles WHERE id = 7")
    assert found(db, '"generalene"') == []
    check_integrity(db)


def test_highlights_and_notes_follow_edits_deletes_and_language(seeded):
    db = seeded.store.db
    h = seeded.add_highlight(1, 0, 20, note="viktig for oppgaven")
    seeded.set_article_note(1, "kildene")
    assert [x.kind for x in seeded.search("oppgave")] == ["note"]
    assert [x.kind for x in seeded.search("kilde")] == ["note"]
    seeded.set_highlight_note(h.id, "noe annet")
    assert seeded.search("oppgave") == []
    db.execute("UPDATE articles SET language = 'en' WHERE id = 1")
    assert seeded.search("kilde") == []  # now stemmed as English: "kildene" stays whole
    check_integrity(db)
    seeded.delete_highlight(h.id)
    seeded.set_article_note(1, None)
    assert seeded.search("in:notes annet") == [] and seeded.search("in:notes kildene") == []
    check_integrity(db)


def test_marking_read_or_starring_does_not_reindex(seeded):
    db = seeded.store.db
    h = seeded.add_highlight(1, 0, 20, note="viktig")
    calls = []

    def counting(text, language):
        calls.append(language)
        return ""

    db.register_function(counting, name="nr_stem", replace=True)
    changes = db.conn.total_changes
    seeded.mark_read(1)
    seeded.set_starred(1, True)
    seeded.set_read_position(1, 10)
    seeded.set_highlight_tags(h.id, ["krise"])
    # four row updates, and no FTS writes (each would add to total_changes)
    assert calls == [] and db.conn.total_changes - changes == 4
    check_integrity(db)


def test_migration_002_backfills_a_store_from_before_search(db_path):
    db = Database(db_path)
    sqlite_utils_migrations().apply(db, stop_before="002_search")
    db.execute(ROW, [1, "o", "Nytt fra Tromsø", "no", "De røde generalene", "h"])
    db.execute("INSERT INTO highlights (article_id, start, \"end\", exact, note, created_at, updated_at) "
               "VALUES (1, 0, 2, 'De', 'viktig for oppgaven', 't', 't')")
    db.execute("INSERT INTO article_notes VALUES (1, 'kildene', 't', 't')")
    db.conn.commit()
    db.close()
    lib = Library(open_store(db_path))
    try:
        assert [h.kind for h in lib.search("tromso rode general")] == ["article"]
        assert [h.kind for h in lib.search("oppgave")] == ["note"]
        assert [(h.kind, h.highlight_id) for h in lib.search("kilde")] == [("note", None)]
        check_integrity(lib.store.db)
    finally:
        lib.close()


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    lib = Library.open(tmp_path_factory.mktemp("search") / "store.db")
    lib.ensure_seeded()
    lib.add_highlight(1, 0, 30, note="viktig for oppgaven", tags=["krise"])
    lib.set_article_note(1, "Husk kildene")
    yield lib
    lib.close()


HOSTILE = ["c++", "AT&T", "o'neil", '"abc', "NOT", "foo-bar", "((", "*", ":", "title:", "-", "🙂",
           "x" * 10000, "OR AND NEAR", 'title:"', "-(", "a OR", "OR a", ")(", "\x00", "tag:", "lang:'",
           '"" "', "NEAR(a b)", "a:b:c", "-- -", "is:", "\\", "'; DROP TABLE articles; --"]


@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.parametrize("live", [False, True])
def test_hostile_queries_run_unguarded(library, query, live):
    assert_statements_run(library, query, live)
    assert isinstance(search(library.store.db, query, 20, live=live), list)


def assert_statements_run(library, query, live):
    """Execute every statement the query builds without search()'s safety net."""
    db = library.store.db
    plan, languages = plan_query(db, query, live)
    if plan.empty:
        return
    for statement in build_statements(plan, 20, languages):
        db.execute(statement.sql, statement.params).fetchall()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, max_examples=300)
@given(query=st.text(), live=st.booleans())
def test_no_query_string_raises(library, query, live):
    assert_statements_run(library, query, live)
    hits = library.search(query, live=live)
    assert isinstance(hits, list)
    for hit in hits:
        assert all(0 <= a < b <= len(hit.snippet) for a, b in hit.marks)


_OPERATORS = st.sampled_from(['"', "(", ")", "-", "*", " OR ", " ", ":", "title:", "lang:no ", "is:", "tag:"])


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, max_examples=300)
@given(parts=st.lists(st.one_of(_OPERATORS, st.sampled_from(["røde", "rakett", "Tromsø", "krise", "x"]),
                                st.text(max_size=3)), max_size=12), live=st.booleans())
def test_no_mix_of_syntax_raises(library, parts, live):
    query = "".join(parts)
    assert_statements_run(library, query, live)
    assert isinstance(library.search(query, live=live), list)


def test_a_damaged_index_is_no_traceback(library, tmp_path):
    lib = Library.open(tmp_path / "broken.db")
    lib.ensure_seeded()
    lib.store.db.execute("DROP INDEX articles_search_facets")
    assert lib.search("lang:no hotline") == []
    lib.close()


def test_a_changed_stemmer_or_folding_rebuilds_the_index_on_open(db_path):
    lib = Library.open(db_path)
    lib.ensure_seeded()
    lib.add_highlight(1, 0, 20, note="viktig for oppgaven")
    db = lib.store.db
    # As if built by another stemmer: the stored index no longer matches today's stems.
    db.execute("DELETE FROM highlights_search")
    db.execute("INSERT INTO articles_search(articles_search) VALUES ('delete-all')")
    db.execute("UPDATE search_index_version SET version = 'fold0-stem0-snowball0'")
    assert lib.search("rode") == [] and lib.search("oppgave") == []
    lib.close()
    lib = Library.open(db_path)
    assert [h.kind for h in lib.search("oppgave")] == ["note"]
    assert [h.kind for h in lib.search("rode")] == ["article"]
    check_integrity(lib.store.db)
    lib.close()
