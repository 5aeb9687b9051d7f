"""Every write the TUI makes, and what it says when the store refuses one.

A mixin of the app (see `host.py`). `write` runs a change on the database
thread like `DatabaseThread.write`, but a store that cannot take it (opened
read-only, a full disk, another writer holding the lock past the busy timeout,
a damaged file) raises `StoreProblem` with the same one line the CLI prints
(`store_problem`); the flows show it as an error notification and go on, and
say "saved" only after `write` returned. On a read-only store a write is not
tried at all. Writes the user did not ask for (marking an article read, the
reading position) go through `write_quietly`: skipped on a read-only store
(the app said once that it is), a failure shown once per reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from newsreader.library import DatabaseError, StoreProblem
from newsreader.text.terminal import one_line

if TYPE_CHECKING:
    from newsreader.tui.host import AppHost as _Base
else:
    _Base = object

T = TypeVar("T")

READ_ONLY_NOTICE = "You can read, search and export; highlights, notes, stars and read marks are not saved"


class StoreWrites(_Base):
    """`write`, `write_quietly` and the one-line reports for the app's flows."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._quiet_failure: str | None = None  # the last reason a quiet write failed

    @property
    def read_only_message(self) -> str:
        """What a write on a read-only store is told (the CLI's words)."""
        return self.store_failed(DatabaseError("readonly database"))

    def store_failed(self, exc: DatabaseError) -> str:
        """The one line for `exc`, an error from the store."""
        return one_line(self.library.failure(exc))

    async def write(self, fn: Callable[..., T], /, *args: Any) -> T:
        """`fn(*args)` on the database thread, never dropped once handed over
        (`DatabaseThread.write`); raises `StoreProblem` (one line) when the store
        is read-only (nothing tried) or SQLite fails."""
        if self.library.read_only:
            raise StoreProblem(self.read_only_message)
        try:
            return await self.db.write(fn, *args)
        except DatabaseError as exc:
            raise StoreProblem(self.store_failed(exc)) from None

    async def write_quietly(self, fn: Callable[..., Any], /, *args: Any) -> bool:
        """A write the user did not ask for; True if it was saved."""
        if self.library.read_only:
            return False
        try:
            await self.write(fn, *args)
        except StoreProblem as problem:
            if str(problem) != self._quiet_failure:  # not once per article opened
                self._quiet_failure = str(problem)
                self.not_saved(problem)
            return False
        self._quiet_failure = None
        return True

    def not_saved(self, problem: StoreProblem | str) -> None:
        """Say in one line why a change was not saved."""
        self.notify(one_line(str(problem)), title="Not saved", severity="error", timeout=10, markup=False)

    def announce_read_only(self) -> None:
        """Once, at start-up: the store is read-only, so nothing will be saved."""
        if self.library.read_only:
            message = f"{self.library.store_path}: the store is read-only. {READ_ONLY_NOTICE}"
            self.notify(one_line(message), title="Read-only", severity="warning", timeout=15, markup=False)
