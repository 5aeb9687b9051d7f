"""Folding: what a reader types on an English keyboard meets what Nordic text holds."""

import sqlite3

import pytest
from hypothesis import given, strategies as st

from newsreader.text.folding import fold_key, fold_letters, spelling_variants, words


@pytest.mark.parametrize("word, key", [
    ("røde", "rode"), ("Tromsø", "tromso"), ("blåbær", "blabaer"), ("BLÅBÆR", "blabaer"),
    ("Straße", "strasse"), ("Þórður", "thordur"), ("Øl", "ol"), ("Göteborg", "goteborg"),
    ("Müller", "muller"), ("Ærø", "aero"), ("Łódź", "lodz"), ("café", "cafe"),
])
def test_fold_key(word, key):
    assert fold_key(word) == key


def test_fold_letters_only_touches_letters_unicode61_keeps():
    # unicode61 does case and decomposable letters itself; we must not change them.
    assert fold_letters("Røde Blåbær Æble") == "Rode Blåbaer AEble"
    assert fold_letters("plain ascii, unchanged!") == "plain ascii, unchanged!"
    assert fold_letters(None) == ""


def _unicode61_terms(text):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    conn.execute("INSERT INTO t VALUES (?)", [text])
    return [r[0] for r in conn.execute("SELECT term FROM v ORDER BY offset")]


@pytest.mark.parametrize("text", ["Røde blåbær i Tromsø", "Straße Þórður ÆRØ", "naïve Ålesund café"])
def test_fold_key_mirrors_what_the_index_stores(text):
    assert _unicode61_terms(fold_letters(text)) == [fold_key(w) for w in words(text)]


@given(st.text(alphabet="abcøæåöäüßðþéÅØÆ", min_size=1, max_size=12))
def test_index_and_query_side_fold_alike(word):
    assert _unicode61_terms(fold_letters(word)) == [fold_key(word)]


def test_aa_is_only_a_query_side_alternative():
    assert "aalesund" in spelling_variants("Ålesund")
    assert "ålesund" in spelling_variants("Aalesund")
    assert spelling_variants("rode") == ["rode"]


def test_words_split_like_the_tokenizer():
    assert words("AT&T o'neil foo-bar c++ 🙂") == ["AT", "T", "o", "neil", "foo", "bar", "c"]
