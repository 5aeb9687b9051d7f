"""One long-lived thread for the library calls that may be slow.

Search, import, export and the first seeding run here so the UI thread only
renders. A single reused thread rather than a new thread per call: the store
opens one SQLite connection per thread and keeps it until the library is
closed, so a thread per keystroke of search-as-you-type would pile up open
connections (and file descriptors) for the whole session.
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

    async def run(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Await `fn(*args, **kwargs)` run on the thread.

        Cancelling the awaiting task (a newer search superseding an older one)
        also drops the call if it has not started yet.
        """
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(fn, *args, **kwargs))

    def shutdown(self) -> None:
        """Stop taking work; a call already running finishes on its own."""
        self._executor.shutdown(wait=False, cancel_futures=True)
