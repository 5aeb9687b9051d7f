"""Exports never overwrite a file newsreader did not write, and carry no terminal controls."""

from __future__ import annotations

from pathlib import Path

from newsreader.cli import main
from newsreader.library import Library

QUOTE = "En så dramatisk situasjon"


def _annotated(db: Path, note: str = "min note") -> None:
    assert main(["--db", str(db), "annotate", "1", "--quote", QUOTE, "--note", note]) == 0


def test_export_all_leaves_the_users_own_index_alone(tmp_path, capsys):
    """Before: `export --all` overwrote a user's own index.md."""
    db, out = tmp_path / "s.db", tmp_path / "vault"
    out.mkdir()
    mine = out / "index.md"
    mine.write_text("# My own index\n\nHand-written, do not touch.\n", encoding="utf-8")
    _annotated(db)
    capsys.readouterr()
    assert main(["--db", str(db), "export", "--all", "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert mine.read_text(encoding="utf-8") == "# My own index\n\nHand-written, do not touch.\n"
    assert f"newsreader: {mine}: exists and was not written by newsreader; left as it is" in captured.err
    [article] = [p for p in out.glob("*.md") if p.name != "index.md"]
    assert QUOTE in article.read_text(encoding="utf-8")  # the rest was written


def test_a_users_file_with_an_articles_name_is_not_overwritten(tmp_path, capsys):
    db, out = tmp_path / "s.db", tmp_path / "vault"
    _annotated(db)
    capsys.readouterr()
    assert main(["--db", str(db), "export", "--article", "1", "--out", str(out)]) == 0
    [path] = Path(capsys.readouterr().out.strip()).parent.glob("*.md")
    path.write_text("My notes on Cuba, written by hand.\n", encoding="utf-8")
    assert main(["--db", str(db), "export", "--article", "1", "--out", str(out)]) == 1
    assert "was not written by newsreader" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "My notes on Cuba, written by hand.\n"


def test_our_own_exports_are_replaced_including_ones_from_before_the_marker(tmp_path, capsys):
    db, out = tmp_path / "s.db", tmp_path / "vault"
    _annotated(db)
    assert main(["--db", str(db), "export", "--all", "--out", str(out)]) == 0
    capsys.readouterr()
    article = next(p for p in out.glob("*.md") if p.name != "index.md")
    assert 'generator: "newsreader"' in article.read_text(encoding="utf-8")
    # as an export from before the generator line was written
    article.write_text(article.read_text(encoding="utf-8").replace('generator: "newsreader"\n', ""), encoding="utf-8")
    (out / "index.md").write_text("# Exported articles\n\n- [[x-1]] X (1 highlight)\n", encoding="utf-8")
    assert main(["--db", str(db), "note", "1", "ny artikkelnote"]) == 0
    assert main(["--db", str(db), "export", "--all", "--out", str(out)]) == 0
    assert "ny artikkelnote" in article.read_text(encoding="utf-8")
    assert 'generator: "newsreader"' in (out / "index.md").read_text(encoding="utf-8")


def test_controls_and_bidi_overrides_never_reach_the_markdown(tmp_path, capsys):
    """Before: raw ESC/BEL from notes reached exported Markdown; bidi overrides too."""
    db, out = tmp_path / "s.db", tmp_path / "vault"
    _annotated(db, note="før \x1b[2J\x1b]52;c;aGk=\x07etter \u202eabc\u202c slutt\x07")
    capsys.readouterr()
    lib = Library.open(db)
    lib.set_article_note(1, "artikkel \u2066isolert\u2069 \x1b[31mrød\x1b[0m")
    lib.close()
    assert main(["--db", str(db), "export", "--article", "1", "--out", str(out)]) == 0
    text = Path(capsys.readouterr().out.strip()).read_text(encoding="utf-8")
    for bad in ("\x1b", "\x07", "\u202e", "\u202c", "\u2066", "\u2069"):
        assert bad not in text
    assert "før etter abc slutt" in text  # the words are kept
    assert "artikkel isolert rød" in text
