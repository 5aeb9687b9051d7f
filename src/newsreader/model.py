"""Small frozen dataclasses the core hands to the TUI and the CLI.

The store turns rows into these; nothing above the store sees a raw row.
Offsets (`start`, `end`) are code-point offsets into `Article.body`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["paragraph", "heading"]


@dataclass(frozen=True)
class Block:
    """One paragraph or subheading of a cleaned body: `body[start:end]`."""

    kind: BlockKind
    start: int
    end: int


@dataclass(frozen=True)
class ArticleSummary:
    """What the article list needs: no body, so a page of these is cheap."""

    id: int
    title: str
    source: str | None
    language: str
    published: str | None
    imported_at: str
    read_at: str | None
    starred: bool
    highlight_count: int


@dataclass(frozen=True)
class Article:
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
class Highlight:
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
class SearchHit:
    kind: Literal["article", "note"]
    article_id: int
    title: str
    snippet: str
    score: float
    highlight_id: int | None = None
    # (start, end) spans of the match inside `snippet`, for marking without markup.
    marks: tuple[tuple[int, int], ...] = field(default=())


@dataclass(frozen=True)
class Feed:
    """A subscription: a feed URL (http/https) or the path of a local feed file."""

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
