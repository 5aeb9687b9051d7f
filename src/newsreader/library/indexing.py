"""What the search index computes, handed to the store when it is opened.

The store owns the index's SQL but not its meaning: folding (ø→o, æ→ae...),
Snowball stemming and the character pairs of scripts written without spaces
live in text/. This module joins the two; bulk import's worker processes call
the same fold and stem functions, so what they precompute is exactly what the
triggers would have stored (the pair tables' trigger stays on during a bulk
load: for text without such scripts it is one regex scan).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from newsreader.locations import is_platform_default
from newsreader.store import Store
from newsreader.store.index import IndexFunctions
from newsreader.text.folding import fold_letters
from newsreader.text.scripts import gram_text, has_grams
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


def nr_grams(text: object) -> str:
    """Folded text with runs of Chinese, Japanese, Korean, Thai... as character pairs."""
    return gram_text(fold_letters(_as_text(text)))


def nr_has_grams(first: object, second: object) -> int:
    """1 when either text has a run of those scripts (its row belongs in the pair tables)."""
    return int(has_grams(_as_text(first)) or has_grams(_as_text(second)))


# Bump when what nr_grams returns changes: the version names it, so stores rebuild.
GRAMS_VERSION = 1


@cache
def index_functions() -> IndexFunctions:
    # Version 1 of the pairs adds nothing to the name: the migration that made the
    # pair tables filled them, and a new name would rebuild every store's index.
    version = index_version() + ("" if GRAMS_VERSION == 1 else f"-grams{GRAMS_VERSION}")
    return IndexFunctions(fold=nr_fold, stem=nr_stem, version=version, grams=nr_grams, has_grams=nr_has_grams)


def open_store(path: str | Path) -> Store:
    """Open (creating and migrating if needed) the store at `path`; its folder is
    created only for the platform's default location (a mistyped --db folder is an error)."""
    return Store.open(path, index_functions(), create_parent=is_platform_default(Path(path)))
