"""`newsreader list`: a header, columns in terminal cells, titles cut by cells on a
terminal and whole in a pipe, and `--json` exactly as before (no header)."""

from __future__ import annotations

import json

from newsreader.cli.listing import HEADINGS, list_lines
from newsreader.model import ArticleSummary
from newsreader.text.cells import cell_len

from support.cli import run


def _summary(id_: int, title: str, *, read: bool = False, starred: bool = False,
             published: str | None = None, language: str = "no", highlights: int = 0) -> ArticleSummary:
    return ArticleSummary(id=id_, title=title, source=None, language=language, published=published,
                          imported_at="2024-06-01T12:00:00+00:00", read_at="2024-06-02T08:00:00+00:00" if read else None,
                          starred=starred, highlight_count=highlights)


ROWS = [
    _summary(7, "Kort tittel", published="2024-05-01T08:00:00+00:00", highlights=3),
    _summary(12345, "日本の首相が記者会見で新しい経済対策を発表した", read=True, starred=True, language="ja"),
    _summary(3, "Uten dato", language="unknown"),
]


def _columns(header: str) -> dict[str, int]:
    """Where each heading starts, in cells (the header is ASCII: cells = characters)."""
    padded = f" {header} "
    return {name: padded.index(f" {name} ") for name in HEADINGS}


def test_columns_line_up_in_cells_and_read_state_and_star_are_words():
    header, *lines = list_lines(ROWS)
    assert header.split() == list(HEADINGS)
    start = _columns(header)
    for line, row in zip(lines, ROWS):
        title_at = line.index(row.title)
        assert cell_len(line[:title_at]) == start["TITLE"]  # same cell as the heading
        read_at = start["READ"]
        assert line[read_at:read_at + 4].rstrip() == ("read" if row.read else "new")
        assert line[start["*"]] == ("*" if row.starred else " ")
        date = line[start["PUBLISHED"]:start["PUBLISHED"] + 10]
        assert date == ((row.published or "")[:10]).ljust(10)  # blank when not known, never the import date
    assert "2024-06-01" not in "\n".join(lines)
    # numbers right-aligned under their headings
    assert lines[0][: start["READ"]].rstrip().endswith("7") and len(lines[0][: start["READ"]].rstrip()) == 5


def test_on_a_terminal_every_line_fits_its_width_in_cells():
    for width in (52, 60, 80):  # the columns before the title take 41 cells
        lines = list_lines(ROWS, width)
        assert all(cell_len(line) <= width for line in lines), (width, lines)
        assert lines[2].endswith("…")  # the Japanese title, two cells a character, was cut
        assert "\ufffd" not in lines[2]
    wide = list_lines(ROWS, 200)
    assert ROWS[1].title in wide[2] and not wide[2].endswith("…")


def test_a_terminal_narrower_than_the_columns_still_shows_some_title():
    lines = list_lines(ROWS, 20)  # the other columns take 41 cells
    assert lines[1].endswith("  Kort titt…")  # the title keeps its 10 cells
    assert lines[2].endswith("  日本の首…")  # 4 two-cell characters and the ellipsis: 9 cells


def test_piped_titles_are_whole_and_json_has_no_header(capsys, db_path, tmp_path):
    long_title = "Et svært langt tittel " * 12
    article = tmp_path / "lang.txt"
    article.write_text(f"{long_title}\nEn helt vanlig tekst om været i Bergen i dag og i morgen.\n", encoding="utf-8")
    run(capsys, "--db", str(db_path), "import", str(article))
    code, out, _ = run(capsys, "--db", str(db_path), "list")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split() == list(HEADINGS) and len(rows) == 2
    assert any(row.endswith(long_title.strip()) for row in rows)  # not a terminal: nothing cut
    code, out, _ = run(capsys, "--db", str(db_path), "list", "--json")
    data = json.loads(out)  # the whole output is the array: no header line
    assert code == 0 and [r["id"] for r in data] == [2, 1]
    assert set(data[0]) == {"id", "title", "source", "language", "published", "imported_at",
                            "read", "starred", "highlights"}
    assert data[0]["published"] is None and data[0]["read"] is False


def test_on_a_terminal_the_cli_cuts_to_the_window(capsys, db_path, tmp_path, monkeypatch):
    import sys

    article = tmp_path / "lang.txt"
    article.write_text("Et svært langt tittel " * 12 + "\nEn helt vanlig tekst om været i Bergen i dag.\n",
                       encoding="utf-8")
    run(capsys, "--db", str(db_path), "import", str(article))
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("COLUMNS", "60")
    code, out, _ = run(capsys, "--db", str(db_path), "list")
    assert code == 0 and all(cell_len(line) <= 60 for line in out.splitlines())
    assert any(line.endswith("…") for line in out.splitlines())
