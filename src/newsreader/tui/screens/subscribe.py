"""The subscribe dialog: a feed URL or file path, and whether to fetch full text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label

SubscribeRequest = tuple[str, bool]  # (URL or path, full text)


class SubscribeScreen(ModalScreen[SubscribeRequest | None]):
    """Dismisses with (target, full_text) on enter, None on escape or an empty line."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="subscribe.cancel"),
        Binding(
            "ctrl+t", "toggle_full_text", "Full text", id="subscribe.full_text",
            tooltip="Tick or untick “Full text”: complete summary-only items from their pages",
        ),
    ]

    def __init__(self, full_text: bool = False):
        super().__init__()
        self.full_text = full_text

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-dialog"):
            question = "Subscribe to a feed: its URL, a web page that links to one, or a feed file"
            yield Label(Content(question))
            yield Input(placeholder="https://example.org/feed.xml", id="subscribe-target")
            yield Checkbox(
                Content("Full text: complete summary-only items from their pages"),
                self.full_text,
                id="subscribe-full-text",
            )
            yield Label(Content("enter subscribes · ctrl+t full text · escape cancels"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        target = event.value.strip()
        self.dismiss((target, self.query_one(Checkbox).value) if target else None)

    def action_toggle_full_text(self) -> None:
        self.query_one(Checkbox).toggle()

    def action_cancel(self) -> None:
        self.dismiss(None)
