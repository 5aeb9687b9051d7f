"""Small frozen dataclasses the core hands to the TUI and the CLI.

The store turns rows into these; nothing above the store sees a raw row.
Offsets (`start`, `end`) are code-point offsets into `Article.body`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

BlockKind = Literal["paragraph", "heading"]

# Limits that hold on every way in, so that whatever an export writes an import
# accepts (W3C files, the CLI and the TUI check the same numbers).
MAX_TAG_CHARS = 200
MAX_NOTE_CHARS = 1_000_000
MAX_ID = 2**63 - 1  # SQLite's largest INTEGER
MAX_SEARCH_RESULTS = 1000  # hits one search returns at most

# A JSON field: its name, or (name, attribute or property it is read from).
JsonField = str | tuple[str, str]


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Serialisable):
        return value.to_json()
    return value


class Serialisable:
    """The stable `--json` shape of a model object (README, "--json output").

    `JSON_VIEWS` names the fields of each view ("default" unless a command asks
    for another); a field is an attribute name, or (JSON name, attribute).
    """

    __slots__ = ()
    JSON_VIEWS: ClassVar[dict[str, tuple[JsonField, ...]]] = {}

    def to_json(self, view: str = "default") -> dict[str, Any]:
        out = {}
        for entry in self.JSON_VIEWS[view]:
            name, attribute = (entry, entry) if isinstance(entry, str) else entry
            out[name] = _jsonable(getattr(self, attribute))
        return out


@dataclass(frozen=True, slots=True)
class Block(Serialisable):
    """One paragraph or subheading of a cleaned body: `body[start:end]`.

    Slotted: a long article has a million of these, and a dict each would
    cost ~100 bytes apiece on import and when it is opened."""

    JSON_VIEWS = {"default": ("kind", "start", "end")}

    kind: BlockKind
    start: int
    end: int


@dataclass(frozen=True)
class ArticleSummary(Serialisable):
    """What the article list needs: no body, so a page of these is cheap."""

    JSON_VIEWS = {
        "default": (
            "id", "title", "source", "language", "published", "imported_at", "read", "starred",
            ("highlights", "highlight_count"),
        )
    }

    id: int
    title: str
    source: str | None
    language: str
    published: str | None
    imported_at: str
    read_at: str | None
    starred: bool
    highlight_count: int

    @property
    def read(self) -> bool:
        """Opened in the reader at least once."""
        return self.read_at is not None


@dataclass(frozen=True)
class Article(Serialisable):
    JSON_VIEWS = {
        "default": ("id", "title", "source", "url", "author", "published", "language", "body", "blocks")
    }

    id: int
    origin: str
    title: str
    source: str | None
    url: str | None
    author: str | None
    published: str | None
    language: str
    raw: str
    body: str
    blocks: tuple[Block, ...]
    content_hash: str
    cleaner_version: int
    imported_at: str
    updated_at: str
    read_at: str | None
    starred: bool
    read_position: int = 0


@dataclass(frozen=True)
class Highlight(Serialisable):
    JSON_VIEWS = {
        # in `show --json`, under its article
        "default": ("id", "start", "end", "exact", "note", "tags", "state"),
        # `list --orphans --json`: no offsets (they point at nothing), its article instead
        "orphan": (
            "id", "article_id", "exact", "prefix", "suffix", "note", "tags", "created_at", "updated_at",
        ),
    }

    id: int
    article_id: int
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    note: str | None
    color: str
    tags: tuple[str, ...]
    created_at: str
    updated_at: str
    state: Literal["anchored", "orphaned"] = "anchored"

    @property
    def orphaned(self) -> bool:
        return self.state == "orphaned"


@dataclass(frozen=True)
class ArticleNote:
    """The article-level note: Markdown text with no range in the body."""

    article_id: int
    text: str
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class SearchHit(Serialisable):
    JSON_VIEWS = {
        "default": (("id", "article_id"), "kind", "title", "snippet", ("score", "rounded_score"), "highlight_id")
    }

    kind: Literal["article", "note"]
    article_id: int
    title: str
    snippet: str
    score: float
    highlight_id: int | None = None
    # (start, end) spans of the match inside `snippet`, for marking without markup.
    marks: tuple[tuple[int, int], ...] = field(default=())

    @property
    def rounded_score(self) -> float:
        return round(self.score, 4)


@dataclass(frozen=True)
class Feed(Serialisable):
    """A subscription: a feed URL (http/https) or the path of a local feed file."""

    JSON_VIEWS = {
        "default": (
            "id", "url", "title", "site_url", "full_text", ("articles", "article_count"), "added_at",
            "last_checked_at", "last_status", "last_error",
        )
    }

    id: int
    url: str
    title: str | None
    site_url: str | None
    full_text: bool
    added_at: str
    last_checked_at: str | None
    last_status: str | None  # "ok", "not-modified" or "error"
    last_error: str | None
    article_count: int = 0

    @property
    def name(self) -> str:
        """What to call the feed on screen: its title, else its URL."""
        return self.title or self.url
