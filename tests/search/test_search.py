"""Search as a reader uses it: on the seed, through the CLI and the library."""

import json

import pytest

from newsreader.library import Library
from newsreader.search import match_spans

from support import CUBA as SENTENCE
from support.cli import run


def cli_hits(capsys, db_path, query):
    code, out, err = run(capsys, "--db", str(db_path), "search", query, "--json")
    assert code == 0 and "Traceback" not in err, (query, err)
    return json.loads(out)


def marked(hit):
    return [hit.snippet[a:b] for a, b in hit.marks]


@pytest.mark.parametrize("query, found", [
    ("rode linjen", True), ("RØDE", True), ("rakett", True), ("generalene", True),
    ('"røde linjen"', True), ("lang:no hotline", True), ("missiler", True), ("general", True),
    ("Tromso", False), ("c++", False), ('"abc', False), ("NOT", False), ("lang:en hotline", False),
])
def test_seed_queries_through_the_cli(capsys, db_path, query, found):
    hits = cli_hits(capsys, db_path, query)
    assert bool(hits) == found
    if found:
        assert hits[0]["id"] == 1 and hits[0]["kind"] == "article"
        assert set(hits[0]) == {"id", "kind", "title", "snippet", "score", "highlight_id"}


def test_human_output_for_no_results_exits_zero(capsys, db_path):
    code, out, err = run(capsys, "--db", str(db_path), "search", "Tromso")
    assert code == 0 and out == "" and "no results" in err


def test_folded_query_marks_the_original_letters(seeded):
    [hit] = seeded.search("rode linjen")
    assert "røde" in hit.snippet and "rode" not in hit.snippet
    assert "røde" in marked(hit)
    assert "\n" not in hit.snippet


def test_stemmed_queries_mark_the_inflected_word(seeded):
    assert "raketten" in marked(seeded.search("rakett")[0])
    assert "generalene" in marked(seeded.search("general")[0])
    assert "missil" in marked(seeded.search("missiler")[0])


def test_phrase_is_marked_as_one_span(seeded):
    [hit] = seeded.search('"røde linjen"')
    assert "røde linjen" in marked(hit)
    # the phrase needs its words side by side: both words occur, never adjacent
    assert seeded.search('"linjen røde"') == []


def test_a_note_is_found_by_stem_and_by_in_notes(db_path, capsys):
    lib = Library.open(db_path)
    lib.ensure_seeded()
    body = lib.article(1).body
    start = body.index(SENTENCE)
    h = lib.add_highlight(1, start, start + len(SENTENCE), note="viktig for oppgaven")
    lib.close()
    for query in ["oppgave", "in:notes viktig"]:
        hits = cli_hits(capsys, db_path, query)
        notes = [x for x in hits if x["kind"] == "note"]
        assert notes and notes[0]["highlight_id"] == h.id and notes[0]["id"] == 1, query
        assert "oppgaven" in notes[0]["snippet"]
    assert all(x["kind"] == "note" for x in cli_hits(capsys, db_path, "in:notes viktig"))
    assert all(x["kind"] == "article" for x in cli_hits(capsys, db_path, "in:articles viktig"))


def test_article_notes_are_note_hits_without_a_highlight(seeded):
    seeded.set_article_note(1, "Husk å sjekke kildene")
    hits = seeded.search("kilde")
    assert [(h.kind, h.highlight_id) for h in hits] == [("note", None)]
    assert marked(hits[0]) == ["kildene"]


@pytest.fixture
def two(lib, tmp_path):
    """The seed plus a short English article; both mention Nato."""
    lib.ensure_seeded()
    path = tmp_path / "other.txt"
    path.write_text("Nato summit in Tromsø\n\nLeaders of Nato met in Tromsø and ate blåbær.\n", encoding="utf-8")
    [outcome] = lib.import_paths([path])
    return lib, outcome.article_id


def ids(lib, query):
    return [h.article_id for h in lib.search(query) if h.kind == "article"]


def test_read_and_unread(two):
    lib, other = two
    assert sorted(ids(lib, "nato is:unread")) == [1, other]
    lib.mark_read(1)
    assert ids(lib, "nato is:unread") == [other]
    assert ids(lib, "nato is:read") == [1]
    assert ids(lib, "nato -is:read") == [other]


def test_starred(two):
    lib, other = two
    assert ids(lib, "nato is:starred") == []
    lib.set_starred(other, True)
    assert ids(lib, "nato is:starred") == [other]
    assert ids(lib, "is:starred") == [other]  # filters alone list what matches


