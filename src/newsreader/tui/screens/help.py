"""`?`: every key of every pane as currently bound (user keymap applied), with
the binding id to remap it by, plus the search syntax."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static

# The common part of the query language; the README has all of it.
SEARCH_HELP = [
    ("rode linjen", "every word, in any order; rode also finds røde, words are stemmed"),
    ('"røde linjen"', "the words side by side (not stemmed)"),
    ("a OR b   -word", "either word  /  leave a word (or -\"a phrase\") out"),
    ("rakett*   ( ... )", "words starting with rakett (as the word being typed always is)  /  grouping"),
    ("title:hotline", "only in titles"),
    ("lang:no", "articles in that language (no, en, ... or norwegian)"),
    ("is:starred is:unread", "by reading state (also is:read, is:unstarred)"),
    ("has:highlight", "articles with highlights"),
    ("has:note", "articles with notes (and only the highlights that have one)"),
    ("tag:krise", "tagged highlights and their articles"),
    ("in:notes in:articles", "only note and highlight hits  /  only article hits"),
    ("enter   escape", "open the best hit at its match  /  back to the list as it was"),
]

# Textual's own keys: always there, not remappable through our keymap.
BUILT_IN = [
    ("tab  shift+tab", "Next / previous pane"),
    ("ctrl+p", "Command palette: subscribe, refresh, filter by feed, import, export all, panes, theme"),
    ("ctrl+q", "Quit"),
]


class KeyRow(NamedTuple):
    section: str
    keys: str
    description: str
    binding_id: str


def key_label(keys: str) -> str:
    """The keys of one binding as the footer shows them (`j,down` becomes `j ↓`)."""
    return " ".join(format_key(k.strip()) for k in keys.split(",") if k.strip())


def binding_rows(
    sections: Sequence[tuple[str, Iterable[Binding | tuple]]], keymap: Mapping[str, str]
) -> list[KeyRow]:
    """One row per binding that has a description, with the keymap applied."""
    rows = []
    for section, bindings in sections:
        for binding in bindings:
            if not isinstance(binding, Binding):
                binding = Binding(*binding)
            if not binding.description:
                continue
            keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
            does = binding.tooltip or binding.description  # the tooltip says more, where there is one
            rows.append(KeyRow(section, key_label(keys), does, binding.id or ""))
    return rows


class HelpScreen(ModalScreen[None]):
    """A scrollable table of keys; escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss_help", "Close", id="help.close"),
        Binding("j", "scroll(1)", "Scroll down", show=False, id="help.down"),
        Binding("k", "scroll(-1)", "Scroll up", show=False, id="help.up"),
    ]

    def __init__(self, rows: list[KeyRow]):
        super().__init__()
        self.rows = rows

    def _table(self) -> Table:
        table = Table(box=None, expand=True, show_header=False, padding=(0, 1))
        table.add_column("keys", style="bold", no_wrap=True, ratio=2)
        table.add_column("does", ratio=4)
        table.add_column("id", style="dim", no_wrap=True, ratio=3)
        blank = (Text(""), Text(""), Text(""))

        def heading(title: str, right: str = "") -> None:
            table.add_row(*blank)
            table.add_row(Text(title, style="bold underline"), Text(""), Text(right, style="dim"))

        section = None
        for row in self.rows:
            if row.section != section:
                section = row.section
                heading(section, "binding id" if section == self.rows[0].section else "")
            table.add_row(Text(row.keys), Text(row.description), Text(row.binding_id))
        heading("Built in")
        for keys, does in BUILT_IN:
            table.add_row(Text(keys), Text(does), Text(""))
        heading("Search")
        for syntax, meaning in SEARCH_HELP:
            table.add_row(Text(syntax), Text(meaning), Text(""))
        return table

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Static(Text("newsreader — keys", style="bold"), id="help-title")
            yield Static(self._table(), id="help-table")
            yield Static(
                Text(
                    "Remap a key by its binding id in config.toml, e.g. "
                    '[keymap] "reader.highlight" = "x" (see README). escape closes.'
                ),
                id="help-footer",
            )

    def action_scroll(self, rows: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=rows, animate=False)

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
