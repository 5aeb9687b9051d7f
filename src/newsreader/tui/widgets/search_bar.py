"""The search bar at the top: an `Input` that never holds terminal control codes.

Typing cannot produce an escape sequence, but pasting can ("\\x1b[2J" would
clear the screen when the bar is redrawn), so every value is cleaned on the
way in. What the keys mean (leave, go to the results) is the app's business:
the bindings name app actions.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from newsreader.text.terminal import strip_control


class SearchBar(Input):
    """Search-as-you-type input; `escape` goes back to the list as it was."""

    BINDINGS = [
        Binding("escape", "app.leave_search", "Back to list", id="search.leave"),
        Binding("down", "app.focus_results", "Results", id="search.results"),
    ]

    def validate_value(self, value: str) -> str:
        """Drop escape sequences and control characters; tabs and newlines become spaces."""
        return strip_control(value.replace("\t", " ").replace("\n", " "))
