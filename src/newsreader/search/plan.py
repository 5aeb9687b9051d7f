"""From the query AST to what SQLite runs: FTS5 expressions and SQL filters.

Every word reaches MATCH only as a double-quoted FTS5 string (inner quotes
doubled), so no user text is ever FTS5 syntax. Filters become SQL with bound
parameters. The same AST compiles twice: against the folded/stemmed index (what
matches) and against the exact unicode61 index (what ranks first).

A word in a script written without spaces (Chinese, Japanese, Thai...; and
Hangul) is matched in the pair tables (store/index.py) as the phrase of its
character pairs (`gram_renderer`); for the rows those tables do not hold, such a
word cannot match, and `without_grams` says what is left of the query there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsreader.search.filters import NOTE_VALUES, language_code
from newsreader.search.query import And, Filter, Node, Not, Or, Term
from newsreader.text.folding import fold_key, fold_letters, spelling_variants
from newsreader.text.scripts import MAX_GRAM_CHARS, is_gram_run, run_tokens
from newsreader.text.stemming import stem_word

Render = Callable[[Term], "str | None"]

# Columns of the search tables (migration 002) that `title:` restricts to.
ARTICLE_TITLE_COLUMNS = "{title title_stems}"
EXACT_TITLE_COLUMNS = "{title}"


def quote(text: str) -> str:
    """An FTS5 string: whatever `text` holds, FTS5 reads it as words, never as syntax."""
    return '"' + text.replace('"', '""') + '"'


@dataclass
class Plan:
    """A parsed query split into a text part (FTS5) and a filter part (SQL)."""

    positive: Node | None = None  # what must match
    negative: list[Node] = field(default_factory=list)  # top-level exclusions
    filters: list[Node] = field(default_factory=list)  # Filter / Not / Or of filters, ANDed
    title_terms: list[Node] = field(default_factory=list)  # top-level title:, for note hits
    nested_title: bool = False  # a title: inside OR/brackets: note hits cannot honour it

    @property
    def has_text(self) -> bool:
        return self.positive is not None

    @property
    def empty(self) -> bool:
        return self.positive is None and not self.filters

    def terms(self) -> list[Term]:
        """The positive terms, for marking matches (not those under a nested exclusion)."""
        return [t for t in _walk(self.positive, skip_not=True) if isinstance(t, Term)]

    def languages(self) -> list[str] | None:
        """Languages named by top-level `lang:` filters, or None for "any"."""
        named = [language_code(f.value) for f in self.filters
                 if isinstance(f, Filter) and f.key == "lang" and f.value.strip()]
        return named or None

    def mentions_notes(self) -> bool:
        """Whether a filter-only query asks for notes (in:notes or tag:)."""
        return any(isinstance(f, Filter) and (f.key == "tag" or (f.key == "in" and f.value.lower() in NOTE_VALUES))
                   for f in _walk_all(self.filters))


def _walk(node: Node | None, skip_not: bool = False) -> Iterable[Node]:
    if node is None or (skip_not and isinstance(node, Not)):
        return
    yield node
    if isinstance(node, (And, Or)):
        for item in node.items:
            yield from _walk(item, skip_not)
    elif isinstance(node, Not):
        yield from _walk(node.node, skip_not)


def _walk_all(nodes: Iterable[Node]) -> Iterable[Node]:
    for node in nodes:
        yield from _walk(node)


def _is_filter(node: Node) -> bool:
    if isinstance(node, Filter):
        return True
    if isinstance(node, Not):
        return _is_filter(node.node)
    if isinstance(node, Or):
        return all(_is_filter(i) for i in node.items)
    return False


def _strip_filters(node: Node, hoisted: list[Node]) -> Node | None:
    """`node` without filters; filters found inside apply to the whole query."""
    if isinstance(node, Filter):
        hoisted.append(node)
        return None
    if isinstance(node, Not):
        inner = _strip_filters(node.node, hoisted)
        return Not(inner) if inner is not None else None
    if isinstance(node, (And, Or)):
        kept = [k for i in node.items if (k := _strip_filters(i, hoisted)) is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else type(node)(tuple(kept))
    return node


def make_plan(ast: Node | None) -> Plan:
    plan = Plan()
    items = list(ast.items) if isinstance(ast, And) else [ast] if ast is not None else []
    positives: list[Node] = []
    for item in items:
        if _is_filter(item):
            plan.filters.append(item)
            continue
        item = _strip_filters(item, plan.filters)
        if item is None:
            continue
        if isinstance(item, Not):
            plan.negative.append(item.node)
        else:
            positives.append(item)
        core = item.node if isinstance(item, Not) else item
        if isinstance(core, Term) and core.title:
            plan.title_terms.append(item)
    if positives:
        plan.positive = positives[0] if len(positives) == 1 else And(tuple(positives))
    top = {id(t) for t in plan.title_terms} | {id(t.node) for t in plan.title_terms if isinstance(t, Not)}
    plan.nested_title = any(isinstance(t, Term) and t.title and id(t) not in top
                            for t in _walk_all([plan.positive, *plan.negative]))
    return plan


def compile_node(node: Node | None, render: Render) -> str | None:
    """FTS5 expression for a text node; None when nothing in it can match."""
    if node is None:
        return None
    if isinstance(node, Term):
        return render(node)
    if isinstance(node, Not):
        return None  # only meaningful inside AND; see below
    if isinstance(node, Or):
        # An exclusion cannot be one side of an OR in FTS5; that side is ignored.
        parts = [p for i in node.items if not isinstance(i, Not) and (p := compile_node(i, render))]
        return " OR ".join(f"({p})" for p in parts) if parts else None
    positives = [p for i in node.items if not isinstance(i, Not) and (p := compile_node(i, render))]
    negatives = [p for i in node.items if isinstance(i, Not) and (p := compile_node(i.node, render))]
    if not positives:
        return None
    expression = " AND ".join(f"({p})" for p in positives)
    if negatives:
        expression = f"({expression}) NOT ({' OR '.join(f'({n})' for n in negatives)})"
    return expression


def compile_plan(plan: Plan, render: Render) -> tuple[str | None, str | None]:
    """(what must match, what must not) as FTS5 expressions."""
    positive = compile_node(plan.positive, render)
    negatives = [n for node in plan.negative if (n := compile_node(node, render))]
    negative = " OR ".join(f"({n})" for n in negatives) if negatives else None
    return positive, negative


def combine(positive: str | None, negative: str | None) -> str | None:
    if positive is None:
        return None
    return f"({positive}) NOT ({negative})" if negative else positive


def _alternatives(forms: Iterable[str], star: str = "") -> str | None:
    """`"a" OR "b"`, one per distinct indexed form; None if no form has a letter left."""
    seen: dict[str, str] = {}
    for form in forms:
        key = fold_key(form)
        if key and key not in seen:
            seen[key] = quote(form) + star
    parts = list(seen.values())
    if len(parts) == 1:
        return parts[0]
    return "(" + " OR ".join(parts) + ")" if parts else None


def folded_renderer(stem_languages: Iterable[str], *, titles: bool = True) -> Render:
    """Terms against the folded + stemmed index: spelling variants, and stems in
    each library language OR'ed together. `titles=False` (note tables) drops title: terms."""
    languages = list(stem_languages)

    def render(term: Term) -> str | None:
        if term.title and not titles:
            return None
        star = "*" if term.prefix else ""
        if term.phrase or term.prefix:
            text = " ".join(term.words)
            expression = _alternatives((fold_letters(v) for v in spelling_variants(text)), star)
        else:
            word = term.words[0]
            forms = [fold_letters(v) for v in spelling_variants(word)]
            forms += [stem_word(word, lang) for lang in languages]
            expression = _alternatives(forms)
        if expression is None:
            return None
        if term.title:
            return f"{ARTICLE_TITLE_COLUMNS} : ({expression})"
        return expression

    return render


