"""What the command line prints: one-line failures on stderr, import outcomes,
and `--json` through the model's own serialisers (`Serialisable.to_json`).

Everything printed for humans goes through `one_line`/`strip_control`
(text/terminal.py): a hostile title cannot clear the screen or write the
clipboard; JSON escapes control and bidi characters the same way.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import Any

from newsreader.library import ImportOutcome
from newsreader.model import Serialisable
from newsreader.text.terminal import one_line, safe_json


def fail(message: str) -> None:
    """One line on stderr, `newsreader: ...`."""
    print(f"newsreader: {one_line(message)}", file=sys.stderr)


def say(message: str) -> None:
    """A remark on stderr (not part of the listing on stdout)."""
    print(message, file=sys.stderr)


def print_json(value: Serialisable | Iterable[Serialisable] | dict[str, Any], view: str = "default") -> None:
    """A model object, a list of them, or a ready dict, as `--json` output."""
    if isinstance(value, Serialisable):
        data: Any = value.to_json(view)
    elif isinstance(value, dict):
        data = value
    else:
        data = [item.to_json(view) for item in value]
    print(safe_json(data))


IMPORT_COUNTS = (("added", "added"), ("updated", "updated"), ("unchanged", "unchanged"),
                 ("duplicate", "duplicate"), ("skipped", "skipped"), ("failed", "failed"))


def import_summary(outcomes: Sequence[ImportOutcome]) -> str:
    """ "summary: 2 added, 1 skipped, 1 failed" (the counts that are not zero)."""
    counts = [(sum(o.status == status for o in outcomes), word) for status, word in IMPORT_COUNTS]
    return "summary: " + ", ".join(f"{n} {word}" for n, word in counts if n)


def report_imports(outcomes: Sequence[ImportOutcome]) -> int:
    """One line per input (failures on stderr with the reason); 1 if any failed."""
    for o in outcomes:
        where = one_line(o.source)
        if o.failed:
            fail(f"{where}: {o.message}")
            continue
        detail = f" ({one_line(o.message)})" if o.message else ""
        target = f" -> article {o.article_id}" if o.article_id is not None else ""
        print(f"{o.status:9} {where}{target}{detail}")
    return 1 if any(o.failed for o in outcomes) else 0
