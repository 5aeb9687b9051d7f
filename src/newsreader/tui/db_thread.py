"""A long-lived thread for the library calls that may be slow.

Search, export and the first seeding run on one (the app's `db`); subscribe,
refresh and import, which may wait on the network, on another (`fetch_thread`,
see `feeds.py`), so the UI thread only renders. A reused thread rather than a
new thread per call: the store opens one SQLite connection per thread and keeps
it until the library is closed, so a thread per keystroke of search-as-you-type
would pile up open connections (and file descriptors) for the whole session.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

T = TypeVar("T")


class DatabaseThread:
    """Runs blocking calls one at a time on a dedicated thread."""

    def __init__(self, name: str = "newsreader-db") -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._running = 0  # written on the thread only

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

    async def run(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Await `fn(*args, **kwargs)` run on the thread.

        Cancelling the awaiting task (a newer search superseding an older one)
        also drops the call if it has not started yet.
        """
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(self._call, fn, args, kwargs))

    def shutdown(self, wait: bool = False) -> None:
        """Stop taking work; a call already running finishes on its own (awaited if `wait`)."""
        self._executor.shutdown(wait=wait, cancel_futures=True)
