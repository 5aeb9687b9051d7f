"""The annotating flows of the app: highlight, note, delete and undo, re-attach, star.

A mixin of `NewsReaderApp`, kept apart so each module has one reason to
change. Handlers use Textual's naming convention (`on_reader_view_...`)
rather than `@on`, which only registers on classes Textual builds itself.
Every change is committed by the `Library` before the UI says it is saved.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from newsreader.library import NotFound
from newsreader.model import Highlight
from newsreader.text.terminal import one_line
from newsreader.tui.widgets.annotations import AnnotationsPane
from newsreader.tui.widgets.article_header import ArticleHeader
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reader import ReaderView

if TYPE_CHECKING:
    from newsreader.tui.app import NewsReaderApp

    _Base = NewsReaderApp
else:
    _Base = object

UNDO_DEPTH = 50


def short(text: str, limit: int = 50) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Annotating(_Base):
    """Message handlers and helpers for everything that writes annotations."""

    undo_stack: list[Highlight]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.undo_stack = []

    def _saved(self, message: str) -> None:
        self.notify(message, title="Saved", markup=False)

    def key_for(self, binding_id: str, default: str) -> str:
        """The key bound to `binding_id` now (the user's keymap may change it)."""
        return self._keymap.get(binding_id, default).split(",")[0]

    # -- refreshing after a change -------------------------------------------------------

    def _reload_highlights(self) -> list[Highlight]:
        assert self.current is not None
        highlights = self.library.highlights(self.current.id)
        self.query_one(ReaderView).set_highlights(highlights)
        self._refresh_annotations(highlights)
        self.query_one(ArticleList).refresh_article(self.current.id)
        return highlights

    def _refresh_annotations(self, highlights: list[Highlight]) -> None:
        if self.current is None:
            return
        note = self.library.article_note(self.current.id)
        self.query_one(AnnotationsPane).show(highlights, note)
        self.query_one(ArticleHeader).show(self.current, len(highlights))

    # -- highlight -------------------------------------------------------------------

    def on_reader_view_highlight_requested(self, event: ReaderView.HighlightRequested) -> None:
        if self.current is None:
            return
        try:
            highlight = self.library.add_highlight(self.current.id, event.start, event.end)
        except ValueError as exc:
            self.notify(one_line(str(exc)), severity="warning", markup=False)
            return
        self._reload_highlights()
        self.query_one(AnnotationsPane).select_highlight(highlight.id)
        self._saved(f"Highlighted: {short(highlight.exact)}")

    # -- notes -----------------------------------------------------------------------

    def on_reader_view_note_requested(self, event: ReaderView.NoteRequested) -> None:
        self.edit_note(event.highlight_id, (event.start, event.end))

    def on_annotations_pane_note_requested(self, event: AnnotationsPane.NoteRequested) -> None:
        if event.highlight_id is not None:
            self.edit_note(event.highlight_id, None)

    def edit_note(self, highlight_id: int | None, span: tuple[int, int] | None) -> None:
        """Open the note editor for a highlight, or for a new highlight over `span`."""
        if self.current is None:
            return
        article_id = self.current.id
        saved_id = highlight_id
        if highlight_id is not None:
            try:
                highlight = self.library.highlight(highlight_id)
            except NotFound:
                return
            quote, text = highlight.exact, highlight.note or ""

            def save(new_text: str) -> None:
                self.library.set_highlight_note(highlight_id, new_text)

        elif span is not None and span[0] < span[1]:
            quote, text = self.current.body[span[0] : span[1]], ""

            def save(new_text: str) -> None:
                nonlocal saved_id
                saved_id = self.library.add_highlight(article_id, span[0], span[1], note=new_text).id

        else:
            self.notify("Nothing to annotate here", severity="warning")
            return

        def closed(result: str | None) -> None:
            if result is None or self.current is None or self.current.id != article_id:
                return
            self._reload_highlights()
            if saved_id is not None:
                self.query_one(AnnotationsPane).select_highlight(saved_id)
            self._saved("Note saved")

        from newsreader.tui.screens.note_editor import NoteEditor

        self.push_screen(NoteEditor("Note on highlight", quote, text, save), closed)

    def on_annotations_pane_article_note_requested(self, event: AnnotationsPane.ArticleNoteRequested) -> None:
        self.edit_article_note()

    def edit_article_note(self) -> None:
        """Open the note editor on the article-level note."""
        if self.current is None:
            return
        article_id = self.current.id
        existing = self.library.article_note(article_id)

        def save(new_text: str) -> None:
            self.library.set_article_note(article_id, new_text)

        def closed(result: str | None) -> None:
            if result is not None and self.current is not None and self.current.id == article_id:
                self._reload_highlights()
                self._saved("Article note saved")

        from newsreader.tui.screens.note_editor import NoteEditor

        editor = NoteEditor("Article note", self.current.title, existing.text if existing else "", save)
        self.push_screen(editor, closed)

    # -- delete and undo -------------------------------------------------------------

    def on_reader_view_delete_requested(self, event: ReaderView.DeleteRequested) -> None:
        self.delete_highlight(event.highlight_id)

    def on_annotations_pane_delete_requested(self, event: AnnotationsPane.DeleteRequested) -> None:
        self.delete_highlight(event.highlight_id)

    def delete_highlight(self, highlight_id: int) -> None:
        """Delete a highlight (and its note), keeping it for undo."""
        if self.current is None:
            return
        try:
            gone = self.library.delete_highlight(highlight_id)
        except NotFound:
            return
        self.undo_stack = [*self.undo_stack[-(UNDO_DEPTH - 1) :], gone]
        reader = self.query_one(ReaderView)
        if reader.reattaching == highlight_id:
            reader.end_reattach()
        self._reload_highlights()
        undo = self.key_for("reader.undo", "u")
        self.notify(f"Deleted: {short(gone.exact)} — {undo} to undo", markup=False)

    def on_reader_view_undo_requested(self, event: ReaderView.UndoRequested) -> None:
        self.action_undo_delete()

    def action_undo_delete(self) -> None:
        """Bring back the last deleted highlight with its id and note."""
        if not self.undo_stack:
            self.notify("Nothing to undo")
            return
        gone = self.undo_stack.pop()
        try:
            restored = self.library.restore_highlight(gone)
        except (NotFound, ValueError) as exc:  # e.g. its article was deleted meanwhile
            self.notify(one_line(f"Could not undo: {exc}"), severity="error", markup=False)
            return
        if self.current is not None and restored.article_id == self.current.id:
            self._reload_highlights()
            if not restored.orphaned:  # an orphan's offsets point at nothing
                self.query_one(ReaderView).move_cursor_to(restored.start)
            self.query_one(AnnotationsPane).select_highlight(restored.id)
        self._saved(f"Restored: {short(restored.exact)}")

    def on_annotations_pane_jump_to(self, event: AnnotationsPane.JumpTo) -> None:
        try:
            highlight = self.library.highlight(event.highlight_id)
        except NotFound:
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
        try:
            orphan = self.library.highlight(event.highlight_id)
        except NotFound:
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
            f"Re-attach “{short(orphan.exact, 40)}”: select the new text in the reader "
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
        """Place `highlight_id` on body[start:end], keeping its note and tags."""
        self.query_one(ReaderView).end_reattach()
        if self.current is None:
            return
        try:
            if self.library.highlight(highlight_id).article_id != self.current.id:
                return  # the offsets are into another article's text
            placed = self.library.reattach_highlight(highlight_id, start, end)
        except (NotFound, ValueError) as exc:
            self.notify(one_line(f"Could not re-attach: {exc}"), severity="error", markup=False)
            return
        self._reload_highlights()
        self.query_one(AnnotationsPane).select_highlight(placed.id)
        self._saved(f"Re-attached: {short(placed.exact)}")

    # -- star ------------------------------------------------------------------------

    def on_article_list_star_requested(self, event: ArticleList.StarRequested) -> None:
        self.set_starred(event.article_id, event.starred)

    def on_reader_view_star_requested(self, event: ReaderView.StarRequested) -> None:
        if self.current is not None and self.current.id == event.article_id:
            self.set_starred(event.article_id, not self.current.starred)

    def set_starred(self, article_id: int, starred: bool) -> None:
        """Star or unstar an article and show it in the list and the header."""
        self.library.set_starred(article_id, starred)
        self.query_one(ArticleList).refresh_article(article_id)
        if self.current is not None and self.current.id == article_id:
            self.current = replace(self.current, starred=starred)
            self.query_one(ArticleHeader).show(self.current, len(self.library.highlights(article_id)))
        self.notify("Starred" if starred else "Unstarred", timeout=2)
