"""Search hits in the list pane: title, kind and a one-line snippet with the
match marked by style (never by markup: snippets are untrusted text)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsreader.model import SearchHit
from newsreader.terminal import one_line


def hit_prompt(hit: SearchHit) -> Text:
    prompt = Text(no_wrap=True, overflow="ellipsis")
    prompt.append("✎ " if hit.kind == "note" else "▤ ", style="bold")
    prompt.append(one_line(hit.title), style="bold")
    snippet = Text("\n  ", no_wrap=True, overflow="ellipsis")
    body = Text(hit.snippet.replace("\n", " "), style="dim")
    for start, end in hit.marks:
        body.stylize("bold reverse", start, end)
    snippet.append_text(body)
    prompt.append_text(snippet)
    return prompt


class SearchResults(OptionList):
    """Posts `Opened(hit)` on enter; escape is handled by the screen."""

    BINDINGS = [
        Binding("enter", "select", "Open", id="results.open"),
        Binding("j", "cursor_down", "Down", show=False, id="results.down"),
        Binding("k", "cursor_up", "Up", show=False, id="results.up"),
    ]

    @dataclass
    class Opened(Message):
        results: "SearchResults"
        hit: SearchHit

        @property
        def control(self) -> "SearchResults":
            return self.results

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hits: list[SearchHit] = []

    def show_hits(self, hits: Sequence[SearchHit]) -> None:
        self.hits = list(hits)
        self.clear_options()
        self.add_options(Option(hit_prompt(h)) for h in self.hits)
        if self.hits:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.hits):
            self.post_message(self.Opened(self, self.hits[event.option_index]))
