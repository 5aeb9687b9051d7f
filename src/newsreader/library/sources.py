"""What an `import` argument is, and how each kind becomes articles.

A URL (http/https only) is fetched: a feed gives its items, a web page its
article. A file is recognised by its extension, else by its first bytes:
W3C annotations (.jsonld/.json), OPML subscription lists (which subscribe,
without fetching: `refresh` does that), RSS/Atom feeds (items imported once,
no subscription), HTML pages, and otherwise plain-text articles. One bad
input never stops the rest: it becomes one failed outcome with a reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from newsreader.store.connection import Database

from newsreader.library import importing, subscriptions
from newsreader.library.annotation_import import import_annotation_file, summarise_as_imports
from newsreader.ingest.fetch import FetchError, FetchLimits, fetch, looks_like_url
from newsreader.library.importing import ArticleMeta, ImportOutcome
from newsreader.ingest.feeds import ParsedFeed, looks_like_feed, parse_feed
from newsreader.ingest.html import HTML_SUFFIXES, decode_html, extract_page, looks_like_html, page_origin
from newsreader.ingest.opml import OPML_SUFFIXES, looks_like_opml, parse_opml
from newsreader.library import bulk
from newsreader.ingest.plaintext import IngestError, read_limited, read_text_file
from newsreader.ingest.w3c import looks_like_annotation_file

TEXT_SUFFIXES = (".txt", ".text", ".md")
_SNIFF_BYTES = 4096


def import_inputs(
    db: Database,
    inputs: Iterable[str | Path],
    *,
    limits: FetchLimits,
    encoding: str | None = None,
    progress: subscriptions.Progress | None = None,
) -> list[ImportOutcome]:
    """Import every input; annotation files last, so they find articles given with them."""
    given = list(inputs)
    kinds = ["url" if isinstance(item, str) and looks_like_url(item) else kind_of(Path(item)) for item in given]
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
    annotation_files = []
    for done, (item, kind) in enumerate(zip(given, kinds), start=1):
        shown = str(item)
        if done - 1 in bulk_outcomes:
            outcomes.append(bulk_outcomes[done - 1])
            continue
        if kind == "url":
            outcomes.extend(_import_url(db, item, limits))
        elif kind == "annotations":
            annotation_files.append((Path(item), shown))
        else:
            outcomes.extend(_import_file(db, Path(item), shown, kind, encoding))
        if progress is not None:
            progress(done, len(given), shown)
    for path, shown in annotation_files:
        outcomes.extend(summarise_as_imports(shown, import_annotation_file(db, path, shown)))
    return outcomes


def kind_of(path: Path) -> str:
    """"annotations", "opml", "feed", "html" or "text"; by extension, else by content."""
    if looks_like_annotation_file(path):
        return "annotations"
    suffix = path.suffix.lower()
    for kind, suffixes in (("opml", OPML_SUFFIXES), ("html", HTML_SUFFIXES), ("text", TEXT_SUFFIXES)):
        if suffix in suffixes:
            return kind
    try:
        with path.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError:
        return "text"  # reading it again gives the reason
    if looks_like_opml(head):
        return "opml"
    if looks_like_html(head):
        return "html"
    return "feed" if looks_like_feed(head) else "text"


def _import_file(
    db: Database, path: Path, shown: str, kind: str, encoding: str | None
) -> list[ImportOutcome]:
    try:
        if kind == "opml":
            return _import_opml(db, path, shown)
        if kind == "feed":
            data = read_limited(path)
            return _import_items(db, parse_feed(data, path.resolve().as_uri()), shown)
        if kind == "html":
            page = extract_page(decode_html(read_limited(path), encoding))
            meta = ArticleMeta(url=page.canonical_url, author=page.author, published=page.published)
            return [
                importing.import_parsed(
                    db, str(path.resolve()), page.as_article(), source=page.site_name, display=shown, meta=meta
                )
            ]
        parsed = read_text_file(path, encoding)
    except IngestError as exc:
        return [ImportOutcome(shown, "failed", message=str(exc))]
    return [importing.import_parsed(db, str(path.resolve()), parsed, display=shown)]


def _import_url(db: Database, url: str, limits: FetchLimits) -> list[ImportOutcome]:
    try:
        response = fetch(url, limits=limits, accept=subscriptions.PAGE_ACCEPT)
        head = response.body[:_SNIFF_BYTES]
        if looks_like_feed(head) and not looks_like_html(head):
            return _import_items(db, parse_feed(response.body, response.url, response.media_type), url)
        if response.media_type and not subscriptions.is_markup(response.media_type):
            raise IngestError(f"not a web page or feed ({response.media_type})")
        page = extract_page(decode_html(response.body, response.charset), response.url)
    except (FetchError, IngestError) as exc:
        return [ImportOutcome(url, "failed", message=str(exc))]
    origin = page_origin(response.url, page.canonical_url)
    meta = ArticleMeta(url=origin, author=page.author, published=page.published)
    return [importing.import_parsed(db, origin, page.as_article(), source=page.site_name, display=url, meta=meta)]


def _import_items(db: Database, feed: ParsedFeed, shown: str) -> list[ImportOutcome]:
    """A feed's items imported once, without subscribing."""
    if not feed.items:
        return [ImportOutcome(shown, "unchanged", message="the feed has no items")]
    outcomes = []
    for item in reversed(feed.items):
        meta = ArticleMeta(url=item.link, author=item.author, published=item.published)
        outcomes.append(
            importing.import_parsed(
                db, item.origin, item.as_article(), source=feed.title, display=f"{shown}: {item.title}", meta=meta
            )
        )
    return outcomes[::-1]


def _import_opml(db: Database, path: Path, shown: str) -> list[ImportOutcome]:
    found, problems = parse_opml(read_limited(path))
    outcomes = [ImportOutcome(shown, "failed", message=problem) for problem in problems]
    for o in subscriptions.add_subscriptions(db, found, shown):
        status = "added" if o.status == "subscribed" else "unchanged"
        note = "subscribed; `newsreader refresh` fetches it" if status == "added" else "already subscribed"
        outcomes.append(ImportOutcome(f"{shown}: {o.url}", status, message=note))
    if not found and not problems:
        outcomes.append(ImportOutcome(shown, "unchanged", message="no feeds in the file"))
    return outcomes
