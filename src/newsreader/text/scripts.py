"""What a text's scripts mean for measuring it: Chinese, Japanese, Thai, Lao,
Khmer and Burmese are written without spaces between words, so counting words
by spaces says a 300-character Japanese article has one word."""

from __future__ import annotations

import re

from newsreader.text.folding import words

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


# -- Search: scripts indexed as overlapping character pairs ---------------------------------
#
# SQLite's unicode61 makes one token of a whole run of these scripts, so "经济"
# inside "中国经济增长放缓" was never found. The search index also holds each run
# as its overlapping pairs of characters plus its last character alone:
# "中国经济" -> "中国 国经 经济 济" (gram_text). A query word of n >= 2 characters
# is then the phrase of its n - 1 pairs, which matches exactly where that
# substring occurs; a word of one character is a prefix query ("济"*), since
# every character of a run starts exactly one token (a pair, or the last one
# alone). The last character alone also keeps two runs apart: "…AB。BC…" has
# no "AB BC" pairs side by side, so "ABC" is not found there.
#
# Hangul is written with spaces, but a word takes its particles without one
# ("경제가", "경제를"), so it is indexed the same way: "경제" is found inside both.
#
# Letters, marks and digits of these scripts (punctuation such as 。、「」・ ။ ។
# ends a run). Unassigned code points inside the ranges are harmless; a test
# checks that every assigned one is a letter, mark or number and that FTS5's
# tokenizer (GRAM_TOKENIZE, store/index.py) keeps each one inside a token.
GRAM_CHARS = (  # the commonest first: a character is tested against the ranges in turn
    "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003134f"  # Han
    "\u3041-\u3096\u3099\u309a\u309d-\u309f"  # Hiragana (not ゛ ゜ as separate symbols)
    "\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f"  # Katakana, with ー (not ・), halfwidth
    "\u3005-\u3007\u3021-\u302f\u3031-\u3035\u3038-\u303c"  # 々 〆 〇, Hangzhou numerals, kana repeats
    "\uac00-\ud7af\u1100-\u11ff\u3131-\u318e\ua960-\ua97f\ud7b0-\ud7ff\uffa0-\uffdc"  # Hangul
    "\u0e01-\u0e3a\u0e40-\u0e4e\u0e50-\u0e59"  # Thai (not ฿ ๏ ๚ ๛)
    "\u0e81-\u0eae\u0eb0-\u0edf"  # Lao (not the ellipsis ຯ)
    "\u1000-\u1049\u1050-\u109d\ua9e0-\ua9fe\uaa60-\uaa76\uaa7a-\uaa7f"  # Myanmar (not ၊ ။ ၌ ၍ ၎ ၏)
    "\u1780-\u17d3\u17d7\u17dc\u17dd\u17e0-\u17e9\u17f0-\u17f9"  # Khmer (not ។ ៕ ៖ ...)
    "\u3105-\u312f\u31a0-\u31bf"  # Bopomofo
)
_GRAM_RUN = re.compile(f"[{GRAM_CHARS}]+")
_GRAM_CHAR = re.compile(f"[{GRAM_CHARS}]")
# Every one of them is at or above U+0E01: a search for one character of one
# range finds the places worth a closer look four times faster than the class
# above scans a text (most texts have none there, or only dashes and quotes).
_WIDE = re.compile("[\u0e01-\U0003134f]")
# Words as the query splits them: a run of those scripts, or a word of other
# letters (the same characters as text.folding.WORD, less those of the runs).
_QUERY_WORD = re.compile(f"[{GRAM_CHARS}]+|(?:(?![{GRAM_CHARS}])[\\w\\u0300-\\u036f])+")
# A pasted paragraph must not become a phrase of a thousand pairs.
MAX_GRAM_CHARS = 64


def has_grams(text: str | None) -> bool:
    """Whether `text` holds a character of the scripts indexed as character pairs."""
    if not text or text.isascii():
        return False
    wide = _WIDE.search(text)
    while wide is not None:
        if _GRAM_CHAR.match(text, wide.start()):
            return True
        wide = _WIDE.search(text, wide.end())
    return False


def is_gram_run(word: str) -> bool:
    """Whether `word` (a query word, from `query_words`) is a run of those scripts."""
    return _GRAM_RUN.fullmatch(word) is not None


def run_tokens(run: str, ends: bool = True) -> list[str]:
    """A run's tokens: its overlapping character pairs, and its last character
    alone when the run `ends` there (always, in the index; in a query, when
    another word follows it in a phrase). One character is itself."""
    if len(run) == 1:
        return [run]
    pairs = [run[i:i + 2] for i in range(len(run) - 1)]
    return pairs + [run[-1]] if ends else pairs


def _spell_run(match: re.Match[str]) -> str:
    return " " + " ".join(run_tokens(match.group())) + " "


def gram_text(text: str) -> str:
    """`text` with every run of those scripts spelled as its tokens (see above),
    everything else as it was: what the search index's pair tables hold."""
    return _GRAM_RUN.sub(_spell_run, text)


def query_words(text: str) -> list[str]:
    """The words of a query: runs of those scripts whole (with their marks, which
    `\\w` does not match: Thai "วันนี้" stays one word), other words as
    text.folding.words splits them. Text without such runs splits exactly as before."""
    if not has_grams(text):
        return words(text)
    return [w for w in _QUERY_WORD.findall(text) if is_gram_run(w) or any(c.isalnum() for c in w)]
