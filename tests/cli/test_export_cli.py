"""`newsreader export --article ID` for an article with nothing on it: one line
naming it, no file, exit 0 (nothing failed)."""

from __future__ import annotations

from support import CUBA as SENTENCE
from support.cli import run

TITLE = "Reuters: Putins regime ringte USAs militære ledelse på rød «hotline»"


def test_exporting_an_unannotated_article_writes_nothing_and_says_why(capsys, db_path, tmp_path):
    out_dir = tmp_path / "out"
    for fmt in ("markdown", "w3c"):
        code, out, err = run(capsys, "--db", str(db_path), "export", "--format", fmt, "--article", "1",
                             "--out", str(out_dir))
        assert code == 0 and out == ""
        assert err == f"nothing to export: {TITLE} has no highlights or notes\n"
        assert not out_dir.exists() or list(out_dir.iterdir()) == []


def test_only_the_empty_one_is_named_when_several_are_given(capsys, db_path, tmp_path):
    other = tmp_path / "b.txt"
    other.write_text("Annen artikkel\nEn helt vanlig tekst om været i Bergen i dag og i morgen.\n", encoding="utf-8")
    run(capsys, "--db", str(db_path), "import", str(other))
    code, _, _ = run(capsys, "--db", str(db_path), "annotate", "1", "--quote", SENTENCE)
    assert code == 0
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, "--db", str(db_path), "export", "--article", "1", "--article", "2",
                         "--out", str(out_dir))
    assert code == 0
    assert err == "nothing to export: Annen artikkel has no highlights or notes\n"
    [written] = out.splitlines()
    assert written.endswith("-1.md") and [p.name for p in out_dir.iterdir()] == [written.rsplit("/", 1)[1]]


def test_an_unknown_article_is_still_an_error(capsys, db_path, tmp_path):
    code, out, err = run(capsys, "--db", str(db_path), "export", "--article", "42", "--out", str(tmp_path))
    assert code == 1 and err == "newsreader: no article with id 42\n"
