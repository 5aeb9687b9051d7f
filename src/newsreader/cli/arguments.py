"""Argument types that check their range, so a bad number is a usage error
(exit 2, one line) and never an OverflowError deep in SQLite."""

from __future__ import annotations

import argparse

from newsreader.model import MAX_ID, MAX_SEARCH_RESULTS

MAX_RESULTS = MAX_SEARCH_RESULTS


def _whole_number(text: str, low: int, high: int, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not {what}: {text!r} (a whole number)") from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{what} must be from {low} to {high}, not {text}")
    return value


def article_id(text: str) -> int:
    """An id: a whole number from 1 to SQLite's largest integer."""
    return _whole_number(text, 1, MAX_ID, "an id")


def result_limit(text: str) -> int:
    """How many results: 1 to what one search returns."""
    return _whole_number(text, 1, MAX_RESULTS, "the limit")
