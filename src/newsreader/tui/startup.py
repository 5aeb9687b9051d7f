"""What the app does with the store before the first screen: seed, re-clean, list.

`prepare_store` runs on the database thread. Re-cleaning matters after an
upgrade of the cleaner: outdated bodies are re-derived from the kept raw text
and their highlights re-anchored (orphaned, never dropped, when their text is
gone), as every CLI command does too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.library import ImportOutcome, Library


@dataclass(frozen=True)
class StartUp:
    seeded: list[ImportOutcome]
    recleaned: list[ImportOutcome]
    ids: list[int]


def prepare_store(library: Library) -> StartUp:
    """First run imports the seeds; outdated articles are re-cleaned; then every id (cheap ints)."""
    seeded = library.ensure_seeded()
    recleaned = library.reclean_outdated()
    return StartUp(seeded, recleaned, library.article_ids())


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def reclean_summary(outcomes: Sequence[ImportOutcome]) -> tuple[str, str] | None:
    """(one line, severity) saying what re-cleaning changed or could not do; None if nothing."""
    updated = [o for o in outcomes if o.status == "updated"]
    failed = [o for o in outcomes if o.failed]
    orphaned = sum(o.orphaned for o in updated)
    if not updated and not failed:
        return None
    parts = []
    if updated:
        parts.append(f"Re-cleaned {_plural(len(updated), 'article')} with the current cleaner")
    if orphaned:
        parts.append(f"{_plural(orphaned, 'highlight')} could not be placed (see the annotations pane)")
    if failed:
        first = failed[0]
        reason = f"{first.source}: {first.message}"
        parts.append(f"{_plural(len(failed), 'article')} could not be re-cleaned ({reason})")
    severity = "error" if failed else "warning" if orphaned else "information"
    return "; ".join(parts), severity
