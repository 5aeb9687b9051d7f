"""Ad labels that news pages print inside the article text: one test per label,
alone as a paragraph, in an article of its own language (cleaner and HTML import)."""

from __future__ import annotations

import pytest

from newsreader.text import clean, detect_language

ARTICLES = {
    "no": [
        "Regjeringen la fram statsbudsjettet for neste år på en pressekonferanse i dag.",
        "Finansministeren sa at budsjettet skal bidra til lavere prisvekst og flere arbeidsplasser.",
        "Opposisjonen mener at kommunene får for lite penger til skole og eldreomsorg.",
    ],
    "sv": [
        "Regeringen presenterade i dag sin budget för nästa år vid en presskonferens i Stockholm.",
        "Finansministern sade att budgeten ska bidra till lägre inflation och fler jobb i hela landet.",
        "Oppositionen menar att kommunerna får för lite pengar till skolan och äldreomsorgen.",
    ],
    "de": [
        "Die Bundesregierung hat heute ihren Haushaltsentwurf für das kommende Jahr vorgestellt.",
        "Der Finanzminister sagte, der Haushalt solle die Inflation senken und Arbeitsplätze schaffen.",
        "Die Opposition kritisiert, dass die Kommunen zu wenig Geld für Schulen bekommen werden.",
    ],
    "en": [
        "The government presented its budget for next year at a press conference on Tuesday.",
        "The finance minister said the budget would help bring down inflation and create jobs.",
        "The opposition argues that local councils will get too little money for schools and care.",
    ],
}

# (label as a page prints it, the article's language)
LABELS = [
    ("Annonse", "no"),
    ("ANNONS", "sv"),
    ("Annonsørinnhold", "no"),
    ("ANZEIGE", "de"),
    ("Advertisement", "en"),
    ("Story continues below advertisement", "en"),
]


def with_label(language: str, label: str) -> str:
    first, second, third = ARTICLES[language]
    return f"{first}\n{label}\n{second}\n{label}\n{third}"


def expected(language: str) -> str:
    return "\n\n".join(ARTICLES[language])


@pytest.mark.parametrize(("label", "language"), LABELS)
def test_the_label_alone_as_a_paragraph_is_removed(label, language):
    text = with_label(language, label)
    assert detect_language(text) == language
    assert clean(text, language).body == expected(language)
    assert clean(text, None).body == expected(language)  # language unknown: every table


@pytest.mark.parametrize(("label", "language"), LABELS)
def test_the_label_in_any_capitals_with_a_colon_is_removed(label, language):
    for shown in (label.upper(), label.lower(), f"{label}:"):
        assert clean(with_label(language, shown), language).body == expected(language), shown


@pytest.mark.parametrize(("label", "language"), LABELS)
def test_the_label_as_a_word_in_a_sentence_is_kept(label, language):
    sentence = f"Hun skrev ordet {label} i en melding til redaksjonen."
    assert clean(sentence, language).body == sentence


def test_advertisement_alone_is_removed_in_any_language():
    # Ad-serving scripts print the English label on pages in every language.
    text = with_label("no", "ADVERTISEMENT")
    assert clean(text, "no").body == expected("no")


@pytest.mark.parametrize(("label", "language"), LABELS)
def test_a_page_with_the_label_imports_as_just_the_article(lib, tmp_path, label, language):
    paragraphs = "".join(f"<p>{p}</p><p>{label}</p>" for p in ARTICLES[language])
    page = tmp_path / f"{language}.html"
    page.write_text(
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><title>Budsjett</title></head>'
        f'<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>'
        f"<article><h1>Budsjett</h1>{paragraphs}</article></body></html>",
        encoding="utf-8",
    )
    [outcome] = lib.import_paths([page])
    article = lib.article(outcome.article_id)
    assert article.language == language and article.body == expected(language)
