"""What the app does with the store before the first screen: prepare, list.

`prepare_store` runs on the database thread. `Library.prepare` seeds an empty
store and re-cleans after an upgrade of the cleaner: outdated bodies are
re-derived from the kept raw text and their highlights re-anchored (orphaned,
never dropped, when their text is gone), as every CLI command does too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.library import ImportOutcome, Library, Prepared
from newsreader.text.wording import plural

# Ids fetched before the first screen: more rows than any terminal shows. The
# rest (every id, ~30 ms at 100k) follows right after the first paint.
FIRST_PAGE = 300


@dataclass(frozen=True)
class StartUp:
    prepared: Prepared  # what seeding and re-cleaning did
    first_ids: list[int]  # the newest FIRST_PAGE ids, in list order
    total: int  # how many articles the list will hold


def first_page(library: Library) -> tuple[list[int], int]:
    """The newest FIRST_PAGE ids and the article count: two index reads, about a
    millisecond at any library size, so the app reads them before its first paint."""
    return library.article_ids(limit=FIRST_PAGE), library.count()


def prepare_store(library: Library) -> StartUp:
    """Prepare the store (seed, re-clean), then the first page of ids and the
    count again (seeding adds articles). A read-only store is shown as it is."""
    prepared = Prepared(seeded=[], recleaned=[]) if library.read_only else library.prepare()
    return StartUp(prepared, *first_page(library))


def reclean_summary(outcomes: Sequence[ImportOutcome]) -> tuple[str, str] | None:
    """(one line, severity) saying what re-cleaning changed or could not do; None if nothing."""
    updated = [o for o in outcomes if o.status == "updated"]
    failed = [o for o in outcomes if o.failed]
    orphaned = sum(o.orphaned for o in updated)
    if not updated and not failed:
        return None
    parts = []
    if updated:
        parts.append(f"Re-cleaned {plural(len(updated), 'article')} with the current cleaner")
    if orphaned:
        parts.append(f"{plural(orphaned, 'highlight')} could not be placed (see the annotations pane)")
    if failed:
        first = failed[0]
        reason = f"{first.source}: {first.message}"
        parts.append(f"{plural(len(failed), 'article')} could not be re-cleaned ({reason})")
    severity = "error" if failed else "warning" if orphaned else "information"
    return "; ".join(parts), severity
