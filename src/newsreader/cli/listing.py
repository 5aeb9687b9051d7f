"""`newsreader list`: a header line, then one row per article, newest first;
`--orphans` lists the highlights that could not be placed. `--json` output is
the model's own (no header: scripts read it as before).

Columns are measured in terminal cells (a CJK title takes two a character):
ID, READ ("new" until the article is opened, then "read"), "*" for a starred
one, PUBLISHED (only when the article says when it was published: the import
time is not a publication date), LANG, HL (highlights), TITLE. On a terminal
the title is cut to the window's width; piped, it is printed whole.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence

from newsreader.cli.output import print_json, say
from newsreader.library import Library
from newsreader.model import ArticleSummary
from newsreader.text.cells import cell_len, truncate_cells
from newsreader.text.terminal import one_line, strip_control
from newsreader.text.wording import excerpt

HEADINGS = ("ID", "READ", "*", "PUBLISHED", "LANG", "HL", "TITLE")
GAP = "  "
MIN_TITLE_CELLS = 10  # a terminal narrower than the other columns still shows this much


def cmd_list(lib: Library, args: argparse.Namespace) -> int:
    if args.orphans:
        return cmd_orphans(lib, args)
    rows = lib.summaries()
    if args.json:
        print_json(rows)
        return 0
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    for line in list_lines(rows, width):
        print(line)
    return 0


def list_lines(rows: Sequence[ArticleSummary], width: int | None = None) -> list[str]:
    """The header and one line per article; every line fits `width` cells
    (titles cut with "…"), or titles are whole when `width` is None."""
    cells = [_cells(s) for s in rows]
    widths = [max([_width(HEADINGS[i])] + [_width(c[i]) for c in cells]) for i in range(len(HEADINGS) - 1)]
    right = {0, 5}  # numbers: ID and HL
    room = None
    if width is not None:
        room = max(MIN_TITLE_CELLS, width - sum(widths) - len(GAP) * len(widths))

    def line(values: Sequence[str]) -> str:
        parts = [
            " " * (w - _width(v)) + v if i in right else v + " " * (w - _width(v))
            for i, (v, w) in enumerate(zip(values, widths))
        ]
        title = values[-1] if room is None else truncate_cells(values[-1], room)
        return GAP.join([*parts, title]).rstrip()

    return [line(HEADINGS), *(line(c) for c in cells)]


def _width(text: str) -> int:
    """Cells `text` takes (ASCII without measuring: rich's table loads only for other text)."""
    return len(text) if text.isascii() and text.isprintable() else cell_len(text)


def _cells(s: ArticleSummary) -> tuple[str, ...]:
    return (
        str(s.id),
        "read" if s.read_at else "new",
        "*" if s.starred else "",
        (s.published or "")[:10],
        one_line(s.language),
        str(s.highlight_count),
        one_line(s.title),
    )


def _first_line(text: str | None) -> str:
    lines = strip_control(text or "").strip().splitlines()
    return one_line(lines[0]) if lines else ""


def cmd_orphans(lib: Library, args: argparse.Namespace) -> int:
    orphans = lib.orphans()
    if args.json:
        print_json(orphans, view="orphan")
        return 0
    if not orphans:
        say("no highlights need placing")
    for h in orphans:
        note = _first_line(h.note)
        print(f"{h.id:>5} {h.article_id:>5}  «{excerpt(h.exact)}»" + (f"  {note}" if note else ""))
    return 0
