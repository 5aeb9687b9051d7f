"""Import rules and annotation writes through the core facade."""

import re
import shutil

import pytest

from newsreader.library import Library, NotFound

from support import CUBA as SENTENCE
from support import MARKER, SEED


def test_first_run_imports_the_seed_once(lib):
    outcomes = lib.ensure_seeded()
    assert [o.status for o in outcomes] == ["added"]
    assert lib.ensure_seeded() == []
    [summary] = lib.summaries()
    assert summary.title == "Reuters: Putins regime ringte USAs militære ledelse på rød «hotline»"
    assert summary.language == "no"


def test_seed_body_is_clean_and_raw_is_verbatim(seeded):
    article = seeded.article(1)
    assert MARKER not in article.body
    assert article.raw == SEED.read_text(encoding="utf-8")
    paragraphs = article.body.split("\n\n")
    for start in ("«Den røde linjen» ble i sin tid opprettet", "En så dramatisk situasjon",
                  "Han tror hendelsen i Polen"):
        assert any(p.startswith(start) for p in paragraphs), start
    headings = [article.body[b.start:b.end] for b in article.blocks if b.kind == "heading"]
    assert "Nato la skylden på Russland" in headings


def test_every_seed_word_survives_in_order(seeded):
    body_raw = SEED.read_text(encoding="utf-8").strip().split("\n", 1)[1]
    expected = re.sub(re.escape(MARKER), " ", body_raw).split()
    assert seeded.article(1).body.split() == expected


def test_same_content_twice_never_duplicates(seeded, tmp_path):
    copy = tmp_path / "copy.txt"
    shutil.copy(SEED, copy)
    first = seeded.import_paths([copy])
    second = seeded.import_paths([copy])
    assert first[0].status == "duplicate" and first[0].article_id == 1
    assert second[0].status == "duplicate"
    assert seeded.count() == 1


def test_changed_content_at_same_origin_updates_and_keeps_highlights(lib, tmp_path):
    path = tmp_path / "a.txt"
    text = SEED.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    [added] = lib.import_paths([path])
    body = lib.article(added.article_id).body
    start = body.index(SENTENCE)
    h = lib.add_highlight(added.article_id, start, start + len(SENTENCE), note="viktig")
    path.write_text(text.replace("Tittel", "x").replace("\nFor første gang",
                    "\nEt nytt avsnitt helt først.\nFor første gang"), encoding="utf-8")
    [updated] = lib.import_paths([path])
    assert updated.status == "updated" and updated.article_id == added.article_id
    assert lib.count() == 1
    moved = lib.highlight(h.id)
    new_body = lib.article(added.article_id).body
    assert new_body[moved.start:moved.end] == SENTENCE
    assert moved.start > start and moved.note == "viktig"
    versions = lib.store.db.execute("SELECT count(*) FROM article_versions").fetchone()[0]
    assert versions == 1


def test_highlight_whose_text_vanished_is_orphaned_not_deleted(lib, tmp_path):
    path = tmp_path / "a.txt"
    text = SEED.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    [added] = lib.import_paths([path])
    body = lib.article(added.article_id).body
    start = body.index(SENTENCE)
    h = lib.add_highlight(added.article_id, start, start + len(SENTENCE), note="behold meg")
    path.write_text(text.replace(SENTENCE, ""), encoding="utf-8")
    [updated] = lib.import_paths([path])
    assert updated.orphaned == 1
    kept = lib.highlight(h.id)
    assert kept.state == "orphaned" and kept.exact == SENTENCE and kept.note == "behold meg"


def test_highlight_note_delete_and_undo(seeded):
    body = seeded.article(1).body
    start = body.index(SENTENCE)
    h = seeded.add_highlight(1, start - 1, start + len(SENTENCE) + 1)
    assert h.exact == SENTENCE  # whitespace at the edges trimmed
    assert h.prefix == body[start - 32:start] and h.suffix == body[h.end:h.end + 32]
    assert seeded.set_highlight_note(h.id, "min merknad").note == "min merknad"
    gone = seeded.delete_highlight(h.id)
    assert seeded.highlights(1) == []
    restored = seeded.restore_highlight(gone)
    assert restored.id == h.id and restored.note == "min merknad"
    assert [x.id for x in seeded.highlights(1)] == [h.id]


def test_article_note_set_and_clear(seeded):
    assert seeded.set_article_note(1, "Les igjen").text == "Les igjen"
    assert seeded.article_note(1).text == "Les igjen"
    assert seeded.set_article_note(1, "   ") is None
    assert seeded.article_note(1) is None


def test_unknown_ids_raise_not_found(seeded):
    with pytest.raises(NotFound):
        seeded.article(999)
    with pytest.raises(NotFound):
        seeded.set_highlight_note(999, "x")


def test_empty_selection_is_refused(seeded):
    with pytest.raises(ValueError):
        seeded.add_highlight(1, 5, 5)


def test_mark_read_keeps_first_time(seeded):
    seeded.mark_read(1)
    first = seeded.article(1).read_at
    seeded.mark_read(1)
    assert first is not None and seeded.article(1).read_at == first


def test_search_finds_article_and_note(seeded):
    body = seeded.article(1).body
    start = body.index(SENTENCE)
    h = seeded.add_highlight(1, start, start + len(SENTENCE), note="viktig for oppgaven")
    kinds = {(hit.kind, hit.highlight_id) for hit in seeded.search("oppgaven")}
    assert ("note", h.id) in kinds
    hits = seeded.search("hotline")
    assert hits and hits[0].kind == "article" and hits[0].article_id == 1
    assert any(hits[0].snippet[a:b].lower() == "hotline" for a, b in hits[0].marks)


# Syntax with no word of its own: next to a word it changes nothing.
SYNTAX_ONLY = {'((', '*', ':', 'title:', '-', '🙂', 'OR AND NEAR'}


@pytest.mark.parametrize("query", ['c++', 'AT&T', "o'neil", '"abc', 'NOT', 'foo-bar', '((', '*', ':',
                                   'title:', '-', '🙂', 'x' * 10000, 'OR AND NEAR'])
def test_search_never_raises(seeded, query):
    # Read, not refused: no word of the seed is in the query, so nothing is found...
    assert seeded.search(query) == []
    # ...and after a word of the seed the words in it are required as well (none is in
    # the seed), while syntax alone leaves that word's one hit.
    hits = seeded.search(f"hotline {query}")
    expected = [("article", 1, None)] if query in SYNTAX_ONLY else []
    assert [(h.kind, h.article_id, h.highlight_id) for h in hits] == expected


def test_reopening_the_same_file_keeps_data(db_path):
    lib = Library.open(db_path)
    lib.ensure_seeded()
    lib.set_article_note(1, "husk")
    lib.close()
    again = Library.open(db_path)
    assert again.article_note(1).text == "husk"
    again.close()
