"""Boilerplate lines ("Related", "このニュースをシェア") and teasers for other
articles ("Les også: ...") go when they stand as a line of their own, and
never when the same words are part of a sentence."""

from __future__ import annotations

import pytest

from newsreader.text import clean
from newsreader.text.clean import strip_boilerplate
from newsreader.text.markers import BOILERPLATE, TEASERS

FIRST = "Regjeringen la fram statsbudsjettet for neste år i dag."
SECOND = "Finansministeren sa at budsjettet skal bidra til lavere prisvekst."
BODY = f"{FIRST}\n\n{SECOND}"

LINES = [(lang, line) for lang in sorted(BOILERPLATE) for line in BOILERPLATE[lang]]
TEASER_PREFIXES = [(lang, prefix) for lang in sorted(TEASERS) for prefix in TEASERS[lang]]

# Teaser lines as news sites print them, each with the article it sits in.
REAL_TEASERS = [
    ("no", "Les også: Slik blir været i helgen"),
    ("no", "LES OGSÅ: – Dette er den største endringen på 20 år"),
    ("no", "Les også | Strømprisen stiger igjen"),
    ("sv", "Läs också: Så mycket höjs elpriset i vinter"),
    ("da", "Læs også: Regeringen vil sænke skatten på arbejde"),
    ("fi", "Lue myös: Hallitus kaavailee uusia leikkauksia"),
    ("de", "Lesen Sie auch: Warum die Bahn schon wieder streikt"),
    ("de", "Mehr zum Thema: Ampel einigt sich auf Haushalt"),
    ("nl", "Lees ook: Kabinet trekt extra geld uit voor zorg"),
    ("en", "Read more: Why the Bank of England held rates"),
    ("en", "READ MORE: Inflation falls for a third month"),
    ("fr", "À lire aussi : Le budget 2025 en cinq chiffres"),
    ("es", "Lee también: El Gobierno aprueba los presupuestos"),
    ("pt", "Leia também: Governo aprova o Orçamento do Estado"),
    ("it", "Leggi anche: Manovra, cosa cambia per le pensioni"),
    ("pl", "Czytaj także: Rząd przyjął projekt budżetu"),
    ("ru", "Читайте также: Госдума приняла бюджет в первом чтении"),
    ("ja", "関連記事：首相が辞任を表明"),
    ("zh", "相关新闻：国务院发布新规"),
    ("ar", "اقرأ أيضا: الحكومة تقر الميزانية الجديدة"),
]


@pytest.mark.parametrize(("lang", "line"), LINES)
def test_a_boilerplate_line_on_its_own_is_removed(lang, line):
    for shown in (line, line.upper(), f"{line}:", f"  {line}  "):
        assert clean(f"{FIRST}\n{shown}\n{SECOND}", "no").body == BODY, shown
        assert clean(f"{FIRST}\n{shown}\n{SECOND}", None).body == BODY, shown


@pytest.mark.parametrize(("lang", "line"), LINES)
def test_boilerplate_words_inside_a_sentence_are_kept(lang, line):
    for text in (f"Hun skrev «{line}» under bildet.", f"{line} er ord hun brukte i går.",
                 f"{FIRST} {line}.", f"{line}{line}"):
        assert strip_boilerplate(text) == text, text


def test_the_nhk_share_line_goes():
    text = "政府は火曜日、来年度の予算案を発表した。\nこのニュースをシェア\n財務相は予算が役立つと述べた。"
    assert clean(text, "ja").body == "政府は火曜日、来年度の予算案を発表した。\n\n財務相は予算が役立つと述べた。"


@pytest.mark.parametrize(("lang", "teaser"), REAL_TEASERS)
def test_a_real_teaser_line_is_removed(lang, teaser):
    assert clean(f"{FIRST}\n{teaser}\n{SECOND}", lang).body == BODY
    assert clean(f"{FIRST}\n{teaser}\n{SECOND}", None).body == BODY


@pytest.mark.parametrize(("lang", "prefix"), TEASER_PREFIXES)
def test_every_teaser_prefix_with_a_headline_is_removed(lang, prefix):
    for line in (f"{prefix}: Overskrift på en annen sak", f"{prefix} – Overskrift", f"{prefix.upper()} Overskrift",
                 prefix, f"{prefix}:"):
        assert strip_boilerplate(f"{FIRST}\n{line}\n{SECOND}") == f"{FIRST}\n{SECOND}", line


@pytest.mark.parametrize(("lang", "prefix"), TEASER_PREFIXES)
def test_teaser_words_in_a_sentence_are_kept(lang, prefix):
    for text in (f"Han sa: {prefix.lower()} dette først.", f"{prefix} dette, sa han.",
                 f"{prefix}: dette er en setning med liten forbokstav.", f"«{prefix}: Overskrift»",
                 f"{prefix}: " + "Ordene fortsetter her. " * 10):
        assert strip_boilerplate(text) == text, text


def test_the_example_sentence_from_the_issue_stays():
    text = f"{FIRST}\nHan sa: les også dette\n{SECOND}"
    assert clean(text, "no").body == f"{FIRST}\n\nHan sa: les også dette\n\n{SECOND}"


def test_a_teaser_prefix_as_the_start_of_a_longer_word_is_kept():
    for text in ("Relatedness: Overskrift", "Watchdog: Tilsynet svarer", "Les ogsåkalt: Overskrift"):
        assert strip_boilerplate(text) == text


def test_text_without_boilerplate_is_returned_as_is():
    text = f"{FIRST}\n\n\n{SECOND}\n"
    assert strip_boilerplate(text) is text
