"""`?`: every key of every pane, as currently bound (user keymap applied), plus
the search syntax."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

SEARCH_HELP = [
    ("words", "every word must match (the last word typed matches as a prefix)"),
    ('"exact phrase"', "the words next to each other"),
    ("in:notes  in:articles", "search only notes or only article text"),
]


def _key_label(keys: str) -> str:
    from textual.keys import format_key

    return " ".join(format_key(k.strip()) for k in keys.split(","))


def binding_rows(
    sections: Sequence[tuple[str, Iterable[Binding | tuple]]], keymap: Mapping[str, str]
) -> list[tuple[str, str, str]]:
    """(section, keys, description) for every binding that has a description."""
    rows = []
    for section, bindings in sections:
        for binding in bindings:
            if not isinstance(binding, Binding):
                binding = Binding(*binding)
            if not binding.description:
                continue
            keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
            rows.append((section, _key_label(keys), binding.description))
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss_help", "Close", id="help.close")]

    def __init__(self, rows: list[tuple[str, str, str]]):
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_header=False, padding=(0, 1))
        table.add_column("keys", style="bold", no_wrap=True, ratio=1)
        table.add_column("does", ratio=3)
        section = None
        for where, keys, does in self.rows:
            if where != section:
                section = where
                table.add_row(Text(""), Text(""))
                table.add_row(Text(where, style="bold underline"), Text(""))
            table.add_row(Text(keys), Text(does))
        table.add_row(Text(""), Text(""))
        table.add_row(Text("Search", style="bold underline"), Text(""))
        for syntax, meaning in SEARCH_HELP:
            table.add_row(Text(syntax), Text(meaning))
        with VerticalScroll(id="help-dialog"):
            yield Static(Text("newsreader — keys", style="bold"), id="help-title")
            yield Static(table, id="help-table")
            yield Static(
                Text("Remap any key by its id in config.toml (see README). escape closes."),
                id="help-footer",
            )

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
