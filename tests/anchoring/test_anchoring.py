"""Anchoring: highlights found again by position, exact quote or fuzzy match."""

from __future__ import annotations


import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newsreader.anchoring import (
    Quote,
    QuoteAmbiguous,
    QuoteNotFound,
    edit_distance,
    find_typed_quote,
    fuzzy_find,
    max_errors,
    place,
    quote_at,
    reanchor,
)

WORDS = ["krig", "fred", "Nato", "rakett", "Polen", "linjen", "rød", "general", "samtale",
         "alvor", "Kreml", "missil", "og", "i", "på", "den", "som", "ble", "har", "ikke"]
text_of_words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join)


def reference_distance(pattern: str, text: str) -> int:
    """Least edits turning `pattern` into any substring of `text` (plain DP)."""
    previous = [0] * (len(text) + 1)
    for i, p in enumerate(pattern, start=1):
        current = [i]
        for j, t in enumerate(text, start=1):
            current.append(min(previous[j - 1] + (p != t), previous[j] + 1, current[j - 1] + 1))
        previous = current
    return min(previous)


def quarter(length: int) -> int:
    """The documented bound: at most a quarter of the quote's length in edits."""
    return length // 4


def levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j - 1] + (x != y), previous[j] + 1, current[j - 1] + 1))
        previous = current
    return previous[-1]


@st.composite
def body_with_highlight(draw, min_len=1):
    before = draw(text_of_words)
    inside = draw(text_of_words.filter(lambda t: len(t) >= min_len))
    after = draw(text_of_words)
    body = f"{before} {inside} {after}"
    start = len(before) + 1
    return body, start, start + len(inside)


# --- the order of attempts ----------------------------------------------------------


BODY = ("Første avsnitt om krigen.\n\nEn så dramatisk situasjon har verden ikke stått overfor "
        "siden Cuba-krisen i 1962.\n\nSiste avsnitt om freden.")
SENTENCE = "En så dramatisk situasjon har verden ikke stått overfor siden Cuba-krisen i 1962."


def test_unchanged_position_is_kept():
    start = BODY.index(SENTENCE)
    q = quote_at(BODY, start, start + len(SENTENCE))
    assert place(start, start + len(SENTENCE), q, BODY).method == "position"


def test_moved_quote_is_found_exactly():
    start = BODY.index(SENTENCE)
    q = quote_at(BODY, start, start + len(SENTENCE))
    new = "Et nytt avsnitt først.\n\n" + BODY
    found = place(start, start + len(SENTENCE), q, new)
    assert found.method == "exact" and new[found.start:found.end] == SENTENCE


def test_context_chooses_between_repeated_quotes():
    body = "alfa Russland beta. gamma Russland delta. epsilon Russland zeta."
    start = body.index("Russland", 20)
    q = quote_at(body, start, start + len("Russland"))
    new = "ny tekst " * 5 + body
    found = reanchor(start, start + 8, q, new)
    assert new[found[0] - 6:found[1]] == "gamma Russland"


def test_small_edit_inside_is_found_fuzzily_and_reports_errors():
    start = BODY.index(SENTENCE)
    q = quote_at(BODY, start, start + len(SENTENCE))
    new = BODY.replace("dramatisk situasjon", "dramatiske situasjoner")
    found = place(start, start + len(SENTENCE), q, new)
    assert found.method == "fuzzy" and found.errors == 3
    assert new[found.start:found.end] == SENTENCE.replace(
        "dramatisk situasjon", "dramatiske situasjoner")


def test_rewritten_passage_is_orphaned():
    start = BODY.index(SENTENCE)
    q = quote_at(BODY, start, start + len(SENTENCE))
    new = BODY.replace(SENTENCE, "Noe helt annet står her nå, uten likhet med det gamle.")
    assert place(start, start + len(SENTENCE), q, new) is None


