"""The reader's keys: less/vim motions, Readwise's annotation keys (DESIGN §8).

Kept apart from `reader.py` so that the widget's module stays about showing
text; `ReaderView.BINDINGS` is this list. Every binding has an id, which is
what a user remaps in `config.toml` (`tui/keys.py` lists them all).
"""

from __future__ import annotations

from textual.binding import Binding

__all__ = ["READER_BINDINGS"]

READER_BINDINGS = [
    Binding("j,down", "cursor_down", "Down", show=False, id="reader.down"),
    Binding("k,up", "cursor_up", "Up", show=False, id="reader.up"),
    Binding("g,home", "top", "Top", show=False, id="reader.top"),
    Binding("G,end", "bottom", "Bottom", show=False, id="reader.bottom"),
    Binding("z", "center", "Centre the cursor line", show=False, id="reader.center"),
    Binding("pagedown", "page_down", "Page down", show=False, id="reader.page_down"),
    Binding(
        "space", "page_down_or_next", "Page down", show=False, id="reader.page_or_next",
        tooltip="Page down; at the end of the article, the next unread article",
    ),
    Binding("pageup", "page_up", "Page up", show=False, id="reader.page_up"),
    Binding("ctrl+d", "half_down", "Half a page down", show=False, id="reader.half_down"),
    Binding("ctrl+u", "half_up", "Half a page up", show=False, id="reader.half_up"),
    Binding("w", "word_forward", "Next word", show=False, id="reader.word_forward"),
    Binding("b", "word_back", "Previous word", show=False, id="reader.word_back"),
    Binding("e", "word_end", "End of the word", show=False, id="reader.word_end"),
    Binding(")", "sentence_forward", "Next sentence", show=False, id="reader.sentence_forward"),
    Binding("(", "sentence_back", "Previous sentence", show=False, id="reader.sentence_back"),
    Binding("}", "paragraph_forward", "Next paragraph", show=False, id="reader.paragraph_forward"),
    Binding("{", "paragraph_back", "Previous paragraph", show=False, id="reader.paragraph_back"),
    Binding(
        "semicolon", "next_match", "Next match", show=False, id="reader.next_match",
        tooltip="Next match of the search the article was opened from",
    ),
    Binding(
        "comma", "prev_match", "Previous match", show=False, id="reader.prev_match",
        tooltip="Previous match of the search the article was opened from",
    ),
    Binding(
        "v", "select", "Select", id="reader.select", tooltip="Start or end a selection; motions extend it"
    ),
    Binding("escape", "cancel_selection", "Cancel selection", show=False, id="reader.cancel"),
    Binding(
        "h", "highlight", "Highlight", id="reader.highlight",
        tooltip="Highlight the selection, or the sentence under the cursor",
    ),
    Binding(
        "n", "note", "Note", id="reader.note",
        tooltip="Write the note of the highlight under the cursor (highlights first if there is none)",
    ),
    Binding(
        "a", "app.article_note", "Article note", show=False, id="reader.article_note",
        tooltip="Write the article's own note (not tied to a passage)",
    ),
    Binding("d", "delete", "Delete", id="reader.delete", tooltip="Delete the highlight under the cursor"),
    Binding("u", "undo", "Undo", id="reader.undo", tooltip="Undo the last deletion or read change"),
    Binding(
        "r", "reattach", "Attach here", id="reader.reattach",
        tooltip="Attach the highlight being re-attached (r in the annotations pane) "
        "to the selection, or the sentence under the cursor",
    ),
    Binding("]", "next_highlight", "Next highlight", show=False, id="reader.next_highlight"),
    Binding("[", "prev_highlight", "Previous highlight", show=False, id="reader.prev_highlight"),
    Binding("s", "star", "Star", show=False, id="reader.star"),
]
