"""Full text on demand: an article that came with only a summary (a feed item)
gets the text of its page, fetched and extracted like an HTML import.

The page's text becomes the article's `raw` (so `body` is still `clean(raw)`
and a re-clean keeps the full text) and the text it had before, the feed's
summary, is kept in `full_texts` as the raw fallback; the previous body is
kept as a prior version like any other change, and every highlight is moved
onto its quote in the new text, in the same transaction. A refresh that brings
the same summary again changes nothing (`importing.import_parsed` knows the
fallback's hash).

Nothing is written unless the new text is stored: no URL, a URL that is not
http(s), a network or HTTP error, a page with no article text, or one with less
text than the summary (a paywall, a cookie wall) is a failed outcome with its
reason, and the article, its summary and its highlights stay as they were.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsreader.store.connection import Database

from newsreader.ingest.plaintext import IngestError, parse_plaintext
from newsreader.library.base import LibraryBase
from newsreader.library.importing import (
    ImportOutcome, content_fields, content_hash, orphan_message, reanchor_all, utc_now,
)
from newsreader.store import articles as articles_db
from newsreader.store import full_texts as full_texts_db

# Downloads are imported when first used (opening the TUI needs none: facade.py).
if TYPE_CHECKING:
    from newsreader.ingest.fetch import FetchLimits


def fetch_full_text(db: Database, article_id: int, limits: FetchLimits) -> ImportOutcome:
    """Fetch the article's page and store its text as the article's text (see the module)."""
    from newsreader.ingest.fetch import FetchError, check_url
    from newsreader.ingest.html import ExtractedPage
    from newsreader.library.subscriptions import fetch_page  # the feeds' own page fetch, limits and all

    shown = f"article {article_id}"
    article = articles_db.get_article(db, article_id)
    if article is None:
        return ImportOutcome(shown, "failed", message=f"no article with id {article_id}")
    url = (article.url or "").strip()
    if not url:
        return ImportOutcome(shown, "failed", article_id, "has no web address to fetch its full text from")
    try:
        check_url(url)
        page, final_url = fetch_page(url, limits)
    except (FetchError, IngestError) as exc:
        return ImportOutcome(shown, "failed", article_id, f"{url}: {exc}")
    kept = full_texts_db.get(db, article_id)
    summary_raw = kept.summary_raw if kept is not None else article.raw
    parsed = ExtractedPage(title=article.title, text=page.text).as_article()
    digest = content_hash(parsed.raw)
    if digest == article.content_hash:
        return ImportOutcome(shown, "unchanged", article_id, "the page gives the text already stored")
    summary = _body_of(summary_raw)
    if len(page.text) < len(summary):
        return ImportOutcome(
            shown, "failed", article_id,
            f"{final_url}: the page has less text than the summary (a paywall or a cookie notice?); "
            "the summary stays",
        )
    now = utc_now()
    fields = content_fields(parsed, digest, now)
    with db.atomic():
        # As it is now (a refresh may have written since it was read above).
        current = articles_db.get_article(db, article_id)
        if current is None:
            return ImportOutcome(shown, "failed", message=f"no article with id {article_id} (deleted meanwhile)")
        if current.content_hash == digest:
            return ImportOutcome(shown, "unchanged", article_id, "the page gives the text already stored")
        kept = full_texts_db.get(db, article_id)
        if kept is None:
            fallback, fallback_hash = current.raw, current.content_hash
        else:
            fallback, fallback_hash = kept.summary_raw, kept.summary_hash
        articles_db.replace_content(db, article_id, fields, now)
        orphaned = reanchor_all(db, article_id, fields["body"], now)
        full_texts_db.record(db, article_id, final_url, fallback, fallback_hash, now)
    detail = "; ".join(m for m in (f"full text from {final_url}", orphan_message(orphaned)) if m)
    return ImportOutcome(shown, "updated", article_id, detail, orphaned)


def _body_of(raw: str) -> str:
    try:
        return parse_plaintext(raw).body.strip()
    except IngestError:
        return ""


class FullText(LibraryBase):
    """The full-text use cases of `Library`."""

    def fetch_full_text(self, article_id: int) -> ImportOutcome:
        """Fetch the article's page (its `url`, http/https only, with `fetch_limits`)
        and make its extracted text the article's text; highlights are moved
        onto their quotes in it and the summary is kept as the raw fallback.

        "updated", "unchanged" (the page gives the text already stored) or
        "failed" with a one-line reason, in which case nothing was written.
        Never raises for a bad article or page. Downloads first, then writes
        in one short transaction on the calling thread's connection: safe to
        call from a worker thread.
        """
        return fetch_full_text(self._db, article_id, self.fetch_limits)

    def fallback_raw(self, article_id: int) -> str | None:
        """The text the article had before its full text was fetched (its feed
        summary, in the plain-text article format); None when it never was."""
        kept = full_texts_db.get(self._db, article_id)
        return kept.summary_raw if kept is not None else None
