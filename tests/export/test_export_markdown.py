"""Markdown export: format, hostile titles, safe file names, atomic writes."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.export import (
    is_reserved_name,
    markdown_filename,
    render_markdown,
    safe_output_path,
    safe_slug,
    write_atomic,
    write_markdown,
    write_markdown_all,
)
from newsreader.model import Article, ArticleNote, Highlight

from support import CUBA, SEED

BODY = SEED.read_text(encoding="utf-8")
TITLE = "Reuters: Putins regime ringte USAs militære ledelse på rød «hotline»"
FIRST = "For første gang under krigen i Ukraina har de militære lederne"
LATER = "En rød klut for Putin"

class _SlugShape:
    """A slug: starts with a letter or digit of any script; then letters, digits,
    combining marks (only after a non-ASCII letter) and hyphens; no ASCII capitals."""

    @staticmethod
    def match(stem: str) -> bool:
        if not stem or not stem[0].isalnum() or stem.endswith("-") or "--" in stem:
            return False
        for i, ch in enumerate(stem):
            if ch.isascii():
                if not (ch.isdigit() or ch.islower() or ch == "-"):
                    return False
            elif unicodedata.category(ch)[0] == "M":
                if stem[i - 1].isascii():
                    return False
            elif unicodedata.category(ch)[0] not in "LN":
                return False
        return True


SLUG_RE = _SlugShape
HOSTILE_TITLES = [
    "../../etc/passwd",
    "..",
    ".",
    "CON",
    "con.txt",
    "a/b\\c",
    "\x00\x1b[2J",
    "🙂🙂🙂",
    "x" * 300,
    "",
]


def make_article(title: str = TITLE, article_id: int = 1, **kw) -> Article:
    fields = dict(
        id=article_id,
        origin="file",
        title=title,
        source="TV 2",
        url="https://www.tv2.no/nyheter/utenriks/hotline",
        author=None,
        published="2022-11-30",
        language="no",
        raw=BODY,
        body=BODY,
        blocks=(),
        content_hash="d9fcfd8bd864394e",
        cleaner_version=1,
        imported_at="2024-05-01T10:00:00+00:00",
        updated_at="2024-05-01T10:00:00+00:00",
        read_at=None,
        starred=False,
    )
    fields.update(kw)
    return Article(**fields)


def make_hl(
    hl_id: int,
    passage: str,
    note: str | None = None,
    tags: tuple[str, ...] = (),
    state: str = "anchored",
) -> Highlight:
    start = BODY.index(passage)
    end = start + len(passage)
    return Highlight(
        id=hl_id,
        article_id=1,
        start=start,
        end=end,
        exact=BODY[start:end],
        prefix=BODY[max(0, start - 32) : start],
        suffix=BODY[end : end + 32],
        note=note,
        color="yellow",
        tags=tags,
        created_at="2024-05-01T10:05:00+00:00",
        updated_at="2024-05-01T10:05:00+00:00",
        state=state,
    )


def make_note(text: str, article_id: int = 1) -> ArticleNote:
    return ArticleNote(article_id, text, "2024-05-01T11:00:00+00:00", "2024-05-01T11:00:00+00:00")


def split_front_matter(text: str) -> tuple[list[str], str]:
    """Front-matter lines (without fences) and the body after the closing fence."""
    lines = text.split("\n")
    assert lines[0] == "---"
    close = lines.index("---", 1)
    return lines[1:close], "\n".join(lines[close + 1 :])


def front_matter_dict(text: str) -> dict[str, str]:
    lines, _ = split_front_matter(text)
    pairs = [line.split(": ", 1) for line in lines]
    assert all(len(p) == 2 for p in pairs), lines
    keys = [k for k, _ in pairs]
    assert len(keys) == len(set(keys)), keys
    return dict(pairs)


def file_name_is_safe(name: str) -> bool:
    stem, ext = os.path.splitext(name)
    return (
        ext == ".md"
        and bool(SLUG_RE.match(stem))
        and not name.startswith(".")
        and not is_reserved_name(name)
        and not is_reserved_name(stem)
        and len(name) <= 110
    )


def all_paths(root: Path) -> set[Path]:
    return set(root.rglob("*"))


# --- rendered Markdown -----------------------------------------------------


def test_front_matter_fences_and_keys():
    text = render_markdown(make_article(), [make_hl(12, CUBA, tags=("krig", "atom"))], None)
    fm = front_matter_dict(text)
    assert list(fm) == [
        "id", "title", "source", "url", "language", "published", "imported", "tags", "generator",
    ]
    assert fm["generator"] == '"newsreader"'  # how the next export knows the file is ours
    assert "author" not in fm  # None values are omitted
    assert fm["id"] == "1"
    assert json.loads(fm["title"]) == TITLE
    assert json.loads(fm["language"]) == "no"
    assert json.loads("[" + fm["tags"][1:-1] + "]") == ["atom", "krig"]


def test_front_matter_parses_as_yaml():
    yaml = pytest.importorskip("yaml")
    article = make_article(author="Ola Nordmann")
    hls = [make_hl(12, CUBA, tags=("krig",)), make_hl(13, FIRST, tags=("atom", "krig"))]
    lines, _ = split_front_matter(render_markdown(article, hls, None))
    data = yaml.safe_load("\n".join(lines))
    assert data == {
        "id": 1,
        "title": TITLE,
        "author": "Ola Nordmann",
        "source": "TV 2",
        "url": "https://www.tv2.no/nyheter/utenriks/hotline",
        "language": "no",  # a string, not YAML 1.1's boolean false
        "published": "2022-11-30",  # a string, not a date
        "imported": "2024-05-01T10:00:00+00:00",
        "tags": ["atom", "krig"],
        "generator": "newsreader",
    }


def test_tags_empty_list_when_no_tags():
    fm = front_matter_dict(render_markdown(make_article(), [make_hl(1, CUBA)], None))
    assert fm["tags"] == "[]"


def test_title_heading_quote_block_id_and_note():
    hl = make_hl(12, CUBA, note="Cuba-krisen: **13 dager** i oktober 1962.")
    _, body = split_front_matter(render_markdown(make_article(), [hl], None))
    assert f"\n# {TITLE}\n" in body
    assert f"\n## Highlights\n\n> {CUBA}\n\n^hl-12\n\nCuba-krisen: **13 dager** i oktober 1962.\n" in body


def test_title_heading_collapses_newlines():
    article = make_article(title="Første linje\nandre\r\nlinje")
    _, body = split_front_matter(render_markdown(article, [], None))
    assert "\n# Første linje andre linje\n" in body


def test_multiline_quote_every_line_prefixed():
    article = make_article(body="Intro.\n# Not a heading\n\n- not a list\n---\nEnd.")
    exact = article.body[len("Intro.\n") :]
    hl = Highlight(
        5, 1, len("Intro.\n"), len(article.body), exact, "", "", None, "yellow",
        (), "t", "t",
    )
    text = render_markdown(article, [hl], None)
    assert "> # Not a heading\n>\n> - not a list\n> ---\n> End.\n\n^hl-5\n" in text
    # The quoted "---" and "#" lines did not end the front matter or add a heading.
    assert text.count("\n# ") == 1
    assert [line for line in text.split("\n") if line == "---"] == ["---", "---"]


def test_highlights_in_text_order_even_when_passed_out_of_order():
    a, b, c = make_hl(30, FIRST), make_hl(10, CUBA), make_hl(20, LATER)
    text = render_markdown(make_article(), [c, a, b], None)
    order = [text.index(f"^hl-{i}") for i in (30, 10, 20)]
    assert order == sorted(order)
    assert BODY.index(FIRST) < BODY.index(CUBA) < BODY.index(LATER)


def test_same_start_ordered_by_id():
    hls = [make_hl(9, CUBA), make_hl(4, CUBA)]
    text = render_markdown(make_article(), hls, None)
    assert text.index("^hl-4") < text.index("^hl-9")


def test_orphans_in_their_own_section():
    placed = make_hl(1, CUBA)
    orphan = make_hl(2, LATER, note="Fant den ikke igjen", state="orphaned")
    text = render_markdown(make_article(), [orphan, placed], None)
    highlights_at = text.index("\n## Highlights\n")
    orphans_at = text.index("\n## Could not be placed\n")
    assert highlights_at < text.index("^hl-1") < orphans_at < text.index("^hl-2")
    section = text[orphans_at:]
    assert "could not be found" in section.split("\n")[3]
    assert f"> {LATER}\n\n^hl-2\n\nFant den ikke igjen\n" in section


def test_only_orphans_omits_highlights_section():
    text = render_markdown(make_article(), [make_hl(2, LATER, state="orphaned")], None)
    assert "## Highlights" not in text
    assert "## Could not be placed" in text


def test_article_note_under_notes_verbatim():
    note = make_note("## Min vurdering\n\n- punkt *en*\n- [[lenke]]\n")
    text = render_markdown(make_article(), [make_hl(1, CUBA)], note)
    assert text.endswith("\n## Notes\n\n## Min vurdering\n\n- punkt *en*\n- [[lenke]]\n")


def test_empty_sections_omitted():
    text = render_markdown(make_article(), [], make_note("  \n"))
    for heading in ("## Highlights", "## Could not be placed", "## Notes"):
        assert heading not in text
    assert text.endswith(f"# {TITLE}\n")


def test_highlight_tags_line_with_hyphens():
    hl = make_hl(3, CUBA, note="Notat", tags=("kald krig", "atom"))
    text = render_markdown(make_article(), [hl], None)
    assert "^hl-3\n\nNotat\n\nTags: #kald-krig #atom\n" in text
    assert "Tags:" not in render_markdown(make_article(), [make_hl(3, CUBA)], None)


def test_unclosed_code_fence_in_note_is_closed():
    hl = make_hl(1, CUBA, note="```python\nprint('hei')")
    text = render_markdown(make_article(), [hl], make_note("Etterpå"))
    fences = [line for line in text.split("\n") if line.startswith("```")]
    assert fences == ["```python", "```"]
    assert text.index("```\n") < text.index("## Notes")


# --- hostile titles in front matter ---------------------------------------

HOSTILE_FM_TITLE = 'foo: "bar"\n---\nid: 99\ttab \\ back\x00\x1b[2J \u2028 \x85 end'


def test_hostile_title_keeps_front_matter_intact():
    text = render_markdown(make_article(title=HOSTILE_FM_TITLE), [], None)
    lines = text.split("\n")
    assert lines[0] == "---"
    fences = [i for i, line in enumerate(lines) if line == "---"]
    assert len(fences) == 2
    fm = front_matter_dict(text)
    assert fm["id"] == "1"
    assert json.loads(fm["title"]) == HOSTILE_FM_TITLE
    # Nothing but printable text in the front matter.
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", "\n".join(lines[1 : fences[1]]).replace("\n", ""))


def test_hostile_title_round_trips_through_yaml():
    yaml = pytest.importorskip("yaml")
    lines, _ = split_front_matter(render_markdown(make_article(title=HOSTILE_FM_TITLE), [], None))
    data = yaml.safe_load("\n".join(lines))
    assert data["title"] == HOSTILE_FM_TITLE
    assert data["id"] == 1


# --- file names -------------------------------------------------------------


def test_slug_is_readable():
    assert safe_slug(TITLE, 1) == "reuters-putins-regime-ringte-usas-militaere-ledelse-pa-rod-hotline-1"
    assert safe_slug("Ærlig talt: Blåbær på Ørland", 7) == "aerlig-talt-blabaer-pa-orland-7"
    assert safe_slug("Crème brûlée — 100 %", 2) == "creme-brulee-100-2"


def test_slug_truncates_on_hyphen_boundary():
    slug = safe_slug("alpha beta gamma delta", 3, max_len=13)
    assert slug == "alpha-beta-3"
    assert safe_slug("x" * 300, 4) == "x" * 80 + "-4"


@pytest.mark.parametrize("title", HOSTILE_TITLES, ids=repr)
def test_hostile_title_writes_one_safe_file(tmp_path, title):
    out = tmp_path / "out"
    path = write_markdown(out, make_article(title=title, article_id=42), [make_hl(1, CUBA)], None)
    assert path.parent == out.resolve()
    assert file_name_is_safe(path.name), path.name
    assert path.name.endswith("-42.md")
    assert all_paths(tmp_path) == {out, path}
    assert path.read_text(encoding="utf-8").startswith("---\nid: 42\n")


@settings(max_examples=300)
@given(title=st.text(), article_id=st.integers(min_value=0, max_value=10**12))
def test_slug_property(title, article_id):
    slug = safe_slug(title, article_id)
    assert SLUG_RE.match(slug), slug
    assert slug.endswith(f"-{article_id}")
    assert len(slug) <= 80 + 1 + len(str(article_id))
    assert len(slug.encode("utf-8")) <= 160 + 1 + len(str(article_id))
    assert not is_reserved_name(slug) and not is_reserved_name(slug + ".md")
    safe_output_path(Path("/tmp"), slug + ".md")  # must not raise


@pytest.mark.parametrize("name", ["CON", "con.txt", "Lpt1.md", "nul", "COM9.tar.gz", "aux."])
def test_reserved_names_detected(name):
    assert is_reserved_name(name)


@pytest.mark.parametrize("name", ["con-1.md", "console.md", "com10.md", "article-3.md"])
def test_ordinary_names_not_reserved(name):
    assert not is_reserved_name(name)


@pytest.mark.parametrize(
    "name", ["", ".", "..", "../x.md", "a/b.md", "a\\b.md", ".hidden.md", "x\x00.md", "CON.md", "/etc/passwd"]
)
def test_safe_output_path_rejects(tmp_path, name):
    with pytest.raises(ValueError):
        safe_output_path(tmp_path, name)


def test_safe_output_path_accepts_plain_name(tmp_path):
    assert safe_output_path(tmp_path, "a-1.md") == tmp_path.resolve() / "a-1.md"


# --- atomic writes ------------------------------------------------------------


def test_write_atomic_writes_utf8_with_lf(tmp_path):
    target = tmp_path / "a.md"
    write_atomic(target, "blåbær\nlinje 2\n")
    assert target.read_bytes() == "blåbær\nlinje 2\n".encode("utf-8")
    assert all_paths(tmp_path) == {target}


def test_write_atomic_failed_replace_leaves_nothing(tmp_path, monkeypatch):
    def boom(src, dst):
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk on fire"):
        write_atomic(tmp_path / "new.md", "content")
    assert all_paths(tmp_path) == set()


def test_write_atomic_failure_keeps_existing_target(tmp_path, monkeypatch):
    target = tmp_path / "old.md"
    target.write_text("original", encoding="utf-8")

    def boom(fd):
        raise OSError("fsync failed")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError, match="fsync failed"):
        write_atomic(target, "half-written replacement")
    assert target.read_text(encoding="utf-8") == "original"
    assert all_paths(tmp_path) == {target}


def test_write_atomic_replaces_existing(tmp_path):
    target = tmp_path / "old.md"
    target.write_text("original", encoding="utf-8")
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert all_paths(tmp_path) == {target}


# --- write_markdown / write_markdown_all --------------------------------------


def test_write_markdown_creates_parents_and_matches_render(tmp_path):
    out = tmp_path / "a" / "b"
    article = make_article()
    hls = [make_hl(1, CUBA, note="Notat")]
    path = write_markdown(out, article, hls, None)
    assert path == out.resolve() / markdown_filename(article)
    assert path.read_text(encoding="utf-8") == render_markdown(article, hls, None)


def test_write_markdown_all_writes_index_linking_every_article(tmp_path):
    out = tmp_path / "export"
    items = [
        (make_article(article_id=1), [make_hl(1, CUBA), make_hl(2, LATER, state="orphaned")], make_note("x")),
        (make_article(title="CON", article_id=2), [], None),
        (make_article(title="[[fake]] | link\nnewline", article_id=3), [make_hl(3, FIRST)], None),
    ]
    paths = write_markdown_all(out, items)
    index = out.resolve() / "index.md"
    assert paths[-1] == index
    assert len(paths) == 4 and all(p.parent == out.resolve() for p in paths)
    assert all_paths(tmp_path) == {out, *paths}
    lines = index.read_text(encoding="utf-8").splitlines()
    for path in paths[:-1]:
        stem = path.name[: -len(".md")]
        [line] = [line for line in lines if f"[[{stem}]]" in line]
        assert line.startswith("- ")
    assert "(1 highlight, 1 could not be placed, note)" in lines[2]
    assert "(0 highlights)" in lines[3]
    # The hostile title cannot open a second wikilink or break the line.
    assert lines[4].count("[[") == 1 and len(lines) == 7
    assert lines[6] == '<!-- generator: "newsreader": replaced by every export --all -->'


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Путин звонит в Вашингтон: «горячая линия»", "путин-звонит-в-вашингтон-горячая-линия-7"),
        ("Η Ελλάδα και η Κρήτη", "η-ελλάδα-και-η-κρήτη-7"),
        ("日本の首相が辞任を表明", "日本の首相が辞任を表明-7"),
        ("中国新闻：今天的天气", "中国新闻-今天的天气-7"),
        ("हिंदी समाचार किताब", "हिंदी-समाचार-किताब-7"),
        ("Йогурт и ёлка", "йогурт-и-ёлка-7"),  # й and ё keep their marks (NFC)
        ("Blåbær på Ærø", "blabaer-pa-aero-7"),  # Latin script: as a reader types it
    ],
)
def test_slugs_keep_the_letters_of_any_script(title, slug):
    """Before: Cyrillic, Greek and Chinese titles left only "article-7"."""
    assert safe_slug(title, 7) == slug
    assert unicodedata.is_normalized("NFC", slug)


def test_slug_length_is_capped_in_bytes_and_never_splits_a_letter():
    chinese = safe_slug("中" * 300, 5)
    assert len(chinese.encode("utf-8")) <= 160 + len("-5") and chinese.endswith("中-5")
    hindi = safe_slug("कि" * 200, 5)
    stem = hindi[: -len("-5")]
    assert len(stem.encode("utf-8")) <= 160
    assert unicodedata.category(stem[-1]) == "Mc" and stem.endswith("कि")  # the letter kept its vowel sign
