"""ReaderView: one article's cleaned body with a vim-like cursor.

Drawn with Textual's line API (`render_line`), so only the visible rows are
rendered; the layout is lazy (`reader_layout.Layout`): opening a huge article
wraps only the rows around the screen and the cursor, and the rest is wrapped
in small chunks while the app is idle, keeping the text on screen still.
Body text is untrusted: it is never parsed as markup; styles are applied
to plain `rich.text.Text` by span. The widget never touches the store: it
posts messages up, and the screen calls its methods down.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.model import Article, Highlight
from newsreader.tui.widgets.reader_bindings import READER_BINDINGS
from newsreader.tui.widgets.reader_edits import ReaderEdits
from newsreader.tui.widgets.reader_layout import Layout, SpanIndex, selection_span, snap
from newsreader.tui.widgets.reader_navigation import CursorNavigation
from newsreader.tui.widgets.reader_paint import NOTE_MARK, RowState, message_strip, paint_row
from newsreader.tui.widgets.reader_wrapping import LazyWrapping

__all__ = ["EMPTY", "HINT", "NOTE_MARK", "VISUAL_MARK", "ReaderView"]

HINT = "Select an article (enter) — ? for help"
EMPTY = "This article has no text."
VISUAL_MARK = "-- VISUAL --"  # in the header while a selection is being made, as vim shows it


class ReaderMessage(Message):
    """What every `ReaderView` message shares: `control` is the reader that
    posted it, so `@on(ReaderView.HighlightRequested, "#reader")` selectors work."""

    reader: ReaderView

    @property
    def control(self) -> ReaderView:
        return self.reader


class ReaderView(ReaderEdits, CursorNavigation, LazyWrapping, ScrollView, can_focus=True):
    """Shows one article body; keys move a cursor and request highlight edits.

    The keys are listed in `reader_bindings.py`; the motions are in
    `reader_navigation.py`, the editing keys in `reader_edits.py`, the lazy
    layout's upkeep in `reader_wrapping.py`. The messages below say what the
    user asked for, never what to do.
    """

    COMPONENT_CLASSES = {
        "reader--heading", "reader--highlight", "reader--note-mark", "reader--match",
        "reader--selection", "reader--cursor", "reader--cursor-line", "reader--hint",
    }
    DEFAULT_CSS = """
    ReaderView {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        & > .reader--heading { color: $accent; text-style: bold; }
        & > .reader--highlight { background: #e5c07b; color: #1d1f21; }
        & > .reader--note-mark { color: $accent; text-style: bold; }
        & > .reader--match { color: $warning; background: $warning 15%; text-style: underline; }
        & > .reader--selection { background: $primary 45%; }
        & > .reader--cursor { text-style: reverse; }
        & > .reader--cursor-line { background: $foreground 6%; }
        & > .reader--hint { color: $text-muted; text-style: italic; }
    }
    """
    BINDINGS = READER_BINDINGS

    @dataclass
    class HighlightRequested(ReaderMessage):
        """The user asked to highlight body[start:end] (selection or sentence)."""

        start: int
        end: int
        reader: ReaderView = field(repr=False, compare=False)

    @dataclass
    class NoteRequested(ReaderMessage):
        """Edit the note of `highlight_id`, or highlight [start, end) with a note if None."""

        highlight_id: int | None
        start: int
        end: int
        reader: ReaderView = field(repr=False, compare=False)

    @dataclass
    class DeleteRequested(ReaderMessage):
        """The user asked to delete the highlight under the cursor."""

        highlight_id: int
        reader: ReaderView = field(repr=False, compare=False)

    @dataclass
    class UndoRequested(ReaderMessage):
        """The user asked to undo the last highlight/note change."""

        reader: ReaderView = field(repr=False, compare=False)

    @dataclass
    class ReattachRequested(ReaderMessage):
        """Attach `highlight_id` (one that could not be placed) to body[start:end]."""

        highlight_id: int
        start: int
        end: int
        reader: ReaderView = field(repr=False, compare=False)

    @dataclass
    class ReattachCancelled(ReaderMessage):
        """The user pressed escape while a highlight was waiting to be re-attached."""

        highlight_id: int
        reader: ReaderView = field(repr=False, compare=False)

    @dataclass
    class StarRequested(ReaderMessage):
        """The user asked to star or unstar the article shown."""

        article_id: int
        reader: ReaderView = field(repr=False, compare=False)

    @dataclass
    class PastEnd(ReaderMessage):
        """`space` with the whole article read: the screen may open the next unread one."""

        article_id: int
        reader: ReaderView = field(repr=False, compare=False)

    @dataclass
    class ModeLineChanged(ReaderMessage):
        """The reader's mode line (`mode_line`) changed; the screen shows `text` as is."""

        text: str
        reader: ReaderView = field(repr=False, compare=False)

    @dataclass
    class CursorMoved(ReaderMessage):
        """The cursor moved to body offset `offset`; a flood of them is coalesced."""

        offset: int
        reader: ReaderView = field(repr=False, compare=False)

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ReaderView.CursorMoved) and message.reader is self.reader

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._article: Article | None = None
        self._layout: Layout | None = None
        self._cursor = 0
        self._anchor: int | None = None
        self._goal_col: int | None = None  # column kept by j/k across short rows
        self._highlights: SpanIndex[Highlight] = SpanIndex()  # anchored only
        self._matches: SpanIndex[None] = SpanIndex()
        self._match_note = ""  # "match 2 of 7" after ; or , until the cursor moves otherwise
        self._mode_line_shown = ""
        self._version = 0  # bumped whenever every cached row may be stale
        self._strips: LRUCache[tuple, Strip] = LRUCache(1024)
        self._styles: dict[str, Style] = {}

    # ------------------------------------------------------------ public API

    def show_article(
        self,
        article: Article,
        highlights: Sequence[Highlight],
        cursor: int = 0,
        matches: Sequence[tuple[int, int]] = (),
    ) -> None:
        """Replace the content; place the cursor and scroll it to the top third."""
        self._article = article
        self._anchor = None
        self._goal_col = None
        self._highlights = SpanIndex((h.start, h.end, h) for h in highlights if not h.orphaned)
        self._matches = SpanIndex((s, e, None) for s, e in matches)
        self._match_note = ""
        self._cursor = snap(article.body, cursor)
        self._update_mode_line()
        self._relayout()
        self._scroll_y(0)
        self._scroll_to_cursor(third=True)
        if not self.size.height:  # not laid out yet: redo once we know our size
            self.call_after_refresh(self._scroll_to_cursor, third=True)
        self.refresh()

    def set_highlights(self, highlights: Sequence[Highlight]) -> None:
        """Re-render with a new highlight set, keeping cursor and scroll."""
        self._highlights = SpanIndex((h.start, h.end, h) for h in highlights if not h.orphaned)
        self._invalidate()

    def set_matches(self, spans: Sequence[tuple[int, int]]) -> None:
        """Mark search matches (body offset spans)."""
        self._matches = SpanIndex((s, e, None) for s, e in spans)
        self._match_note = ""
        self._update_mode_line()
        self._invalidate()

    def move_cursor_to(self, offset: int) -> None:
        """Move the cursor to `offset` (snapped off whitespace) and show it."""
        self._move(offset)

    @property
    def cursor(self) -> int:
        """The cursor as a body offset."""
        return self._cursor

    @property
    def selection(self) -> tuple[int, int] | None:
        """The active selection (anchor to cursor, whole words), if any."""
        if self._anchor is None or self._article is None:
            return None
        return selection_span(self._article.body, self._anchor, self._cursor)

    @property
    def matches(self) -> list[tuple[int, int]]:
        """The search-match spans currently marked."""
        return [(s, e) for s, e, _none in self._matches.spans]

    @property
    def mode_line(self) -> str:
        """The reader's state in words, for the header (vim's mode line): the
        VISUAL mark while a selection is being made, and after `;` or `,` which
        match the cursor is on ("match 2 of 7"); empty otherwise."""
        visual = VISUAL_MARK if self._anchor is not None and self._article is not None else ""
        return " · ".join(part for part in (visual, self._match_note) if part)

    @property
    def article_id(self) -> int | None:
        """Id of the article shown, or None."""
        return self._article.id if self._article else None

    def highlight_at(self, offset: int) -> Highlight | None:
        """The innermost anchored highlight containing `offset`, if any."""
        found = [h for _s, _e, h in self._highlights.overlapping(offset, offset + 1)]
        return max(found, key=lambda h: (h.start, -h.end), default=None)

    # --------------------------------------------------------------- state

    def _update_mode_line(self) -> None:
        """Post `ModeLineChanged` if the mode line is not what was last posted."""
        text = self.mode_line
        if text != self._mode_line_shown:
            self._mode_line_shown = text
            self.post_message(self.ModeLineChanged(text, reader=self))

    def _invalidate(self) -> None:
        self._version += 1
        self._strips.clear()
        self._styles.clear()
        self.refresh()

    def _style(self, name: str) -> Style:
        """A component's own attributes, with colours blended like Textual does.

        Partial rich styles drop the alpha of "$foreground 6%", so colours come
        from the full (blended) style and only where the component sets them.
        """
        style = self._styles.get(name)
        if style is None:
            full = self.get_component_rich_style(name)
            own = self.get_component_rich_style(name, partial=True)
            style = own.without_color + Style(
                color=full.color if own.color else None,
                bgcolor=full.bgcolor if own.bgcolor else None,
            )
            self._styles[name] = style
        return style

    def _content_width(self) -> int:
        return self.scrollable_content_region.width or 80

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if hasattr(self, "_strips"):  # the theme changed: cached colours are stale
            self._invalidate()

    def on_resize(self, event: events.Resize) -> None:
        layout = self._layout
        if layout is None:
            return
        if layout.width == self._content_width():
            self._scroll_to_cursor()  # only the height changed: keep the cursor in view
            return
        # Keep the cursor on the same screen row across the re-wrap.
        screen_row = layout.row_of(self._cursor) - self.scroll_offset.y
        self._relayout()
        assert self._layout is not None
        self._scroll_y(self._layout.row_of(self._cursor) - screen_row)
        self._scroll_to_cursor()

    # Textual's hooks that chain to `super()` are overridden here, not in the
    # mixins: there `super()` would be typed against `ReaderHost`'s stubs.
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide `r` (re-attach) unless a highlight is waiting for new text."""
        if action == "reattach":
            return self._can_reattach()
        return super().check_action(action, parameters)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._wrap_scrolled(old_value, new_value)

    def on_focus(self) -> None:
        self.refresh()  # the cursor row is only tinted while focused

    on_blur = on_focus

    def on_click(self, event: events.Click) -> None:
        layout = self._layout
        where = event.get_content_offset(self)
        if layout is None or where is None or not len(layout):
            return
        row = min(where.y + self.scroll_offset.y, len(layout) - 1)
        found = layout.text_row(row, 1)
        found = layout.text_row(row, -1) if found is None else found
        if found is not None:
            self._move(layout.offset_at(found, where.x - layout.indent))

    # ------------------------------------------------------------- drawing

    def render_line(self, y: int) -> Strip:
        """Render screen row `y` (Textual's line API); rows are cached by content key."""
        width = self.scrollable_content_region.width or self.size.width
        base = self.rich_style
        layout = self._layout
        if self._article is None or layout is None or not len(layout):
            if y == (self.size.height // 2 if self._article is None else 0):
                message = HINT if self._article is None else EMPTY
                return message_strip(message, width, base, self._style("reader--hint"), self.app.console)
            return Strip.blank(width, base)
        row = self.scroll_offset.y + y
        if row >= len(layout):
            return Strip.blank(width, base)
        pending = layout.pending
        try:
            line = layout.line(row)  # normally wrapped already (_settle, _wrap_scrolled)
        except IndexError:  # the last block had fewer rows than its estimate
            line = None
        if layout.pending != pending:
            self.call_later(self._sync_size)
        if line is None or line.kind == "blank":
            return Strip.blank(width, base)
        cursor_here = layout.row_of(self._cursor) == row
        selection = self.selection
        if selection is not None:
            clipped = (max(selection[0], line.start), min(selection[1], line.end))
            selection = clipped if clipped[0] < clipped[1] else None
        # The key names everything that changes this row, so cursor moves and
        # scrolling re-render only the rows that really differ. A row is named
        # by its text span, not its number: lazy wrapping can renumber rows.
        key = (line.start, line.end, line.block_index, width, self._version, self.has_focus,
               self._cursor if cursor_here else None, selection)
        strip = self._strips.get(key)
        if strip is None:
            state = RowState(selection, self._cursor if cursor_here else None, self.has_focus)
            strip = paint_row(
                layout, row, width, base, self._style, self._highlights, self._matches, state, self.app.console
            )
            self._strips[key] = strip
        return strip

