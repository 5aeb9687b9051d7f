"""The use cases, behind one facade: `Library` (open, prepare, import, subscribe,
refresh, annotate, search, export), one module per use case in this package.
The TUI and the CLI import only this package (and `newsreader.model`).

Feeds, downloads, annotation files and search are imported when first used:
opening the TUI needs none of them, and importing them all costs a fresh
process ~25 ms before its first screen. `from newsreader.library import
FeedOutcome` still works, importing on demand.
"""

from __future__ import annotations

import importlib
from typing import Any

from newsreader.library.errors import DatabaseError, NotFound, SchemaTooNewError, StoreError, StoreProblem, store_problem
from newsreader.library.facade import Library
from newsreader.library.importing import ImportOutcome, ImportStatus, content_hash, utc_now
from newsreader.library.prepare import Prepared

_LAZY_EXPORTS = {
    "AnnotationOutcome": "newsreader.library.annotation_import",
    "FeedOutcome": "newsreader.library.subscriptions",
    "Progress": "newsreader.library.subscriptions",
    "FetchLimits": "newsreader.ingest.fetch",
    "ImportInterrupted": "newsreader.library.bulk",
    "looks_like_url": "newsreader.ingest.fetch",
    # The search's wording and match finder, for the UIs.
    "count_text": "newsreader.search",
    "match_spans": "newsreader.search",
    "meeting_point": "newsreader.search",
}

__all__ = [
    "DatabaseError",
    "ImportOutcome",
    "ImportStatus",
    "Library",
    "NotFound",
    "Prepared",
    "SchemaTooNewError",
    "StoreError",
    "StoreProblem",
    "content_hash",
    "store_problem",
    "utc_now",
    *_LAZY_EXPORTS,
]


def __getattr__(name: str) -> Any:
    module = _LAZY_EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