def test_edits_beyond_a_quarter_orphan_and_within_keep():
    exact = "abcdefghijklmnopqrstuvwxyz0123456789ABCD"  # 40 characters, 10 edits allowed
    assert max_errors(len(exact)) == quarter(len(exact)) == 10
    q = Quote(exact, "", "")
    ten = "".join("#" if i % 4 == 0 else c for i, c in enumerate(exact))  # 10 substitutions
    eleven = ten[:-2] + "#" + ten[-1]
    assert fuzzy_find(f"xx {ten} yy", q, 3) is not None
    assert fuzzy_find(f"xx {eleven} yy", q, 3) is None


def test_short_quote_needs_matching_context_to_be_fuzzy():
    body = "Han sa ja. Hun sa nei."
    q = Quote("Polen", "lt om ", " i går")
    assert fuzzy_find("Noe annet: Pulen, og mer tekst her.", q, 0) is None
    found = fuzzy_find("Det handlet om Pulen i går.", q, 0)
    assert found is not None and found.errors == 1
    assert fuzzy_find(body, Quote("", "", ""), 0) is None


def test_nearness_breaks_a_tie_between_equal_fuzzy_matches():
    unit = "Rakettnedslaget i Polen utløste en krise. "
    body = unit.replace("Polen", "Polem") * 3
    q = Quote("Rakettnedslaget i Polen utløste en krise.", "", "")
    near = len(unit) * 2
    found = fuzzy_find(body, q, near)
    assert found is not None and found.start == near


def test_fuzzy_search_in_a_large_body_finds_the_edited_passage():
    # Correctness only: speed is measured by benchmarks/, never asserted in tests.
    filler = "Dette er fylltekst om været og krigen. " * 100_000  # ~4 MB
    passage = "Et helt unikt avsnitt om generalene Milley og Gerasimov og telefonlinjen."
    body = filler[:2_000_000] + passage + filler[2_000_000:]
    start = body.index(passage)
    q = quote_at(body, start, start + len(passage))
    edited = body.replace("Gerasimov og telefonlinjen", "Gerassimov og telefon-linjen")
    found = place(start, start + len(passage), q, "Ny innledning. " + edited)
    assert found is not None and found.method == "fuzzy"
    assert ("Ny innledning. " + edited)[found.start:found.end].startswith("Et helt unikt")


# --- properties ---------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.data(), body_with_highlight())
def test_inserting_outside_never_moves_a_highlight_off_its_quote(data, case):
    body, start, end = case
    q = quote_at(body, start, end)
    at = data.draw(st.one_of(st.integers(0, start), st.integers(end, len(body))))
    inserted = data.draw(text_of_words)
    new = body[:at] + inserted + body[at:]
    found = reanchor(start, end, q, new)
    assert found is not None and new[found[0]:found[1]] == q.exact
    if new.count(q.exact) == 1:
        assert found[0] == (start + len(inserted) if at <= start else start)


@settings(max_examples=200, deadline=None)
@given(st.data(), body_with_highlight())
def test_deleting_outside_never_moves_a_highlight_off_its_quote(data, case):
    body, start, end = case
    q = quote_at(body, start, end)
    if data.draw(st.booleans()) and start > 0:
        a = data.draw(st.integers(0, start - 1))
        b = data.draw(st.integers(a + 1, start))
    elif end < len(body):
        a = data.draw(st.integers(end, len(body) - 1))
        b = data.draw(st.integers(a + 1, len(body)))
    else:
        return
    new = body[:a] + body[b:]
    found = reanchor(start, end, q, new)
    assert found is not None and new[found[0]:found[1]] == q.exact


edit_kinds = st.sampled_from(["replace", "insert", "delete"])


@settings(max_examples=200, deadline=None)
@given(st.data(), body_with_highlight(min_len=24), st.lists(edit_kinds, min_size=1, max_size=2))
def test_small_edits_inside_keep_the_highlight(data, case, edits):
    body, start, end = case
    q = quote_at(body, start, end)
    assume(body.count(q.exact) == 1)
    inside = list(q.exact)
    for kind in edits:
        i = data.draw(st.integers(1, len(inside) - 2))
        if kind == "replace":
            inside[i] = "§"
        elif kind == "insert":
            inside.insert(i, "§")
        else:
            del inside[i]
    new = body[:start] + "".join(inside) + body[end:]
    assume(q.exact not in new)
    found = place(start, end, q, new)
    assert found is not None and found.method == "fuzzy"
    assert found.errors <= len(edits)
    # It lands where the edited passage is, not somewhere else.
    assert found.start < start + len(inside) and found.end > start


