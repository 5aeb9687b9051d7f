"""RSS (0.9x, 1.0, 2.0) and Atom feeds into items, with feedparser.

The document is untrusted. feedparser is only ever handed a stream, never
bytes or a string: given those it would open a URL or a local file whose
name the document happens to spell. Its XML parser does not expand entities
declared in the document (no "billion laughs") and resolves no external
entity (no file is read); tests/ingest/test_feeds_safety.py holds it to that.
"""

from __future__ import annotations

import hashlib
import io
import re
import urllib.parse
from calendar import timegm
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from newsreader.ingest.html import fragment_text
from newsreader.ingest.plaintext import IngestError, ParsedArticle, clean_title, parse_plaintext

MAX_ITEMS = 1000  # per document; a feed is a window on recent items, not an archive
_FEED_START = re.compile(rb"<(?:rss|feed|rdf:RDF|channel)\b", re.IGNORECASE)
_EMAIL_AND_NAME = re.compile(r"^[^\s@()]+@[^\s()]+\s*\((.+)\)$")
_URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S")


@dataclass(frozen=True)
class FeedItem:
    origin: str  # identity across refreshes: the guid, else the link
    title: str
    text: str  # one paragraph per line
    link: str | None
    author: str | None
    published: str | None  # ISO 8601 UTC
    summary_only: bool  # no full content element: a candidate for --full-text

    def as_article(self) -> ParsedArticle:
        """The item in the plain-text article format (what `raw` stores)."""
        return parse_plaintext(f"{self.title}\n\n{self.text or self.title}\n")


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    site_url: str | None
    items: tuple[FeedItem, ...]
    # Items left out, with the reason ("item 4: no text and no title"): said, never silent.
    skipped: tuple[str, ...] = ()


def looks_like_feed(head: bytes) -> bool:
    """Markup with an RSS/RDF/Atom element near its start."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"<") and bool(_FEED_START.search(start[:4096]))


def parse_feed(data: bytes, url: str, media_type: str | None = None) -> ParsedFeed:
    """Parse a feed document fetched from (or read at) `url`. Raises IngestError."""
    import feedparser

    # No content-location: feedparser would resolve a bare guid ("42") against
    # the feed URL, and two feeds on one host would then share ids. Links are
    # resolved here instead.
    headers = {"content-type": media_type} if media_type else {}
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as exc:  # untrusted input; feedparser is lenient but not infallible
        raise IngestError(f"not a readable feed ({type(exc).__name__})") from None
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f": {_one_line(str(reason))}" if reason else ""
        raise IngestError(f"not an RSS or Atom feed{detail}")
    feed = parsed.feed
    site_url = _web_url(feed.get("link"), url)
    items = []
    skipped = []
    for number, entry in enumerate(parsed.entries[:MAX_ITEMS], start=1):
        try:
            item = _item(entry, url)
        except Exception as exc:  # one unreadable item (odd markup) must not cost the others
            skipped.append(f"item {number}: unreadable ({type(exc).__name__})")
            continue
        if item is None:
            skipped.append(f"item {number}: no guid, no link, no title and no text")
        else:
            items.append(item)
    if len(parsed.entries) > MAX_ITEMS:
        skipped.append(f"{len(parsed.entries) - MAX_ITEMS} items beyond the first {MAX_ITEMS}")
    return ParsedFeed(
        title=_one_line(feed.get("title")), site_url=site_url, items=tuple(items), skipped=tuple(skipped)
    )


def _item(entry: Any, feed_url: str) -> FeedItem | None:
    guid = entry.get("id")
    # A guid that is not a URL is not a link, even if feedparser offers it as one.
    offered = entry.get("link")
    link = None if offered == guid and not _web_url(guid) else _web_url(offered, feed_url)
    contents = entry.get("content") or []
    full = max((_text_of(c.get("value"), c.get("type")) for c in contents), key=len, default="")
    summary = _text_of(entry.get("summary"), (entry.get("summary_detail") or {}).get("type"))
    text = full if len(full) >= len(summary) else summary
    given_title = _one_line(entry.get("title"))
    origin = _origin(guid if isinstance(guid, str) else None, link, feed_url)
    if origin is None:
        # Neither guid nor link: recognised next time by what it says. An item
        # whose text is later edited then comes back as a new article (the old
        # one, and its highlights, stay).
        if not (given_title or text.strip()):
            return None
        digest = hashlib.sha256(f"{given_title}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()
        origin = f"{feed_url}#content-{digest[:24]}"
    title = given_title or (_one_line(text.split("\n", 1)[0]) or "")[:80] or link or origin
    return FeedItem(
        origin=origin,
        title=title,
        text=text,
        link=link,
        author=_author(entry),
        published=_published(entry),
        summary_only=not full,
    )


def _origin(guid: str | None, link: str | None, feed_url: str) -> str | None:
    """The guid when it is a URI of its own; a bare guid ("42") is scoped to the feed."""
    guid = (guid or "").strip()
    if guid:
        return guid if _URI_SCHEME.match(guid) else f"{feed_url}#{guid}"
    return link


def _text_of(value: Any, content_type: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        return ""
    if isinstance(content_type, str) and content_type.startswith("text/plain"):
        return "\n".join(" ".join(line.split()) for line in value.splitlines() if line.strip())
    return fragment_text(value)


def _author(entry: Any) -> str | None:
    """The author's name; RSS writes "jo@example.org (Jo Smith)", Atom a name."""
    written = _one_line(entry.get("author"))
    match = _EMAIL_AND_NAME.match(written or "")
    if match:
        return match.group(1).strip()
    return written or _one_line((entry.get("author_detail") or {}).get("name"))


def _published(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                moment = datetime.fromtimestamp(timegm(value), tz=timezone.utc)
            except (OverflowError, ValueError, OSError):
                continue
            return moment.isoformat(timespec="seconds")
    return None


def _web_url(value: Any, base: str | None = None) -> str | None:
    """An absolute http(s) URL (a relative one resolved against `base`), else None."""
    if isinstance(value, str) and value.strip():
        value = urllib.parse.urljoin(base, value.strip()) if base else value.strip()
        if urllib.parse.urlsplit(value).scheme.lower() in ("http", "https"):
            return value
    return None


def _one_line(value: Any) -> str | None:
    return (clean_title(value) or None) if isinstance(value, str) else None
