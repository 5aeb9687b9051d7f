"""Snowball stemming by article language, so `rakett` finds "raketten".

The index stores, next to the folded words, the folded stem of each word whose
stem differs from the word itself (a word that is its own stem is found through
the folded column already, so storing it twice would only grow the index).
Queries stem their words the same way and look for either form.

snowballstemmer is pure Python; a per-language word cache keeps the cost of
stemming a whole article on import to a dictionary lookup for most words.
"""

from __future__ import annotations

import importlib.util
import re
import threading
from functools import cache
from pathlib import Path

from newsreader.text.folding import FOLDING_VERSION, WORD, fold_key, fold_letters
from newsreader.text.language import LANGUAGE_NAMES

# Bump when what index_stems returns changes (not needed for a snowballstemmer upgrade).
STEMMING_VERSION = 1

# ISO 639-1 codes from text.language → Snowball algorithm names.
_STEMMED = (
    "no", "sv", "da", "fi", "de", "nl", "en", "fr", "es", "pt", "it", "ca", "ro", "hu", "tr",
    "ru", "el", "lt", "et", "id", "ar", "hi", "fa", "ga", "eu", "hy", "sr", "ta", "ne", "cs",
    "pl", "yi",
)
# ISO 639-1 codes from text.language -> Snowball algorithm names (its English names, lower case).
SNOWBALL = {code: LANGUAGE_NAMES[code].lower() for code in _STEMMED}
# Longer "words" are ids, URLs or keyboard mashing: not worth a stemmer's time.
MAX_STEM_INPUT = 40
_CACHE_LIMIT = 200_000

# Snowball stemmer objects keep state while stemming: one set per thread.
_local = threading.local()


def _stemmer(language: str):
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    stemmer = stemmers.get(language)
    if stemmer is None:
        import snowballstemmer  # here, not at import: it loads every language (~30 ms)

        stemmer = stemmers[language] = snowballstemmer.stemmer(SNOWBALL[language])
    return stemmer


class _StemCache(dict):
    """lower-case word → folded stem, or "" when the stem folds to the word itself."""

    def __init__(self, language: str):
        super().__init__()
        self.language = language

    def __missing__(self, word: str) -> str:
        if len(word) > MAX_STEM_INPUT:
            return ""
        stem = fold_letters(_stemmer(self.language).stemWord(word))
        value = "" if fold_key(stem) == fold_key(word) else stem
        if len(self) >= _CACHE_LIMIT:
            self.clear()  # bounded memory on a huge import; the cache refills from common words
        self[word] = value
        return value


@cache
def supported() -> frozenset[str]:
    """Language codes with a Snowball stemmer in the installed snowballstemmer."""
    import snowballstemmer

    available = set(snowballstemmer.algorithms())
    return frozenset(code for code, name in SNOWBALL.items() if name in available)


_caches: dict[str, _StemCache] = {}
_caches_lock = threading.Lock()


def _cache_for(language: str | None) -> _StemCache | None:
    code = normalise_language(language)
    found = _caches.get(code)
    if found is None and code in supported():
        with _caches_lock:
            found = _caches.setdefault(code, _StemCache(code))
    return found


def normalise_language(code: str | None) -> str:
    """"nb"/"nn" and regional variants ("pt-BR") map to the code the stemmers use."""
    code = (code or "").strip().lower().replace("_", "-").split("-", 1)[0]
    return "no" if code in ("nb", "nn") else code


def can_stem(language: str | None) -> bool:
    return normalise_language(language) in supported()


def stem_word(word: str, language: str | None) -> str:
    """The folded stem of one word; the folded word itself when not stemmable."""
    cache = _cache_for(language)
    lower = word.lower()
    stemmed = cache[lower] if cache is not None else ""
    return stemmed or fold_letters(lower)


def index_stems(text: str | None, language: str | None) -> str:
    """Space-separated folded stems of the words in `text` that differ from their word.

    Empty for an unknown or unsupported language: no stemming then.
    """
    if not text:
        return ""
    cache = _cache_for(language)
    if cache is None:
        return ""
    get = cache.__getitem__
    if len(text) <= _STEM_CHUNK:
        return " ".join(filter(None, map(get, WORD.findall(text.lower()))))
    # A long body a slice at a time, cut at a space (lowercasing is per word, so
    # a slice lowers as it would in place): `lower()` of a whole 8 MB body
    # allocates 12 bytes a character, and a list of its two million words
    # another ~110 MB.
    pieces, pos = [], 0
    while pos < len(text):
        cut = _SPACE.search(text, pos + _STEM_CHUNK)
        end = len(text) if cut is None else cut.start()
        piece = " ".join(filter(None, map(get, WORD.findall(text[pos:end].lower()))))
        if piece:
            pieces.append(piece)
        pos = end
    return " ".join(pieces)


_STEM_CHUNK = 1 << 16
_SPACE = re.compile(r"\s")


def index_version() -> str:
    """Names everything the stored search index depends on. The index's delete
    triggers recompute old values, so a change here must rebuild it before any write."""
    return f"fold{FOLDING_VERSION}-stem{STEMMING_VERSION}-snowball{snowball_version()}"


@cache
def snowball_version() -> str:
    """The installed snowballstemmer's version, from its dist-info folder next
    to the package: every store open asks, and importlib.metadata costs a fresh
    process ~10 ms to import and search (it is the fallback)."""
    spec = importlib.util.find_spec("snowballstemmer")
    if spec is not None and spec.submodule_search_locations:
        site = Path(next(iter(spec.submodule_search_locations))).parent
        found = sorted(site.glob("snowballstemmer-*.dist-info"))
        if len(found) == 1:
            return found[0].name[len("snowballstemmer-"): -len(".dist-info")]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("snowballstemmer")
    except PackageNotFoundError:
        return "unknown"
