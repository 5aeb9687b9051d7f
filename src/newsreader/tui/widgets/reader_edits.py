"""The reader's editing keys: select, highlight, note, delete, undo, star, re-attach.

A mixin of `ReaderView`, kept apart so `reader.py` stays about showing text;
what it needs of the widget is `reader_host.ReaderHost`. Each key posts one of
the widget's messages (`self.HighlightRequested(...)`) saying what the user
asked for; the screen decides what to do and calls the reader's methods back.

Re-attaching: while the screen has an orphaned highlight waiting for new text
(`begin_reattach`), `r` attaches it to the selection or the sentence under the
cursor and `escape` gives up. Otherwise `r` is hidden from the footer and
falls through to whoever else binds it.
"""

from __future__ import annotations

from textual.actions import SkipAction

from newsreader.tui.widgets.reader_host import ReaderMixin
from newsreader.tui.widgets.reader_motions import sentence_span


class ReaderEdits(ReaderMixin):
    """Actions that ask for a change; the state they read belongs to `ReaderView`."""

    _reattaching: int | None = None  # the highlight waiting for new text

    # ------------------------------------------------------------ re-attach state

    @property
    def reattaching(self) -> int | None:
        """Id of the highlight `r` would attach, or None."""
        return self._reattaching

    def begin_reattach(self, highlight_id: int) -> None:
        """Let `r` attach `highlight_id` to the selection or the sentence under the cursor."""
        self._reattaching = highlight_id
        self.refresh_bindings()

    def end_reattach(self) -> None:
        """Back to normal: `r` does nothing here."""
        self._reattaching = None
        self.refresh_bindings()

    def clear_selection(self) -> None:
        """Drop the selection, if any."""
        self._anchor = None
        self._update_mode_line()
        self.refresh()

    def _can_reattach(self) -> bool:
        """Whether `r` is live (the widget's `check_action` asks)."""
        return self._reattaching is not None and self._article is not None

    # ----------------------------------------------------------------- actions

    def action_select(self) -> None:
        if self._article is None:
            return
        self._anchor = self._cursor if self._anchor is None else None
        self._update_mode_line()
        self.refresh()

    def action_cancel_selection(self) -> None:
        if self._anchor is not None:
            self.clear_selection()
        elif self._reattaching is not None:
            self.post_message(self.ReattachCancelled(self._reattaching, reader=self))
        else:
            raise SkipAction()  # let the screen have escape

    def _target_span(self) -> tuple[int, int] | None:
        """The selection, else the sentence under the cursor; None if empty."""
        if self._article is None or self._layout is None:
            return None
        span = self.selection or sentence_span(self._article.body, self._layout.blocks, self._cursor)
        return span if span[1] > span[0] else None

    def action_highlight(self) -> None:
        span = self._target_span()
        if span is None:
            self.app.bell()
            return
        self.post_message(self.HighlightRequested(span[0], span[1], reader=self))
        self.clear_selection()

    def action_note(self) -> None:
        existing = self.highlight_at(self._cursor)
        if existing is not None:
            self.post_message(self.NoteRequested(existing.id, existing.start, existing.end, reader=self))
            return
        span = self._target_span()
        if span is None:
            self.app.bell()
            return
        self.post_message(self.NoteRequested(None, span[0], span[1], reader=self))
        self.clear_selection()

    def action_reattach(self) -> None:
        span = self._target_span()
        if self._reattaching is None or span is None:
            self.app.bell()
            return
        self.post_message(self.ReattachRequested(self._reattaching, span[0], span[1], reader=self))
        self.clear_selection()

    def action_delete(self) -> None:
        existing = self.highlight_at(self._cursor)
        if existing is None:
            self.app.bell()
            self.notify("No highlight here", severity="warning", timeout=2)
            return
        self.post_message(self.DeleteRequested(existing.id, reader=self))

    def action_undo(self) -> None:
        self.post_message(self.UndoRequested(reader=self))

    def action_star(self) -> None:
        if self._article is not None:
            self.post_message(self.StarRequested(self._article.id, reader=self))
