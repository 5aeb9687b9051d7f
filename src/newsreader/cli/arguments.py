"""Argument types that check their range, so a bad number is a usage error
(exit 2, one line) and never an OverflowError deep in SQLite."""

from __future__ import annotations

import argparse

from newsreader.model import MAX_ID, MAX_SEARCH_RESULTS

MAX_RESULTS = MAX_SEARCH_RESULTS


def article_id(text: str) -> int:
    """An id: a whole number from 1 to SQLite's largest integer."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an id: {text!r} (ids are whole numbers)") from None
    if not 1 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(f"no such id: {text} (ids go from 1 to {MAX_ID})")
    return value


def result_limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 1 <= value <= MAX_RESULTS:
        raise argparse.ArgumentTypeError(f"must be from 1 to {MAX_RESULTS}")
    return value
