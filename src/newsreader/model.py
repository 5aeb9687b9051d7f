"""Small frozen dataclasses the core hands to the TUI and the CLI.

The store turns rows into these; nothing above the store sees a raw row.
Offsets (`start`, `end`) are code-point offsets into `Article.body`.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, overload

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
    if isinstance(value, (tuple, Blocks)):
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


_KINDS: tuple[BlockKind, ...] = ("paragraph", "heading")
_KIND_CODES = {kind: code for code, kind in enumerate(_KINDS)}


class Blocks(Sequence[Block]):
    """An article's blocks, compact: a kind byte and two 32-bit offsets each
    (9 bytes a block, against ~150 for a tuple of `Block`s), a `Block` made
    only when one is asked for. A two-million-line file has 1.5 million
    blocks: 14 MB this way, 290 MB as objects.

    Immutable; equal to any sequence of the same `Block`s. `starts` and `ends`
    are the offsets themselves (arrays), for bisecting without a `Block` each.
    """

    __slots__ = ("_ends", "_kinds", "_starts")

    def __init__(self, blocks: Iterable[Block] = ()) -> None:
        kinds, starts, ends = bytearray(), array("I"), array("I")
        for block in blocks:
            kinds.append(_KIND_CODES[block.kind])
            starts.append(block.start)
            ends.append(block.end)
        self._kinds, self._starts, self._ends = bytes(kinds), starts, ends

    @classmethod
    def from_arrays(cls, kinds: bytes | bytearray, starts: array, ends: array) -> Blocks:
        """Blocks from their columns: `kinds[i]` 0 (paragraph) or 1 (heading)."""
        if not len(kinds) == len(starts) == len(ends):
            raise ValueError("kinds, starts and ends differ in length")
        made = cls.__new__(cls)
        made._kinds, made._starts, made._ends = bytes(kinds), starts, ends
        return made

    @property
    def kinds(self) -> bytes:
        """One byte a block: 0 a paragraph, 1 a heading."""
        return self._kinds

    @property
    def starts(self) -> Sequence[int]:
        return self._starts

    @property
    def ends(self) -> Sequence[int]:
        return self._ends

    def is_heading(self, index: int) -> bool:
        return self._kinds[index] == 1

    def __len__(self) -> int:
        return len(self._kinds)

    @overload
    def __getitem__(self, index: int) -> Block: ...
    @overload
    def __getitem__(self, index: slice) -> Blocks: ...
    def __getitem__(self, index: int | slice) -> Block | Blocks:
        if isinstance(index, slice):
            return Blocks.from_arrays(self._kinds[index], self._starts[index], self._ends[index])
        return Block(_KINDS[self._kinds[index]], self._starts[index], self._ends[index])

    def __iter__(self) -> Iterator[Block]:
        for code, start, end in zip(self._kinds, self._starts, self._ends):
            yield Block(_KINDS[code], start, end)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Blocks):
            return (self._kinds, self._starts, self._ends) == (other._kinds, other._starts, other._ends)
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._kinds, self._starts.tobytes(), self._ends.tobytes()))

    def __repr__(self) -> str:
        shown = ", ".join(repr(b) for b in self[:3])
        return f"Blocks([{shown}{', ...' if len(self) > 3 else ''}], {len(self)} blocks)"


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
    blocks: Blocks
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


@dataclass(frozen=True)
class FeedCount:
    """A subscription with its reading state: how many of its articles are
    unread, how many it has, and the sort key of its newest one (None: none yet)."""

    feed: Feed
    unread: int
    total: int
    newest: str | None
