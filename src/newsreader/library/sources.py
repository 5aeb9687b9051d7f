"""What an `import` argument is, and how each kind becomes articles.

A URL (http/https only) is fetched: a feed gives its items, a web page its
article. A file is recognised by its extension, else by its first bytes (an
RSS/Atom feed by its bytes whatever its name, even `.html`):
W3C annotations (.jsonld/.json), OPML subscription lists (which subscribe,
without fetching: `refresh` does that), RSS/Atom feeds (items imported once,
no subscription), HTML pages, and otherwise plain-text articles. One bad
input never stops the rest: it becomes one failed outcome with a reason.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from newsreader.store.connection import Database

from newsreader.library import importing, subscriptions
from newsreader.library.annotation_import import import_annotation_file, summarise_as_imports
from newsreader.ingest.fetch import FetchError, FetchLimits, fetch, looks_like_url
from newsreader.library.importing import ArticleMeta, ImportOutcome
from newsreader.ingest.feeds import ParsedFeed, looks_like_feed, parse_feed
from newsreader.ingest.html import HTML_SUFFIXES, decode_html, extract_page, looks_like_html, page_origin
from newsreader.ingest.opml import OPML_SUFFIXES, looks_like_opml, parse_opml
from newsreader.library import bulk
from newsreader.ingest.plaintext import IngestError, is_stdin, read_limited, read_stream, text_article
from newsreader.ingest.w3c import looks_like_annotation_file, looks_like_annotations

TEXT_SUFFIXES = (".txt", ".text", ".md")
_SNIFF_BYTES = 4096


def import_inputs(
    db: Database,
    inputs: Iterable[str | Path],
    *,
    limits: FetchLimits,
    encoding: str | None = None,
    progress: subscriptions.Progress | None = None,
    stdin: BinaryIO | None = None,
    force: bool = False,
) -> list[ImportOutcome]:
    """Import every input; annotation files last, so they find articles given with them.

    `force`: a web page whose text is not an article (an index page, code) is
    imported anyway instead of failing with "not an article".

    `-` (or /dev/stdin) is standard input (`stdin`, default the process's), read
    once into memory and told apart by its first bytes like a file.
    """
    given = list(inputs)
    kinds = [_kind_of_input(item) for item in given]
    texts = [i for i, kind in enumerate(kinds) if kind == "text"]
    # Many plain-text files: detect language and clean in worker processes, insert in
    # batches (bulk.py); the outcomes are the same as one by one, in input order.
    bulk_outcomes: dict[int, ImportOutcome] = {}
    if len(texts) >= bulk.MIN_PARALLEL:
        done_texts = bulk.import_files(
            db, [(Path(given[i]), str(given[i])) for i in texts], encoding, progress=progress
        )
        bulk_outcomes = dict(zip(texts, done_texts))
    outcomes: list[ImportOutcome] = []
    annotation_files: list[tuple[Path, str, bytes | None]] = []
    stdin_read = False
    for done, (item, kind) in enumerate(zip(given, kinds), start=1):
        shown = "standard input" if kind == "stdin" else str(item)
        if done - 1 in bulk_outcomes:
            outcomes.append(bulk_outcomes[done - 1])
        elif kind == "url":
            outcomes.extend(_import_url(db, str(item), limits, force))
        elif kind == "stdin":
            if stdin_read:
                outcomes.append(ImportOutcome(shown, "failed", message="given more than once (it can be read once)"))
            else:
                stdin_read = True
                outcomes.extend(_import_stdin(db, stdin or sys.stdin.buffer, encoding, annotation_files, force))
        elif kind == "annotations":
            annotation_files.append((Path(item), shown, None))
        else:
            outcomes.extend(_import_file(db, Path(item), shown, kind, encoding, force))
        if progress is not None:
            progress(done, len(given), shown)
    for path, shown, data in annotation_files:
        outcomes.extend(summarise_as_imports(shown, import_annotation_file(db, path, shown, data)))
    return outcomes


def _kind_of_input(item: str | Path) -> str:
    if isinstance(item, str) and looks_like_url(item):
        return "url"
    if is_stdin(str(item)):
        return "stdin"
    return kind_of(Path(item))


def kind_of(path: Path) -> str:
    """"annotations", "opml", "feed", "html" or "text"; by extension, else by content.

    Only a regular file is opened to look: a FIFO would block and a device never
    end (reading it again gives the reason)."""
    try:
        regular = path.is_file()
    except OSError:
        regular = False
    if not regular:
        return "text"
    if looks_like_annotation_file(path):
        return "annotations"
    suffix = path.suffix.lower()
    for kind, suffixes in (("opml", OPML_SUFFIXES), ("text", TEXT_SUFFIXES)):
        if suffix in suffixes:
            return kind
    try:
        with path.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError:
        return "html" if suffix in HTML_SUFFIXES else "text"  # reading it again gives the reason
    if suffix in HTML_SUFFIXES:
        # An RSS/Atom file saved as .html is a feed: the content says so, not the name.
        return "feed" if looks_like_feed(head) and not looks_like_html(head) else "html"
    return kind_of_bytes(head)


def kind_of_bytes(head: bytes) -> str:
    """What the first bytes of an input say it is (no name to go by)."""
    if looks_like_annotations(head):
        return "annotations"
    if looks_like_opml(head):
        return "opml"
    if looks_like_html(head):
        return "html"
    return "feed" if looks_like_feed(head) else "text"


def _import_stdin(
    db: Database, stream: BinaryIO, encoding: str | None, annotation_files: list, force: bool = False
) -> list[ImportOutcome]:
    """Standard input, read once into memory (bounded) and imported from there.

    Its origin is its content (`stdin:<hash>`): the same text piped twice is
    one article, a different text another."""
    shown = "standard input"
    try:
        data = read_stream(stream)
    except IngestError as exc:
        return [ImportOutcome(shown, "failed", message=str(exc))]
    except OSError as exc:
        return [ImportOutcome(shown, "failed", message=exc.strerror or str(exc))]
    kind = kind_of_bytes(data[:_SNIFF_BYTES])
    if kind == "annotations":
        annotation_files.append((Path("-"), shown, data))
        return []
    origin = f"stdin:{hashlib.sha256(data).hexdigest()[:16]}"
    return _import_data(db, data, shown, kind, origin, "stdin:", encoding, force)


def _import_file(
    db: Database, path: Path, shown: str, kind: str, encoding: str | None, force: bool = False
) -> list[ImportOutcome]:
    try:
        data = read_limited(path)
    except IngestError as exc:
        return [ImportOutcome(shown, "failed", message=str(exc))]
    origin = str(path.resolve())
    return _import_data(db, data, shown, kind, origin, path.resolve().as_uri(), encoding, force)


def _import_data(
    db: Database, data: bytes, shown: str, kind: str, origin: str, base_url: str, encoding: str | None,
    force: bool = False,
) -> list[ImportOutcome]:
    """One input's bytes (a file's or standard input's), read once, as `kind`."""
    try:
        if kind == "opml":
            return _import_opml(db, data, shown)
        if kind == "feed":
            return _import_items(db, parse_feed(data, base_url), shown)
        if kind == "html":
            page = extract_page(decode_html(data, encoding), force=force)
            meta = ArticleMeta(url=page.canonical_url, author=page.author, published=page.published)
            return [
                importing.import_parsed(
                    db, origin, page.as_article(), source=page.site_name, display=shown, meta=meta
                )
            ]
        parsed = text_article(data, encoding)
    except IngestError as exc:
        return [ImportOutcome(shown, "failed", message=str(exc))]
    return [importing.import_parsed(db, origin, parsed, display=shown)]


def _import_url(db: Database, url: str, limits: FetchLimits, force: bool = False) -> list[ImportOutcome]:
    try:
        response = fetch(url, limits=limits, accept=subscriptions.PAGE_ACCEPT)
        head = response.body[:_SNIFF_BYTES]
        if looks_like_feed(head) and not looks_like_html(head):
            return _import_items(db, parse_feed(response.body, response.url, response.media_type), url)
        if response.media_type and not subscriptions.is_markup(response.media_type):
            raise IngestError(f"not a web page or feed ({response.media_type})")
        page = extract_page(decode_html(response.body, response.charset), response.url, force=force)
    except (FetchError, IngestError) as exc:
        return [ImportOutcome(url, "failed", message=str(exc))]
    origin = page_origin(response.url, page.canonical_url)
    meta = ArticleMeta(url=origin, author=page.author, published=page.published)
    return [importing.import_parsed(db, origin, page.as_article(), source=page.site_name, display=url, meta=meta)]


def _import_items(db: Database, feed: ParsedFeed, shown: str) -> list[ImportOutcome]:
    """A feed's items imported once, without subscribing."""
    skipped = [ImportOutcome(f"{shown}: {reason}", "skipped") for reason in feed.skipped]
    if not feed.items:
        return [*skipped, ImportOutcome(shown, "unchanged", message="the feed has no items")]
    outcomes = []
    for item in reversed(feed.items):
        meta = ArticleMeta(url=item.link, author=item.author, published=item.published)
        outcomes.append(
            importing.import_parsed(
                db, item.origin, item.as_article(), source=feed.title, display=f"{shown}: {item.title}", meta=meta
            )
        )
    return [*outcomes[::-1], *skipped]


def _import_opml(db: Database, data: bytes, shown: str) -> list[ImportOutcome]:
    found, problems = parse_opml(data)
    outcomes = [ImportOutcome(shown, "failed", message=problem) for problem in problems]
    for o in subscriptions.add_subscriptions(db, found, shown):
        status = "added" if o.status == "subscribed" else "unchanged"
        note = "subscribed; `newsreader refresh` fetches it" if status == "added" else "already subscribed"
        outcomes.append(ImportOutcome(f"{shown}: {o.url}", status, message=note))
    if not found and not problems:
        outcomes.append(ImportOutcome(shown, "unchanged", message="no feeds in the file"))
    return outcomes
