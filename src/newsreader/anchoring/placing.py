"""Highlight anchors: a position plus a quote (exact, prefix, suffix), as the W3C
TextQuoteSelector, so a highlight can be found again in a changed body.

Order of attempts (as Hypothesis does for web annotations): the old position if
the text there still equals the quote; else the exact quote, the occurrence
whose context agrees best (nearest the old position on a tie); else a fuzzy
match with at most a quarter of the quote's length in edits, scored on quote,
prefix and suffix similarity and nearness; else give up so the caller can
orphan it.

Fuzzy matching never scans the whole body with an edit-distance table: exact
pieces of the quote and of its context point at candidate regions (a quote
edited in a few places keeps most of its pieces), and only those windows are
searched, with Myers' bit-parallel edit distance (one Python big-int step per
character).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from newsreader.text.wording import excerpt

CONTEXT_CHARS = 32
# Most edits a fuzzy match may need, as a share of the quote's length.
MAX_ERROR_RATIO = 0.25
# A piece of text found this many times says nothing about where a quote is.
_MAX_PIECE_HITS = 32
_MAX_PIECES = 16
# Regions searched per fuzzy lookup, best supported first: bounds the work on
# a body full of near-repeats.
_MAX_WINDOWS = 16
# Longer quotes are only found exactly: the bit-parallel search costs grow
# with the quote's length times the window's, and a highlight this long is rare.
MAX_FUZZY_QUOTE = 10_000
# Below this length a fuzzy match must also have matching context: a short
# quote with an edit or two is too easily confused with other words.
_SHORT_QUOTE = 16
# Weights of the fuzzy score (the ones Hypothesis uses).
_W_QUOTE, _W_PREFIX, _W_SUFFIX, _W_POSITION = 50, 20, 20, 2

Method = Literal["position", "exact", "fuzzy"]


@dataclass(frozen=True)
class Quote:
    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Placement:
    """Where a quote was found: `body[start:end]`, how, and with how many edits."""

    start: int
    end: int
    method: Method
    errors: int = 0


class QuoteError(ValueError):
    """A typed quote that does not name exactly one passage; str() is the hint."""


class QuoteNotFound(QuoteError):
    pass


class QuoteAmbiguous(QuoteError):
    def __init__(self, message: str, count: int):
        super().__init__(message)
        self.count = count


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


def place(start: int, end: int, quote: Quote, new_body: str) -> Placement | None:
    """Find the highlight (start, end, quote) in `new_body`, or None (orphan)."""
    if not quote.exact:
        return None
    if 0 <= start and new_body[start:end] == quote.exact:
        return Placement(start, end, "position")
    found = find_quote(new_body, quote, start)
    if found is not None:
        return Placement(found[0], found[1], "exact")
    return fuzzy_find(new_body, quote, start)


def reanchor(start: int, end: int, quote: Quote, new_body: str) -> tuple[int, int] | None:
    """Where the highlight (start, end, quote) lies in `new_body`, or None (orphan)."""
    found = place(start, end, quote, new_body)
    return (found.start, found.end) if found else None


def occurrences(body: str, text: str, limit: int | None = None) -> list[int]:
    """Start offsets of every occurrence of `text` (overlaps included).

    With `limit`, stops after limit + 1 hits, so the caller can tell "too many".
    """
    found: list[int] = []
    index = body.find(text) if text else -1
    while index != -1:
        found.append(index)
        if limit is not None and len(found) > limit:
            break
        index = body.find(text, index + 1)
    return found


# --- edit distance ----------------------------------------------------------------


def _myers(pattern: str, text: str, anchored: bool) -> list[int]:
    """Edit distances of `pattern` against text ending at each position of `text`.

    `result[j]` is the least number of edits turning `pattern` into a substring
    of `text` that ends at j + 1: any start when `anchored` is false (search),
    start 0 when true. Myers (1999) bit-vector algorithm, Hyyrö's formulation.
    """
    m = len(pattern)
    if m == 0:
        return [0 if not anchored else j + 1 for j in range(len(text))]
    peq: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    carry_in = 1 if anchored else 0
    pv, mv, score = mask, 0, m
    scores = []
    append = scores.append
    for ch in text:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | carry_in) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        append(score)
    return scores


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between `a` and `b`."""
    if not a or not b:
        return len(a) + len(b)
    return _myers(a, b, anchored=True)[-1]


