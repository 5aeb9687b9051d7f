"""The annotating flows of the app: highlight, note, delete and undo, re-attach, star.

A mixin of the app (see `host.py`), kept apart so each module has one reason
to change. Handlers use Textual's naming convention (`on_reader_view_...`)
rather than `@on`, which only registers on classes Textual builds itself.

Every write runs on the database thread in a worker, holding the thread's
`turn` from the write until the UI shows its result, so flows happen in the
order they were asked for (an undo right after a delete undoes it). The UI
says "saved" only once the `Library` has committed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual import work

from newsreader.library import DatabaseError, NotFound, StoreProblem
from newsreader.model import ArticleNote, Highlight
from newsreader.text.terminal import one_line
from newsreader.text.wording import excerpt
from newsreader.tui.widgets.annotations import AnnotationsPane
from newsreader.tui.widgets.article_header import ArticleHeader
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reader import ReaderView

if TYPE_CHECKING:
    from newsreader.tui.host import AppHost as _Base
else:
    _Base = object

UNDO_DEPTH = 50
QUOTE_CELLS = 50  # of a quote in a message

# What a change hands back to the UI: the highlight, and its article's
# highlights and note as they are after the change (read on the same thread).
Changed = tuple[Highlight, list[Highlight], ArticleNote | None]


class Annotating(_Base):
    """Message handlers and flows for everything that writes annotations."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.undo_stack = []
        # The open article's annotations as on screen: the note editors open from
        # these at once, with no read before the push (keys typed meanwhile are theirs).
        self.shown_highlights: list[Highlight] = []
        self.shown_note: ArticleNote | None = None
        self.shown_note_of: int | None = None

    def _saved(self, message: str) -> None:
        self.notify(message, title="Saved", markup=False)

    def key_for(self, binding_id: str, default: str) -> str:
        """The key bound to `binding_id` now (the user's keymap may change it)."""
        return self._keymap.get(binding_id, default).split(",")[0]

    # -- showing the annotations ---------------------------------------------------------

    def _changed(self, change: Callable[[], Highlight]) -> Changed:
        """On the database thread: make `change`, then read its article's annotations."""
        highlight = change()
        article_id = highlight.article_id
        return highlight, self.library.highlights(article_id), self.library.article_note(article_id)

    def show_annotations(
        self, article_id: int, highlights: list[Highlight], note: ArticleNote | None, select: int | None = None
    ) -> None:
        """Show `article_id`'s highlights and note (in the reader, pane and header only
        if it is still the open article); its list row is redrawn either way."""
        self.query_one(ArticleList).refresh_article(article_id)
        if self.current is None or self.current.id != article_id:
            return
        reader = self.query_one(ReaderView)
        if reader.article_id == article_id:
            reader.set_highlights(highlights)
        self.shown_highlights, self.shown_note, self.shown_note_of = list(highlights), note, article_id
        pane = self.query_one(AnnotationsPane)
        pane.show(highlights, note)
        if select is not None:
            pane.select_highlight(select)
        self.query_one(ArticleHeader).show(self.current, len(highlights))

    def _shown_highlight(self, highlight_id: int) -> Highlight | None:
        """The highlight as shown (else as stored; None if it is gone)."""
        for highlight in self.shown_highlights:
            if highlight.id == highlight_id:
                return highlight
        try:
            return self.library.highlight(highlight_id)
        except (NotFound, DatabaseError):
            return None

    def _editor_warning(self) -> str:
        """What the note editor says above its text when the note cannot be saved."""
        return "The store is read-only: this note cannot be saved" if self.library.read_only else ""

    # -- highlight -------------------------------------------------------------------

    def on_reader_view_highlight_requested(self, event: ReaderView.HighlightRequested) -> None:
        if self.current is not None:
            self.add_highlight(self.current.id, event.start, event.end)

    @work(group="write")
    async def add_highlight(self, article_id: int, start: int, end: int) -> None:
        """Highlight body[start:end] of `article_id`."""
        async with self.db.turn:
            try:
                highlight, *shown = await self.write(
                    self._changed, lambda: self.library.add_highlight(article_id, start, end)
                )
            except StoreProblem as problem:
                self.not_saved(problem)
                return
            except (ValueError, NotFound) as exc:
                self.notify(one_line(str(exc)), severity="warning", markup=False)
                return
            self.show_annotations(article_id, *shown, select=highlight.id)
        self._saved(f"Highlighted: {excerpt(highlight.exact, QUOTE_CELLS)}")

    # -- notes -----------------------------------------------------------------------

    def on_reader_view_note_requested(self, event: ReaderView.NoteRequested) -> None:
        self.edit_note(event.highlight_id, (event.start, event.end))

    def on_annotations_pane_note_requested(self, event: AnnotationsPane.NoteRequested) -> None:
        if event.highlight_id is not None:
            self.edit_note(event.highlight_id, None)

    def edit_note(self, highlight_id: int | None, span: tuple[int, int] | None) -> None:
        """Open the note editor for a highlight, or for a new highlight over `span`.

        The editor opens at once (keys typed meanwhile are the editor's); it
        closes only after `save` has committed the note on the database thread.
        """
        if self.current is None:
            return
        article_id = self.current.id
        if highlight_id is not None:
            highlight = self._shown_highlight(highlight_id)
            if highlight is None:
                return
            quote, text = highlight.exact, highlight.note or ""

            def write(new_text: str) -> Highlight:
                return self.library.set_highlight_note(highlight_id, new_text)

        elif span is not None and span[0] < span[1]:
            quote, text = self.current.body[span[0] : span[1]], ""

            def write(new_text: str) -> Highlight:
                return self.library.add_highlight(article_id, span[0], span[1], note=new_text)

        else:
            self.notify("Nothing to annotate here", severity="warning")
            return
        saved: Changed | None = None

        async def save(new_text: str) -> None:
            nonlocal saved
            async with self.db.turn:
                saved = await self.write(self._changed, lambda: write(new_text))

        def closed(result: str | None) -> None:
            if result is None or saved is None:
                return
            highlight, *shown = saved
            self.show_annotations(highlight.article_id, *shown, select=highlight.id)
            self._saved("Note saved")

        from newsreader.tui.screens.note_editor import NoteEditor

        self.push_screen(NoteEditor("Note on highlight", quote, text, save, self._editor_warning()), closed)

    def on_annotations_pane_article_note_requested(self, event: AnnotationsPane.ArticleNoteRequested) -> None:
        self.edit_article_note()

    def action_article_note(self) -> None:  # `a` in the reader
        self.edit_article_note()

    def edit_article_note(self) -> None:
        """Open the note editor on the article-level note."""
        if self.current is None:
            return
        article_id = self.current.id
        existing = self.shown_note if self.shown_note_of == article_id else None
        saved: tuple[list[Highlight], ArticleNote | None] | None = None

        def write(new_text: str) -> tuple[list[Highlight], ArticleNote | None]:
            note = self.library.set_article_note(article_id, new_text)
            return self.library.highlights(article_id), note

        async def save(new_text: str) -> None:
            nonlocal saved
            async with self.db.turn:
                saved = await self.write(write, new_text)

        def closed(result: str | None) -> None:
            if result is not None and saved is not None:
                self.show_annotations(article_id, *saved)
                self._saved("Article note saved")

        from newsreader.tui.screens.note_editor import NoteEditor

        text = existing.text if existing else ""
        editor = NoteEditor("Article note", self.current.title, text, save, self._editor_warning())
        self.push_screen(editor, closed)

    # -- delete and undo -------------------------------------------------------------

    def on_reader_view_delete_requested(self, event: ReaderView.DeleteRequested) -> None:
        self.delete_highlight(event.highlight_id)

    def on_annotations_pane_delete_requested(self, event: AnnotationsPane.DeleteRequested) -> None:
        self.delete_highlight(event.highlight_id)

    @work(group="write")
    async def delete_highlight(self, highlight_id: int) -> None:
        """Delete a highlight (and its note), keeping it for undo."""
        if self.current is None:
            return
        async with self.db.turn:
            try:
                gone, *shown = await self.write(
                    self._changed, lambda: self.library.delete_highlight(highlight_id)
                )
            except StoreProblem as problem:
                self.not_saved(problem)
                return
            except NotFound:
                return
            self.push_undo(gone)
            reader = self.query_one(ReaderView)
            if reader.reattaching == highlight_id:
                reader.end_reattach()
            self.show_annotations(gone.article_id, *shown)
        undo = self.key_for("reader.undo", "u")
        self.notify(f"Deleted: {excerpt(gone.exact, QUOTE_CELLS)} — {undo} to undo", markup=False)

    def push_undo(self, change: Any) -> None:
        """Remember what `u` undoes: a deleted highlight, or a read change (reading.py)."""
        self.undo_stack = [*self.undo_stack[-(UNDO_DEPTH - 1) :], change]

    def on_reader_view_undo_requested(self, event: ReaderView.UndoRequested) -> None:
        self.action_undo_delete()

    def action_undo_delete(self) -> None:
        """`u`: bring back the last deleted highlight with its id and note, or undo
        the last read change (the newest of the two)."""
        self.undo_delete()

    @work(group="write")
    async def undo_delete(self) -> None:
        async with self.db.turn:  # after the delete it undoes, however quick the keys
            if not self.undo_stack:
                self.notify("Nothing to undo")
                return
            gone = self.undo_stack.pop()
            if not isinstance(gone, Highlight):  # a read change (A, N): reading.py
                if not await self.undo_change(gone):
                    self.undo_stack.append(gone)
                return
            try:
                restored, *shown = await self.write(
                    self._changed, lambda: self.library.restore_highlight(gone)
                )
            except StoreProblem as problem:
                self.undo_stack.append(gone)  # not restored: u may try again
                self.not_saved(problem)
                return
            except (NotFound, ValueError) as exc:  # e.g. its article was deleted meanwhile
                self.notify(one_line(f"Could not undo: {exc}"), severity="error", markup=False)
                return
            self.show_annotations(restored.article_id, *shown)
            if self.current is not None and restored.article_id == self.current.id:
                if not restored.orphaned:  # an orphan's offsets point at nothing
                    self.query_one(ReaderView).move_cursor_to(restored.start)
                self.query_one(AnnotationsPane).select_highlight(restored.id)
        self._saved(f"Restored: {excerpt(restored.exact, QUOTE_CELLS)}")

    def on_annotations_pane_jump_to(self, event: AnnotationsPane.JumpTo) -> None:
        highlight = self._shown_highlight(event.highlight_id)
        if highlight is None:
            return
        if highlight.orphaned:
            reattach = self.key_for("annotations.reattach", "r")
            self.notify(
                f"This highlight could not be placed in the current text — {reattach} re-attaches it",
                severity="warning",
                markup=False,
            )
            return
        reader = self.query_one(ReaderView)
        reader.move_cursor_to(highlight.start)
        reader.focus()

    # -- re-attach an orphan ----------------------------------------------------------

    def on_annotations_pane_reattach_requested(self, event: AnnotationsPane.ReattachRequested) -> None:
        """`r` on an orphan: attach it to the reader's selection now, else wait for one."""
        if self.current is None:
            return
        orphan = self._shown_highlight(event.highlight_id)
        if orphan is None:
            return
        reader = self.query_one(ReaderView)
        if orphan.article_id != self.current.id or reader.article_id != orphan.article_id:
            return
        selection = reader.selection
        if selection is not None:
            reader.clear_selection()
            self.reattach(orphan.id, *selection)
            return
        reader.begin_reattach(orphan.id)
        # Its old place is the best guess of where the new text is.
        reader.move_cursor_to(min(orphan.start, len(self.current.body)))
        reader.focus()
        attach = self.key_for("reader.reattach", "r")
        self.notify(
            f"Re-attach “{excerpt(orphan.exact, 40)}”: select the new text in the reader "
            f"(v and motions, or the sentence under the cursor) and press {attach}; escape cancels",
            title="Re-attach",
            timeout=20,
            markup=False,
        )

    def on_reader_view_reattach_requested(self, event: ReaderView.ReattachRequested) -> None:
        self.reattach(event.highlight_id, event.start, event.end)

    def on_reader_view_reattach_cancelled(self, event: ReaderView.ReattachCancelled) -> None:
        self.query_one(ReaderView).end_reattach()
        self.notify("Re-attach cancelled: the highlight is still unplaced", timeout=3)

    def reattach(self, highlight_id: int, start: int, end: int) -> None:
        """Place `highlight_id` on body[start:end] of the open article, keeping its note and tags."""
        self.query_one(ReaderView).end_reattach()
        if self.current is not None:
            self._place(highlight_id, self.current.id, start, end)

    @work(group="write")
    async def _place(self, highlight_id: int, article_id: int, start: int, end: int) -> None:
        def place() -> Changed | None:
            if self.library.highlight(highlight_id).article_id != article_id:
                return None  # the offsets are into another article's text
            return self._changed(lambda: self.library.reattach_highlight(highlight_id, start, end))

        async with self.db.turn:
            try:
                changed = await self.write(place)
            except StoreProblem as problem:
                self.not_saved(problem)
                return
            except (NotFound, ValueError) as exc:
                self.notify(one_line(f"Could not re-attach: {exc}"), severity="error", markup=False)
                return
            if changed is None:
                return
            placed, *shown = changed
            self.show_annotations(article_id, *shown, select=placed.id)
        self._saved(f"Re-attached: {excerpt(placed.exact, QUOTE_CELLS)}")

    # -- star ------------------------------------------------------------------------

    def on_article_list_star_requested(self, event: ArticleList.StarRequested) -> None:
        self.set_starred(event.article_id, event.starred)

    def on_reader_view_star_requested(self, event: ReaderView.StarRequested) -> None:
        if self.current is not None and self.current.id == event.article_id:
            self.set_starred(event.article_id, None)

    @work(group="write")
    async def set_starred(self, article_id: int, starred: bool | None) -> None:
        """Star or unstar an article (None: flip the open one's star, as it is once
        the writes before this one are done) and show it in the list and the header."""

        def write(starred: bool) -> int:
            self.library.set_starred(article_id, starred)
            return len(self.library.highlights(article_id))  # for the header

        async with self.db.turn:
            if starred is None:
                if self.current is None or self.current.id != article_id:
                    return
                starred = not self.current.starred
            try:
                highlight_count = await self.write(write, starred)
            except StoreProblem as problem:
                self.not_saved(problem)
                return
            self.query_one(ArticleList).refresh_article(article_id)
            if self.current is not None and self.current.id == article_id:
                self.current = replace(self.current, starred=starred)
                self.query_one(ArticleHeader).show(self.current, highlight_count)
        self.notify("Starred" if starred else "Unstarred", timeout=2)
