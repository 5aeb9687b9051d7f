"""OPML subscription lists: reading them (untrusted XML) and writing them.

Reading goes through defusedxml, which refuses entity declarations and
external references outright, so an OPML file can neither expand into
gigabytes nor make newsreader read a local file. Nested outlines (folders)
are walked; every outline with an http(s) `xmlUrl` is a subscription.
"""

from __future__ import annotations

import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime

from newsreader.ingest.plaintext import IngestError, clean_title

OPML_SUFFIXES = (".opml",)
MAX_OUTLINES = 10_000


@dataclass(frozen=True)
class Subscription:
    url: str
    title: str | None = None
    site_url: str | None = None


def looks_like_opml(head: bytes) -> bool:
    return b"<opml" in head[:4096].lower()


def parse_opml(data: bytes) -> tuple[list[Subscription], list[str]]:
    """(subscriptions, problems): one problem line per outline that was skipped.

    Raises IngestError when the file as a whole is not usable OPML.
    """
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise IngestError(f"refused: the file declares XML entities or external references ({type(exc).__name__})") from None
    except ET.ParseError as exc:
        raise IngestError(f"not valid XML ({exc})") from None
    if _local(root.tag) != "opml":
        raise IngestError("not an OPML file (its root element is not <opml>)")
    subscriptions: list[Subscription] = []
    problems: list[str] = []
    seen: set[str] = set()
    for count, outline in enumerate(root.iter("outline")):
        if count >= MAX_OUTLINES:
            problems.append(f"more than {MAX_OUTLINES} outlines: the rest were skipped")
            break
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            continue  # a folder or a plain link
        name = _text(outline.get("title") or outline.get("text"))
        try:
            scheme = urllib.parse.urlsplit(url).scheme.lower()
            urllib.parse.urlsplit(url).port  # noqa: B018 - raises on "http://h:99999"
        except ValueError as exc:
            problems.append(f"{name or url[:80]}: not a valid feed URL ({exc})")
            continue
        if scheme not in ("http", "https"):
            problems.append(f"{name or url}: only http and https feeds can be subscribed ({url[:80]})")
            continue
        if url in seen:
            continue
        if name == url:
            name = None  # exporters write the URL as the text of an untitled feed
        seen.add(url)
        site = (outline.get("htmlUrl") or "").strip()
        try:
            site_url = site if urllib.parse.urlsplit(site).scheme.lower() in ("http", "https") else None
        except ValueError:
            site_url = None  # a broken site link costs only the link
        subscriptions.append(Subscription(url=url, title=name, site_url=site_url))
    return subscriptions, problems


def render_opml(subscriptions: Sequence[Subscription], title: str = "newsreader subscriptions") -> str:
    """An OPML 2.0 document listing the subscriptions, one outline each."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(timezone.utc))
    body = ET.SubElement(root, "body")
    for sub in subscriptions:
        attributes = {"type": "rss", "text": sub.title or sub.url, "xmlUrl": sub.url}
        if sub.title:
            attributes["title"] = sub.title
        if sub.site_url:
            attributes["htmlUrl"] = sub.site_url
        ET.SubElement(body, "outline", attributes)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _text(value: str | None) -> str | None:
    return (clean_title(value) or None) if value else None
