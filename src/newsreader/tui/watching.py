"""Seeing what other processes write to the store, without a restart.

A mixin of the app (see `host.py`). Another newsreader, a `newsreader import`
in a terminal or a sync tool may commit to the store while the TUI runs. Every
`POLL_SECONDS` the app asks, on the database thread, whether any other
connection has committed since it last looked (`Library.changes_seen`, one
pragma: nothing is read when nothing changed). When something did: the list's
ids are read again (its cursor stays on its article, a feed filter stays), the
open article is shown anew if its text changed, and its highlights and note
if they changed (the reader's cursor and selection and the pane's cursor stay).

The app's own writes on the database thread do not count (they are already on
screen); an import or refresh on the fetch thread does, and costs one more
re-read of the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.css.query import NoMatches

from newsreader.library import DatabaseError

if TYPE_CHECKING:
    from newsreader.tui.host import AppHost as _Base
else:
    _Base = object

POLL_SECONDS = 2.0


class ChangeWatch(_Base):
    """Polls `Library.changes_seen` and catches the screen up with what others wrote."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._changes_seen: int | None = None  # None until the first look

    def watch_other_writers(self) -> None:
        """Start looking (at once, for the starting point, then every POLL_SECONDS)."""
        self.look_for_changes()
        self.set_interval(POLL_SECONDS, self.look_for_changes)

    def look_for_changes(self) -> None:
        if not self.workers_running("watch"):  # a slow look never piles up another
            self.run_worker(self._catch_up(), group="watch")

    async def _catch_up(self) -> None:
        try:
            seen = await self.db.run(self.library.changes_seen)
        except DatabaseError:
            return  # the next look tries again; a failing store says so where it matters
        previous, self._changes_seen = self._changes_seen, seen
        if previous is None or seen == previous:
            return  # the starting point, or nothing new
        # After every flow asked for before: a flow's own result is never
        # overwritten by what this look read before that flow's write.
        async with self.db.turn:
            try:
                await self.reload_list()
                await self.show_changed_article()
                await self._show_changed_annotations()
            except DatabaseError as exc:
                self.notify(self.store_failed(exc), severity="error", markup=False)
            except NoMatches:
                return  # the app closed while this look was reading: nothing left to show

    async def _show_changed_annotations(self) -> None:
        """Show the open article's highlights and note if another process changed them."""
        shown = self.current
        if shown is None:
            return
        highlights, note = await self.db.run(
            lambda: (self.library.highlights(shown.id), self.library.article_note(shown.id))
        )
        if self.current is None or self.current.id != shown.id:
            return  # another article was opened meanwhile: it was read fresh
        if highlights != self.shown_highlights or note != self.shown_note:
            self.show_annotations(shown.id, highlights, note)
