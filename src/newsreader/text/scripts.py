"""What a text's scripts mean for measuring it: Chinese, Japanese, Thai, Lao,
Khmer and Burmese are written without spaces between words, so counting words
by spaces says a 300-character Japanese article has one word."""

from __future__ import annotations

import re

# Scripts written without spaces between words (Hangul is spaced: not here).
UNSPACED_CHARS = (
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\u0e00-\u0e7f"  # Thai
    "\u0e80-\u0eff"  # Lao
    "\u1780-\u17ff"  # Khmer
    "\u1000-\u109f"  # Myanmar (Burmese)
)
_UNSPACED = re.compile(f"[{UNSPACED_CHARS}]")
# Characters of those scripts that make about one word, on average.
CHARS_PER_WORD = 2


def word_count(text: str) -> int:
    """Words in `text`: space-separated ones, plus one per CHARS_PER_WORD
    characters of the scripts written without spaces."""
    unspaced = len(_UNSPACED.findall(text))
    spaced = sum(any(c.isalnum() for c in token) for token in _UNSPACED.sub(" ", text).split())
    return spaced + unspaced // CHARS_PER_WORD


def has_unspaced_script(text: str) -> bool:
    return _UNSPACED.search(text) is not None
