"""Highlight anchors: a position plus a quote (exact, prefix, suffix), as the W3C
TextQuoteSelector, so a highlight can be found again in a changed body.

Order of attempts (as Hypothesis does for web annotations): the old position if
the text there still equals the quote; else the exact quote nearest the old
position, context breaking ties; else give up and let the caller orphan it.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_CHARS = 32


@dataclass(frozen=True)
class Quote:
    exact: str
    prefix: str
    suffix: str


def quote_at(body: str, start: int, end: int) -> Quote:
    """The quote selector for body[start:end] with its surrounding context."""
    return Quote(
        exact=body[start:end],
        prefix=body[max(0, start - CONTEXT_CHARS) : start],
        suffix=body[end : end + CONTEXT_CHARS],
    )


def _context_score(body: str, start: int, end: int, quote: Quote) -> int:
    """How many context characters agree next to a candidate (higher is better)."""
    score = 0
    before = body[max(0, start - len(quote.prefix)) : start]
    for a, b in zip(reversed(before), reversed(quote.prefix)):
        if a != b:
            break
        score += 1
    after = body[end : end + len(quote.suffix)]
    for a, b in zip(after, quote.suffix):
        if a != b:
            break
        score += 1
    return score


def find_quote(body: str, quote: Quote, near: int) -> tuple[int, int] | None:
    """The exact occurrence of the quote with the most matching context, nearest first."""
    if not quote.exact:
        return None
    candidates = occurrences(body, quote.exact)
    if not candidates:
        return None
    length = len(quote.exact)
    best = max(
        candidates,
        key=lambda s: (_context_score(body, s, s + length, quote), -abs(s - near)),
    )
    return best, best + length


def reanchor(start: int, end: int, quote: Quote, new_body: str) -> tuple[int, int] | None:
    """Where the highlight (start, end, quote) lies in `new_body`, or None (orphan)."""
    if new_body[start:end] == quote.exact and quote.exact:
        return start, end
    return find_quote(new_body, quote, start)


def occurrences(body: str, text: str) -> list[int]:
    """Start offsets of every occurrence of `text` (overlaps included)."""
    found = []
    index = body.find(text) if text else -1
    while index != -1:
        found.append(index)
        index = body.find(text, index + 1)
    return found
