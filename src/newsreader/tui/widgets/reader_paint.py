"""Drawing one row of the reader: plain text styled by span, never by markup.

Split from `reader.py` so the widget keeps state and keys while this module
keeps the look: highlight colours, search matches, the selection, the
cursor and the note marks. Everything here is a pure function of its
arguments (no widget, no app), so a row can be painted and cached freely.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.color import Color, ColorParseError
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from newsreader.model import Highlight
from newsreader.tui.widgets import reader_layout as rl

NOTE_MARK = "✎"

# Named highlight colours as (background, foreground): bright backgrounds with
# dark text stay readable on dark themes. "yellow" comes from the CSS instead.
PALETTE = {
    "green": ("#98c379", "#1d1f21"),
    "blue": ("#61afef", "#1d1f21"),
    "red": ("#e06c75", "#1d1f21"),
    "pink": ("#f4a6c8", "#1d1f21"),
    "purple": ("#c678dd", "#1d1f21"),
    "orange": ("#d19a66", "#1d1f21"),
}

StyleOf = Callable[[str], Style]


@dataclass(frozen=True)
class RowState:
    """What varies per row besides the text: the reader's transient state."""

    selection: tuple[int, int] | None  # already clipped to the row
    cursor: int | None  # body offset when the cursor is on this row
    focused: bool


def highlight_style(highlight: Highlight, default: Style) -> Style:
    """The colours of one highlight; unknown or unparsable colours get `default`."""
    colours = PALETTE.get(highlight.color)
    if colours is None and highlight.color not in ("", "yellow"):
        try:  # a custom colour such as "#88c0d0"
            colours = (Color.parse(highlight.color).name, "#1d1f21")
        except ColorParseError:
            colours = None
    if colours is None:
        return default
    return Style(bgcolor=colours[0], color=colours[1])


def message_strip(message: str, width: int, base: Style, hint: Style, console: Console) -> Strip:
    """A centred one-line message (no article, empty article)."""
    text = Text(message, end="")
    text.stylize(base + hint)
    pad = max(0, (width - text.cell_len) // 2)
    segments = [Segment(" " * pad, base), *text.render(console)]
    return Strip(segments).crop_extend(0, width, base)


def paint_row(
    layout: rl.Layout,
    row: int,
    width: int,
    base: Style,
    style: StyleOf,
    highlights: rl.SpanIndex[Highlight],
    matches: rl.SpanIndex[None],
    state: RowState,
    console: Console,
) -> Strip:
    """Render text row `row` of `layout` as a `Strip` exactly `width` cells wide.

    `style(name)` returns the reader's component style `name` ("reader--cursor"...).
    Layers are painted bottom to top: cursor line, heading, highlights, matches,
    selection, cursor word; note marks are inserted last.
    """
    line = layout.line(row)
    start, end = line.start, line.end
    content = layout.text_of(line)
    # Spans stop at the row's last visible character: the space a line breaks
    # at would otherwise show as a highlighted blank at the right edge.
    visible_end = start + len(content.rstrip())
    # Pad to the measure so the cursor-line tint spans the text column.
    text = Text(content, end="", no_wrap=True)
    text.append(" " * max(0, layout.measure - text.cell_len))
    # A span, not Text(style=...): rich drops the base style of span-less text.
    text.stylize(base)

    def paint(paint_style: Style, s: int, e: int) -> None:
        s, e = max(s, start), min(e, visible_end)
        if s < e:
            text.stylize(paint_style, s - start, e - start)

    if state.cursor is not None and state.focused:
        text.stylize(style("reader--cursor-line"))
    if line.kind == "heading":
        paint(style("reader--heading"), start, end)
    overlapping = highlights.overlapping(start, end)
    default = style("reader--highlight")
    for h_start, h_end, highlight in overlapping:
        paint(highlight_style(highlight, default), h_start, h_end)
    match_style = style("reader--match")
    for m_start, m_end, _none in matches.overlapping(start, end):
        paint(match_style, m_start, m_end)
    if state.selection is not None:
        paint(style("reader--selection"), *state.selection)
    if state.cursor is not None:
        paint(style("reader--cursor"), *rl.word_span(layout.body, state.cursor))
    # Note marks go right after a noted highlight's last character; insert
    # from the right so earlier positions stay valid.
    mark_style = base + style("reader--note-mark")
    marks = {h_end - start for _s, h_end, h in overlapping if h.note and start < h_end <= end}
    for at in sorted(marks, reverse=True):
        text = text[:at] + Text(NOTE_MARK, style=mark_style) + text[at:]
    segments = [Segment(" " * layout.indent, base), *text.render(console)]
    return Strip(segments).crop_extend(0, width, base)
