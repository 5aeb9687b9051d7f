"""Export an article's highlights and notes as an Obsidian-friendly Markdown file.

One file per article: YAML front matter, the title, the anchored highlights
in text order (each a blockquote with an ``^hl-<id>`` block id so Obsidian
can link to it), the highlights that could no longer be placed, and the
article note. Everything the user typed (notes) is written verbatim; titles
and tags, which end up in YAML or headings, are escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from newsreader.export.files import safe_output_path, safe_slug, write_atomic
from newsreader.model import Article, ArticleNote, Highlight
from newsreader.text.terminal import strip_control

__all__ = [
    "GENERATOR",
    "INDEX_FILENAME",
    "NotOurFile",
    "Written",
    "markdown_filename",
    "render_index",
    "render_markdown",
    "write_markdown",
    "write_markdown_all",
]

INDEX_FILENAME = "index.md"
# Every file this module writes says so in its front matter; a file in the
# export folder without it is the user's and is never overwritten.
GENERATOR = "newsreader"
_GENERATOR_LINE = f'generator: "{GENERATOR}"'
_LEGACY_INDEX = "# Exported articles\n"  # index.md as exports before the marker wrote it
# index.md has no front matter; its mark is a comment on its last line.
_INDEX_MARK = f"<!-- {_GENERATOR_LINE}: replaced by every export --all -->"


class NotOurFile(OSError):
    """A file at an export's path that newsreader did not write: left as it is."""

    def __init__(self, path: Path):
        super().__init__(None, "exists and was not written by newsreader; left as it is", str(path))

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


class Written(list):
    """The paths an export wrote, and `skipped`: the user's files it left alone."""

    def __init__(self, paths=(), skipped=()):
        super().__init__(paths)
        self.skipped: list[NotOurFile] = list(skipped)

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_WHITESPACE = re.compile(r"\s+")
# C0/C1 controls other than whitespace: invisible in a heading, and ESC
# sequences would repaint a terminal that `cat`s the file.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
# Characters that could start markup, a link, a tag, an entity or a comment
# in the index line; plain punctuation such as ":" or "-" is left readable.
_INDEX_SPECIAL = re.compile(r"([\\`*_\[\]<>|~=#%$^&!])")

_ORPHAN_EXPLANATION = (
    "_The article text has changed since these were highlighted, and the "
    "quoted passages could not be found in it any more._"
)


# --- YAML -----------------------------------------------------------------


