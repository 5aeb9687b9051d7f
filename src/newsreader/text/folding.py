"""Letter folding for search, so a reader on an English keyboard finds "røde" by typing `rode`.

SQLite's unicode61 tokenizer (remove_diacritics 2) already folds case and the
letters that decompose into a base letter plus a mark (å ä ö ü é ñ ...), but it
keeps letters that do not decompose: ø, æ, ß, ð, þ, œ, ł, đ. `fold_letters`
rewrites exactly those, and runs on both sides of the index (stored text and
query terms) before unicode61 sees them, so both sides fold alike.

`fold_key` is the Python mirror of the whole chain (fold_letters + lower case +
diacritics removed): what a word becomes inside the index. Snippets and match
marks compare words by it, so they mark what the index matched.
"""

from __future__ import annotations

import re
import unicodedata

# Bump when EXTRA_FOLDS changes: the store rebuilds its search index on the next open.
FOLDING_VERSION = 1

# Letters unicode61 leaves alone, with the plain spelling a reader would type.
EXTRA_FOLDS = {
    "ø": "o", "Ø": "O", "ǿ": "o", "Ǿ": "O",
    "æ": "ae", "Æ": "AE", "ǽ": "ae", "Ǽ": "AE",
    "ß": "ss", "ẞ": "SS",
    "ð": "d", "Ð": "D",
    "þ": "th", "Þ": "TH",
    "œ": "oe", "Œ": "OE",
    "ł": "l", "Ł": "L",
    "đ": "d", "Đ": "D",
    "ħ": "h", "Ħ": "H",
    "ı": "i",
    "ĳ": "ij", "Ĳ": "IJ",
    "ŀ": "l", "Ŀ": "L",
}
# A regex scan with a callback only on the (rare) hits is ~10x faster than
# str.translate over a whole body; this runs once per article on import.
_EXTRA = re.compile("[" + "".join(EXTRA_FOLDS) + "]")
# Words roughly as unicode61 splits them: letters and digits, with combining
# marks kept inside (it strips them). It also splits at "_", which this keeps
# inside a word: a simple character class is twice as fast, this runs over every
# article body on import, and the quoted query string is split by unicode61 anyway.
WORD = re.compile(r"[\w\u0300-\u036f]+")


def _replace(match: re.Match[str]) -> str:
    return EXTRA_FOLDS[match.group()]


def fold_letters(text: str | None) -> str:
    """Replace the letters unicode61 does not fold (ø→o, æ→ae, ß→ss, ...); the rest is kept."""
    if not text:
        return ""
    if _EXTRA.search(text) is None:
        return text
    return _EXTRA.sub(_replace, text)


def strip_diacritics(text: str) -> str:
    """Remove combining marks after canonical decomposition ("blåbær" → "blabær")."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_key(word: str) -> str:
    """What `word` becomes inside the search index: folded letters, lower case, no diacritics."""
    return strip_diacritics(fold_letters(word).lower())


def words(text: str) -> list[str]:
    """The words of `text` that hold a letter or digit (not a stray mark or "_")."""
    return [w for w in WORD.findall(text) if any(c.isalnum() for c in w)]


def spelling_variants(word: str) -> list[str]:
    """`word` plus its other Nordic spelling of å: "Ålesund" ↔ "Aalesund".

    The old "aa" spelling is only an alternative on the query side; folding it in
    the index would merge unrelated words ("maan"/"man" in Dutch or Finnish).
    """
    variants = [word]
    lower = word.lower()
    if "å" in lower:
        variants.append(lower.replace("å", "aa"))
    if "aa" in lower:
        variants.append(lower.replace("aa", "å"))
    return variants
