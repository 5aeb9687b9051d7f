"""The search bar at the top: an `Input` that never holds terminal control codes.

Typing cannot produce an escape sequence, but pasting can ("\\x1b[2J" would
clear the screen when the bar is redrawn), so every value is cleaned on the
way in. What the keys mean (leave, go to the results) is the app's business:
the bindings name app actions, and the bar posts `QueryChanged` and
`QuerySubmitted` rather than the `Input` messages every dialog's input sends.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.widgets import Input

from newsreader.tui.widgets.messages import WidgetMessage
from newsreader.text.terminal import strip_control


class _SearchBarMessage(WidgetMessage):
    WIDGET_FIELD = "search_bar"


class SearchBar(Input):
    """Search-as-you-type input; `escape` goes back to the list as it was."""

    BINDINGS = [
        Binding(
            "escape", "app.leave_search", "Back to list", id="search.leave",
            tooltip="Clear the search: back to the list as it was",
        ),
        Binding(
            "down", "app.focus_results", "Results", id="search.results", tooltip="From the bar to the results"
        ),
    ]

    @dataclass
    class QueryChanged(_SearchBarMessage):
        """The query was typed, pasted or cleared."""

        query: str
        search_bar: SearchBar

    @dataclass
    class QuerySubmitted(_SearchBarMessage):
        """Enter in the bar."""

        query: str
        search_bar: SearchBar

    def validate_value(self, value: str) -> str:
        """Drop escape sequences and control characters; tabs and newlines become spaces."""
        return strip_control(value.replace("\t", " ").replace("\n", " "))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.QueryChanged(event.value, self))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.QuerySubmitted(event.value, self))