@settings(max_examples=200, deadline=None)
@given(st.data(), body_with_highlight(min_len=12))
def test_large_edits_inside_orphan_the_highlight(data, case):
    body, start, end = case
    q = quote_at(body, start, end)
    length = end - start
    keep = data.draw(st.integers(0, length // 2 - 1))
    replacement = q.exact[:keep] + "0123456789" * (length // 5)
    new = body[:start] + replacement[:length] + body[end:]
    # Nothing in the new body is within the allowed edits of the quote.
    assume(reference_distance(q.exact, new) > quarter(length))
    assert place(start, end, q, new) is None


@st.composite
def within_a_quarter(draw, exact: str) -> str:
    """`exact` after at most a quarter of its length in random edits."""
    chars = list(exact)
    for _ in range(draw(st.integers(0, quarter(len(exact))))):
        kind = draw(edit_kinds)
        if kind == "insert" or not chars:
            chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from("abcd ")))
        elif kind == "replace":
            chars[draw(st.integers(0, len(chars) - 1))] = draw(st.sampled_from("abcd "))
        else:
            del chars[draw(st.integers(0, len(chars) - 1))]
    return "".join(chars)


@settings(max_examples=300, deadline=None)
@given(st.data(), st.text("abcd ", min_size=4, max_size=40), st.text("abcd ", max_size=120))
def test_any_fuzzy_match_is_within_bounds_and_counted_right(data, exact, body):
    q = Quote(exact, "", "")
    # A copy edited within the bound, planted where the search is told to look (the
    # window at `near` is always searched): it must be found, with no more edits than
    # were made and no fewer than the least any passage needs.
    variant = data.draw(within_a_quarter(exact))
    at = data.draw(st.integers(0, len(body)))
    planted = body[:at] + variant + body[at:]
    found = fuzzy_find(planted, q, at)
    assert found is not None and found.method == "fuzzy"
    assert 0 <= found.start < found.end <= len(planted)
    assert found.errors == levenshtein(exact, planted[found.start:found.end])
    assert reference_distance(exact, planted) <= found.errors <= levenshtein(exact, variant) <= quarter(len(exact))
    # In any body, whatever is found is within the bound and counted right.
    found = fuzzy_find(body, q, 0)
    if found is not None:
        assert 0 <= found.start < found.end <= len(body) and found.method == "fuzzy"
        assert found.errors == levenshtein(exact, body[found.start:found.end])
        assert reference_distance(exact, body) <= found.errors <= quarter(len(exact))


@settings(max_examples=300, deadline=None)
@given(st.text("abc", max_size=30), st.text("abc", max_size=30))
def test_edit_distance_matches_the_textbook_definition(a, b):
    assert edit_distance(a, b) == levenshtein(a, b)


# --- quotes typed on the command line -----------------------------------------------


def test_typed_quote_matches_across_whitespace_runs():
    start, end = find_typed_quote(BODY, "krigen.   En så  dramatisk")
    assert BODY[start:end] == "krigen.\n\nEn så dramatisk"


def test_typed_quote_absent_gives_a_hint():
    with pytest.raises(QuoteNotFound, match="closest passage: «dramatisk situasjon»"):
        find_typed_quote(BODY, "dramatiske situasjon")
    with pytest.raises(QuoteNotFound, match="different capitals"):
        find_typed_quote(BODY, "en så DRAMATISK")
    with pytest.raises(QuoteNotFound, match="spelling and whitespace"):
        find_typed_quote(BODY, "qqqqqqqqqqqq")
    with pytest.raises(QuoteNotFound, match="empty"):
        find_typed_quote(BODY, "   ")


def test_typed_quote_ambiguous_says_how_often():
    with pytest.raises(QuoteAmbiguous, match="found 2 times") as info:
        find_typed_quote(BODY, "avsnitt om")
    assert info.value.count == 2
