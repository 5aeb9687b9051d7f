"""Annotating from the shell: annotate, note, reclean, list --orphans, export --all."""

from __future__ import annotations

import io
import json

from newsreader.cli import main
from newsreader.library import Library
from newsreader.text import CLEANER_VERSION

from support import CUBA, MARKER


def run(capsys, db_path, *args):
    code = main(["--db", str(db_path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_annotate_by_quote_prints_the_new_highlight_id(capsys, db_path):
    code, out, err = run(capsys, db_path, "annotate", "1", "--quote", "dramatisk situasjon",
                         "--note", "Se også Cuba", "--tag", "krig", "--tag", " historie ")
    assert code == 0 and err == ""
    highlight_id = int(out.strip())
    lib = Library.open(db_path)
    h = lib.highlight(highlight_id)
    assert h.exact == "dramatisk situasjon" and h.note == "Se også Cuba"
    assert h.tags == ("historie", "krig")
    assert lib.article(1).body[h.start:h.end] == "dramatisk situasjon"
    lib.close()


def test_annotate_matches_whitespace_loosely(capsys, db_path):
    code, out, _ = run(capsys, db_path, "annotate", "1", "--quote",
                       "tredje verdenskrig.   En så dramatisk")
    assert code == 0
    lib = Library.open(db_path)
    assert lib.highlight(int(out)).exact == "tredje verdenskrig.\n\nEn så dramatisk"
    lib.close()


def test_annotate_absent_quote_is_one_line_with_a_hint(capsys, db_path):
    code, out, err = run(capsys, db_path, "annotate", "1", "--quote", "dramatiske situasjon")
    assert code == 1 and out == ""
    assert err == "newsreader: article 1: quote not found; closest passage: «dramatisk situasjon»\n"
    code, _, err = run(capsys, db_path, "annotate", "1", "--quote", "xqzxqzxqzxqz")
    assert code == 1 and "check its spelling and whitespace" in err and len(err.splitlines()) == 1


def test_annotate_ambiguous_quote_says_how_many(capsys, db_path):
    code, out, err = run(capsys, db_path, "annotate", "1", "--quote", "Russland")
    assert code == 1 and out == ""
    assert "found 8 times" in err and "add more words" in err and "Traceback" not in err
    lib = Library.open(db_path)
    assert lib.highlights(1) == []
    lib.close()


def test_annotate_unknown_article(capsys, db_path):
    code, _, err = run(capsys, db_path, "annotate", "99", "--quote", "x")
    assert code == 1 and err.strip() == "newsreader: no article with id 99"


def test_annotate_hint_cannot_reach_the_terminal_raw(capsys, db_path):
    lib = Library.open(db_path)
    lib.ensure_seeded()
    # The cleaner drops control characters; a body from elsewhere might not.
    lib.store.db.execute("UPDATE articles SET body = ? WHERE id = 1",
                         ["En tekst med \x1b]52;c;SGVsbG8=\x07 farlige tegn i seg, og mer tekst."])
    lib.close()
    _, _, err = run(capsys, db_path, "annotate", "1", "--quote", "SGVsbG8=\x07 farligee tegn")
    assert "closest passage" in err and "SGVsbG8" in err
    assert "\x1b" not in err and "\x07" not in err and len(err.splitlines()) == 1


def test_note_sets_replaces_reads_stdin_and_clears(capsys, db_path, monkeypatch):
    code, out, _ = run(capsys, db_path, "note", "1", "Første notat")
    assert code == 0 and out.strip() == "note saved on article 1"
    monkeypatch.setattr("sys.stdin", io.StringIO("Fra stdin\n\nmed to avsnitt\n"))
    run(capsys, db_path, "note", "1", "-")
    lib = Library.open(db_path)
    assert lib.article_note(1).text == "Fra stdin\n\nmed to avsnitt\n"
    lib.close()
    code, out, _ = run(capsys, db_path, "note", "1", "  ")
    assert code == 0 and out.strip() == "note removed from article 1"
    code, _, err = run(capsys, db_path, "note", "7", "x")
    assert code == 1 and "no article with id 7" in err


def make_outdated(db_path) -> tuple[str, int]:
    """An article cleaned by 'cleaner 0', which left a marker in; a highlight on it."""
    lib = Library.open(db_path)
    lib.ensure_seeded()
    good = lib.article(1).body
    old_body = good.replace("En så dramatisk", f"{MARKER} En så dramatisk")
    lib.store.db.execute("UPDATE articles SET body = ?, cleaner_version = 0 WHERE id = 1", [old_body])
    start = old_body.index(CUBA)
    h = lib.add_highlight(1, start, start + len(CUBA), note="viktig")
    lib.close()
    return good, h.id


def test_reclean_rederives_outdated_articles(capsys, db_path):
    good, highlight_id = make_outdated(db_path)
    code, out, err = run(capsys, db_path, "reclean")
    assert code == 0 and err == ""
    assert out.startswith("updated") and "-> article 1" in out
    lib = Library.open(db_path)
    article = lib.article(1)
    assert article.body == good and article.cleaner_version == CLEANER_VERSION
    h = lib.highlight(highlight_id)
    assert good[h.start:h.end] == CUBA and h.state == "anchored"
    lib.close()
    code, out, err = run(capsys, db_path, "reclean")
    assert code == 0 and out == "" and "nothing to re-clean" in err
    code, out, _ = run(capsys, db_path, "reclean", "--all")
    assert code == 0 and out.startswith("unchanged")


def test_any_command_recleans_after_an_upgrade_and_says_so_on_stderr(capsys, db_path):
    good, _ = make_outdated(db_path)
    code, out, err = run(capsys, db_path, "list", "--json")
    assert code == 0 and json.loads(out)[0]["id"] == 1  # stdout stays clean JSON
    assert err.strip() == "newsreader: re-cleaned 1 article(s) with the current cleaner"
    _, out, _ = run(capsys, db_path, "show", "1")
    assert MARKER not in out


def test_list_orphans_when_there_are_none(capsys, db_path):
    code, out, err = run(capsys, db_path, "list", "--orphans")
    assert code == 0 and out == "" and "no highlights need placing" in err
    code, out, _ = run(capsys, db_path, "list", "--orphans", "--json")
    assert code == 0 and json.loads(out) == []


def test_list_orphans_one_line_each_with_hostile_text_made_safe(capsys, db_path):
    lib = Library.open(db_path)
    lib.ensure_seeded()
    body = lib.article(1).body
    start = body.index(CUBA)
    h = lib.add_highlight(1, start, start + len(CUBA), note="første linje \x1b[2J\nandre linje")
    lib.store.db.execute("UPDATE highlights SET state = 'orphaned' WHERE id = ?", [h.id])
    lib.close()
    code, out, _ = run(capsys, db_path, "list", "--orphans")
    [line] = out.splitlines()
    assert code == 0 and line.split()[:2] == [str(h.id), "1"]
    assert "«En så dramatisk" in line and "første linje" in line
    assert "andre linje" not in line and "\x1b" not in line
    _, out, _ = run(capsys, db_path, "list", "--orphans", "--json")
    [row] = json.loads(out)
    assert set(row) == {"id", "article_id", "exact", "prefix", "suffix", "note", "tags",
                        "created_at", "updated_at"}
    assert row["note"] == "første linje \x1b[2J\nandre linje" and "\x1b" not in out


def test_export_all_writes_every_annotated_article_and_an_index(capsys, db_path, tmp_path):
    run(capsys, db_path, "annotate", "1", "--quote", CUBA, "--note", "notat")
    out_dir = tmp_path / "vault"
    code, out, _ = run(capsys, db_path, "export", "--all", "--out", str(out_dir))
    assert code == 0
    names = sorted(p.name for p in out_dir.iterdir())
    assert names[0] == "index.md" and len(names) == 2 and names[1].endswith("-1.md")
    assert "[[" + names[1][:-3] + "]]" in (out_dir / "index.md").read_text(encoding="utf-8")
    assert sorted(out.split()) == sorted(str(out_dir / n) for n in names)


def test_export_all_and_article_together_is_a_usage_error(capsys, db_path):
    try:
        main(["--db", str(db_path), "export", "--all", "--article", "1"])
    except SystemExit as exc:
        assert exc.code == 2
    else:
        raise AssertionError("expected a usage error")
    assert "not allowed with" in capsys.readouterr().err
