"""A long-lived thread for the library calls that may be slow, and every write.

Search, export, start-up and every write (highlights, notes, stars, read
state) run on one (the app's `db`); subscribe, refresh and import, which may
wait on the network, on another (`fetch_thread`, see `feeds.py`), so the UI
thread only renders. A reused thread rather than a new thread per call: the
store opens one SQLite connection per thread and keeps it until the library is
closed, so a thread per keystroke of search-as-you-type would pile up open
connections (and file descriptors) for the whole session.

Reads (`run`) may be dropped: a newer search supersedes an older one, and a
closing app needs no answer. Writes (`write`) never are once handed over: the
call runs even if the task awaiting it is cancelled, and `shutdown` leaves
them queued, so `run_app`'s `shutdown(wait=True)` sees them committed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class DatabaseThread:
    """Runs blocking calls one at a time, in the order given, on a dedicated thread."""

    def __init__(self, name: str = "newsreader-db") -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._running = 0  # written on the thread only
        self._droppable: set[Future] = set()
        # Held by a flow from its write until the UI shows the result, so a flow
        # asked for later (undo after a delete, quit after a note) starts after it.
        self.turn = asyncio.Lock()

    @property
    def busy(self) -> bool:
        """True while a call is running on the thread."""
        return self._running > 0

    def _call(self, fn: Callable[..., T], args: tuple, kwargs: dict) -> T:
        self._running += 1
        try:
            return fn(*args, **kwargs)
        finally:
            self._running -= 1

    def _submit(self, fn: Callable[..., T], args: tuple, kwargs: dict) -> Future:
        return self._executor.submit(self._call, fn, args, kwargs)

    async def run(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Await `fn(*args, **kwargs)` run on the thread (a read).

        Cancelling the awaiting task (a newer search superseding an older one)
        also drops the call if it has not started yet.
        """
        future = self._submit(fn, args, kwargs)
        self._droppable.add(future)
        future.add_done_callback(self._droppable.discard)
        return await asyncio.wrap_future(future)

    async def write(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Await `fn(*args, **kwargs)` run on the thread (a write): it runs to
        its commit even if the awaiting task is cancelled (the app closing)."""
        future = self._submit(fn, args, kwargs)
        return await asyncio.shield(asyncio.wrap_future(future))

    def shutdown(self, wait: bool = False) -> None:
        """Stop taking work and drop the reads not started yet; a call already
        running, and every write handed over, still run (awaited if `wait`)."""
        for future in list(self._droppable):
            future.cancel()
        self._executor.shutdown(wait=wait)
