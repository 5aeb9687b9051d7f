"""Sentence splitting for Norwegian and other European news prose."""

from __future__ import annotations

import pytest

from newsreader.text import clean, sentence_at, sentence_spans

from support import CUBA, seed_body


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_simple_split() -> None:
    assert _sentences("Det regner. Det blåser! Hva nå?") == ["Det regner.", "Det blåser!", "Hva nå?"]


def test_spans_exclude_whitespace_and_stay_in_paragraph() -> None:
    text = "  Første setning.   Andre uten punktum\nTredje setning.  "
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["Første setning.", "Andre uten punktum", "Tredje setning."]
    assert all("\n" not in text[s:e] for s, e in spans)


@pytest.mark.parametrize(
    "sentence",
    [
        "Han kjøpte bl.a. Epler og pærer.",
        "Noen land, f.eks. Norge og Sverige, protesterte.",
        "Det kom ca. 300 mennesker.",
        "Det var dvs. Ingen som visste det.",
        "Mr. Smith and Dr. Jones met at St. Paul's.",
        "Hun bor i nr. 5 og kom kl. 15 i dag.",
        "Se jf. Forrige avsnitt.",
        "Budsjettet er 5 mill. kroner og 2 mrd. dollar.",
        "Some fruit, e.g. Apples, and i.e. Pears.",
        "Man kann z.B. Äpfel essen.",
        "Boka ble skrevet av J. R. R. Tolkien i England.",
        "Prisen steg med 3.5 prosent.",
        "Det skjedde 15. november i fjor.",
        "Es geschah am 15. November letzten Jahres.",
        "Han nølte ... og så gikk han.",
        "Han nølte … og så gikk han.",
        "Vi kjøpte epler, pærer osv. og dro hjem.",
        "We bought apples, pears etc. and went home.",
        "«Kommer du?» spurte hun.",
    ],
)
def test_not_a_sentence_end(sentence: str) -> None:
    assert _sentences(sentence) == [sentence]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vi kjøpte epler, pærer osv. Så dro vi hjem.", ["Vi kjøpte epler, pærer osv.", "Så dro vi hjem."]),
        ("They sold books etc. Then they left.", ["They sold books etc.", "Then they left."]),
        ("Han nølte... Så gikk han.", ["Han nølte...", "Så gikk han."]),
        ("Det skjedde i 2019. 2020 ble verre.", ["Det skjedde i 2019.", "2020 ble verre."]),
    ],
)
def test_ambiguous_abbreviations_before_capital(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_quotes() -> None:
    text = "«Den røde linjen» ble opprettet. «Vi er klare.» Han smilte."
    assert _sentences(text) == ["«Den røde linjen» ble opprettet.", "«Vi er klare.»", "Han smilte."]


def test_dash_direct_speech() -> None:
    text = "– Når den «røde linjen» ringer, så betyr det alvor. En slik linje brukes sjelden, sier han."
    assert _sentences(text) == [
        "– Når den «røde linjen» ringer, så betyr det alvor.",
        "En slik linje brukes sjelden, sier han.",
    ]
    text = "Han svarte kort. – Ja, det stemmer."
    assert _sentences(text) == ["Han svarte kort.", "– Ja, det stemmer."]


def test_sentence_at() -> None:
    text = "Første setning.  Andre setning.\nTredje."
    first, second, third = sentence_spans(text)
    assert sentence_at(text, 0) == first
    assert sentence_at(text, 5) == first
    assert sentence_at(text, first[1]) == second  # on whitespace -> next sentence
    assert sentence_at(text, first[1] + 1) == second
    assert sentence_at(text, second[1]) == third  # on the newline -> next paragraph
    assert sentence_at(text, len(text)) == third
    assert sentence_at(text, 10_000) == third
    assert sentence_at(text, -3) == first
    assert sentence_at("", 4) == (0, 0)
    assert sentence_at("   ", 2) == (2, 2)


def test_seed_sentence_after_markers() -> None:
    body = clean(seed_body(), "no").body
    target = CUBA
    offset = body.index("dramatisk situasjon")
    start, end = sentence_at(body, offset)
    assert body[start:end] == target
    assert (start, end) in sentence_spans(body)
    speech = "– Når den «røde linjen» ringer, så betyr det alvor."
    start, end = sentence_at(body, body.index(speech + " En slik") + 3)
    assert body[start:end] == speech
