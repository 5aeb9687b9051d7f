"""What the search index computes, handed to the store when it is opened.

The store owns the index's SQL but not its meaning: folding (ø→o, æ→ae...)
and Snowball stemming live in text/. This module joins the two; bulk import's
worker processes call the same two functions, so what they precompute is
exactly what the triggers would have stored.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from newsreader.locations import is_platform_default
from newsreader.store import Store
from newsreader.store.index import IndexFunctions
from newsreader.text.folding import fold_letters
from newsreader.text.stemming import index_stems, index_version


def _as_text(value: object) -> str:
    # A trigger must never fail on an odd value (a number in a TEXT column).
    return value if isinstance(value, str) else "" if value is None else str(value)


def nr_fold(text: object) -> str:
    """Index side of folding: ø→o, æ→ae, ß→ss... (unicode61 does case and å/é)."""
    return fold_letters(_as_text(text))


def nr_stem(text: object, language: object) -> str:
    """Folded Snowball stems of `text` in `language`; "" when not stemmable."""
    return index_stems(_as_text(text), _as_text(language))


@cache
def index_functions() -> IndexFunctions:
    return IndexFunctions(fold=nr_fold, stem=nr_stem, version=index_version())


def open_store(path: str | Path) -> Store:
    """Open (creating and migrating if needed) the store at `path`; its folder is
    created only for the platform's default location (a mistyped --db folder is an error)."""
    return Store.open(path, index_functions(), create_parent=is_platform_default(Path(path)))
