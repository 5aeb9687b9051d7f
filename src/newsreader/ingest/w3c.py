"""Reading W3C Web Annotation files (JSON-LD) into plain records, defensively.

The file is untrusted: any field may have the wrong type, be missing or be
huge. A problem with the file as a whole raises `IngestError`; a problem with
one annotation becomes an `AnnotationProblem` naming it (1-based index and id)
and the others are still read. Nothing here touches the store.

Accepted shapes: an AnnotationCollection with embedded pages (`first`,
following embedded `next` pages), an AnnotationPage, a single Annotation, or a
JSON array of annotations. Positions are code points.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from newsreader.anchoring import CONTEXT_CHARS, Quote
from newsreader.model import MAX_NOTE_CHARS, MAX_TAG_CHARS
from newsreader.text.limits import text_problem
from newsreader.ingest.plaintext import IngestError, read_limited

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_TEXT_CHARS = MAX_NOTE_CHARS
MAX_ID_CHARS = 2048
MAX_PAGES = 10_000
MAX_OFFSET = 2**31 - 1
ANNOTATION_SUFFIXES = (".jsonld", ".json")
_SNIFF_BYTES = 4096
_COLOR = re.compile(r"^[A-Za-z0-9#_-]{1,32}$")


@dataclass(frozen=True)
class IncomingTarget:
    """What names the article: any of these may be missing (None)."""

    source: str | None
    origin: str | None
    content_hash: str | None
    title: str | None


@dataclass(frozen=True)
class IncomingAnnotation:
    """One valid annotation from a file; `quote` is None for an article note."""

    index: int
    id: str | None
    target: IncomingTarget
    quote: Quote | None
    start: int | None
    end: int | None
    note: str | None
    tags: tuple[str, ...]
    created: str | None
    modified: str | None
    color: str | None


@dataclass(frozen=True)
class AnnotationProblem:
    index: int
    id: str | None
    reason: str

    def where(self) -> str:
        return annotation_label(self.index, self.id)


class _Invalid(Exception):
    pass


def annotation_label(index: int, annotation_id: str | None) -> str:
    """"annotation 3" or "annotation 3 (urn:...)", the id shortened for one line."""
    if not annotation_id:
        return f"annotation {index}"
    shown = annotation_id if len(annotation_id) <= 100 else annotation_id[:99] + "…"
    return f"annotation {index} ({shown})"


def looks_like_annotation_file(path: Path) -> bool:
    """By extension (.jsonld, .json), or JSON text that names the W3C context."""
    if path.suffix.lower() in ANNOTATION_SUFFIXES:
        return True
    try:
        if not path.is_file():  # a FIFO would block, a device never end
            return False
        with path.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError:
        return False
    return looks_like_annotations(head)


def read_annotation_file(path: Path) -> tuple[list[IncomingAnnotation], list[AnnotationProblem]]:
    """Read and check one annotation file. Raises IngestError for the file as a whole."""
    return parse_annotation_bytes(read_limited(path, MAX_FILE_BYTES, "annotation files"))


def looks_like_annotations(head: bytes) -> bool:
    """JSON text that names the W3C annotation context."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text[:1] in (b"{", b"[") and b"www.w3.org/ns/anno.jsonld" in head


def parse_annotation_bytes(data: bytes) -> tuple[list[IncomingAnnotation], list[AnnotationProblem]]:
    """Check the annotations of a file's bytes. Raises IngestError for the file as a whole."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(f"not valid UTF-8 at byte {exc.start}") from None
    try:
        document = json.loads(text)
    except RecursionError:
        raise IngestError("not usable JSON: nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError, or an integer too long to convert
        raise IngestError(f"not valid JSON ({exc})") from None
    return parse_annotation_document(document)


def _types(value: dict[str, Any]) -> set[str]:
    kind = value.get("type", value.get("@type"))
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return set()


def _items(document: Any) -> list[Any]:
    """The raw annotation objects of a document, or IngestError for its shape."""
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        raise IngestError(_NOT_ANNOTATIONS)
    kinds = _types(document)
    if "Annotation" in kinds:
        return [document]
    if "AnnotationPage" in kinds:
        return _page_items(document)
    if "AnnotationCollection" in kinds:
        page = document.get("first")
        if page is None:
            return _page_items(document) if "items" in document else []
        items: list[Any] = []
        for _ in range(MAX_PAGES):
            if isinstance(page, str):
                raise IngestError(
                    "the collection's pages are not in the file (only links); "
                    "newsreader reads embedded pages only"
                )
            if not isinstance(page, dict):
                raise IngestError("the collection's page is not an object")
            items.extend(_page_items(page))
            page = page.get("next")
            if page is None:
                return items
        raise IngestError(f"more than {MAX_PAGES} pages")
    raise IngestError(_NOT_ANNOTATIONS)


_NOT_ANNOTATIONS = (
    "not a W3C annotation file (expected an AnnotationCollection, an AnnotationPage, "
    "an Annotation or a list of annotations)"
)


def _page_items(page: dict[str, Any]) -> list[Any]:
    items = page.get("items", [])
    if not isinstance(items, list):
        raise IngestError("the page's items are not a list")
    return items


def parse_annotation_document(
    document: Any,
) -> tuple[list[IncomingAnnotation], list[AnnotationProblem]]:
    """Check every annotation of a decoded JSON document."""
    good: list[IncomingAnnotation] = []
    problems: list[AnnotationProblem] = []
    for index, raw in enumerate(_items(document), start=1):
        raw_id = raw.get("id", raw.get("@id")) if isinstance(raw, dict) else None
        shown_id = raw_id if isinstance(raw_id, str) else None
        try:
            good.append(_annotation(index, raw))
        except _Invalid as exc:
            problems.append(AnnotationProblem(index, shown_id, str(exc)))
    return good, problems


def _text(value: Any, what: str, limit: int = MAX_TEXT_CHARS) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"{what} is not a string")
    problem = text_problem(value, what, limit)
    if problem is not None:
        raise _Invalid(problem)
    return value


def _optional_text(value: Any, what: str, limit: int = MAX_TEXT_CHARS) -> str | None:
    return None if value is None else _text(value, what, limit)


def _date(value: Any, what: str) -> str | None:
    if value is None:
        return None
    text = _text(value, what, 64)
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise _Invalid(f"{what} is not an ISO 8601 date-time: {text!r}") from None
    return text


def _offset(value: Any, what: str) -> int:
    # bool is an int subclass in Python; true/false are not offsets.
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _Invalid(f"{what} is not a non-negative integer")
    if value > MAX_OFFSET:
        raise _Invalid(f"{what} is out of range")
    return value


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _annotation(index: int, raw: Any) -> IncomingAnnotation:
    if not isinstance(raw, dict):
        raise _Invalid("is not a JSON object")
    if "Annotation" not in _types(raw):
        raise _Invalid('type is not "Annotation"')
    annotation_id = _optional_text(raw.get("id", raw.get("@id")), "id", MAX_ID_CHARS)
    note, tags = _bodies(raw)
    target, selectors = _target(raw.get("target"))
    quote, start, end = _selectors(selectors)
    if quote is None and not (note and note.strip()):
        raise _Invalid("has neither a TextQuoteSelector nor a note: nothing to import")
    extension = raw.get("newsreader")
    color = extension.get("color") if isinstance(extension, dict) else None
    return IncomingAnnotation(
        index=index,
        id=annotation_id or None,
        target=target,
        quote=quote,
        start=start,
        end=end,
        note=note,
        tags=tags,
        created=_date(raw.get("created"), "created"),
        modified=_date(raw.get("modified"), "modified"),
        color=color if isinstance(color, str) and _COLOR.match(color) else None,
    )


def _bodies(raw: dict[str, Any]) -> tuple[str | None, tuple[str, ...]]:
    """(note, tags) from `bodyValue` and `body`; unsupported body kinds are skipped."""
    notes: list[str] = []
    tags: list[str] = []
    if "bodyValue" in raw:
        notes.append(_text(raw["bodyValue"], "bodyValue"))
    for n, body in enumerate(_as_list(raw.get("body", [])), start=1):
        if isinstance(body, str):
            continue  # a link to an external body: nothing newsreader can hold
        if not isinstance(body, dict):
            raise _Invalid(f"body {n} is not an object")
        if "TextualBody" not in _types(body):
            continue
        value = _text(body.get("value"), f"body {n} value")
        purposes = {p for p in _as_list(body.get("purpose")) if isinstance(p, str)}
        if "tagging" in purposes:
            tag = _text(value.strip(), f"tag {value[:20]!r}", MAX_TAG_CHARS)
            if tag and tag not in tags:
                tags.append(tag)
        else:
            notes.append(value)
    total = "\n\n".join(notes)
    if len(total) > MAX_TEXT_CHARS:
        raise _Invalid(f"note is too long ({len(total):,} characters; the limit is {MAX_TEXT_CHARS:,})")
    return (total if total.strip() else None), tuple(sorted(tags))


def _target(value: Any) -> tuple[IncomingTarget, list[Any]]:
    if value is None:
        raise _Invalid("has no target")
    if isinstance(value, list):
        if not value:
            raise _Invalid("has an empty target list")
        value = value[0]  # several targets: newsreader keeps the first
    if isinstance(value, str):
        return IncomingTarget(_text(value, "target", MAX_ID_CHARS), None, None, None), []
    if not isinstance(value, dict):
        raise _Invalid("target is not an object or a link")
    source = _optional_text(value.get("source"), "target source", MAX_ID_CHARS)
    extension = value.get("newsreader")
    origin = content_hash = title = None
    if extension is not None:
        if not isinstance(extension, dict):
            raise _Invalid("target newsreader is not an object")
        origin = _optional_text(extension.get("origin"), "target origin", MAX_ID_CHARS)
        content_hash = _optional_text(extension.get("contentHash"), "target contentHash", 128)
        title = _optional_text(extension.get("title"), "target title", MAX_ID_CHARS)
    if not (source or origin or content_hash):
        raise _Invalid("target has no source")
    selector = value.get("selector")
    return IncomingTarget(source, origin, content_hash, title), (
        [] if selector is None else _as_list(selector)
    )


def _selectors(selectors: list[Any]) -> tuple[Quote | None, int | None, int | None]:
    quote: Quote | None = None
    start = end = None
    for n, selector in enumerate(selectors, start=1):
        if not isinstance(selector, dict):
            raise _Invalid(f"selector {n} is not an object")
        kinds = _types(selector)
        if "TextQuoteSelector" in kinds and quote is None:
            exact = _text(selector.get("exact"), "exact")
            if not exact.strip():
                raise _Invalid("exact is empty")
            prefix = _text(selector.get("prefix", ""), "prefix")[-CONTEXT_CHARS:]
            suffix = _text(selector.get("suffix", ""), "suffix")[:CONTEXT_CHARS]
            quote = Quote(exact, prefix, suffix)
        elif "TextPositionSelector" in kinds and start is None:
            start = _offset(selector.get("start"), "start")
            end = _offset(selector.get("end"), "end")
            if end <= start:
                raise _Invalid("end is not after start")
    if selectors and quote is None:
        raise _Invalid("has no TextQuoteSelector: newsreader needs the quoted text")
    return quote, start, end