def exact_renderer(*, titles: bool = True) -> Render:
    """Terms as typed, against the unicode61 index (case and å/é folded, nothing
    else). A word in a script without spaces is never a token of its own there: no
    exact form (inside an AND it is left out, so the other words still rank)."""

    def render(term: Term) -> str | None:
        if (term.title and not titles) or is_gram_term(term):
            return None
        expression = quote(" ".join(term.words)) + ("*" if term.prefix else "")
        return f"{EXACT_TITLE_COLUMNS} : ({expression})" if term.title else expression

    return render


# -- Scripts without spaces: the pair tables ------------------------------------------------


def is_gram_term(term: Term) -> bool:
    """Whether a word of `term` is a run of a script indexed as character pairs."""
    return any(is_gram_run(w) for w in term.words)


def uses_grams(plan: Plan) -> bool:
    """Whether the query has such a word anywhere (then it runs on the pair tables)."""
    nodes = [*_walk_all([plan.positive, *plan.negative]), *plan.title_terms]
    return any(isinstance(n, Term) and is_gram_term(n) for n in nodes)


def gram_expression(term: Term) -> str:
    """`term` against a pair table: one FTS5 phrase. A run of n >= 2 characters
    is its n - 1 pairs (exactly that substring, wherever it is in a run), and its
    last character alone too when another word follows (the run must end there);
    one character is a prefix of the token it starts ("济"*), unless a word
    follows. Other words are folded, as in the folded table."""
    tokens: list[str] = []
    star = False
    last = len(term.words) - 1
    for i, word in enumerate(term.words):
        if is_gram_run(word):
            run = word[:MAX_GRAM_CHARS]
            tokens += run_tokens(run, ends=i < last)
            star = i == last and len(run) == 1
        else:
            tokens.append(fold_letters(word))
            star = i == last and term.prefix
    return quote(" ".join(tokens)) + ("*" if star else "")


