"""Search in scripts written without spaces: Chinese, Japanese, Korean, Thai, Burmese.

Before: unicode61 made one token of a whole run of such text, so a word inside a
sentence ("经济" in "中国经济增长放缓") was never found.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlite_utils import Database

from newsreader.ingest.plaintext import parse_plaintext
from newsreader.library import Library, bulk, match_spans
from newsreader.library.indexing import index_functions, open_store
from newsreader.search.engine import build_statements, plan_query
from newsreader.store.index import register
from newsreader.store.migrations import sqlite_utils_migrations

from support.cli import run

CHINESE = ("中国经济增长放缓\n"
           "国家统计局周一公布的数据显示，中国经济增长放缓。特斯拉 Tesla 的电动车销量下降。\n"
           "专家认为，消费需求仍然疲软。\n")
JAPANESE = ("首相が辞任を表明\n"
            "日本の首相が辞任を表明しました。アメリカの大統領は声明を出しました。東京で記者会見が開かれました。\n")
THAI = "ข่าววันนี้\nวันนี้อากาศดีมาก รัฐบาลประกาศนโยบายเศรษฐกิจใหม่ ประชาชนพอใจ\n"
KOREAN = "한국 뉴스\n한국 경제가 빠르게 성장하고 있습니다. 정부는 새로운 정책을 발표했습니다.\n"
BURMESE = "မြန်မာ သတင်း\nမြန်မာနိုင်ငံ သတင်း။ ဒုတိယ စာကြောင်း။\n"
ENGLISH = "Tesla sales\nTesla sold fewer cars this quarter, the company said on Monday.\n"
TEXTS = {"zh": CHINESE, "ja": JAPANESE, "th": THAI, "ko": KOREAN, "my": BURMESE, "en": ENGLISH}
GRAM_TABLES = ("articles_grams", "highlights_grams", "article_notes_grams")


def add(lib: Library, origin: str, text: str) -> int:
    return lib.import_parsed(origin, parse_plaintext(text)).article_id


@pytest.fixture
def world(lib):
    lib.ensure_seeded()
    ids = {key: add(lib, key, text) for key, text in TEXTS.items()}
    return lib, ids


def found(lib, query, **kwargs) -> list[int]:
    return [h.article_id for h in lib.search(query, **kwargs)]


def marked(hit) -> list[str]:
    return [hit.snippet[a:b] for a, b in hit.marks]


def check_integrity(db) -> None:
    for table in ("articles_search", *GRAM_TABLES):
        db.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")


@pytest.mark.parametrize("key, word", [
    ("zh", "经济"),  # two characters inside 中国经济增长放缓
    ("zh", "增长放缓"),
    ("ja", "大統領"),  # three characters inside アメリカの大統領は声明を
    ("ja", "記者会見"),
    ("th", "เศรษฐกิจ"),  # inside รัฐบาลประกาศนโยบายเศรษฐกิจใหม่
    ("ko", "경제"),  # inside the eojeol 경제가
    ("my", "သတင်း"),
])
def test_a_word_inside_a_run_is_found_and_marked(world, key, word):
    lib, ids = world
    [hit] = lib.search(word)
    assert hit.article_id == ids[key] and hit.kind == "article"
    assert word in hit.snippet and word in marked(hit)
    assert found(lib, word, live=True) == [ids[key]]  # as typed in the search bar


def test_one_character_and_run_boundaries(world):
    lib, ids = world
    assert found(lib, "济") == [ids["zh"]]
    assert found(lib, "缓") == [ids["zh"]]  # the last character of a run
    # "放缓" ends one sentence and "国家" starts the next: no match across 。
    assert found(lib, "缓国") == []
    assert found(lib, "经济衰退") == []  # every pair must be there, in order


def test_a_mixed_query_needs_both_words(world):
    lib, ids = world
    [hit] = lib.search("Tesla 电动车")
    assert hit.article_id == ids["zh"]
    assert {"Tesla", "电动车"} <= set(marked(hit))
    assert sorted(found(lib, "Tesla OR 电动车")) == sorted([ids["zh"], ids["en"]])
    assert found(lib, "Tesla -电动车") == [ids["en"]]
    assert found(lib, "电动车 -Tesla") == []
    assert found(lib, "iPhone OR 首相") == [ids["ja"]]


def test_exclusions_and_filters(world):
    lib, ids = world
    without = set(found(lib, "is:unread -经济"))  # exclusions only: a listing
    assert ids["zh"] not in without and ids["ja"] in without and 1 in without
    assert found(lib, "rakett -经济") == [1]
    assert found(lib, "lang:no 经济") == [] and found(lib, "is:unread 经济") == [ids["zh"]]
    assert found(lib, "title:经济") == [ids["zh"]] and found(lib, "title:放缓 -title:经济") == []
    assert found(lib, "title:消费") == []  # only in the body


def test_the_title_ranks_first(lib):
    body_only = add(lib, "a", "国际新闻\n今天的新闻提到经济问题。\n")
    in_title = add(lib, "b", "经济新闻\n今天的新闻很多。\n")
    assert found(lib, "经济") == [in_title, body_only]
    assert found(lib, "新闻") and set(found(lib, "新闻")) == {in_title, body_only}


def test_latin_queries_build_the_same_statements_and_rank_as_the_folded_table(world):
    lib, _ids = world
    db = lib.store.db
    for query in ["Tesla", "rakett", '"røde linjen"', "resu*", "Tesla OR rakett", "-rakett", "lang:no is:unread"]:
        plan, languages = plan_query(db, query)
        assert all("_grams" not in s.sql for s in build_statements(plan, 20, languages)), query
    # A Latin word ranks by bm25 over the folded table alone, as before.
    add(lib, "en2", "Quarterly cars\nTesla, Tesla and Tesla again: cars, cars and cars.\n")
    raw = [r[0] for r in db.execute(
        "SELECT rowid FROM articles_search WHERE articles_search MATCH '\"tesla\"' "
        "ORDER BY bm25(articles_search, 10.0, 1.0, 5.0, 0.5)")]
    assert found(lib, "Tesla") == raw and len(raw) == 3


def test_highlights_and_notes_in_those_scripts(world):
    lib, ids = world
    body = lib.article(ids["zh"]).body
    start = body.index("消费")
    h = lib.add_highlight(ids["zh"], start, start + 4, note="注意经济数据")
    lib.set_article_note(ids["ja"], "首相の辞任について調べる")
    [note] = [x for x in lib.search("经济数据") if x.kind == "note"]
    assert note.highlight_id == h.id and "经济数据" in marked(note)
    assert [(x.kind, x.article_id) for x in lib.search("in:notes 辞任")] == [("note", ids["ja"])]
    assert [x.kind for x in lib.search("消费需求")] == ["article", "note"]  # the quote is a note hit too
    lib.set_highlight_note(h.id, "别的")
    assert [x for x in lib.search("经济数据") if x.kind == "note"] == []
    lib.set_article_note(ids["ja"], None)
    assert lib.search("in:notes 辞任") == []
    check_integrity(lib.store.db)


def test_the_index_follows_edits_and_deletes(world):
    lib, ids = world
    db = lib.store.db
    grams = "SELECT count(*) FROM articles_grams_docsize"
    assert db.execute(grams).fetchone()[0] == 5  # the five articles with such text, not the seed
    db.execute("UPDATE articles SET title = 'Resigns', body = 'Now in English only.' WHERE id = ?", [ids["ja"]])
    assert found(lib, "大統領") == [] and db.execute(grams).fetchone()[0] == 4
    db.execute("UPDATE articles SET body = '新しい大統領' WHERE id = ?", [ids["en"]])
    assert found(lib, "大統領") == [ids["en"]]
    lib.mark_read(ids["zh"])
    lib.set_starred(ids["zh"], True)
    db.execute("DELETE FROM articles WHERE id = ?", [ids["zh"]])
    assert found(lib, "经济") == []
    check_integrity(db)


def test_bulk_import_indexes_them_as_one_by_one(tmp_path):
    fast, slow = open_store(tmp_path / "a.db"), open_store(tmp_path / "b.db")
    items = [bulk.TextItem(key, text) for key, text in TEXTS.items()]
    bulk.import_texts(fast.db, items, workers=1)
    for item in items:
        Library(slow).import_parsed(item.origin, parse_plaintext(item.data))
    for table in GRAM_TABLES:
        dump = f"SELECT * FROM {table}_docsize ORDER BY id"
        assert fast.db.execute(dump).fetchall() == slow.db.execute(dump).fetchall()
    assert [h.title for h in Library(fast).search("经济")] == ["中国经济增长放缓"]
    check_integrity(fast.db)
    fast.close(), slow.close()


def test_a_store_from_before_the_pair_tables_finds_those_words(db_path):
    """Migration 008_cjk_index fills the pair tables from what is stored."""
    db = Database(db_path)
    register(db, index_functions())
    sqlite_utils_migrations().apply(db, stop_before="008_cjk_index")
    db.execute("INSERT INTO search_index_version VALUES (1, ?)", [index_functions().version])
    for n, text in enumerate([CHINESE, ENGLISH], start=1):
        parsed = parse_plaintext(text)
        db.execute(
            "INSERT INTO articles (id, origin, title, raw, body, content_hash, cleaner_version, imported_at, "
            "updated_at, sort_key) VALUES (?, ?, ?, ?, ?, 'h', 1, 't', 't', 't')",
            [n, f"o{n}", parsed.title, text, parsed.body])
    db.execute("INSERT INTO highlights (article_id, start, \"end\", exact, note, created_at, updated_at) "
               "VALUES (1, 0, 2, '国家', '重要的经济数据', 't', 't')")
    db.conn.commit()
    assert "articles_grams" not in db.table_names()
    db.close()
    lib = Library(open_store(db_path))
    try:
        assert [(h.kind, h.article_id) for h in lib.search("经济")] == [("article", 1), ("note", 1)]
        assert found(lib, "Tesla 电动车") == [1] and sorted(found(lib, "Tesla")) == [1, 2]
        assert lib.store.db.execute("SELECT count(*) FROM articles_grams_docsize").fetchone()[0] == 1
        check_integrity(lib.store.db)
    finally:
        lib.close()


def test_a_stale_index_rebuilds_the_pair_tables_too(world):
    lib, ids = world
    db = lib.store.db
    db.execute("INSERT INTO articles_grams(articles_grams) VALUES ('delete-all')")
    db.execute("UPDATE search_index_version SET version = 'fold0-stem0-snowball0'")
    assert found(lib, "经济") == []
    path = lib.store.path
    lib.close()
    again = Library.open(path)
    try:
        assert found(again, "经济") == [ids["zh"]]
        check_integrity(again.store.db)
    finally:
        again.close()


def test_the_cli_finds_a_chinese_word(capsys, db_path, tmp_path):
    page = tmp_path / "zh.txt"
    page.write_text(CHINESE, encoding="utf-8")
    code, _, err = run(capsys, "--db", str(db_path), "import", str(page))
    assert code == 0, err
    code, out, err = run(capsys, "--db", str(db_path), "search", "经济", "--json")
    hits = json.loads(out)
    assert code == 0 and [h["title"] for h in hits] == ["中国经济增长放缓"]
    assert "经济" in hits[0]["snippet"]
    code, out, err = run(capsys, "--db", str(db_path), "search", "大統領")
    assert code == 0 and out == "" and "no results" in err


def test_reader_marks_the_words_inside_the_run():
    text = "中国经济增长放缓。经济学家说，Tesla的电动车……"
    assert [text[a:b] for a, b in match_spans(text, "经济")] == ["经济", "经济"]
    assert [text[a:b] for a, b in match_spans(text, "Tesla的 经济")] == ["经济", "经济", "Tesla的"]
    assert match_spans("中国经济", "经济增长") == []


HOSTILE = ['"经济', "经-济", "-经济", "title:经济", "经济*", "经 OR", "(经济", "经济 lang:zh", "ก", "\u0e31",
           "경제 -경제", "-title:经济 x", "in:notes 经济", "tag:经济", '"中国 经济" OR "a b"', "经" * 500,
           "-(经济 -Tesla)", "(经济 OR -x) y", "title:\"经 济\"", "济*济", "AT&T经济", "x -(-经济)"]


@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.parametrize("live", [False, True])
def test_queries_in_those_scripts_run_unguarded(world, query, live):
    lib, _ids = world
    db = lib.store.db
    plan, languages = plan_query(db, query, live)
    for statement in build_statements(plan, 20, languages):
        db.execute(statement.sql, statement.params).fetchall()
    for hit in lib.search(query, live=live):
        assert all(0 <= a < b <= len(hit.snippet) for a, b in hit.marks)


_PIECES = st.sampled_from(['"', "(", ")", "-", "*", " OR ", " ", ":", "title:", "经济", "中", "Tesla", "ก่อน",
                           "경제가", "。", "x"])


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, max_examples=150)
@given(parts=st.lists(st.one_of(_PIECES, st.text(alphabet="中国经济电动车Teslaกขค한국 -\"", max_size=4)), max_size=10),
       live=st.booleans())
def test_no_mix_of_scripts_and_syntax_raises(world, parts, live):
    lib, _ids = world
    query = "".join(parts)
    db = lib.store.db
    plan, languages = plan_query(db, query, live)
    if not plan.empty:
        for statement in build_statements(plan, 20, languages):
            db.execute(statement.sql, statement.params).fetchall()
