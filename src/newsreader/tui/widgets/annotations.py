"""The annotations pane: the open article's highlights in text order, the ones
that could not be placed, and the article note. Posts messages; never writes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from newsreader.tui.widgets.messages import WidgetMessage
from newsreader.model import ArticleNote, Highlight
from newsreader.text.terminal import one_line, strip_control
from newsreader.text.wording import excerpt

QUOTE_CELLS = 160


def _first_line(text: str | None) -> str:
    for line in (text or "").splitlines():
        if line.strip():
            return one_line(line)
    return ""


def highlight_prompt(h: Highlight) -> Text:
    """One option: the quote, then the note's first line — all literal text."""
    quote = excerpt(h.exact, QUOTE_CELLS)
    prompt = Text()
    prompt.append("▌", style="yellow" if not h.orphaned else "red")
    prompt.append(quote)
    note = _first_line(h.note)
    if note:
        prompt.append("\n  ✎ ", style="bold")
        prompt.append(note, style="italic")
    if h.tags:
        prompt.append("\n  " + one_line(" ".join(f"#{t}" for t in h.tags)), style="dim")
    return prompt


class HighlightList(OptionList):
    BINDINGS = [
        Binding("enter", "select", "Jump to", id="annotations.jump", tooltip="Show the highlight in the reader"),
        Binding("n", "note", "Note", id="annotations.note", tooltip="Write the note of this highlight"),
        Binding("d", "delete", "Delete", id="annotations.delete", tooltip="Delete this highlight and its note"),
        Binding(
            "r", "reattach", "Re-attach", id="annotations.reattach",
            tooltip="Attach this highlight that could not be placed to new text: "
            "the selection in the reader, or select it there and press r",
        ),
        Binding(
            "a", "article_note", "Article note", id="annotations.article_note", tooltip="Edit the article note"
        ),
        Binding(
            "u", "app.undo_delete", "Undo", id="annotations.undo", tooltip="Bring back the last deleted highlight"
        ),
        Binding("j", "cursor_down", "Down", show=False, id="annotations.down"),
        Binding("k", "cursor_up", "Up", show=False, id="annotations.up"),
    ]

    orphan_ids: frozenset[int] = frozenset()  # set by `AnnotationsPane.show`

    def _current_id(self) -> int | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return int(option.id) if option.id and option.id.isdigit() else None

    def action_note(self) -> None:
        pane = self.parent_pane
        pane.post_message(pane.NoteRequested(self._current_id(), pane))

    def action_delete(self) -> None:
        highlight_id = self._current_id()
        if highlight_id is not None:
            pane = self.parent_pane
            pane.post_message(pane.DeleteRequested(highlight_id, pane))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reattach":  # only for a highlight that could not be placed
            return self._current_id() in self.orphan_ids
        return super().check_action(action, parameters)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()  # the footer shows `r` only on an orphan

    def action_reattach(self) -> None:
        highlight_id = self._current_id()
        if highlight_id in self.orphan_ids:
            pane = self.parent_pane
            pane.post_message(pane.ReattachRequested(highlight_id, pane))

    def action_article_note(self) -> None:
        pane = self.parent_pane
        pane.post_message(pane.ArticleNoteRequested(pane))

    @property
    def parent_pane(self) -> AnnotationsPane:
        """The pane this list belongs to: its messages are the pane's."""
        return self.query_ancestor(AnnotationsPane)


class _AnnotationsPaneMessage(WidgetMessage):
    WIDGET_FIELD = "pane"


class AnnotationsPane(Vertical):
    """Shows highlights and the article note; messages go up to the screen."""

    @dataclass
    class JumpTo(_AnnotationsPaneMessage):
        """Enter on a highlight: show it in the reader."""

        highlight_id: int
        pane: AnnotationsPane

    @dataclass
    class NoteRequested(_AnnotationsPaneMessage):
        """Edit the note of the highlight under the cursor (None: no highlight there)."""

        highlight_id: int | None
        pane: AnnotationsPane

    @dataclass
    class DeleteRequested(_AnnotationsPaneMessage):
        """Delete the highlight under the cursor."""

        highlight_id: int
        pane: AnnotationsPane

    @dataclass
    class ReattachRequested(_AnnotationsPaneMessage):
        """Attach this orphaned highlight to new text in the reader."""

        highlight_id: int
        pane: AnnotationsPane

    @dataclass
    class ArticleNoteRequested(_AnnotationsPaneMessage):
        """Edit the article's own note."""

        pane: AnnotationsPane

    def compose(self) -> ComposeResult:
        yield Label(Text("Highlights"), id="annotations-title", classes="pane-title")
        yield HighlightList(id="highlight-list")
        yield Label(Text("Article note"), classes="pane-title")
        yield Static(Text(""), id="article-note")

    def show(self, highlights: Sequence[Highlight], note: ArticleNote | None) -> None:
        """Replace the content; keeps the cursor on the same highlight if present."""
        options = self.query_one(HighlightList)
        previous = options._current_id()
        previous_index = options.highlighted
        options.clear_options()
        anchored = [h for h in highlights if not h.orphaned]
        orphans = [h for h in highlights if h.orphaned]
        options.orphan_ids = frozenset(h.id for h in orphans)
        for h in sorted(anchored, key=lambda h: (h.start, h.id)):
            options.add_option(Option(highlight_prompt(h), id=str(h.id)))
        if orphans:
            options.add_option(
                Option(Text("Could not be placed", style="bold red"), id="orphans", disabled=True)
            )
            for h in orphans:
                options.add_option(Option(highlight_prompt(h), id=str(h.id)))
        if not highlights:
            options.add_option(
                Option(Text("No highlights yet — h in the reader", style="dim"), id="empty", disabled=True)
            )
        title = f"Highlights ({len(anchored)})" + (f" · {len(orphans)} unplaced" if orphans else "")
        self.query_one("#annotations-title", Label).update(Text(title))
        if note:
            note_text = Text(strip_control(note.text))
        else:
            note_text = Text("No article note — a to write one", style="dim")
        self.query_one("#article-note", Static).update(note_text)
        if previous is not None and not self.select_highlight(previous) and previous_index is not None:
            # The highlight was deleted: stay at the same place in the list.
            options.highlighted = min(previous_index, options.option_count - 1)
        options.refresh_bindings()

    def select_highlight(self, highlight_id: int) -> bool:
        """Put the pane's cursor on `highlight_id`; False if it is not listed."""
        options = self.query_one(HighlightList)
        try:
            options.highlighted = options.get_option_index(str(highlight_id))
        except OptionDoesNotExist:
            return False
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id.isdigit():
            self.post_message(self.JumpTo(int(event.option.id), self))