def gram_renderer(stem_languages: Iterable[str], *, titles: bool = True) -> Render:
    """Terms against a pair table: words in scripts without spaces as character
    pairs, every other term exactly as `folded_renderer` renders it (the pair
    tables hold the folded words and stems of their rows as well)."""
    folded = folded_renderer(stem_languages, titles=titles)

    def render(term: Term) -> str | None:
        if not is_gram_term(term):
            return folded(term)
        if term.title and not titles:
            return None
        expression = gram_expression(term)
        return f"{ARTICLE_TITLE_COLUMNS} : ({expression})" if term.title else expression

    return render


_NOTHING = object()  # a node that cannot match (None: one that matches anything)


def _reduce(node: Node, titles: bool):
    """`node` for a row without text in those scripts: such words cannot match."""
    if isinstance(node, Term):
        if is_gram_term(node) and not (node.title and not titles):
            return _NOTHING
        return node
    if isinstance(node, Not):
        inner = _reduce(node.node, titles)
        return None if inner is _NOTHING else _NOTHING if inner is None else Not(inner)
    if isinstance(node, Or):
        # As compile_node does: an exclusion as one side of an OR is ignored.
        reduced = [_reduce(i, titles) for i in node.items if not isinstance(i, Not)]
        if any(r is None for r in reduced):
            return None
        kept = [r for r in reduced if r is not _NOTHING]
        return _NOTHING if not kept else kept[0] if len(kept) == 1 else Or(tuple(kept))
    if isinstance(node, And):
        reduced = [_reduce(i, titles) for i in node.items]
        if any(r is _NOTHING for r in reduced):
            return _NOTHING
        kept = [r for r in reduced if r is not None]
        return None if not kept else kept[0] if len(kept) == 1 else And(tuple(kept))
    return node


def without_grams(plan: Plan, *, titles: bool = True) -> Plan | None:
    """What is left of `plan` for the rows the pair tables do not hold (their text
    has no run of those scripts, so no such word matches there); None when no such
    row can match. `titles=False` (note hits): title: words are about the note's
    article, not the row, and are kept (the title filters check them)."""
    positive = None
    if plan.positive is not None:
        positive = _reduce(plan.positive, titles)
        if positive is _NOTHING or positive is None:
            return None
    negative = []
    for node in plan.negative:
        reduced = _reduce(node, titles)
        if reduced is None:
            return None  # excludes every row
        if reduced is not _NOTHING:
            negative.append(reduced)
    return Plan(positive, negative, plan.filters, plan.title_terms, plan.nested_title)
