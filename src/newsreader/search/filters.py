"""`lang:`, `is:`, `has:`, `tag:` and `in:` as SQL, per kind of hit.

A filter means slightly different SQL for an article hit, a highlight hit and an
article-note hit (`has:note` on a highlight is "this highlight has a note"), so
each kind gets its own WHERE clause. Constants are folded: a clause that is
always false (`in:notes` for articles) skips that table's query altogether.

Values are bound parameters, never SQL text. An unknown value (`is:banana`)
matches nothing, honestly; an empty one (`lang:` while typing) is ignored.
"""

from __future__ import annotations

from newsreader.search.query import And, Filter, Node, Not, Or
from newsreader.text.language import code_for_name
from newsreader.text.stemming import normalise_language

ARTICLE, HIGHLIGHT, ARTICLE_NOTE = "article", "highlight", "article_note"
TRUE, FALSE = "1", "0"

# Table aliases in every search statement: a = articles, h = highlights, n = article_notes.
_HAS_HIGHLIGHT = "EXISTS (SELECT 1 FROM highlights fh WHERE fh.article_id = a.id)"
_HAS_NOTE = (
    "(EXISTS (SELECT 1 FROM highlights fh WHERE fh.article_id = a.id AND fh.note IS NOT NULL)"
    " OR EXISTS (SELECT 1 FROM article_notes fn WHERE fn.article_id = a.id))"
)
_ARTICLE_TAG = (
    "EXISTS (SELECT 1 FROM highlights fh, json_each(fh.tags) ft "
    "WHERE fh.article_id = a.id AND ft.value = {p} COLLATE NOCASE)"
)
_HIGHLIGHT_TAG = "EXISTS (SELECT 1 FROM json_each(h.tags) ft WHERE ft.value = {p} COLLATE NOCASE)"

NOTE_VALUES = frozenset({"notes", "note", "highlights", "highlight"})
ARTICLE_VALUES = frozenset({"articles", "article"})

_IS = {
    "read": "a.read_at IS NOT NULL",
    "unread": "a.read_at IS NULL",
    "starred": "a.starred = 1",
    "unstarred": "a.starred = 0",
}


class Params(dict):
    """Named parameters, numbered in order so equal query shapes give equal SQL
    (and so reuse sqlite3's cached prepared statements)."""

    def add(self, value: object) -> str:
        name = f"p{len(self)}"
        self[name] = value
        return ":" + name


def language_code(value: str) -> str:
    """"no", "nb", "Norwegian" all mean "no"."""
    return normalise_language(code_for_name(value) or value)


def _one(f: Filter, kind: str, params: Params) -> str | None:
    value = f.value.strip().lower()
    if not value:
        return None
    if f.key == "lang":
        return f"a.language = {params.add(language_code(value))}"
    if f.key == "is":
        return _IS.get(value, FALSE)
    if f.key == "in":
        if value in NOTE_VALUES:
            return TRUE if kind != ARTICLE else FALSE
        if value in ARTICLE_VALUES:
            return TRUE if kind == ARTICLE else FALSE
        return FALSE
    if f.key == "has":
        if value in ("highlight", "highlights"):
            return TRUE if kind == HIGHLIGHT else _HAS_HIGHLIGHT
        if value in ("note", "notes"):
            return {HIGHLIGHT: "h.note IS NOT NULL", ARTICLE_NOTE: TRUE}.get(kind, _HAS_NOTE)
        return FALSE
    if f.key == "tag":
        tag = f.value.strip().lstrip("#")
        if not tag:
            return None
        template = _HIGHLIGHT_TAG if kind == HIGHLIGHT else _ARTICLE_TAG
        return template.format(p=params.add(tag))
    return FALSE


def _negate(sql: str) -> str:
    return {TRUE: FALSE, FALSE: TRUE}.get(sql, f"NOT ({sql})")


def _join(parts: list[str], op: str) -> str:
    absorbing, neutral = (FALSE, TRUE) if op == "AND" else (TRUE, FALSE)
    if absorbing in parts:
        return absorbing
    parts = [p for p in parts if p != neutral]
    if not parts:
        return neutral
    return parts[0] if len(parts) == 1 else "(" + f" {op} ".join(parts) + ")"


def filter_sql(node: Node, kind: str, params: Params) -> str | None:
    """SQL for one filter node for hits of `kind`; None when it filters nothing."""
    if isinstance(node, Filter):
        return _one(node, kind, params)
    if isinstance(node, Not):
        inner = filter_sql(node.node, kind, params)
        return _negate(inner) if inner is not None else None
    if isinstance(node, (And, Or)):
        parts = [p for item in node.items if (p := filter_sql(item, kind, params)) is not None]
        return _join(parts, "AND" if isinstance(node, And) else "OR") if parts else None
    return None


def where_clause(filters: list[Node], kind: str, params: Params) -> str:
    """Every filter ANDed for `kind`: TRUE, FALSE, or an SQL condition."""
    parts = [p for node in filters if (p := filter_sql(node, kind, params)) is not None]
    return _join(parts, "AND")
