"""Capped ranking (search/engine.py RANK_CAP) and lazily cut snippets.

Only the newest RANK_CAP matches of each kind of hit are ranked. A small cap
(monkeypatched) shows what it does without a large library: with more matches
than the cap the page holds the best of the newest ones only and says so; with
at most as many it is exactly the uncapped ranking.
"""

from __future__ import annotations

import dataclasses
import threading

import pytest

from newsreader.cli import main
from newsreader.search import Hits, count_text, engine
from newsreader.search.engine import LazyHit

FULL = 10**9  # a cap that never cuts: the ranking as it was before the cap


@pytest.fixture
def six(lib, tmp_path):
    """Six articles that mention "sebra", oldest first. The three oldest have it in
    the title too, so an uncapped ranking puts them first; the three newest do not."""
    ids = []
    for n in range(6):
        title = f"Sebra nummer {n}" if n < 3 else f"Dyr nummer {n}"
        body = f"Dette er artikkel {n} om dyr. " * (n + 1) + "En sebra sto ved vannet."
        path = tmp_path / f"a{n}.txt"
        path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        [outcome] = lib.import_paths([path])
        ids.append(outcome.article_id)
    assert ids == sorted(ids)
    return lib, ids


def ranked(lib, query, monkeypatch, cap, **kwargs):
    monkeypatch.setattr(engine, "RANK_CAP", cap)
    hits = lib.search(query, **kwargs)
    return hits, [(h.article_id, round(h.score, 9)) for h in hits]


def test_more_matches_than_the_cap_ranks_the_newest_only(six, monkeypatch):
    lib, ids = six
    full, full_ranking = ranked(lib, "sebra", monkeypatch, FULL)
    assert not full.capped
    assert {i for i, _ in full_ranking[:3]} == set(ids[:3])  # titles first, uncapped
    capped, capped_ranking = ranked(lib, "sebra", monkeypatch, 3)
    assert capped.capped and capped.cap == 3
    # The three newest, in the order (and with the scores) the full ranking gave them.
    assert capped_ranking == [r for r in full_ranking if r[0] in ids[3:]]


def test_at_most_cap_matches_rank_exactly_as_before(six, monkeypatch):
    lib, _ = six
    _, full_ranking = ranked(lib, "sebra", monkeypatch, FULL)
    for query in ("sebra", "sebr", "title:sebra", "sebra -nummer", '"en sebra"'):
        before = ranked(lib, query, monkeypatch, FULL, live=query == "sebr")
        at_cap = ranked(lib, query, monkeypatch, 6, live=query == "sebr")
        assert at_cap[1] == before[1], query
        assert not at_cap[0].capped
    assert ranked(lib, "sebra", monkeypatch, 5)[0].capped  # one match more than the cap


def test_filters_apply_inside_the_cap(six, monkeypatch):
    lib, ids = six
    for article_id in ids[3:]:
        lib.mark_read(article_id)
    hits, ranking = ranked(lib, "sebra is:unread", monkeypatch, 3)
    # The three newest matches are read: the cap must not spend itself on them.
    assert {i for i, _ in ranking} == set(ids[:3]) and not hits.capped
    _, read = ranked(lib, "sebra is:read", monkeypatch, 3)
    assert {i for i, _ in read} == set(ids[3:])
    hits, _ = ranked(lib, "sebra is:unread", monkeypatch, 2)
    assert hits.capped and len(hits) == 2


def test_exact_forms_still_rank_first_inside_the_cap(lib, tmp_path, monkeypatch):
    texts = ["De røde husene.", "Vi rode hjem.", "De røde taka.", "De røde dørene."]
    ids = []
    for n, text in enumerate(texts):
        path = tmp_path / f"r{n}.txt"
        path.write_text(f"Tittel {n}\n\n{text}\n", encoding="utf-8")
        [outcome] = lib.import_paths([path])
        ids.append(outcome.article_id)
    hits, ranking = ranked(lib, "rode", monkeypatch, 3)
    assert hits.capped and {i for i, _ in ranking} == set(ids[1:])
    assert ranking[0][0] == ids[1] and hits[0].score >= 1 > hits[1].score


def test_note_hits_are_capped_too(seeded, monkeypatch):
    for n in range(3):
        seeded.add_highlight(1, n * 10, n * 10 + 5, note=f"sjiraff {n}")
    hits, _ = ranked(seeded, "in:notes sjiraff", monkeypatch, 2)
    assert hits.capped and len(hits) == 2
    hits, _ = ranked(seeded, "in:notes sjiraff", monkeypatch, 3)
    assert not hits.capped and len(hits) == 3


def test_more_says_whether_the_page_is_all(six, monkeypatch):
    lib, _ = six
    assert lib.search("sebra", limit=5).more
    assert not lib.search("sebra", limit=6).more
    assert not lib.search("sebra").more
    assert lib.search("is:unread", limit=2).more  # filters alone, too


def test_count_text():
    assert count_text(Hits()) == "0 results"
    assert count_text(Hits([object()])) == "1 result"
    assert count_text(Hits([object()] * 50, more=True)) == "50+ results"
    capped = Hits([object()] * 50, more=True, capped=True)
    assert count_text(capped) == f"50 best of the newest {engine.RANK_CAP:,} matches"
    assert count_text([object()] * 2) == "2 results"  # a plain list: nothing more known


def test_cli_says_when_ranking_was_capped(capsys, db_path, monkeypatch, six):
    lib, _ = six
    lib.close()
    monkeypatch.setattr(engine, "RANK_CAP", 3)
    assert main(["--db", str(db_path), "search", "sebra"]) == 0
    out, err = capsys.readouterr()
    assert out.count("sebra") == 3 and "best of the newest 3 matches" in err
    monkeypatch.setattr(engine, "RANK_CAP", FULL)
    assert main(["--db", str(db_path), "search", "sebra", "--limit", "2"]) == 0
    out, err = capsys.readouterr()
    assert "2+ results" in err and "newest" not in err
    assert main(["--db", str(db_path), "search", "sebra"]) == 0
    assert capsys.readouterr().err == ""


def test_snippets_are_cut_when_first_read(six):
    lib, _ = six
    hits = lib.search("sebra")
    assert all(isinstance(h, LazyHit) and "snippet" not in vars(h) for h in hits)
    first = hits[0]
    assert [first.snippet[a:b] for a, b in first.marks] == ["sebra"]
    assert "_cut_from" not in vars(first)  # the texts are let go once cut
    # Cut on another thread (the TUI lays out results off the DB thread): no database needed.
    lib.close()
    found = {}
    thread = threading.Thread(target=lambda: found.update((h.article_id, (h.snippet, h.marks)) for h in hits))
    thread.start()
    thread.join()
    assert all(marks and snippet[marks[0][0]:marks[0][1]] == "sebra" for snippet, marks in found.values())
    copy = dataclasses.replace(first, score=0.5)
    assert (copy.snippet, copy.marks, copy.score) == (first.snippet, first.marks, 0.5)
    assert first == dataclasses.replace(first)
