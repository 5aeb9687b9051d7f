"""What every use case of the library stands on: the open store, lookups by id
that raise `NotFound`, and the download limits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsreader.library.errors import NotFound
from newsreader.model import Article, ArticleNote, Highlight
from newsreader.store import Store
from newsreader.store import annotations as notes_db
from newsreader.store import articles as articles_db
from newsreader.store.connection import Database

if TYPE_CHECKING:
    from newsreader.ingest.fetch import FetchLimits


class LibraryBase:
    """An open newsreader store; the use-case classes of this package build on it."""

    def __init__(self, store: Store, fetch_limits: FetchLimits | None = None):
        self.store = store
        self._fetch_limits = fetch_limits

    @property
    def fetch_limits(self) -> FetchLimits:
        """Timeouts and size cap for every download; tests and --timeout change it."""
        if self._fetch_limits is None:
            from newsreader.ingest.fetch import FetchLimits

            self._fetch_limits = FetchLimits()
        return self._fetch_limits

    @fetch_limits.setter
    def fetch_limits(self, limits: FetchLimits) -> None:
        self._fetch_limits = limits

    def close(self) -> None:
        self.store.close()

    @property
    def _db(self) -> Database:
        """This thread's connection."""
        return self.store.db

    def article(self, article_id: int) -> Article:
        found = articles_db.get_article(self._db, article_id)
        if found is None:
            raise NotFound(f"no article with id {article_id}")
        return found

    def highlights(self, article_id: int) -> list[Highlight]:
        return notes_db.highlights_for(self._db, article_id)

    def highlight(self, highlight_id: int) -> Highlight:
        found = notes_db.get_highlight(self._db, highlight_id)
        if found is None:
            raise NotFound(f"no highlight with id {highlight_id}")
        return found

    def article_note(self, article_id: int) -> ArticleNote | None:
        return notes_db.get_article_note(self._db, article_id)
