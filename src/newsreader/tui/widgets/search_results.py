"""Search hits in the list pane: the title, then a snippet with the match marked.

Snippets are untrusted text: the match is marked by style, never by markup,
and control characters are shown as visible glyphs one-for-one so the match
offsets stay right. Each hit is laid out for the pane's width by us (title on
one line, snippet on up to two lines with a hanging indent, cut so the first
match is visible) and laid out again when the pane is resized.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsreader.tui.widgets.messages import WidgetMessage
from newsreader.model import SearchHit
from newsreader.text.terminal import one_line
from newsreader.tui.widgets.reader_layout import display_text

SNIPPET_LINES = 2
INDENT = "  "
MARK_STYLE = "bold reverse"


def _ellipsize(text: Text, width: int) -> Text:
    text = text.copy()
    text.truncate(max(width, 1), overflow="ellipsis")
    return text


def snippet_lines(snippet: str, marks: Sequence[tuple[int, int]], width: int, console: Console) -> list[Text]:
    """The snippet wrapped to `width` cells on at most `SNIPPET_LINES` lines.

    When the first match would fall below the last line, the start is cut
    (at a word boundary, shown as "…") so the match stays in view.
    """
    plain = display_text(snippet.replace("\n", " "))
    text = Text(plain, style="dim", no_wrap=False)
    for start, end in marks:
        text.stylize(MARK_STYLE, start, end)
    if not plain.strip():
        return []
    width = max(width, 8)
    lines = text.wrap(console, width)
    if marks and len(lines) > SNIPPET_LINES:
        first = marks[0][0]
        shown = sum(len(line.plain) for line in lines[:SNIPPET_LINES])
        if first >= shown - 4:
            # Start a little before the match, at the start of a word.
            cut = max(0, first - width // 2)
            while 0 < cut < first and not plain[cut - 1].isspace():
                cut += 1
            text = Text("…", style="dim") + text[cut:]
            lines = text.wrap(console, width)
    if len(lines) > SNIPPET_LINES:
        last = lines[SNIPPET_LINES - 1]
        last.rstrip()
        lines = [*lines[: SNIPPET_LINES - 1], _ellipsize(last + Text(" …", style="dim"), width)]
    return [line.rstrip() or line for line in lines]


def hit_prompt(hit: SearchHit, width: int, console: Console) -> Text:
    """One option: "▤ title" (or "✎ title" for a note hit), then the snippet."""
    icon = "✎ " if hit.kind == "note" else "▤ "
    title = Text(icon, style="bold")
    title.append(one_line(hit.title) or "(untitled)", style="bold")
    prompt = _ellipsize(title, width)
    for line in snippet_lines(hit.snippet, hit.marks, width - len(INDENT), console):
        prompt.append("\n" + INDENT)
        prompt.append_text(line)
    return prompt


class _SearchResultsMessage(WidgetMessage):
    WIDGET_FIELD = "results"


class SearchResults(OptionList):
    """Posts `Opened(hit)` on enter; escape goes back to the list."""

    BINDINGS = [
        Binding("enter", "select", "Open", id="results.open", tooltip="Open the article at this hit"),
        Binding(
            "escape", "app.leave_search", "Back to list", id="results.leave",
            tooltip="Clear the search: back to the list as it was",
        ),
        Binding("j", "cursor_down", "Down", show=False, id="results.down"),
        Binding("k", "cursor_up", "Up", show=False, id="results.up"),
    ]

    @dataclass
    class Opened(_SearchResultsMessage):
        """Enter on a hit."""

        hit: SearchHit
        results: SearchResults

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hits: list[SearchHit] = []
        self._laid_out_width = 0

    def _width(self) -> int:
        # The option's own padding (1 cell each side in Textual's OptionList).
        return max(self.scrollable_content_region.width - 2, 10)

    def show_hits(self, hits: Sequence[SearchHit]) -> None:
        """Replace the results; the first one is highlighted."""
        self.hits = list(hits)
        self._layout_hits(keep=None)

    def _layout_hits(self, keep: int | None) -> None:
        width = self._width()
        self._laid_out_width = width
        console = self.app.console
        self.clear_options()
        self.add_options(Option(hit_prompt(h, width, console)) for h in self.hits)
        if self.hits:
            self.highlighted = min(keep or 0, len(self.hits) - 1)

    def on_resize(self, event: events.Resize) -> None:
        if self.hits and self._width() != self._laid_out_width:
            self._layout_hits(keep=self.highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.hits):
            self.post_message(self.Opened(self.hits[event.option_index], self))
