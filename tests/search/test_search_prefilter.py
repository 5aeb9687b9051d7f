"""The snippet prefilter (search/matching.py) is exact: skipping to words that
can begin a match marks the same spans as walking every word."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from newsreader.search.matching import _FOLDING_RANGES, Matcher, _spellings
from newsreader.search.plan import make_plan
from newsreader.search.query import parse
from newsreader.text.folding import fold_key

WORD_CHAR = re.compile(r"[\w\u0300-\u036f]")
WORDS = [
    "Røde", "rode", "røde", "Rødt", "raketten", "Rakett", "rakettene", "Ålesund", "Aalesund",
    "ærlig", "Æsj", "aesj", "straße", "Strasse", "ﬁre", "\u212aelvin", "Kelvin", "\u0301accent",
    "e\u0301tude", "étude", "Øverste", "overste", "øverst", "generalene", "General", "happy",
    "happiness", "dying", "Häuser", "haus", "ĳs", "ijs", "þing", "thing", "İstanbul", "istanbul",
    "42", "4a", "_x", "x_y", "die", "lying", "lie", "flies", "fly", "ugly", "ugli", "naïve", "nai\u0308ve", "Œuvre", "oeuvre", "ſtark", "stark",
]
SEPARATORS = [" ", "  ", ", ", ". ", "\n", "-", "'", "«", "»", "", "\u0301 "]
LANGUAGES = ["no", "sv", "da", "en", "de", "fr", "nl", "fi", None, "unknown", "ru", ["no", "en"]]


def walk_every_word(matcher: Matcher) -> Matcher:
    matcher._finders = {kept: None for kept in (0, 1, 2, 3, 4)}
    return matcher


def test_every_character_that_folds_to_ascii_is_in_the_scanned_ranges():
    in_ranges = {chr(c) for low, high in _FOLDING_RANGES for c in range(low, high + 1)}
    spelled = set("".join(re.sub(r"\\(.)", r"\1", chars) for chars in _spellings().values()))
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        folded = fold_key(char)
        if folded.isascii() and folded.isalnum():
            assert char in in_ranges and char in spelled, hex(code)
        elif not folded and WORD_CHAR.match(char):  # folds to nothing: must be a mark the regex allows
            assert 0x300 <= code <= 0x36F, hex(code)


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=30),
    separators=st.lists(st.sampled_from(SEPARATORS), min_size=30, max_size=30),
    query_words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=3),
    shape=st.sampled_from(["words", "phrase", "prefix"]),
    language=st.sampled_from(LANGUAGES),
)
def test_skipping_ahead_marks_what_walking_every_word_marks(words, separators, query_words, shape, language):
    text = "".join(w + s for w, s in zip(words, separators))
    query = " ".join(query_words)
    if shape == "phrase":
        query = f'"{query}"'
    elif shape == "prefix":
        query = query_words[0][:3] + "*"
    terms = make_plan(parse(query)).terms()
    query_languages = ["no", "en", "de"]
    fast = Matcher(terms, query_languages)
    slow = walk_every_word(Matcher(terms, query_languages))
    assert list(fast.spans(text, language)) == list(slow.spans(text, language))
    assert fast.snippet(text, language) == slow.snippet(text, language)


def test_a_match_deep_in_a_long_text_is_found_and_marked():
    text = "Ingenting her. " * 2000 + "De røde linjene holdt."
    matcher = Matcher(make_plan(parse("rode linje")).terms(), ["no"])
    snippet, marks = matcher.snippet(text, "no")
    assert [snippet[a:b] for a, b in marks] == ["røde", "linjene"]


def test_every_word_pair_in_every_language_agrees():
    """Exhaustive over the word list: a word found through its stem (en "dying"
    for "die") begins differently from the query, and must still be found."""
    text = " · ".join(WORDS)
    for query in WORDS:
        terms = make_plan(parse(query)).terms()
        fast = Matcher(terms, ["no", "en", "de", "fr"])
        slow = walk_every_word(Matcher(terms, ["no", "en", "de", "fr"]))
        for language in LANGUAGES:
            assert list(fast.spans(text, language)) == list(slow.spans(text, language)), (query, language)
