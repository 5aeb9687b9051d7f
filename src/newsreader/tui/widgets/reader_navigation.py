"""The reader's motion keys: rows, pages, words, sentences, paragraphs, highlights, matches.

A mixin of `ReaderView`, kept apart so `reader.py` stays about showing text;
what it needs of the widget is `reader_host.ReaderHost`. The motions
themselves are pure functions of body offsets (`reader_motions.py`); this
module moves the cursor with them, keeps it in view and tells the screen
(`CursorMoved`). Row motions first wrap the rows they cross (`_settle`), so
a lazily wrapped body moves exactly like a fully wrapped one. A selection
being made (`v`) runs from its anchor to the cursor, so every motion here
extends it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsreader.model import Block
from newsreader.tui.widgets.reader_host import ReaderMixin
from newsreader.tui.widgets.reader_motions import (
    next_block,
    next_sentence,
    next_word,
    prev_block,
    prev_sentence,
    prev_word,
    snap,
    step_match,
    word_end,
)
from newsreader.tui.widgets.reader_wrapping import SCROLL_CONTEXT

Motion = Callable[[str, Sequence[Block], int], int]  # (body, blocks, cursor) -> offset


class CursorNavigation(ReaderMixin):
    """Cursor moves and the scrolling that keeps the cursor in view."""

    def _move(self, offset: int, *, keep_goal: bool = False, match_note: str = "") -> None:
        """Put the cursor at `offset` (snapped off whitespace), scroll to it, and
        post `CursorMoved` if it moved. `match_note` is the mode line's word on
        the match moved to (`;` `,`); any other move drops it."""
        if self._article is None or not self._article.body:
            return
        offset = snap(self._article.body, offset)
        if not keep_goal:
            self._goal_col = None
        moved = offset != self._cursor
        self._cursor = offset
        self._match_note = match_note
        self._update_mode_line()
        self._scroll_to_cursor()
        self.refresh()
        if moved:
            self.post_message(self.CursorMoved(offset, reader=self))

    def _scroll_to_cursor(self, third: bool = False) -> None:
        """Scroll minimally so the cursor row (with some context) is visible."""
        if self._layout is None:
            return
        height = self.scrollable_content_region.height
        if not height:
            return
        self._settle(height + SCROLL_CONTEXT + 2)
        row = self._layout.row_of(self._cursor)
        top = self.scroll_offset.y
        context = min(SCROLL_CONTEXT, (height - 1) // 2)
        if third:
            target = row - height // 3
        elif row < top + context:
            target = row - context
        elif row > top + height - 1 - context:
            target = row - height + 1 + context
        else:
            return
        self._scroll_y(target)

    def _move_rows(self, delta: int) -> None:
        """Move `delta` text rows, keeping the goal column across short rows (vim's j/k)."""
        layout = self._layout
        if layout is None or not len(layout):
            return
        self._settle(abs(delta) + self.scrollable_content_region.height + 3)
        row, col = layout.position(self._cursor)
        if self._goal_col is None:
            self._goal_col = col
        step = 1 if delta > 0 else -1
        target = min(max(row + delta, 0), len(layout) - 1)
        found = layout.text_row(target, step)
        if found is None or found == row and abs(delta) > 1:
            found = layout.text_row(target, -step)
        if found is not None:
            self._move(layout.offset_at(found, self._goal_col), keep_goal=True)

    def _page(self, direction: int, rows: int | None = None) -> None:
        """Scroll `rows` rows (a page less one row by default) and move the cursor as many."""
        page = max(1, self.scrollable_content_region.height - 1 if rows is None else rows)
        self._settle(2 * page + 3, screen_margin=page + 3)
        self._scroll_y(self.scroll_offset.y + direction * page)
        self._move_rows(direction * page)

    def _motion(self, motion: Motion) -> None:
        """Apply `motion(body, blocks, cursor) -> offset` to the cursor."""
        if self._article is not None and self._layout is not None:
            self._move(motion(self._article.body, self._layout.blocks, self._cursor))

    def _jump(self, offset: int | None) -> None:
        if offset is None:
            self.app.bell()
        else:
            self._move(offset)

    def action_cursor_down(self) -> None:
        self._move_rows(1)

    def action_cursor_up(self) -> None:
        self._move_rows(-1)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_half_down(self) -> None:
        self._page(1, self.scrollable_content_region.height // 2)

    def action_half_up(self) -> None:
        self._page(-1, self.scrollable_content_region.height // 2)

    def at_end(self) -> bool:
        """True once nothing of the article is left below: the view scrolled to
        the bottom and the cursor on the last row (an empty article: always)."""
        if self._article is None:
            return False
        layout = self._layout
        if layout is None or not len(layout):
            return True
        last = layout.last_row()  # wraps the last block: its row count is final
        self._sync_size()
        return layout.row_of(self._cursor) >= last and self.scroll_offset.y >= self.max_scroll_y

    def action_page_down_or_next(self) -> None:
        """Page down (`space`); at the end, `PastEnd` asks for the next article (mutt).

        Not while a selection is being made: leaving the article would drop it."""
        if not self.at_end():
            self._page(1)
        elif self._anchor is not None or self._article is None:
            self.app.bell()
        else:
            self.post_message(self.PastEnd(self._article.id, reader=self))

    def action_center(self) -> None:
        """Scroll so the cursor's row is in the middle of the view (vim's `zz`)."""
        if self._layout is not None:
            height = self.scrollable_content_region.height
            self._settle(height + 3)
            self._scroll_y(self._layout.row_of(self._cursor) - height // 2)
            self.refresh()

    def action_top(self) -> None:
        self._move(0)

    def action_bottom(self) -> None:
        if self._layout and len(self._layout):
            self._move(self._layout.offset_at(self._layout.last_row(), 0))

    def action_word_forward(self) -> None:
        self._motion(lambda body, _blocks, at: next_word(body, at))

    def action_word_back(self) -> None:
        self._motion(lambda body, _blocks, at: prev_word(body, at))

    def action_word_end(self) -> None:
        self._motion(lambda body, _blocks, at: word_end(body, at))

    def action_sentence_forward(self) -> None:
        self._motion(next_sentence)

    def action_sentence_back(self) -> None:
        self._motion(prev_sentence)

    def action_paragraph_forward(self) -> None:
        self._motion(lambda _body, blocks, at: next_block(blocks, at))

    def action_paragraph_back(self) -> None:
        self._motion(lambda _body, blocks, at: prev_block(blocks, at))

    def action_next_highlight(self) -> None:
        self._jump(self._highlights.next_start(self._cursor))

    def action_prev_highlight(self) -> None:
        self._jump(self._highlights.prev_start(self._cursor))

    def _step_match(self, direction: int) -> None:
        """The next (1) or previous (-1) search match, wrapping; the mode line says which."""
        starts = self._matches.starts
        found = step_match(starts, self._cursor, direction)
        if found is None or self._article is None:
            self.notify("no search matches here", severity="warning", timeout=2, markup=False)
            return
        index, wrapped = found
        note = f"match {index + 1} of {len(starts)}"
        if wrapped:
            note += " (from the top)" if direction > 0 else " (from the bottom)"
        self._move(starts[index], match_note=note)

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_prev_match(self) -> None:
        self._step_match(-1)
