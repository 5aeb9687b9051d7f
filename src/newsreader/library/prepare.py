"""Making a store ready to read: the bundled seed articles on an empty store,
and re-cleaning after an upgrade of the cleaner (`Library.prepare`).

The CLI (before every command) and the TUI (on its database thread, after the
first paint) both call `Library.prepare`; when nothing needs doing it costs two
index reads and writes nothing, so read-only commands leave the file alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsreader.ingest.plaintext import IngestError, decode_bytes, parse_plaintext
from newsreader.ingest.seeds import seed_files
from newsreader.library import importing
from newsreader.library.base import LibraryBase
from newsreader.library.importing import ImportOutcome
from newsreader.store import articles as articles_db

SEED_SOURCE = "newsreader seed"


@dataclass(frozen=True)
class Prepared:
    """What `Library.prepare` did: seed imports and re-cleaned articles (often none)."""

    seeded: list[ImportOutcome]
    recleaned: list[ImportOutcome]

    @property
    def failures(self) -> list[ImportOutcome]:
        return [o for o in (*self.seeded, *self.recleaned) if o.failed]


class Preparing(LibraryBase):
    """The start-up use cases of `Library`."""

    def prepare(self, reclean: bool = True) -> Prepared:
        """Make the store ready to read: seed an empty store with the bundled
        articles, and re-clean articles an older cleaner made (after an upgrade).

        The one place this happens, for the CLI and the TUI alike. When there is
        nothing to do it costs two index reads and writes nothing.
        """
        if self.store.read_only:
            return Prepared([], [])  # nothing can be written; what is stored is shown
        seeded = self.ensure_seeded()
        return Prepared(seeded, self.reclean_outdated() if reclean else [])

    def ensure_seeded(self) -> list[ImportOutcome]:
        """On an empty store, import the bundled seed articles."""
        if articles_db.count_articles(self._db):
            return []
        outcomes = []
        for name, data in seed_files():
            try:
                text, encoding = decode_bytes(data)
                parsed = parse_plaintext(text, encoding)
            except IngestError as exc:
                outcomes.append(ImportOutcome(name, "failed", message=str(exc)))
                continue
            outcomes.append(importing.import_parsed(self._db, f"seed:{name}", parsed, source=SEED_SOURCE))
        return outcomes

    def reclean(self, everything: bool = False) -> list[ImportOutcome]:
        """Re-derive bodies with the current cleaner: outdated articles, or all of them."""
        return importing.reclean_articles(self._db, everything)

    def reclean_outdated(self) -> list[ImportOutcome]:
        """After an upgrade: re-clean articles whose cleaner version is not current."""
        return importing.reclean_articles(self._db, everything=False)
