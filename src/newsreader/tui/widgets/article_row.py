"""The columns of one article-list row, in cells: the title gets the room first.

After the unread marker and the star (PREFIX cells) a row is the title (with
`✎3` at its end when the article has highlights), then the columns the pane
has room for, each at a fixed distance from the right edge so they line up:
the feed name, the language and the publication date. Which columns a pane
has depends on its width only (`columns`): the title is promised TITLE_FLOOR
of the row; of the rest the date is planned first, then the language, then
the feed name, which takes what is left (truncated with an ellipsis, never
wider than SOURCE_MAX), so a long feed name never pushes the date or the
language away.

A column that is empty on a row (no publication date, say) stays blank, or
gives its room to a title that needs it. On a row whose whole title fits in WHOLE_TITLE of the row but not
beside the columns, the title takes over the columns next to it (the feed name
first, the date last) and shows whole; a longer title is cut instead.

No Textual here: `row_pieces` returns (text, role) pieces the widget styles.
"""

from __future__ import annotations

import math

from newsreader.text.cells import cell_len, fit_cells

PREFIX = 3  # "●" and "★ " (or spaces)
DATE_CELLS = 10  # 2024-03-01
LANGUAGE_CELLS = 3  # the primary subtag: nb, en, fil
SOURCE_MIN, SOURCE_MAX = 6, 24
TITLE_FLOOR = 0.6  # of the room after the prefix: the columns never squeeze the title below it
WHOLE_TITLE = 0.8  # a title up to this share of the room shows whole, columns giving way

Piece = tuple[str, str]  # (text, role): role is "title", "highlights", "source", "language", "date" or "space"


def columns(width: int) -> list[tuple[str, int]]:
    """(column, cells) from left to right for a row `width` cells wide."""
    room = width - PREFIX
    budget = room - math.ceil(TITLE_FLOOR * room)
    cells: dict[str, int] = {}
    if budget >= DATE_CELLS + 1:
        cells["date"] = DATE_CELLS
        budget -= DATE_CELLS + 1
    if budget >= LANGUAGE_CELLS + 1:
        cells["language"] = LANGUAGE_CELLS
        budget -= LANGUAGE_CELLS + 1
    if budget >= SOURCE_MIN + 1:
        cells["source"] = min(SOURCE_MAX, budget - 1)
    return [(name, cells[name]) for name in ("source", "language", "date") if name in cells]


def language_code(language: str) -> str:
    """The primary subtag (`pt` of `pt-BR`): what fits the language column."""
    return language.replace("_", "-").split("-", 1)[0]


def row_pieces(
    width: int, title: str, highlights: int, source: str, language: str, date: str
) -> list[Piece]:
    """The row after the prefix: pieces whose cells add up to exactly `width - PREFIX`.

    Every text must already be one line of safe text (`one_line`)."""
    room = width - PREFIX
    if room <= 0:
        return []
    values = {"source": source, "language": language_code(language), "date": date}
    planned = columns(width)
    mark = f"✎{highlights}" if highlights > 0 else ""
    mark_cells = cell_len(mark) + 1 if mark else 0
    title_cells = cell_len(title)
    need = title_cells + mark_cells
    if need > room - sum(cells + 1 for _, cells in planned):
        planned = [(name, cells) for name, cells in planned if values[name]]  # blank ones first
    title_room = room - sum(cells + 1 for _, cells in planned)
    while title_cells <= WHOLE_TITLE * room and planned and title_room < need:
        title_room += planned[0][1] + 1
        planned = planned[1:]
    if mark and title_room - mark_cells < 1:
        mark, mark_cells = "", 0
    pieces: list[Piece] = [(fit_cells(title, title_room - mark_cells), "title")]
    if mark:
        pieces += [(" ", "space"), (mark, "highlights")]
    for name, cells in planned:
        pieces += [(" ", "space"), (fit_cells(values[name], cells), name)]
    return pieces
