"""`f`: choose which feed the article list shows, or all articles again.

Feed titles come from the feeds themselves: each option is a `Text` built from
the title made safe on one line, never markup, so `[bold]` shows as typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from newsreader.model import Feed
from newsreader.text.terminal import one_line

ALL = "all"
FeedChoice = Feed | Literal["all"] | None  # None: cancelled, nothing changes


def feed_prompt(name: str, count: int, current: bool, failed: bool = False) -> Text:
    """One option: a mark on the current choice, the literal name, its article count."""
    prompt = Text("● " if current else "  ", style="bold")
    prompt.append(one_line(name) or "(untitled feed)")
    prompt.append(f"  {count}", style="dim")
    if failed:
        prompt.append("  ⚠ last refresh failed", style="dim italic")
    return prompt


class FeedPicker(ModalScreen[FeedChoice]):
    """Dismisses with a `Feed`, `ALL` ("All articles") or None (escape)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="feeds.cancel", tooltip="Close, keeping the list as it was"),
        Binding("j", "down", "Down", show=False, id="feeds.down"),
        Binding("k", "up", "Up", show=False, id="feeds.up"),
    ]

    def __init__(self, feeds: Sequence[Feed], total: int, current_id: int | None):
        super().__init__()
        self.feeds = list(feeds)
        self.total = total
        self.current_id = current_id

    def compose(self) -> ComposeResult:
        options = [Option(feed_prompt("All articles", self.total, self.current_id is None), id=ALL)]
        options += [
            Option(
                feed_prompt(f.name, f.article_count, f.id == self.current_id, f.last_status == "error"),
                id=str(f.id),
            )
            for f in self.feeds
        ]
        with Vertical(id="feed-dialog"):
            yield Label(Content("Show the articles of"), id="feed-heading")
            yield OptionList(*options, id="feed-options")
            hint = "enter chooses · escape cancels"
            if not self.feeds:
                hint = "No feeds yet: ctrl+p “Subscribe to a feed” · escape closes"
            yield Label(Content(hint), classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [f.id for f in self.feeds]
        options.highlighted = ids.index(self.current_id) + 1 if self.current_id in ids else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id == ALL:
            self.dismiss(ALL)
            return
        chosen = next(f for f in self.feeds if str(f.id) == event.option_id)
        self.dismiss(chosen)

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