def _yaml_str(value: str) -> str:
    """Quote `value` as a YAML double-quoted scalar that survives any input.

    Only escapes that JSON shares are used, so the result is also a valid
    JSON string. Everything YAML would reject or fold (controls, DEL, C1,
    NEL, the Unicode line/paragraph separators, BOM, surrogates,
    non-characters) becomes ``\\uXXXX``.
    """
    out = ['"']
    for ch in value:
        cp = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif (
            cp < 0x20
            or 0x7F <= cp <= 0x9F
            or cp in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF)
            or 0x202A <= cp <= 0x202E  # bidi controls: escaped, so visible in the file
            or 0x2066 <= cp <= 0x2069
            or 0xD800 <= cp <= 0xDFFF
        ):
            out.append(f"\\u{cp:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _front_matter(article: Article, tags: Sequence[str]) -> str:
    # Every string is quoted: unquoted, `language: no` is the boolean false
    # in YAML 1.1 and `published: 2022-11-15` a date, not the stored text.
    fields: list[tuple[str, str | None]] = [
        ("id", str(int(article.id))),
        ("title", _yaml_str(article.title)),
        ("author", article.author),
        ("source", article.source),
        ("url", article.url),
        ("language", article.language),
        ("published", article.published),
        ("imported", article.imported_at),
    ]
    lines = ["---"]
    for key, value in fields:
        if value is None:
            continue
        if key not in ("id", "title"):
            value = _yaml_str(value)
        lines.append(f"{key}: {value}")
    lines.append("tags: [" + ", ".join(_yaml_str(t) for t in tags) + "]")
    lines.append(_GENERATOR_LINE)
    lines.append("---")
    return "\n".join(lines)


# --- Markdown pieces -------------------------------------------------------


def _one_line(text: str) -> str:
    return _WHITESPACE.sub(" ", _CONTROL.sub("", strip_control(text))).strip()


def _heading(title: str) -> str:
    text = _one_line(title) or "Untitled"
    # A trailing " #" run would be read as the heading's closing sequence
    # and vanish ("Foo #" -> "Foo"), so escape its last "#".
    if re.search(r"(?:^|\s)#+$", text):
        text = text[:-1] + "\\#"
    return f"# {text}"


def _blockquote(text: str) -> str:
    lines = _LINE_BREAK.split(strip_control(text).strip("\r\n"))
    return "\n".join(f"> {line}" if line else ">" for line in lines)


def _user_markdown(text: str | None) -> str | None:
    """The user's Markdown verbatim, or None when there is nothing to show.

    Only line endings are normalised and surrounding blank lines dropped. An
    unterminated code fence is closed, since otherwise it would swallow every
    section after it.
    """
    if text is None or not text.strip():
        return None
    # Escape sequences, other controls and bidi overrides out (a `cat` of the
    # file must not repaint the terminal); every other character is kept.
    lines = _LINE_BREAK.split(strip_control(text).strip("\r\n"))
    open_fence: str | None = None
    for line in lines:
        match = _FENCE.match(line)
        if not match:
            continue
        marker, rest = match.groups()
        if open_fence is None:
            # A backtick fence's info string may not contain backticks.
            if not (marker[0] == "`" and "`" in rest):
                open_fence = marker
        elif marker[0] == open_fence[0] and len(marker) >= len(open_fence):
            if not rest.strip():
                open_fence = None
    if open_fence is not None:
        lines.append(open_fence)
    return "\n".join(lines)


def _tag_line(tags: Sequence[str]) -> str | None:
    names = [_WHITESPACE.sub("-", t.strip()) for t in tags]
    names = [n for n in names if n]
    return "Tags: " + " ".join(f"#{n}" for n in names) if names else None


def _highlight_block(highlight: Highlight) -> str:
    # Obsidian wants the id of a quote on its own line with a blank line
    # around it; directly below "> ..." it would be a lazy continuation
    # line, i.e. part of the quoted text.
    parts = [_blockquote(highlight.exact), f"^hl-{int(highlight.id)}"]
    note = _user_markdown(highlight.note)
    if note is not None:
        parts.append(note)
    tags = _tag_line(highlight.tags)
    if tags is not None:
        parts.append(tags)
    return "\n\n".join(parts)


# --- public API ------------------------------------------------------------


def render_markdown(
    article: Article,
    highlights: Sequence[Highlight],
    note: ArticleNote | None,
) -> str:
    """Render one article's highlights and notes as a Markdown document.

    Anchored highlights are listed in text order (start, then id) under
    "## Highlights"; orphaned ones under "## Could not be placed"; the
    article note under "## Notes". Empty sections are left out. The result
    ends with a single newline.
    """
    anchored = sorted(
        (h for h in highlights if h.state != "orphaned"),
        key=lambda h: (h.start, h.id),
    )
    # Stale offsets mean nothing for orphans; creation order does.
    orphaned = sorted((h for h in highlights if h.state == "orphaned"), key=lambda h: h.id)
    tags = sorted({t for h in highlights for t in h.tags})

    sections = [_front_matter(article, tags), _heading(article.title)]
    if anchored:
        sections.append("## Highlights")
        sections.extend(_highlight_block(h) for h in anchored)
    if orphaned:
        sections.append("## Could not be placed")
        sections.append(_ORPHAN_EXPLANATION)
        sections.extend(_highlight_block(h) for h in orphaned)
    note_text = _user_markdown(note.text if note is not None else None)
    if note_text is not None:
        sections.append("## Notes")
        sections.append(note_text)
    return "\n\n".join(sections) + "\n"


def markdown_filename(article: Article) -> str:
    """The export file name for `article`: ``<safe slug>-<id>.md``."""
    return f"{safe_slug(article.title, article.id)}.md"


def write_markdown(
    out_dir: Path,
    article: Article,
    highlights: Sequence[Highlight],
    note: ArticleNote | None,
) -> Path:
    """Write one article's Markdown export into `out_dir` and return its path.

    `out_dir` (and its parents) is created if missing; the file is written
    atomically, replacing an earlier export of the same article.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = safe_output_path(out_dir, markdown_filename(article))
    if not written_by_us(path, article.id):
        raise NotOurFile(path)
    write_atomic(path, render_markdown(article, highlights, note))
    return path


def _tail(path: Path) -> str:
    with open(path, "rb") as fh:
        fh.seek(max(0, path.stat().st_size - 512))
        return fh.read().decode("utf-8", errors="replace")


def written_by_us(path: Path, article_id: int | None = None) -> bool:
    """True if `path` is missing or an earlier newsreader export (its front
    matter's generator line; for exports from before that line, the id of the
    article whose name it has, or the index's own first line)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            head = fh.read(4096)
    except FileNotFoundError:
        return True
    except IsADirectoryError:
        return False
    if article_id is None and _INDEX_MARK in _tail(path):
        return True
    if head.startswith("---\n"):
        front = head[4 : head.find("\n---", 4)] if "\n---" in head[4:] else ""
        if _GENERATOR_LINE in front.splitlines():
            return True
        if article_id is not None and front.startswith(f"id: {int(article_id)}\n"):
            return True
    return article_id is None and head.startswith(_LEGACY_INDEX) and "\n- [[" in head


def render_index(
    entries: Iterable[tuple[Article, Sequence[Highlight], ArticleNote | None]],
) -> str:
    """Render ``index.md``: one wikilinked line per article with its counts."""
    lines = ["# Exported articles", ""]
    for article, highlights, note in entries:
        stem = markdown_filename(article)[: -len(".md")]
        orphans = sum(1 for h in highlights if h.state == "orphaned")
        placed = len(highlights) - orphans
        counts = [f"{placed} highlight{'' if placed == 1 else 's'}"]
        if orphans:
            counts.append(f"{orphans} could not be placed")
        if note is not None and note.text.strip():
            counts.append("note")
        # The title is shown as escaped plain text next to the link rather
        # than as a link alias: "|", "]]" or a newline would break an alias.
        title = _INDEX_SPECIAL.sub(r"\\\1", _one_line(article.title)) or "Untitled"
        lines.append(f"- [[{stem}]] {title} ({', '.join(counts)})")
    lines += ["", _INDEX_MARK]
    return "\n".join(lines) + "\n"


def write_markdown_all(
    out_dir: Path,
    items: Iterable[tuple[Article, Sequence[Highlight], ArticleNote | None]],
) -> list[Path]:
    """Export every article plus an ``index.md`` linking them all.

    Returns the article files in the order given, then the index. Article
    file names always end in ``-<id>``, so none can collide with the index. A
    file of the user's at one of those paths is left alone and listed in the
    result's `skipped`; the rest is written.
    """
    out_dir = Path(out_dir)
    entries = [(a, list(hs), n) for a, hs, n in items]
    written = Written()
    for a, hs, n in entries:
        try:
            written.append(write_markdown(out_dir, a, hs, n))
        except NotOurFile as exc:
            written.skipped.append(exc)
    out_dir.mkdir(parents=True, exist_ok=True)  # also when there are no articles
    index = safe_output_path(out_dir, INDEX_FILENAME)
    if written_by_us(index):
        write_atomic(index, render_index(entries))
        written.append(index)
    else:
        written.skipped.append(NotOurFile(index))
    return written
