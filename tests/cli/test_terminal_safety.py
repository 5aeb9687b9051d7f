"""Bidi overrides and escape sequences never reach the terminal from the CLI."""

from __future__ import annotations

import json

import pytest

from newsreader.cli import main
from newsreader.text.terminal import one_line, safe_json, strip_control

BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@pytest.mark.parametrize("char", BIDI)
def test_strip_control_removes_every_bidi_control(char):
    assert strip_control(f"abc{char}def") == "abcdef"
    assert one_line(f" a {char}\x1b[31m b\x07 ") == "a b"


def test_safe_json_escapes_bidi_but_keeps_the_value():
    text = safe_json({"t": "a\u202eb"})
    assert "\u202e" not in text and "\\u202e" in text
    assert json.loads(text) == {"t": "a\u202eb"}


def test_titles_and_notes_with_bidi_overrides_print_clean(tmp_path, capsys):
    """Before: U+202E in a title reversed the rest of the `list` line on screen."""
    article = tmp_path / "a.txt"
    article.write_text("Tittel \u202eesrever\u202c og \u2066isolert\u2069\n"
                       "En helt vanlig tekst om været i Bergen i dag og i morgen.\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert main(["--db", db, "import", str(article)]) == 0
    assert main(["--db", db, "annotate", "2", "--quote", "vanlig tekst", "--note", "note \u202eabc"]) == 0
    capsys.readouterr()
    for args in (["list"], ["show", "2"], ["search", "vanlig"], ["list", "--orphans"]):
        assert main(["--db", db, *args]) == 0
        out = capsys.readouterr().out
        assert not any(c in out for c in BIDI), (args, out)
    assert main(["--db", db, "list"]) == 0
    assert "Tittel esrever og isolert" in capsys.readouterr().out


def test_list_has_a_header_a_readable_state_and_no_false_date(tmp_path, capsys):
    """Before: no header, unread marked only by "*", and the import date shown as if published."""
    from newsreader.library import Library

    db = tmp_path / "s.db"
    assert main(["--db", str(db), "list"]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header.split() == ["ID", "READ", "*", "PUBLISHED", "LANG", "HL", "TITLE"]
    assert row.split()[:4] == ["1", "new", "no", "0"]  # no star, no date: the seed does not say when
    lib = Library.open(db)
    lib.mark_read(1)
    lib.set_starred(1, True)
    lib.close()
    assert main(["--db", str(db), "list"]) == 0
    assert capsys.readouterr().out.splitlines()[1].split()[:4] == ["1", "read", "*", "no"]
