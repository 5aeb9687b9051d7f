"""Export file names from titles in any script: letters kept (NFC), everything
unsafe gone, the length capped in bytes without splitting a grapheme cluster."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from newsreader.export.files import MAX_SLUG_BYTES, is_reserved_name, safe_output_path, safe_slug

UNSAFE = set('/\\<>:"|?*') | {chr(c) for c in range(32)} | {"\x7f"}


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Путин позвонил Байдену по «горячей линии»", "путин-позвонил-байдену-по-горячей-линии-7"),
        ("Україна: уряд схвалив бюджет", "україна-уряд-схвалив-бюджет-7"),
        ("Ἀθῆναι: Η Βουλή ψήφισε τον προϋπολογισμό", "ἀθῆναι-η-βουλή-ψήφισε-τον-προϋπολογισμό-7"),
        ("北京今天下雪了！", "北京今天下雪了-7"),
        ("來年度予算案　過去最大の１１２兆円", "來年度予算案-過去最大の112兆円-7"),  # full-width forms read as ASCII
        ("정부, 내년도 예산안 발표", "정부-내년도-예산안-발표-7"),
        ("الحكومة تعلن عن ميزانية جديدة", "الحكومة-تعلن-عن-ميزانية-جديدة-7"),
        ("الحُكُومَة", "الحُكُومَة-7"),  # Arabic vowel marks stay on their letters
        ("הממשלה אישרה את התקציב", "הממשלה-אישרה-את-התקציב-7"),
        ("ข่าวไทย วันนี้", "ข่าวไทย-วันนี้-7"),
        ("क्षत्रिय समाचार", "क्षत्रिय-समाचार-7"),
        ("🔥 Brann i Oslo 🔥", "brann-i-oslo-7"),  # emoji are not letters
        ("👨‍👩‍👧 🇳🇴", "article-7"),
        ("Reuters: Putins regime ringte USAs militære ledelse", "reuters-putins-regime-ringte-usas-militaere-ledelse-7"),
        ("Việt Nam đẹp", "viet-nam-dep-7"),  # Latin script: as a reader types it
    ],
)
def test_titles_in_any_script(title, slug):
    assert safe_slug(title, 7) == slug
    assert unicodedata.is_normalized("NFC", slug)


@pytest.mark.parametrize(
    "title",
    ['a/b\\c<d>e:f"g|h?i*j', "..hidden", "../../etc/passwd", "\u202eevil\u202c.txt", "tab\there\x00nul\x1bescape",
     "Путин/Байден: \u200bскрытый", "CON", "北京\\上海"],
)
def test_unsafe_characters_never_reach_the_name(title):
    slug = safe_slug(title, 7)
    assert not UNSAFE & set(slug) and not slug.startswith(".")
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Zs") for c in slug)
    assert not is_reserved_name(slug + ".md")
    safe_output_path(Path("/tmp"), slug + ".md")


@pytest.mark.parametrize(
    "letter",
    ["中", "ж", "ά", "ع", "𠀀", "क्ष", "ကြ", "ស្រ", "ข่", "가"],  # 3- and 4-byte letters, conjuncts, marks
)
def test_the_length_is_capped_in_bytes_on_a_cluster_boundary(letter):
    slug = safe_slug(letter * 200, 5)
    stem = slug.removesuffix("-5")
    assert len(stem.encode("utf-8")) <= MAX_SLUG_BYTES
    assert len(stem.encode("utf-8")) > MAX_SLUG_BYTES - 3 * len(letter.encode("utf-8"))  # not cut far short
    # Whole clusters only: the stem is the letter repeated, nothing dangling.
    assert stem == letter * (len(stem) // len(letter))


def test_a_conjunct_is_not_split_by_the_cut():
    """Before: the cut could end on a virama ("क्"), half a conjunct."""
    for n in range(150, 170):
        stem = safe_slug("क्ष" * n, 1).removesuffix("-1")
        assert not stem.endswith("\u094d"), n
        assert unicodedata.combining(stem[-1]) != 9


def test_a_long_title_is_cut_at_a_word():
    title = "Президент России позвонил в Вашингтон по горячей линии после инцидента в Польше и обсудил ситуацию"
    slug = safe_slug(title, 3)
    assert len(slug.removesuffix("-3").encode("utf-8")) <= MAX_SLUG_BYTES
    assert title.lower().replace(" ", "-").startswith(slug.removesuffix("-3"))
    assert slug.removesuffix("-3").split("-")[-1] in title.lower().split()  # a whole word ends it
