"""Marking matches in original text: snippets for hits and spans for the reader.

The index holds folded words and folded stems; the text shown is the original.
A `Matcher` walks the original words and asks of each what the index asked:
does its folded form, or its folded stem in the article's language, equal a
query form? So what is marked is what matched, "røde" for `rode`, "raketten"
for `rakett`, without ever showing folded text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Union

from newsreader.search.plan import make_plan
from newsreader.search.query import Term, parse
from newsreader.search.segments import GramSpans, split_terms
from newsreader.text.folding import WORD, fold_key, spelling_variants
from newsreader.text.stemming import can_stem, normalise_language, stem_word

SNIPPET_WORDS_BEFORE = 4
SNIPPET_WORDS = 14
_LOOKBEHIND_CHARS = 120
# Text with no spaces (a URL, a pasted blob) must still give a one-line snippet.
_MAX_BEFORE_CHARS = 100
_MAX_SNIPPET_CHARS = 240
ELLIPSIS = "…"

Languages = Union[str, Sequence[str], None]
Span = tuple[int, int]
Snippet = tuple[str, tuple[Span, ...]]  # one line of text, and the match spans in it

# Folded forms of words met in texts, kept across searches: a snippet scans a few
# hundred words of each shown hit, and most of them were seen before.
_CACHE_LIMIT = 200_000


@lru_cache(maxsize=_CACHE_LIMIT)
def _key(word: str) -> str:
    return fold_key(word)


class _Forms(dict):
    """word → (folded word, folded stem in each language): what the index holds for it."""

    def __init__(self, languages: tuple[str, ...]):
        super().__init__()
        self.languages = languages

    def __missing__(self, word: str) -> tuple[str, ...]:
        forms = (_key(word), *(fold_key(stem_word(word, lang)) for lang in self.languages))
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        self[word] = forms
        return forms


_forms_by_languages: dict[tuple[str, ...], _Forms] = {}

# Finding the first match is the cost of a snippet, and a snippet is made for
# every hit shown: walking every word in Python until the first match costs
# ~0.1 ms an article. Instead a regex (C speed) jumps to the words that begin
# the way a match must begin, and only those are checked. That is exact, not a
# guess: a word's folded form begins with the folded forms of its first
# letters, and so does its stem, in languages whose Snowball stemmer only
# deletes endings (the first three letters are kept) or rewrites endings (the
# first letter is kept). Texts in other stemmed languages walk every word.
SUFFIX_DELETING_STEMMERS = frozenset({"no", "sv", "da"})
PREFIX_KEEPING_STEMMERS = SUFFIX_DELETING_STEMMERS | {"en", "de", "nl", "fr", "es", "pt", "it", "fi"}
_KEPT_LETTERS = 3
# Every character whose folded form starts with an ASCII letter or digit lies in
# these ranges (Latin blocks, IPA, Latin Extended Additional, letterlike symbols
# such as the Kelvin and Ångström signs); a test checks the claim over all of Unicode.
_FOLDING_RANGES = ((0x0000, 0x02AF), (0x1E00, 0x1EFF), (0x2100, 0x214F))
_MARKS = "\u0300-\u036f"  # inside a word, dropped by folding


@lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    """Folded form ("a", "ae", ...) -> the characters that fold to exactly it."""
    found: dict[str, list[str]] = {}
    for low, high in _FOLDING_RANGES:
        for code in range(low, high + 1):
            folded = fold_key(chr(code))
            if folded.isascii() and folded.isalnum():
                found.setdefault(folded, []).append(chr(code))
    return {folded: re.escape("".join(chars)) for folded, chars in found.items()}


# After a word's first character: the character before it is not part of a word.
# Placed there, not first, so that the regex engine can skip ahead to candidate
# first characters instead of trying a look-behind at every position.
_AT_WORD_START = f"(?<![\\w{_MARKS}].)"


def _spelled(prefix: str, first: bool) -> str:
    """A regex for original text whose folded form starts with `prefix` (ASCII)."""
    if not prefix:
        return ""
    start = _AT_WORD_START if first else ""
    options = []
    for folded, chars in _spellings().items():
        if prefix.startswith(folded):  # this character spells the next letters
            rest = _spelled(prefix[len(folded):], False)
            options.append(f"[{chars}]{start}[{_MARKS}]*{rest}" if rest else f"[{chars}]{start}")
        elif folded.startswith(prefix):  # it spells what is left, and more ("a" by "æ")
            options.append(f"[{chars}]{start}")
    return "(?:" + "|".join(options) + ")"


def _first_characters(prefix: str) -> str:
    """The characters (regex-escaped, for a class) a word whose folded form starts with `prefix` may begin with."""
    return "".join(chars for folded, chars in _spellings().items()
                   if prefix.startswith(folded) or folded.startswith(prefix))


@lru_cache(maxsize=256)
def _start_finder(prefixes: frozenset[str]) -> re.Pattern[str] | None:
    """A regex for the start of a word whose folded form begins with one of
    `prefixes`; None unless they are all ASCII letters and digits."""
    if not prefixes or not all(p.isascii() and p.isalnum() for p in prefixes):
        return None
    plain = "|".join(_spelled(p, True) for p in sorted(prefixes))
    after_marks = "|".join(_spelled(p, False) for p in sorted(prefixes))
    # A word may begin with stray combining marks, which folding drops.
    starts = f"{plain}|[{_MARKS}]{_AT_WORD_START}[{_MARKS}]*(?:{after_marks})"
    # The same, led by one class of every possible first character: the regex engine
    # then skips in C to the next such character instead of trying every alternative
    # at every position (several times faster through a long text). The match is
    # that one character; the look-behinds check that a word starts there and that
    # the whole start matches from it.
    # Most candidates are inside a word: the cheap word-start test comes first.
    first = "".join(sorted({_first_characters(p) for p in prefixes})) + _MARKS
    return re.compile(f"[{first}]{_AT_WORD_START}(?<=(?=(?:{starts})).)")


def _forms(languages: tuple[str, ...]) -> _Forms:
    found = _forms_by_languages.get(languages)
    if found is None:
        if len(_forms_by_languages) > 64:
            _forms_by_languages.clear()
        found = _forms_by_languages[languages] = _Forms(languages)
    return found


def _stem_languages(language: Languages) -> tuple[str, ...]:
    # Asked once per snippet: the answers for the few languages seen are cached.
    return _stem_languages_of(language if isinstance(language, (str, tuple)) or language is None
                              else tuple(language))


@lru_cache(maxsize=256)
def _stem_languages_of(language: str | tuple[str, ...] | None) -> tuple[str, ...]:
    given = [language] if isinstance(language, str) else list(language or ())
    return tuple(dict.fromkeys(normalise_language(g) for g in given if can_stem(g)))


@lru_cache(maxsize=256)
def _kept_letters(languages: tuple[str, ...]) -> int:
    """How many first letters of a match the words of a text in `languages` keep (see above)."""
    if SUFFIX_DELETING_STEMMERS.issuperset(languages):
        return _KEPT_LETTERS
    return 1 if PREFIX_KEEPING_STEMMERS.issuperset(languages) else 0


class Matcher:
    """Which words of a text match a query's positive terms."""

    def __init__(self, terms: Sequence[Term], query_languages: Iterable[str]):
        # Words in scripts without spaces are found as substrings (search/segments.py).
        plain, grams = split_terms(terms)
        self._grams = (GramSpans(grams), Matcher(plain, query_languages)) if grams else None
        languages = [lang for lang in query_languages if can_stem(lang)]
        self.keys: set[str] = set()  # folded words and folded stems a word may equal
        prefixes: set[str] = set()
        self.phrases: list[tuple[tuple[str, ...], bool]] = []  # (word keys, last is prefix)
        for term in plain:
            if term.phrase or term.prefix:
                for variant in spelling_variants(" ".join(term.words)):
                    keys = tuple(fold_key(w) for w in WORD.findall(variant))
                    if len(keys) == 1 and term.prefix:
                        prefixes.add(keys[0])
                    elif len(keys) == 1:
                        self.keys.add(keys[0])
                    elif keys:
                        self.phrases.append((keys, term.prefix))
                continue
            word = term.words[0]
            self.keys.update(fold_key(v) for v in spelling_variants(word))
            self.keys.update(fold_key(stem_word(word, lang)) for lang in languages)
        self.keys.discard("")
        self.prefixes = tuple(p for p in prefixes if p)
        self._starts = {*self.keys, *self.prefixes, *(keys[0] for keys, _ in self.phrases)}
        self._terms = list(terms)
        self._languages = list(query_languages)
        self._per_term: list[Matcher] | None = None  # built on first `meeting`
        self._finders: dict[int, re.Pattern[str] | None] = {0: None}

    def _words(self, text: str, languages: tuple[str, ...]) -> Iterator[re.Match[str]]:
        """The words of `text` that may begin a match, in order (see PREFIX_KEEPING_STEMMERS)."""
        kept = _kept_letters(languages)
        if kept not in self._finders:
            self._finders[kept] = _start_finder(frozenset(s[:kept] for s in self._starts))
        finder = self._finders[kept]
        if finder is None:
            yield from WORD.finditer(text)
            return
        for start in finder.finditer(text):  # word starts only, so never inside a word already seen
            word = WORD.match(text, start.start())
            if word is not None:
                yield word

    def __bool__(self) -> bool:
        return bool(self.keys or self.prefixes or self.phrases or self._grams)

    def meeting(self, text: str, language: Languages = None, limit: int = 2000) -> Span | None:
        """The shortest stretch of `text` where the most different terms of the
        query occur together (for "dramatisk situasjon": the sentence holding
        both words, not a heading holding one); the first match for one term."""
        if len(self._terms) < 2:
            return next(self.spans(text, language, limit=1), None)
        if self._per_term is None:
            self._per_term = [Matcher([t], self._languages) for t in self._terms]
        tagged = sorted(
            (start, end, i)
            for i, matcher in enumerate(self._per_term) if matcher
            for start, end in matcher.spans(text, language, limit=limit)
        )
        if not tagged:
            return None
        best: tuple[int, int, int, int] | None = None  # (-distinct, length, start, end)
        counts: dict[int, int] = {}
        left = 0
        for right, (_start, end, term) in enumerate(tagged):
            counts[term] = counts.get(term, 0) + 1
            # Drop matches on the left while their term is still matched further in.
            while counts[tagged[left][2]] > 1:
                counts[tagged[left][2]] -= 1
                left += 1
            key = (-len(counts), end - tagged[left][0], tagged[left][0], end)
            if best is None or key < best:
                best = key
        return best[2], best[3]

    def _phrase_end(self, text: str, first: re.Match[str], keys: tuple[str, ...], prefix: bool):
        """End offset of the phrase starting at word `first`, or None."""
        last = len(keys) - 1
        index = 0
        for match in WORD.finditer(text, first.start()):
            key = _key(match.group())
            if index == last and prefix:
                ok = key.startswith(keys[index])
            else:
                ok = key == keys[index]
            if not ok:
                return None
            if index == last:
                return match.end()
            index += 1
        return None

    def spans(self, text: str, language: Languages = None, limit: int | None = None) -> Iterator[Span]:
        """(start, end) of each match in `text`, in order; a phrase is one span.

        `language` is the text's language (its words are stemmed in it), or several."""
        if self._grams is not None:
            grams, words = self._grams
            yield from grams.merged(text, words.spans(text, language), limit)
            return
        if not self:
            return
        languages = _stem_languages(language)
        forms = _forms(languages)
        keys, prefixes = self.keys, self.prefixes
        firsts = {phrase[0] for phrase, _ in self.phrases}
        count = 0
        resume = 0
        for match in self._words(text, languages):
            # The hot loop of snippets: one cached lookup and a set test per word.
            word_forms = forms[match.group()]
            if keys.isdisjoint(word_forms) and not (prefixes and word_forms[0].startswith(prefixes)):
                if not firsts or word_forms[0] not in firsts or match.start() < resume:
                    continue
                end = None
                for phrase, prefix in self.phrases:
                    end = self._phrase_end(text, match, phrase, prefix)
                    if end is not None:
                        break
            elif match.start() < resume:
                continue
            else:
                end = match.end()
            if end is None:
                continue
            yield match.start(), end
            resume = end
            count += 1
            if limit is not None and count >= limit:
                return

    def snippet(self, text: str, language: Languages = None) -> Snippet | None:
        """One line of `text` around where the query's terms meet (its first
        match, for one term), with the match spans in it; None if no match."""
        where = self.meeting(text, language)
        if where is None:
            return None
        return self._window(text, where[0], min(where[1], where[0] + _MAX_SNIPPET_CHARS // 2), language)

    def opening(self, text: str, language: Languages = None) -> Snippet:
        """The first words of `text` as a snippet (for hits matched elsewhere, or by filters only)."""
        return self._window(text, 0, 0, language)

    def _window(self, text: str, start: int, end: int, language: Languages) -> Snippet:
        lookback = max(0, start - _LOOKBEHIND_CHARS)
        before = [m.start() for m in WORD.finditer(text, lookback, start)]
        if len(before) > SNIPPET_WORDS_BEFORE:
            begin = before[-SNIPPET_WORDS_BEFORE]
        else:
            # Near the start: show from the beginning. Else a few very long "words"
            # precede the match: start at the match rather than inside one of them.
            begin = 0 if lookback == 0 else start
        words_after = max(SNIPPET_WORDS - sum(b >= begin for b in before) - 1, 3)
        stop = end
        for count, match in enumerate(WORD.finditer(text, end), 1):
            stop = match.end()
            if count >= words_after:
                break
        else:
            stop = len(text)
        begin = max(begin, start - _MAX_BEFORE_CHARS)
        stop = min(stop, begin + _MAX_SNIPPET_CHARS)
        body = " ".join(text[begin:stop].split())
        prefix = ELLIPSIS if begin > 0 else ""
        suffix = ELLIPSIS if text[stop:].strip() else ""
        # Marks are found again in the final line, so they fit it exactly.
        marks = tuple((s + len(prefix), e + len(prefix)) for s, e in self.spans(body, language))
        return prefix + body + suffix, marks


# Languages tried when the caller does not say which language the text is in.
COMMON_LANGUAGES = ("no", "sv", "da", "fi", "de", "nl", "en", "fr", "es", "pt")


def match_spans(
    text: str, query: str, limit: int = 500, language: str | None = None, live: bool = True
) -> list[tuple[int, int]]:
    """Where `query` matched in `text`, for marking it in the reader.

    Consistent with search: folded forms ("rode" marks "røde"), stems in
    `language` (or, if not given, in the common languages: pass the article's
    language when known), phrases as one span, and with `live` (as the search
    bar searches) the last word as a prefix.
    """
    terms = make_plan(parse(query or "", live=live)).terms()
    matcher = Matcher(terms, [language] if language else COMMON_LANGUAGES)
    return list(matcher.spans(text or "", language or COMMON_LANGUAGES, limit=limit))


def meeting_point(
    text: str, query: str, language: str | None = None, live: bool = True
) -> tuple[int, int] | None:
    """Where in `text` the terms of `query` occur closest together (the passage
    a search hit's snippet shows, and where opening the hit puts the cursor)."""
    terms = make_plan(parse(query or "", live=live)).terms()
    matcher = Matcher(terms, [language] if language else COMMON_LANGUAGES)
    if not matcher:
        return None
    return matcher.meeting(text or "", language or COMMON_LANGUAGES)
