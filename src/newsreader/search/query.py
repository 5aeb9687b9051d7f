"""The search query language: tokenizer and parser to a small AST.

    words            every word must match (implicit AND)
    "exact phrase"   the words next to each other, not stemmed
    a OR b           either; binds tighter than AND ("a OR b c" = (a or b) and c)
    -word, -"p", -(...)   exclude
    word*            prefix; with `live`, the last word typed is a prefix too
    ( ... )          grouping
    lang:no  is:unread|read|starred|unstarred  has:highlight|note  tag:x
    in:notes|articles   title:word  title:"a phrase"

Nothing here can fail: every input parses to some AST, possibly empty. Words are
split where SQLite's unicode61 tokenizer splits them, so `foo-bar`, `AT&T` and
`o'neil` become phrases of their parts and `c++` becomes the word `c`. A run of
a script written without spaces (Chinese, Japanese, Thai...; and Hangul) is one
word of its own, so `iPhone手机` is the phrase `iPhone` `手机` (text/scripts.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from newsreader.text.scripts import query_words as split_words

FILTER_KEYS = frozenset({"lang", "is", "has", "tag", "in"})
FIELD_KEYS = frozenset({"title"})
# Bounds that keep a pasted novel from becoming a 10,000-term FTS5 expression.
MAX_TERMS = 32
MAX_PHRASE_WORDS = 16
MAX_DEPTH = 8
# A one-letter prefix expands to a large part of the vocabulary: slow, and useless.
MIN_PREFIX = 2


@dataclass(frozen=True)
class Term:
    """One or more words; `phrase` means adjacent and unstemmed."""

    words: tuple[str, ...]
    phrase: bool = False
    prefix: bool = False
    title: bool = False


@dataclass(frozen=True)
class Filter:
    key: str
    value: str


@dataclass(frozen=True)
class Not:
    node: "Node"


@dataclass(frozen=True)
class And:
    items: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    items: tuple["Node", ...]


Node = Union[Term, Filter, Not, And, Or]

_LP, _RP, _OR, _NEG = "(", ")", "OR", "-"


def _make_term(text: str, *, quoted: bool, prefix: bool, title: bool) -> Term | None:
    found = split_words(text)[:MAX_PHRASE_WORDS]
    if not found:
        return None
    if prefix and len(found[-1]) < MIN_PREFIX:
        prefix = False
    return Term(tuple(found), phrase=quoted or len(found) > 1, prefix=prefix, title=title)


def _read_quoted(query: str, i: int) -> tuple[str, int, bool]:
    """The text of a phrase starting at the quote at `i`; an unclosed one runs to the end."""
    close = query.find('"', i + 1)
    if close == -1:
        return query[i + 1 :], len(query), False
    return query[i + 1 : close], close + 1, True


def tokenize(query: str, live: bool = False) -> list:
    """Tokens: "(", ")", "OR", "-", Term and Filter objects."""
    tokens: list = []
    terms = 0
    i, n = 0, len(query)
    while i < n and terms < MAX_TERMS:
        c = query[i]
        if c.isspace():
            i += 1
        elif c in "()":
            tokens.append(c)
            i += 1
        elif c == "-":
            while i < n and query[i] == "-":
                i += 1
            # A lone "-" (or one before a space) excludes nothing.
            if i < n and not query[i].isspace():
                tokens.append(_NEG)
        elif c == '"':
            text, i, closed = _read_quoted(query, i)
            star = closed and i < n and query[i] == "*"
            i += star
            term = _make_term(text, quoted=True, prefix=star or (live and not closed), title=False)
            if term:
                tokens.append(term)
                terms += 1
        else:
            j = i
            while j < n and not query[j].isspace() and query[j] not in '()"':
                j += 1
            token, i = _chunk(query, query[i:j], j, live)
            if token is not None:
                tokens.append(token)
                terms += isinstance(token, Term)
    return tokens


def _chunk(query: str, chunk: str, end: int, live: bool):
    """One whitespace-delimited chunk: an operator, a filter, a field term or words."""
    if chunk == "OR":
        return _OR, end
    if chunk == "AND":
        return None, end  # implicit anyway
    key, sep, value = chunk.partition(":")
    key = key.lower()
    if sep and (key in FILTER_KEYS or key in FIELD_KEYS):
        quoted = not value and end < len(query) and query[end] == '"'
        typing = live and end == len(query) and value[-1:].isalnum()
        if quoted:
            value, end, closed = _read_quoted(query, end)
            typing = live and not closed
        if key == "title":
            star = value.endswith("*") and not quoted
            return _make_term(value, quoted=quoted, prefix=star or typing, title=True), end
        return Filter(key, value.strip()), end
    at_end = end == len(query)
    prefix = chunk.endswith("*") or (live and at_end and chunk[-1:].isalnum())
    return _make_term(chunk, quoted=False, prefix=prefix, title=False), end


class _Parser:
    def __init__(self, tokens: list):
        self.tokens = tokens
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def sequence(self, depth: int) -> Node | None:
        items: list[Node] = []
        while (tok := self.peek()) is not None:
            if tok == _RP:
                if depth > 0:
                    break
                self.pos += 1  # a stray ")" at the top level
                continue
            before = self.pos
            item = self.either(depth)
            if item is not None:
                items.append(item)
            if self.pos == before:
                self.pos += 1  # never loop on a token nothing consumes
        return _and(items)

    def either(self, depth: int) -> Node | None:
        items = [self.negated(depth)]
        while self.peek() == _OR:
            self.pos += 1
            if self.peek() in (None, _RP, _OR):
                break
            items.append(self.negated(depth))
        kept = [i for i in items if i is not None]
        if len(kept) <= 1:
            return kept[0] if kept else None
        return Or(tuple(kept))

    def negated(self, depth: int) -> Node | None:
        if self.peek() == _NEG:
            self.pos += 1
            inner = self.primary(depth)
            return Not(inner) if inner is not None else None
        return self.primary(depth)

    def primary(self, depth: int) -> Node | None:
        tok = self.peek()
        if tok is None or tok == _RP:
            return None
        self.pos += 1
        if tok == _LP:
            if depth >= MAX_DEPTH:
                return None  # deeper brackets are ignored, their words kept
            inner = self.sequence(depth + 1)
            if self.peek() == _RP:
                self.pos += 1
            return inner
        if tok in (_OR, _NEG):
            return None  # an operator with nothing on its left
        return tok


def _and(items: list[Node]) -> Node | None:
    flat: list[Node] = []
    for item in items:
        flat.extend(item.items if isinstance(item, And) else (item,))
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else And(tuple(flat))


def parse(query: str, live: bool = False) -> Node | None:
    """The AST of `query`; None when it holds nothing searchable. Never raises."""
    return _Parser(tokenize(query or "", live)).sequence(0)
