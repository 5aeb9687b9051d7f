"""Exporting an article with nothing on it writes no file (and says so in the CLI)."""

from __future__ import annotations

from support import CUBA as SENTENCE


def _highlight(lib, article_id: int = 1):
    body = lib.article(article_id).body
    start = body.index(SENTENCE)
    return lib.add_highlight(article_id, start, start + len(SENTENCE))


def test_an_article_without_highlights_or_note_exports_nothing(seeded, tmp_path):
    out = tmp_path / "out"
    assert seeded.has_annotations(1) is False
    assert seeded.export_markdown(out, [1]) == []
    assert not out.exists() or list(out.iterdir()) == []
    path, count = seeded.export_w3c(tmp_path / "a.jsonld", [1])
    assert (path, count) == (None, 0) and not (tmp_path / "a.jsonld").exists()


def test_a_note_alone_or_a_highlight_alone_is_enough(seeded, tmp_path):
    seeded.set_article_note(1, "Bare en note")
    assert seeded.has_annotations(1)
    [path] = seeded.export_markdown(tmp_path / "a", [1])
    assert "Bare en note" in path.read_text(encoding="utf-8")
    seeded.set_article_note(1, "")  # removed
    assert not seeded.has_annotations(1)
    _highlight(seeded)
    assert seeded.has_annotations(1)
    [path] = seeded.export_markdown(tmp_path / "b", [1])
    assert SENTENCE in path.read_text(encoding="utf-8")


def test_of_several_articles_only_the_annotated_are_written(seeded, tmp_path):
    other = tmp_path / "b.txt"
    other.write_text("Annen artikkel\nEn helt vanlig tekst om været i Bergen i dag og i morgen.\n", encoding="utf-8")
    [added] = seeded.import_paths([other])
    _highlight(seeded)
    paths = seeded.export_markdown(tmp_path / "out", [1, added.article_id])
    assert [p.name for p in paths] == [f"{paths[0].stem}.md"] and paths[0].stem.endswith("-1")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [paths[0].name]
