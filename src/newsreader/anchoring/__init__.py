"""Highlights that survive a changed text (DESIGN §5): W3C-style quote selectors,
and finding a quote again in a new body (position, exact quote, fuzzy match).

No SQL and no Textual here: the library stores what these functions decide."""

from newsreader.anchoring.placing import (
    CONTEXT_CHARS,
    Placement,
    Quote,
    QuoteAmbiguous,
    QuoteError,
    QuoteNotFound,
    edit_distance,
    find_quote,
    find_typed_quote,
    fuzzy_find,
    max_errors,
    occurrences,
    place,
    quote_at,
    reanchor,
    similarity,
)

__all__ = [
    "CONTEXT_CHARS",
    "Placement",
    "Quote",
    "QuoteAmbiguous",
    "QuoteError",
    "QuoteNotFound",
    "edit_distance",
    "find_quote",
    "find_typed_quote",
    "fuzzy_find",
    "max_errors",
    "occurrences",
    "place",
    "quote_at",
    "reanchor",
    "similarity",
]