def test_has_highlight_has_note_and_tag(two):
    lib, other = two
    h = lib.add_highlight(other, 0, 10, tags=["Krise", "toppmøte"])
    assert ids(lib, "nato has:highlight") == [other]
    assert ids(lib, "nato has:note") == []
    lib.set_highlight_note(h.id, "se også")
    assert ids(lib, "nato has:note") == [other]
    assert ids(lib, "nato tag:krise") == [other]
    assert ids(lib, "nato tag:toppmøte") == [other]
    assert ids(lib, "nato tag:nope") == []
    assert any(x.highlight_id == h.id for x in lib.search("tag:krise"))


def test_title_only(two):
    lib, other = two
    assert ids(lib, "title:hotline") == [1]
    assert ids(lib, "title:summit") == [other]
    assert ids(lib, "title:leaders") == []
    assert ids(lib, "-title:summit nato") == [1]


def test_exclusion_or_and_lang(two):
    lib, other = two
    assert ids(lib, "nato -blåbær") == [1]
    assert ids(lib, "nato -blabaer") == [1]
    assert sorted(ids(lib, "hotline OR summit")) == [1, other]
    assert ids(lib, "hotline summit") == []
    assert ids(lib, "lang:no nato") == [1]


def test_unknown_filter_values_match_nothing_and_empty_ones_are_ignored(two):
    lib, _ = two
    assert lib.search("nato is:banana") == []
    assert len(ids(lib, "nato lang:")) == 2


def test_nordic_folding_both_ways(two):
    lib, other = two
    for query in ["Tromso", "tromsø", "TROMSØ", "blabaer", "blåbær", "blabær", "TROMSO"]:
        assert ids(lib, query) == [other], query
    assert "Tromsø" in marked(lib.search("tromso")[0])


def test_exact_form_outranks_folded(lib, tmp_path):
    files = {"a.txt": "Fargene\n\nDe røde husene sto i rad.\n", "b.txt": "Turen\n\nVi rode hjem i regnet.\n"}
    paths = []
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    red, rode = (o.article_id for o in lib.import_paths(paths))
    assert ids(lib, "rode") == [rode, red]
    assert ids(lib, "røde") == [red, rode]
    hits = lib.search("rode")
    assert hits[0].score >= 1 > hits[1].score


def test_live_typing_treats_the_last_word_as_a_prefix(seeded):
    assert seeded.search("rakettang") == []
    assert seeded.search("rakettang", live=True)
    assert seeded.search('"røde linj', live=True)
    assert seeded.search("rakettang ", live=True) == []


def test_limit_is_honoured(two):
    lib, _ = two
    assert len(lib.search("nato", limit=1)) == 1
    assert lib.search("nato", limit=0) == []


def test_match_spans_marks_what_search_matched(seeded):
    body = seeded.article(1).body
    words = lambda q, **kw: {body[a:b] for a, b in match_spans(body, q, **kw)}
    assert "røde" in words("rode")
    assert "røde linjen" in words('"røde linjen"', live=False)
    stemmed = words("rakett", language="no", live=False)
    assert "raketten" in stemmed and "rakettangrepet" not in stemmed
    assert "rakettangrepet" in words("rakett", language="no")  # typed live: a prefix
    assert match_spans(body, "((") == [] and match_spans(body, "-rakett") == []
    assert words("hotline OR (linjen -røde)", live=False) == {"linjen"}


def test_a_hit_opens_where_the_terms_meet(seeded):
    """Before: the first match of any term, a subheading with "situasjonen", so the
    next `h` highlighted the wrong sentence."""
    from newsreader.search import meeting_point

    body = seeded.article(1).body
    start, end = meeting_point(body, "dramatisk situasjon", "no")
    assert body[start:end] == "dramatisk situasjon"
    assert body[:start].endswith("En så ")
    [hit] = seeded.search("dramatisk situasjon")
    assert "En så dramatisk situasjon har verden" in hit.snippet


def test_meeting_point_prefers_more_terms_then_the_shortest_stretch():
    from newsreader.search import meeting_point

    text = "alfa her. beta der. Så alfa og beta sammen. Til slutt alfa, gamma, beta."
    start, end = meeting_point(text, "alfa beta gamma", None, live=False)
    assert text[start:end] == "alfa, gamma, beta"
    start, end = meeting_point(text, "alfa beta", None, live=False)
    assert text[start:end] == "alfa og beta"
