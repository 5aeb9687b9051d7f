"""Export highlights and notes as a W3C Web Annotation collection (JSON-LD).

Each highlight becomes an `Annotation` whose target carries a
TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector (start,
end: code-point offsets into the cleaned text newsreader shows), whose bodies
are the note (`TextualBody`, text/markdown) and one `tagging` body per tag. An
article note is an annotation whose target has no selector. Ids are stable
URNs (`urn:newsreader:<store uuid>:highlight:<id>`), so importing the file
into another store, or twice, never duplicates an annotation.

The output is deterministic (no generation time), so exporting an unchanged
store twice gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from newsreader.export.files import write_atomic
from newsreader.model import Article, ArticleNote, Highlight
from newsreader.text.terminal import safe_json

__all__ = [
    "ANNO_CONTEXT",
    "DEFAULT_FILENAME",
    "annotation_urn",
    "article_source",
    "render_collection",
    "write_collection",
]

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
DEFAULT_FILENAME = "newsreader-annotations.jsonld"
# Two or more letters then ":" — "C:\\x" is a Windows path, not a URI scheme.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def annotation_urn(store_uuid: str, kind: str, local_id: int) -> str:
    """`urn:newsreader:<store uuid>:<kind>:<id>`; kind is highlight or article-note."""
    return f"urn:newsreader:{store_uuid}:{kind}:{int(local_id)}"


def article_source(article: Article) -> str:
    """The IRI an annotation targets: the article's URL, else its origin as an IRI."""
    if article.url:
        return article.url
    if _SCHEME.match(article.origin):
        return article.origin
    path = Path(article.origin)
    if path.is_absolute():
        return path.as_uri()
    return f"urn:newsreader:content:{article.content_hash}"


def _target(article: Article) -> dict[str, Any]:
    return {
        "source": article_source(article),
        # Not part of the W3C vocabulary; other tools ignore it. newsreader
        # uses it to find the article in another store.
        "newsreader": {
            "origin": article.origin,
            "title": article.title,
            "contentHash": article.content_hash,
        },
    }


def _note_body(text: str) -> dict[str, str]:
    return {"type": "TextualBody", "purpose": "commenting", "value": text, "format": "text/markdown"}


def _highlight_annotation(article: Article, h: Highlight, annotation_id: str) -> dict[str, Any]:
    bodies: list[dict[str, str]] = []
    if h.note and h.note.strip():
        bodies.append(_note_body(h.note))
    bodies.extend({"type": "TextualBody", "purpose": "tagging", "value": t} for t in h.tags)
    target = _target(article)
    selectors: list[dict[str, Any]] = [
        {"type": "TextQuoteSelector", "exact": h.exact, "prefix": h.prefix, "suffix": h.suffix}
    ]
    # An orphan's old offsets point at text that is no longer there.
    if h.state == "anchored":
        selectors.append({"type": "TextPositionSelector", "start": h.start, "end": h.end})
    target["selector"] = selectors
    annotation: dict[str, Any] = {
        "id": annotation_id,
        "type": "Annotation",
        "created": h.created_at,
        "modified": h.updated_at,
        "motivation": "commenting" if h.note and h.note.strip() else "highlighting",
    }
    if bodies:
        annotation["body"] = bodies
    annotation["target"] = target
    annotation["newsreader"] = {"color": h.color, "state": h.state}
    return annotation


def _note_annotation(article: Article, note: ArticleNote, annotation_id: str) -> dict[str, Any]:
    return {
        "id": annotation_id,
        "type": "Annotation",
        "created": note.created_at,
        "modified": note.updated_at,
        "motivation": "commenting",
        "body": [_note_body(note.text)],
        "target": _target(article),
    }


def render_collection(
    store_uuid: str,
    items: Iterable[tuple[Article, Sequence[Highlight], ArticleNote | None]],
    highlight_ids: Mapping[int, str] | None = None,
    note_ids: Mapping[int, str] | None = None,
) -> dict[str, Any]:
    """The AnnotationCollection for the given articles, as a JSON-ready dict.

    `highlight_ids` / `note_ids` give annotations that came from an imported
    file their original id (by highlight id / article id), so they keep one
    identity however many stores they pass through.
    """
    highlight_ids = highlight_ids or {}
    note_ids = note_ids or {}
    annotations: list[dict[str, Any]] = []
    for article, highlights, note in items:
        anchored = sorted((h for h in highlights if h.state == "anchored"), key=lambda h: (h.start, h.id))
        orphans = sorted((h for h in highlights if h.state != "anchored"), key=lambda h: h.id)
        for h in [*anchored, *orphans]:
            urn = highlight_ids.get(h.id) or annotation_urn(store_uuid, "highlight", h.id)
            annotations.append(_highlight_annotation(article, h, urn))
        if note is not None and note.text.strip():
            urn = note_ids.get(article.id) or annotation_urn(store_uuid, "article-note", article.id)
            annotations.append(_note_annotation(article, note, urn))
    return {
        "@context": ANNO_CONTEXT,
        "id": f"urn:newsreader:{store_uuid}:collection",
        "type": "AnnotationCollection",
        "label": "newsreader highlights and notes",
        "total": len(annotations),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": annotations},
    }


def write_collection(path: Path, collection: Mapping[str, Any]) -> Path:
    """Write the collection as UTF-8 JSON, atomically; creates missing folders."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, safe_json(collection) + "\n")
    return path
