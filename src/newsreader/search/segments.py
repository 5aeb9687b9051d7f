"""Marking matches of words in scripts written without spaces (Chinese, Japanese,
Korean, Thai, Lao, Khmer, Burmese).

The index finds such a word wherever it occurs inside a run of text (store/index.py,
the pair tables), so a snippet and the reader must mark it there too: the word
walk of matching.py sees "中国经济增长放缓" as one word and would never mark
"经济" in it. A `GramSpans` finds those terms as substrings, by one regex, and
merges what it finds with the word matches of the query's other terms.

A term that mixes such a run with other words ("iPhone手机", `"Tesla 的"`) is
found as its words in order with only spaces or punctuation between them (none
needed where the script changes), the other words without regard to case, as
the pair table's phrase matches them (their folding, ø for o, is not repeated
here: such a word is marked when written as typed, apart from case).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from newsreader.search.plan import is_gram_term
from newsreader.search.query import Term
from newsreader.text.scripts import GRAM_CHARS, MAX_GRAM_CHARS, is_gram_run

Span = tuple[int, int]

# A character of a word in another script (what separates two of those words).
_OTHER_LETTER = f"(?:(?![{GRAM_CHARS}])[\\w\\u0300-\\u036f])"
# Between two words of a phrase: spaces, punctuation, none where the script changes.
_BETWEEN = f"(?:(?![{GRAM_CHARS}])[^\\w\\u0300-\\u036f])"


def split_terms(terms: Sequence[Term]) -> tuple[list[Term], list[Term]]:
    """(terms matched word by word, terms with a word in those scripts)."""
    words = [t for t in terms if not is_gram_term(t)]
    grams = [t for t in terms if is_gram_term(t)]
    return words, grams


def _pattern(term: Term) -> str:
    parts: list[str] = []
    last = len(term.words) - 1
    for i, word in enumerate(term.words):
        gram = is_gram_run(word)
        if i:
            # None needed only where the script changes (two runs apart must be apart).
            parts.append(f"{_BETWEEN}{'*' if gram != is_gram_run(term.words[i - 1]) else '+'}")
        if gram:
            parts.append(re.escape(word[:MAX_GRAM_CHARS]))
            continue
        if i == 0:
            parts.append(f"(?<!{_OTHER_LETTER})")
        parts.append(f"(?i:{re.escape(word)})")
        if i == last:
            parts.append(f"{_OTHER_LETTER}*" if term.prefix else f"(?!{_OTHER_LETTER})")
    return "".join(parts)


class GramSpans:
    """Where the terms with a word in those scripts occur in a text."""

    def __init__(self, terms: Iterable[Term]):
        # Longest first: where two terms start at one place, the longer is marked.
        patterns = sorted({_pattern(t) for t in terms}, key=len, reverse=True)
        self._regex = re.compile("|".join(patterns)) if patterns else None

    def __bool__(self) -> bool:
        return self._regex is not None

    def spans(self, text: str) -> Iterator[Span]:
        if self._regex is None:
            return
        for match in self._regex.finditer(text):
            if match.end() > match.start():
                yield match.span()

    def merged(self, text: str, others: Iterator[Span], limit: int | None = None) -> Iterator[Span]:
        """These spans and `others` (the word matches, in order) in order of
        position; a span that overlaps one already given is left out."""
        mine = self.spans(text)
        count, resume = 0, 0
        a, b = next(mine, None), next(others, None)
        while a is not None or b is not None:
            if b is None or (a is not None and a[0] <= b[0]):
                span, a = a, next(mine, None)
            else:
                span, b = b, next(others, None)
            if span[0] < resume:
                continue
            yield span
            resume = span[1]
            count += 1
            if limit is not None and count >= limit:
                return
