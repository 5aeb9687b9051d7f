"""Errors the use cases raise for the user's mistakes, and SQLite's failures put
in one line; str() is always a one-line message."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsreader.store import SchemaTooNewError, StoreError

__all__ = ["DatabaseError", "NotFound", "SchemaTooNewError", "StoreError", "StoreProblem", "store_problem"]

# Any failure SQLite reports while the store is in use (read-only, full disk,
# locked, damaged): the UIs catch this name and never import sqlite3 themselves.
DatabaseError = sqlite3.Error


class NotFound(LookupError):
    """No article, highlight or feed with that id."""


class StoreProblem(Exception):
    """The store could not do what was asked (read-only, full disk, busy, damaged)."""


# (words in SQLite's message, what the user is told); the first that matches wins.
_KNOWN = (
    (("readonly", "read-only"), "the store is read-only: nothing was changed"),
    (("disk is full", "disk or disk is full", "database or disk is full"),
     "the disk is full: the change was not saved (free some space and try again)"),
    (("locked", "busy"), "the store is busy: another newsreader is writing to it; try again in a moment"),
    (("malformed", "not a database", "corrupt"),
     "the store is damaged ({detail}); a copy of the file and `sqlite3 FILE .recover` may save it"),
    (("unable to open",), "the store cannot be opened ({detail})"),
    (("interrupted",), "the operation was interrupted"),
)


def store_problem(path: Path | str, exc: sqlite3.Error) -> str:
    """One line naming the store and what went wrong, for any sqlite3 error."""
    detail = str(exc) or type(exc).__name__
    lowered = detail.lower()
    for words, message in _KNOWN:
        if any(word in lowered for word in words):
            return f"{path}: {message.format(detail=detail)}"
    return f"{path}: the store failed ({detail})"
