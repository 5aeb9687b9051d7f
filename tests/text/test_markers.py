"""Ad-break markers for every language: removed where they are markers, kept where they are words."""

from __future__ import annotations

import pytest

from newsreader.text import MARKERS, clean, strip_ad_markers

BEFORE = "Første avsnitt slutter akkurat her."
AFTER = "Neste setning begynner med stor bokstav."

PHRASES = [
    (lang, phrase)
    for lang, table in MARKERS.items()
    for phrase in table
    if len(phrase.split()) > 1
]
LABELS = [
    (lang, phrase)
    for lang, table in MARKERS.items()
    for phrase in table
    if len(phrase.split()) == 1
]


# Written without spaces: a phrase is one "word" to split(), so a label (whole lines only).
UNSPACED = {"ja", "zh"}


def test_every_language_has_phrases_and_labels() -> None:
    required = {"no", "nb", "nn", "sv", "da", "fi", "de", "nl", "en", "fr", "es", "pt", "pl", "it", "cs",
                "sk", "hu", "ro", "hr", "tr", "is", "et", "ru", "uk", "bg", "el", "ja", "zh", "ko", "ar", "he"}
    assert required <= set(MARKERS)
    for lang in MARKERS:
        assert lang in UNSPACED or any(len(p.split()) > 1 for p in MARKERS[lang]), lang
        assert any(len(p.split()) == 1 for p in MARKERS[lang]), lang


def test_nynorsk_and_bokmal_share_a_table() -> None:
    assert MARKERS["no"] is MARKERS["nb"] is MARKERS["nn"]
    assert "Artikkelen held fram under annonsen" in MARKERS["no"]
    assert "Artikkelen fortsetter under annonsen" in MARKERS["no"]


@pytest.mark.parametrize("language", ["own", None])
@pytest.mark.parametrize(("lang", "phrase"), PHRASES)
def test_phrase_on_own_line(lang: str, phrase: str, language: str | None) -> None:
    chosen = lang if language == "own" else None
    text = f"{BEFORE}\n{phrase}\n{AFTER}"
    assert strip_ad_markers(text, chosen) == f"{BEFORE}\n{AFTER}"


@pytest.mark.parametrize(("lang", "phrase"), PHRASES)
def test_phrase_repeated_back_to_back(lang: str, phrase: str) -> None:
    text = f"{BEFORE}\n{phrase}{phrase}{AFTER}"
    assert strip_ad_markers(text, lang) == f"{BEFORE}\n{AFTER}"
    text = f"{BEFORE}\n{phrase} {phrase}\n{AFTER}"
    assert strip_ad_markers(text, lang) == f"{BEFORE}\n{AFTER}"


@pytest.mark.parametrize(("lang", "phrase"), PHRASES)
def test_phrase_glued_to_next_sentence(lang: str, phrase: str) -> None:
    text = f"{BEFORE}\n{phrase}{AFTER}"
    assert strip_ad_markers(text, lang) == f"{BEFORE}\n{AFTER}"
    # Also with unknown language, where every table applies.
    assert strip_ad_markers(text, "unknown") == f"{BEFORE}\n{AFTER}"


@pytest.mark.parametrize(("lang", "phrase"), PHRASES)
def test_phrase_mid_line_splits_paragraph(lang: str, phrase: str) -> None:
    text = f"{BEFORE}{phrase}{AFTER}"
    assert strip_ad_markers(text, lang) == f"{BEFORE}\n{AFTER}"
    cleaned = clean(text, lang)
    assert cleaned.body == f"{BEFORE}\n\n{AFTER}"
    assert len(cleaned.blocks) == 2


@pytest.mark.parametrize(("lang", "phrase"), PHRASES)
def test_phrase_all_caps_glued(lang: str, phrase: str) -> None:
    text = f"{phrase.upper()}{AFTER}"
    assert strip_ad_markers(text, lang) == AFTER


@pytest.mark.parametrize(("lang", "phrase"), PHRASES)
def test_phrase_followed_by_lowercase_is_kept(lang: str, phrase: str) -> None:
    text = f"{phrase} er en frase som omtales her."
    assert strip_ad_markers(text, lang) == text
    assert clean(text, lang).body == text


@pytest.mark.parametrize(("lang", "phrase"), PHRASES)
def test_phrase_inside_sentence_is_kept(lang: str, phrase: str) -> None:
    text = f"Nettstedet skrev «{phrase}» midt i saken. Sa han {phrase} Senere."
    assert strip_ad_markers(text, lang) == text


@pytest.mark.parametrize(("lang", "label"), LABELS)
def test_label_on_own_line_is_removed(lang: str, label: str) -> None:
    for line in (label, label.upper(), label.lower(), f"{label}:", f"  {label} {label}  "):
        text = f"{BEFORE}\n{line}\n{AFTER}"
        assert strip_ad_markers(text, lang) == f"{BEFORE}\n{AFTER}", line


@pytest.mark.parametrize(("lang", "label"), LABELS)
def test_label_inside_sentence_is_kept(lang: str, label: str) -> None:
    text = f"Die {label} wurde gestern aufgegeben."
    assert strip_ad_markers(text, lang) == text
    assert strip_ad_markers(text, None) == text
    assert clean(text, lang).body == text


@pytest.mark.parametrize(("lang", "label"), LABELS)
def test_label_glued_is_kept(lang: str, label: str) -> None:
    text = f"{BEFORE}\n{label}{AFTER}\n{BEFORE}{label}"
    assert strip_ad_markers(text, lang) == text
    assert strip_ad_markers(text, None) == text


def test_german_anzeige_sentence_intact() -> None:
    text = "Die Anzeige wurde gestern aufgegeben."
    assert clean(text, "de").body == text
    assert clean(f"Anzeige\n{text}", "de").body == text


def test_language_table_is_respected() -> None:
    # A Swedish marker is not a Norwegian one, so with language "no" it stays.
    text = "Artikeln fortsätter under annonsenNästa mening."
    assert strip_ad_markers(text, "no") == text
    assert strip_ad_markers(text, "sv") == "Nästa mening."
