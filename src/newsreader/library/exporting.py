"""Exporting: Markdown notes, the W3C annotation collection, OPML subscriptions.

The export modules are imported when first used: opening the TUI needs none of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsreader.library.base import LibraryBase
from newsreader.model import Article, ArticleNote, Highlight
from newsreader.store import annotations as notes_db
from newsreader.store import feeds as feeds_db

OPML_FILENAME = "newsreader-subscriptions.opml"


class Exporting(LibraryBase):
    """The export use cases of `Library`."""

    def export_markdown(self, out_dir: Path, article_ids: Sequence[int] | None = None) -> list[Path]:
        """Write Markdown for the given articles (default: every annotated one).

        One article gives one file; several also get an index.md. An article
        with no highlights and no article note is left out: nothing is written
        for it, and `[]` comes back when none of the given ones has any (ask
        `has_annotations` which).
        """
        from newsreader.export.markdown import write_markdown, write_markdown_all

        items = self._export_items(article_ids)
        if not items:
            return []
        if len(items) == 1:
            return [write_markdown(out_dir, *items[0])]
        return write_markdown_all(out_dir, items)

    def export_markdown_all(self, out_dir: Path) -> list[Path]:
        """Every annotated article into `out_dir` plus index.md (even for one article)."""
        from newsreader.export.markdown import write_markdown_all

        items = self._export_items(None)
        return write_markdown_all(out_dir, items) if items else []

    def store_uuid(self) -> str:
        """This store's stable random id (used in exported annotation ids)."""
        return notes_db.store_uuid(self._db)

    def w3c_collection(self, article_ids: Sequence[int] | None = None) -> dict[str, Any]:
        """The W3C AnnotationCollection for the given (default: all annotated) articles."""
        from newsreader.export.w3c import render_collection

        return render_collection(
            self.store_uuid(),
            self._export_items(article_ids),
            notes_db.adopted_ids(self._db, "highlight"),
            notes_db.adopted_ids(self._db, "article_note"),
        )

    def export_w3c(
        self, out: Path, article_ids: Sequence[int] | None = None
    ) -> tuple[Path | None, int]:
        """Write the W3C collection to `out` (a folder gets newsreader-annotations.jsonld).

        Returns the file written and how many annotations it holds; writes
        nothing and returns (None, 0) when there is nothing to export.
        """
        collection = self.w3c_collection(article_ids)
        if collection["total"] == 0:
            return None, 0
        from newsreader.export.w3c import DEFAULT_FILENAME, write_collection

        out = Path(out)
        if out.is_dir():
            out = out / DEFAULT_FILENAME
        return write_collection(out, collection), collection["total"]

    def has_annotations(self, article_id: int) -> bool:
        """Whether the article has a highlight (placed or not) or an article note:
        something an export would write."""
        return bool(self.highlights(article_id)) or self.article_note(article_id) is not None

    def _export_items(
        self, article_ids: Sequence[int] | None
    ) -> list[tuple[Article, list[Highlight], ArticleNote | None]]:
        """The given articles (NotFound for an unknown id) that have something to export."""
        ids = list(article_ids) if article_ids is not None else notes_db.annotated_article_ids(self._db)
        items = [(self.article(i), self.highlights(i), self.article_note(i)) for i in ids]
        return [(a, hs, note) for a, hs, note in items if hs or note is not None]

    def opml(self) -> str:
        """The subscriptions as an OPML 2.0 document (local feed files are left out)."""
        from newsreader.ingest.opml import Subscription, render_opml

        return render_opml(
            [Subscription(f.url, f.title, f.site_url) for f in feeds_db.all_feeds(self._db) if "://" in f.url]
        )

    def export_opml(self, out: Path) -> Path:
        """Write the OPML to `out` (a folder gets newsreader-subscriptions.opml), atomically."""
        out = Path(out) / OPML_FILENAME if Path(out).is_dir() else Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        from newsreader.export.files import write_atomic

        write_atomic(out, self.opml())
        return out
