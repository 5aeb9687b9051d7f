"""Subscribing to feeds and refreshing them: the network half of the library.

A refresh downloads the feeds in a small thread pool (network waits overlap)
and writes what they bring on the calling thread, one feed at a time, so only
that thread's connection ever writes and a TUI worker can run the whole thing.
A feed that fails is reported and recorded on its row; nothing already stored
is touched by a failure. Items enter through `importing.import_parsed`: an
item whose text changed updates its article and re-anchors its highlights.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from newsreader.store.connection import Database

from newsreader.library import importing
from newsreader.ingest.fetch import FetchError, FetchLimits, Response, check_url, fetch, is_web_url, looks_like_url
from newsreader.ingest.feeds import FeedItem, ParsedFeed, parse_feed
from newsreader.ingest.html import ExtractedPage, decode_html, extract_page, feed_links, looks_like_html
from newsreader.ingest.plaintext import IngestError, ParsedArticle, read_limited
from newsreader.model import Feed
from newsreader.store import feeds as feeds_db

FeedStatus = Literal["subscribed", "already", "new", "unchanged", "not-modified", "failed"]
Progress = Callable[[int, int, str], None]  # (done, total, what was just done)

REFRESH_WORKERS = 4
MAX_FULL_TEXT_PAGES = 30  # pages fetched per feed per refresh for --full-text
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


@dataclass(frozen=True)
class FeedOutcome:
    """What happened to one feed; `message` is the one-line reason on failure."""

    url: str
    status: FeedStatus
    title: str | None = None
    feed_id: int | None = None
    added: int = 0
    updated: int = 0
    message: str = ""

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    @property
    def name(self) -> str:
        return self.title or self.url

    def summary(self) -> str:
        """"new 3", "new 2, updated 1", "unchanged", "not modified", "subscribed (5 new)"..."""
        counts = ", ".join(
            f"{word} {n}" for word, n in (("new", self.added), ("updated", self.updated)) if n
        )
        if self.status == "subscribed":
            return f"subscribed ({counts})" if counts else "subscribed"
        if self.status == "already":
            return "already subscribed"
        if self.status == "new":
            return counts
        return self.status.replace("-", " ")


@dataclass
class _Download:
    """What a worker thread brings back for one feed (no database access there)."""

    response: Response | None = None
    parsed: ParsedFeed | None = None
    pages: dict[str, ExtractedPage] = field(default_factory=dict)
    page_failures: int = 0
    error: str | None = None


def fetch_page(url: str, limits: FetchLimits) -> tuple[ExtractedPage, str]:
    """Fetch and extract one article page: (page, final URL). Raises FetchError/IngestError."""
    response = fetch(url, limits=limits, accept=PAGE_ACCEPT)
    if response.media_type and not is_markup(response.media_type):
        raise IngestError(f"not a web page ({response.media_type})")
    return extract_page(decode_html(response.body, response.charset), response.url), response.url


def is_markup(media_type: str) -> bool:
    """A media type that may hold a web page (text/*, HTML or XML)."""
    return media_type.startswith("text/") or "html" in media_type or "xml" in media_type


def _download(
    url: str,
    limits: FetchLimits,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    full_text: bool = False,
    known: frozenset[str] = frozenset(),
    prefetched: Response | None = None,
) -> _Download:
    """Fetch (or read) and parse one feed, plus its article pages when full_text. Never raises."""
    result = _Download()
    try:
        if is_web_url(url):
            response = prefetched or fetch(
                url, etag=etag, last_modified=last_modified, limits=limits, accept=FEED_ACCEPT
            )
            result.response = response
            if response.not_modified:
                return result
            result.parsed = parse_feed(response.body, response.url, response.media_type)
        else:
            result.parsed = parse_feed(read_limited(Path(url)), Path(url).as_uri())
    except (FetchError, IngestError) as exc:
        result.error = str(exc)
        return result
    except Exception as exc:  # a parser bug on one odd feed must not stop the others
        result.error = f"unexpected error ({type(exc).__name__}: {exc})"
        return result
    if full_text:
        wanted = [i for i in result.parsed.items if i.summary_only and i.link and i.origin not in known]
        for item in wanted[:MAX_FULL_TEXT_PAGES]:
            try:
                page, _ = fetch_page(item.link, limits)
            except (FetchError, IngestError):
                result.page_failures += 1
                continue
            if len(page.text) > len(item.text):
                result.pages[item.origin] = page
    return result


def _store(db: Database, feed: Feed, download: _Download) -> FeedOutcome:
    """Record one feed's download and import its items (on the calling thread)."""
    now = importing.utc_now()
    if download.error is not None:
        feeds_db.record_failure(db, feed.id, now, download.error)
        return FeedOutcome(feed.url, "failed", feed.title, feed.id, message=download.error)
    response = download.response
    validators = {"etag": response.etag, "last_modified": response.last_modified} if response else {}
    if response is not None and response.not_modified:
        feeds_db.record_success(db, feed.id, now, "not-modified", **validators)
        return FeedOutcome(feed.url, "not-modified", feed.title, feed.id)
    parsed = download.parsed
    title = parsed.title or feed.title
    added = updated = 0
    skipped = frozenset(feeds_db.origins_in_feed(db, feed.id)) if feed.full_text else frozenset()
    # Oldest first, so that among items without a date the first listed ends up on top.
    for item in reversed(parsed.items):
        if item.summary_only and item.origin in skipped:
            continue  # its stored text came from its page: never overwrite it with the summary
        page = download.pages.get(item.origin)
        article = _item_article(item, page)
        meta = importing.ArticleMeta(
            url=item.link,
            author=item.author or (page.author if page else None),
            published=item.published or (page.published if page else None),
            feed_id=feed.id,
        )
        outcome = importing.import_parsed(db, item.origin, article, source=title, meta=meta)
        added += outcome.status == "added"
        updated += outcome.status == "updated"
    feeds_db.record_success(db, feed.id, now, "ok", title=parsed.title, site_url=parsed.site_url, **validators)
    notes = []
    if download.page_failures:
        notes.append(f"{download.page_failures} page(s) could not be fetched; kept their summaries")
    if parsed.skipped:
        notes.append(f"{len(parsed.skipped)} item(s) skipped ({parsed.skipped[0]})")
    note = "; ".join(notes)
    status: FeedStatus = "new" if added or updated else "unchanged"
    return FeedOutcome(feed.url, status, title, feed.id, added, updated, note)


def _item_article(item: FeedItem, page: ExtractedPage | None) -> ParsedArticle:
    if page is None:
        return item.as_article()
    return ExtractedPage(title=item.title, text=page.text).as_article()


def refresh_feeds(
    db: Database,
    feeds: Sequence[Feed],
    limits: FetchLimits,
    progress: Progress | None = None,
    workers: int = REFRESH_WORKERS,
) -> list[FeedOutcome]:
    """Refresh the feeds concurrently (at most `workers` downloads at once).

    Outcomes come back in the order of `feeds`; `progress(done, total, name)`
    is called on this thread after each feed is stored.
    """
    if not feeds:
        return []
    jobs = []
    for feed in feeds:
        etag, last_modified = feeds_db.validators(db, feed.id)
        known = frozenset(feeds_db.origins_in_feed(db, feed.id)) if feed.full_text else frozenset()
        jobs.append((feed, dict(etag=etag, last_modified=last_modified, full_text=feed.full_text, known=known)))
    outcomes: dict[int, FeedOutcome] = {}
    pool = ThreadPoolExecutor(max_workers=max(1, min(workers, len(jobs))))
    try:
        futures = {pool.submit(_download, feed.url, limits, **options): feed for feed, options in jobs}
        for done, future in enumerate(as_completed(futures), start=1):
            feed = futures[future]
            if feeds_db.get_feed(db, feed.id) is None:  # unsubscribed meanwhile (from the TUI)
                outcomes[feed.id] = FeedOutcome(feed.url, "failed", feed.title, message="unsubscribed during the refresh")
            else:
                outcomes[feed.id] = _store(db, feed, future.result())
            if progress is not None:
                progress(done, len(jobs), feed.name)
    except BaseException:
        # A progress callback that raises means "stop" (the TUI quitting): drop the
        # downloads that have not started instead of waiting for all of them.
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return [outcomes[feed.id] for feed in feeds]


def subscribe(db: Database, target: str, limits: FetchLimits, full_text: bool = False) -> FeedOutcome:
    """Subscribe to a feed URL (or a page that links to its feed) or a local feed file.

    The feed is fetched once to check it and its items are imported; a target
    that is not a readable feed is refused and nothing is stored.
    """
    try:
        url = check_url(target) if looks_like_url(target) else str(Path(target).expanduser().resolve())
    except (FetchError, OSError) as exc:
        return FeedOutcome(target, "failed", message=str(exc))
    existing = feeds_db.find_feed_id(db, url)
    response = None
    if existing is None and is_web_url(url):
        try:
            response = fetch(url, limits=limits, accept=FEED_ACCEPT)
        except FetchError as exc:
            return FeedOutcome(url, "failed", message=str(exc))
        if looks_like_html(response.body[:4096]):
            # A web page: follow the feed it advertises (<link rel="alternate" ...>).
            links = feed_links(decode_html(response.body, response.charset), response.url)
            if not links:
                return FeedOutcome(url, "failed", message="a web page that links to no RSS or Atom feed")
            url, response = links[0], None
            existing = feeds_db.find_feed_id(db, url)
    if existing is not None:
        if full_text:
            feeds_db.set_full_text(db, existing, True)
        feed = feeds_db.get_feed(db, existing)
        return FeedOutcome(url, "already", feed.title, existing)
    download = _download(url, limits, full_text=full_text, prefetched=response)
    if download.error is not None:
        return FeedOutcome(url, "failed", message=download.error)
    now = importing.utc_now()
    feed_id = feeds_db.insert_feed(
        db, url, now, title=download.parsed.title, site_url=download.parsed.site_url, full_text=full_text
    )
    outcome = _store(db, feeds_db.get_feed(db, feed_id), download)
    return FeedOutcome(url, "subscribed", outcome.title, feed_id, outcome.added, outcome.updated, outcome.message)


def add_subscriptions(db: Database, subscriptions, source: str) -> list[FeedOutcome]:
    """Record subscriptions from an OPML file without fetching them (refresh does)."""
    outcomes = []
    now = importing.utc_now()
    for sub in subscriptions:
        existing = feeds_db.find_feed_id(db, sub.url)
        if existing is not None:
            outcomes.append(FeedOutcome(sub.url, "already", sub.title, existing))
            continue
        feed_id = feeds_db.insert_feed(db, sub.url, now, title=sub.title, site_url=sub.site_url)
        outcomes.append(FeedOutcome(sub.url, "subscribed", sub.title, feed_id, message=f"from {source}"))
    return outcomes
