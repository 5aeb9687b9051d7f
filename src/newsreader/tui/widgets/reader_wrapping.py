"""The reader's lazy layout upkeep: wrap what is seen, the rest when idle.

A mixin of `ReaderView`, kept apart so `reader.py` stays about showing text;
what it needs of the widget is `reader_host.ReaderHost`. A long body gets a
lazy `reader_layout.Layout`: the rows on screen and a few screens around the
cursor are wrapped before the first paint (`_settle`, `_wrap_scrolled`), the
rest in small timer steps (`_wrap_step`). Whenever blocks above the screen
change their row count, the scroll offset moves by as much, so the text on
screen never jumps.
"""

from __future__ import annotations

from functools import partial

from textual.geometry import Size
from textual.timer import Timer

from newsreader.tui.widgets.reader_host import ReaderMixin
from newsreader.tui.widgets.reader_layout import Layout, blocks_from_body

SCROLL_CONTEXT = 2  # rows kept visible above/below the cursor when scrolling
EAGER_CHARS = 50_000  # bodies up to this size are wrapped whole when shown
WRAP_CHUNK = 300  # blocks wrapped per idle step of a long body
WRAP_START = 0.05  # seconds after the first paint before the idle wrapping starts
WRAP_PAUSE = 0.001  # seconds between steps (a Timer must not have a zero delay)


class LazyWrapping(ReaderMixin):
    """Layout creation, idle wrapping and scroll upkeep; the state is `ReaderView`'s."""

    _wrap_timer: Timer | None = None  # the next idle wrapping step
    _placing = False  # True while the reader sets the scroll itself

    def _relayout(self) -> None:
        """A new layout for the article at the current width: wrapped whole if the
        body is small, else lazily (around the cursor now, the rest when idle)."""
        self._stop_wrapping()
        if self._article is None:
            return
        body = self._article.body
        blocks = self._article.blocks or blocks_from_body(body)
        self._layout = layout = Layout(body, blocks, self._content_width())
        if len(body) <= EAGER_CHARS:
            layout.wrap_all()
        else:
            height = self.scrollable_content_region.height or self.app.size.height
            layout.ensure_around(layout.block_of(self._cursor), height + SCROLL_CONTEXT, 2 * height)
            self.call_after_refresh(self._schedule_wrap, layout, WRAP_START)  # after the first paint
        self._sync_size()
        self._invalidate()

    def _sync_size(self) -> None:
        """Make the virtual size follow the layout's (partly estimated) row count."""
        if self._layout is not None:
            size = Size(self._layout.width, len(self._layout))
            if self.virtual_size != size:
                self.virtual_size = size

    def _stop_wrapping(self) -> None:
        if self._wrap_timer is not None:
            self._wrap_timer.stop()
            self._wrap_timer = None

    def _schedule_wrap(self, layout: Layout, delay: float = WRAP_PAUSE) -> None:
        if layout is self._layout and not layout.complete and self._wrap_timer is None:
            self._wrap_timer = self.set_timer(delay, partial(self._wrap_step, layout), name="reader-wrap")

    def _wrap_step(self, layout: Layout) -> None:
        """Wrap one chunk of blocks off screen, keeping the screen's text where it is."""
        self._wrap_timer = None
        if layout is not self._layout:
            return  # another article or width since: that layout is gone
        top = self.scroll_offset.y
        anchor = layout.anchor(top)
        layout.wrap_pending(WRAP_CHUNK, near=anchor[0])
        self._keep_top(anchor, top)
        self._schedule_wrap(layout)

    def _keep_top(self, anchor: tuple[int, int], top: int) -> None:
        """After blocks were wrapped: fix the virtual size and scroll by however
        many rows appeared or vanished above the screen, so its text stays put."""
        self._sync_size()
        if self._layout is not None:
            row = self._layout.row_at(anchor)
            if row != top:
                self._scroll_y(row)

    def _settle(self, margin: int, screen_margin: int = 0) -> None:
        """Wrap the rows on screen (and `screen_margin` rows beyond it each way)
        and `margin` rows around the cursor, so that row distances there are
        final, keeping the screen's text where it is."""
        layout = self._layout
        if layout is None or layout.complete:
            return
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        anchor = layout.anchor(top)
        wrapped = layout.ensure_rows(top, top + height)
        if screen_margin:
            wrapped += layout.ensure_around(anchor[0], screen_margin, height + screen_margin)
        wrapped += layout.ensure_around(layout.block_of(self._cursor), margin, margin)
        if wrapped:
            self._keep_top(anchor, top)

    def _wrap_scrolled(self, old_value: float, new_value: float) -> None:
        """After the scroll offset changed (the widget's `watch_scroll_y`): wrap
        the rows that came into view."""
        layout = self._layout
        if layout is None or layout.complete:
            return
        # Wrap what comes into view. A scroll of a few rows (wheel, keys) counts
        # them exactly from the old top; a jump (scrollbar) or our own scroll
        # just wraps down from the new top, which moves nothing on screen.
        old, new = round(old_value), round(new_value)
        height = self.scrollable_content_region.height
        if self._placing or abs(new - old) > 2 * height:
            wrapped = layout.ensure_rows(new, new + height)
        elif new >= old:
            wrapped = layout.ensure_rows(old, new + height)
        else:
            anchor = layout.anchor(old)
            wrapped = layout.ensure_around(anchor[0], old - new, 0)
            exact = layout.row_at(anchor) - (old - new)
            if exact != new:  # the rows above were estimates: land where they really are
                self._sync_size()
                self._scroll_y(exact)
                return
        if wrapped:
            self.call_later(self._sync_size)

    def _scroll_y(self, y: int) -> None:
        # Immediate and forced: a deferred scroll is dropped when it runs before
        # the new virtual size has given the view a scrollbar (first article).
        placing, self._placing = self._placing, True
        try:
            self.scroll_to(y=max(0, y), animate=False, immediate=True, force=True)
        finally:
            self._placing = placing
