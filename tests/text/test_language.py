"""Language detection: seed is Norwegian, short text is unknown, results are stable."""

from __future__ import annotations

import threading

import pytest

from newsreader.text import detect_language, language_name

from support import seed_body

PARAGRAPHS = {
    "en": (
        "The government announced on Tuesday that it would raise taxes on fuel, "
        "a decision that critics say will hurt families in rural areas the most."
    ),
    "de": (
        "Die Bundesregierung hat am Dienstag angekündigt, die Steuern auf Kraftstoff "
        "zu erhöhen. Kritiker sagen, dass vor allem Familien auf dem Land darunter leiden werden."
    ),
    "sv": (
        "Regeringen meddelade på tisdagen att den kommer att höja skatten på bränsle, "
        "ett beslut som kritiker säger kommer att drabba familjer på landsbygden hårdast."
    ),
}


def test_seed_is_norwegian() -> None:
    assert detect_language(seed_body()) == "no"


@pytest.mark.parametrize("text", ["Hei", "", "   ", "12345 67890 !!!", "Hei på deg", "a b c d e f"])
def test_short_text_is_unknown(text: str) -> None:
    assert detect_language(text) == "unknown"


@pytest.mark.parametrize(("code", "text"), sorted(PARAGRAPHS.items()))
def test_paragraphs(code: str, text: str) -> None:
    assert detect_language(text) == code


def test_deterministic() -> None:
    body = seed_body()
    answers = {detect_language(body) for _ in range(5)}
    assert answers == {"no"}
    mixed = "Hei hallo hvordan går det med deg i dag kjære venn"
    assert len({detect_language(mixed) for _ in range(5)}) == 1


def test_long_text_is_sampled() -> None:
    # Beyond the sample, another language does not change the answer.
    text = seed_body() * 3 + " " + PARAGRAPHS["en"] * 200
    assert detect_language(text) == "no"


def test_threads_agree() -> None:
    results: list[str] = []
    lock = threading.Lock()

    def work(text: str) -> None:
        code = detect_language(text)
        with lock:
            results.append(code)

    threads = [threading.Thread(target=work, args=(PARAGRAPHS["de"],)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["de"] * 8


def test_language_name() -> None:
    assert language_name("no") == "Norwegian"
    assert language_name("nb") == "Norwegian"
    assert language_name("de") == "German"
    assert language_name("unknown") == "Unknown"
    assert language_name("xx") == "xx"