def similarity(a: str, b: str) -> float:
    """1.0 for equal strings, down to 0.0 for nothing in common (edit-distance based)."""
    longest = max(len(a), len(b))
    return 1.0 if longest == 0 else 1.0 - edit_distance(a, b) / longest


def max_errors(quote_length: int) -> int:
    """How many edits a fuzzy match of a quote this long may need at most."""
    return int(quote_length * MAX_ERROR_RATIO)


# --- fuzzy matching ---------------------------------------------------------------


def _pieces(exact: str) -> list[tuple[int, str]]:
    """Evenly spread exact pieces of the quote, as (offset in quote, text)."""
    m = len(exact)
    size = min(16, max(4, m // 8), max(1, m // 2))
    count = min(_MAX_PIECES, max(1, m // size))
    if count == 1:
        return [(0, exact[:size])]
    step = (m - size) / (count - 1)
    offsets = sorted({round(i * step) for i in range(count)})
    return [(o, exact[o : o + size]) for o in offsets]


def _candidate_starts(body: str, quote: Quote, near: int) -> dict[int, int]:
    """Approximate start offsets where the quote may lie, with how many pieces agree."""
    m = len(quote.exact)
    near = min(max(0, near), len(body))
    starts = {near: 1}
    needles = [(offset, piece) for offset, piece in _pieces(quote.exact)]
    tail = quote.prefix[-16:]
    if len(tail) >= 8:
        needles.append((-len(tail), tail))
    head = quote.suffix[:16]
    if len(head) >= 8:
        needles.append((m, head))
    for offset, needle in needles:
        hits = occurrences(body, needle, limit=_MAX_PIECE_HITS)
        if len(hits) > _MAX_PIECE_HITS:
            continue
        for hit in hits:
            starts[hit - offset] = starts.get(hit - offset, 0) + 1
    return starts


def _windows(starts: dict[int, int], near: int, m: int, k: int, size: int) -> list[tuple[int, int]]:
    """Merge candidate starts into body windows wide enough for k edits.

    Keeps the windows most pieces agree on (and the one at `near`).
    """
    merged: list[list[int]] = []  # [lo, hi, votes]
    for s in sorted(starts):
        lo, hi = max(0, s - k - 1), min(size, s + m + k + 1)
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
            merged[-1][2] += starts[s]
        else:
            merged.append([lo, hi, starts[s]])
    ranked = sorted(merged, key=lambda w: (-w[2], abs(w[0] - near)))
    kept = ranked[:_MAX_WINDOWS]
    kept += [w for w in ranked[_MAX_WINDOWS:] if w[0] <= near <= w[1]]
    return sorted((lo, hi) for lo, hi, _ in kept)


def _match_ends(scores: list[int], k: int, keep: int = 4) -> list[int]:
    """Indices of the best local minima at most k, best first."""
    ends = [
        j
        for j, d in enumerate(scores)
        if d <= k
        and (j == 0 or scores[j - 1] >= d)
        and (j + 1 == len(scores) or scores[j + 1] > d)
    ]
    return sorted(ends, key=lambda j: scores[j])[:keep]


def _match_start(body: str, exact: str, end: int, errors: int, k: int) -> int:
    """The start of the match of `exact` ending at `end` with `errors` edits."""
    lo = max(0, end - len(exact) - k)
    reversed_text = body[lo:end][::-1]
    scores = _myers(exact[::-1], reversed_text, anchored=True)
    lengths = [j + 1 for j, d in enumerate(scores) if d == errors]
    if not lengths:  # cannot happen for a true match; be safe anyway
        return max(lo, end - len(exact))
    length = min(lengths, key=lambda n: (abs(n - len(exact)), n))
    return end - length


def fuzzy_find(
    body: str, quote: Quote, near: int, max_edits: int | None = None
) -> Placement | None:
    """The best approximate match of the quote, or None if none is within bounds.

    A match needs at most `max_edits` edits (default: a quarter of the quote's
    length); among those, the one scoring best on quote, prefix and suffix
    similarity and nearness to `near` wins. Quotes longer than MAX_FUZZY_QUOTE
    are never matched fuzzily.
    """
    exact = quote.exact
    m = len(exact)
    k = max_errors(m) if max_edits is None else max_edits
    if m == 0 or m > MAX_FUZZY_QUOTE or k <= 0 or not body:
        return None
    best: tuple[float, Placement] | None = None
    windows = _windows(_candidate_starts(body, quote, near), near, m, k, len(body))
    for lo, hi in windows:
        scores = _myers(exact, body[lo:hi], anchored=False)
        for j in _match_ends(scores, k):
            errors = scores[j]
            end = lo + j + 1
            start = _match_start(body, exact, end, errors, k)
            if start >= end:
                continue
            total = _fuzzy_score(body, quote, start, end, errors, near)
            if total is None:
                continue
            if best is None or total > best[0]:
                best = (total, Placement(start, end, "fuzzy", errors))
    return best[1] if best else None


def _fuzzy_score(
    body: str, quote: Quote, start: int, end: int, errors: int, near: int
) -> float | None:
    m = len(quote.exact)
    prefix = body[max(0, start - len(quote.prefix)) : start]
    suffix = body[end : end + len(quote.suffix)]
    prefix_score = similarity(quote.prefix, prefix) if quote.prefix else 1.0
    suffix_score = similarity(quote.suffix, suffix) if quote.suffix else 1.0
    if m < _SHORT_QUOTE and max(prefix_score, suffix_score) < 0.5:
        return None
    position_score = 1.0 - min(1.0, abs(start - near) / max(1, len(body)))
    raw = (
        _W_QUOTE * (1.0 - errors / m)
        + _W_PREFIX * prefix_score
        + _W_SUFFIX * suffix_score
        + _W_POSITION * position_score
    )
    return raw / (_W_QUOTE + _W_PREFIX + _W_SUFFIX + _W_POSITION)


# --- quotes typed by a person -------------------------------------------------------


def find_typed_quote(body: str, typed: str) -> tuple[int, int]:
    """The one passage of `body` a person typed, whitespace runs matching any whitespace.

    Raises QuoteNotFound (with the closest passage as a hint when there is one)
    or QuoteAmbiguous (with the count).
    """
    words = typed.split()
    if not words:
        raise QuoteNotFound("the quote is empty")
    text = " ".join(words)
    spans = [(s, s + len(text)) for s in occurrences(body, text)]
    if not spans:
        pattern = r"\s+".join(re.escape(w) for w in words)
        spans = [m.span() for m in re.finditer(pattern, body)]
        if not spans:
            raise QuoteNotFound(_not_found_hint(body, text, pattern))
    if len(spans) > 1:
        raise QuoteAmbiguous(
            f"the quote is found {len(spans)} times; add more words to make it unique",
            len(spans),
        )
    return spans[0]


def _not_found_hint(body: str, text: str, pattern: str) -> str:
    other_case = re.search(pattern, body, re.IGNORECASE)
    if other_case:
        return f"quote not found; with different capitals: «{excerpt(other_case.group())}»"
    close = fuzzy_find(body, Quote(text, "", ""), 0)
    if close is not None:
        return f"quote not found; closest passage: «{excerpt(body[close.start:close.end])}»"
    return "quote not found; check its spelling and whitespace"
