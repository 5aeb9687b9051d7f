"""Turn an extracted article body into clean paragraphs and headings.

The cleaner is deliberately conservative: it removes ad-break markers and
normalises whitespace, and never rewrites a word. Stored articles record
`CLEANER_VERSION`, so bump it whenever the output for some input changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsreader.model import Blocks
from newsreader.text.markers import BOILERPLATE, MARKERS, TEASERS, is_label
from newsreader.text.structure import build_blocks

# 2: ad labels from web pages (Annonsørinnhold, ANZEIGE, ...)
# 3: markers of 25 languages; boilerplate and teaser lines ("Related", "Les også: ...")
CLEANER_VERSION = 3

# What may precede a marker that sits mid-line: the end of a sentence.
_BEFORE_PUNCT = frozenset('.!?:»"”)…\'’')
# What may follow a glued marker: the start of a new sentence.
_SENTENCE_OPENERS = frozenset('«"“\'‘„»‚–—¿¡([')
_SPACES = "[ \\t\\u00a0]"


@dataclass(frozen=True)
class CleanedText:
    """A cleaned body and its blocks; `body[b.start:b.end]` is each block's text."""

    body: str
    blocks: Blocks


def _variants(phrase: str) -> set[str]:
    """Capitalisations sites actually print: as written, Capitalised, Title, UPPER."""
    words = phrase.split()
    return {
        phrase,
        phrase[:1].upper() + phrase[1:],
        " ".join(w[:1].upper() + w[1:] for w in words),
        phrase.upper(),
    }


def _phrase_regex(phrase: str) -> str:
    # Tolerate any run of spaces/NBSP between words and either apostrophe.
    parts = [re.escape(w) for w in phrase.split()]
    pattern = (_SPACES + "+").join(parts)
    return re.sub("['’]", "['’]", pattern)


_SPACE, _APOSTROPHE, _END = " ", "'", ""


def _alternation(phrases) -> str:
    """A regex matching any of `phrases` case-insensitively, as `_phrase_regex`
    each would, written as a trie ("Les(?: også| mer)"): at a line start the
    engine then tries a few branches, not every phrase of 25 languages."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for word_index, word in enumerate(phrase.split()):
            if word_index:
                node = node.setdefault(_SPACE, {})
            for ch in word:
                low = ch.lower()
                key = _APOSTROPHE if ch in "'’" else low if len(low) == 1 else ch
                node = node.setdefault(key, {})
        node[_END] = {}

    def render(node: dict) -> str:
        branches = [
            ("['’]" if key == _APOSTROPHE else _SPACES + "+" if key == _SPACE else re.escape(key)) + render(child)
            for key, child in node.items() if key != _END
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if _END in node else body

    return render(root)


@lru_cache(maxsize=64)
def _patterns(language: str | None) -> tuple[re.Pattern[str] | None, re.Pattern[str]]:
    """(glued-phrase pattern, whole-line pattern) for one language table."""
    if language and language in MARKERS:
        phrases = MARKERS[language]
    else:
        # Unknown language: any table may apply.
        phrases = tuple(dict.fromkeys(p for table in MARKERS.values() for p in table))
    multi = sorted({v for p in phrases if not is_label(p) for v in _variants(p)}, key=len, reverse=True)
    phrase_re = re.compile("|".join(_phrase_regex(p) for p in multi)) if multi else None
    alt = _alternation(phrases)
    # A line made only of markers/labels, possibly repeated, optional colon.
    line_re = re.compile(rf"\s*(?:{alt})(?:[\s:]*(?:{alt}))*\s*:?\s*", re.IGNORECASE)
    return phrase_re, line_re


def _prefix_ok(line: str, start: int, last_cut: int) -> bool:
    """Is there a sentence boundary right before a marker starting at `start`?"""
    if last_cut and not line[last_cut:start].strip():
        return True  # directly after a marker we already removed (back to back)
    before = line[:start].rstrip()
    if not before or before[-1] in _BEFORE_PUNCT:
        return True
    # Glued straight onto a word ("RusslandArtikkelen fortsetter ..."): an
    # uppercase letter inside a word only happens when text was concatenated.
    return start > 0 and line[start - 1].isalnum()


def _suffix_ok(line: str, end: int) -> bool:
    """Does a new sentence (or the end of the line) follow a marker ending at `end`?"""
    rest = line[end:].lstrip()
    if not rest:
        return True
    ch = rest[0]
    return ch.isupper() or ch.isdigit() or ch in _SENTENCE_OPENERS


def _strip_line(line: str, phrase_re: re.Pattern[str] | None, line_re: re.Pattern[str]) -> list[str]:
    """Remove markers from one line; returns the resulting lines (maybe none)."""
    if line_re.fullmatch(line):
        return []
    if phrase_re is None:
        return [line]
    pieces: list[str] = []
    last_cut = 0
    for m in phrase_re.finditer(line):
        start, end = m.span()
        if _prefix_ok(line, start, last_cut) and _suffix_ok(line, end):
            pieces.append(line[last_cut:start])
            last_cut = end
    if not last_cut:
        return [line]
    pieces.append(line[last_cut:])
    # Splitting can leave a bare label ("Annonse:") as a piece; drop it so
    # that cleaning twice gives the same result as cleaning once.
    return [p.strip() for p in pieces if p.strip() and not line_re.fullmatch(p)]


def _may_hold_markers(text: str, phrase_re: re.Pattern[str] | None, line_re: re.Pattern[str]) -> bool:
    """False only when no line of `text` can hold a marker: no glued phrase
    anywhere, and no line that is all label (the same pattern, anchored at line
    starts and ends)."""
    if phrase_re is not None and phrase_re.search(text):
        return True
    whole_line = _WHOLE_LINE.get(line_re.pattern)
    if whole_line is None:
        whole_line = _WHOLE_LINE[line_re.pattern] = re.compile(
            rf"^(?:{line_re.pattern})$", re.IGNORECASE | re.MULTILINE
        )
    return whole_line.search(text) is not None


_WHOLE_LINE: dict[str, re.Pattern[str]] = {}


def strip_ad_markers(text: str, language: str | None = None) -> str:
    """Remove ad-break markers ("Artikkelen fortsetter under annonsen", ...) line by line.

    `language` picks the marker table (ISO 639-1); None/"unknown"/unlisted
    codes use every table. Multi-word phrases are removed at sentence
    boundaries, also when glued to the next sentence, and a marker in the
    middle of a line splits it into two lines. Single-word labels go only
    when they are the whole line. Lines without markers are kept verbatim;
    lines that become empty disappear.
    """
    phrase_re, line_re = _patterns(language if language != "unknown" else None)
    if not _may_hold_markers(text, phrase_re, line_re):
        return text  # nearly every article: no list of its lines is needed
    out: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            out.append(line)
            continue
        out.extend(_strip_line(line, phrase_re, line_re))
    return "\n".join(out)


# What may come between a teaser prefix and its headline ("Les også: ...").
_TEASER_SEPARATORS = frozenset(":：|»›–—-")
_MAX_TEASER_CHARS = 200  # one headline; a longer line is a paragraph that happens to start so


@lru_cache(maxsize=1)
def _boilerplate_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(whole boilerplate line, teaser prefix at a line start, either at any line start)."""
    lines = [p for table in BOILERPLATE.values() for p in table]
    teasers = [p for table in TEASERS.values() for p in table]
    line_alt, teaser_alt = _alternation(lines), _alternation(teasers)
    whole = re.compile(rf"{_SPACES}*(?:{line_alt}){_SPACES}*[:：]?{_SPACES}*", re.IGNORECASE)
    teaser = re.compile(rf"{_SPACES}*({teaser_alt})", re.IGNORECASE)
    anywhere = re.compile(rf"^{_SPACES}*(?:{line_alt}|{teaser_alt})", re.IGNORECASE | re.MULTILINE)
    return whole, teaser, anywhere


def _is_teaser(line: str, teaser: re.Pattern[str]) -> bool:
    """A teaser line: a prefix, then its separator and a headline, or nothing.
    Without a separator only a prefix in capitals ("LES OGSÅ Slik ...") is one."""
    m = teaser.match(line)
    if m is None or len(line) > _MAX_TEASER_CHARS:
        return False
    rest = line[m.end():]
    if rest[:1].isalnum():
        return False  # the prefix is the start of a longer word
    rest = rest.strip()
    if rest[:1] in _TEASER_SEPARATORS:
        rest = rest[1:].strip()
    elif rest and m.group(1) != m.group(1).upper():
        return False  # "Les også dette, sa han." is a sentence
    return not rest[:1].islower()


def strip_boilerplate(text: str) -> str:
    """Remove lines that are page furniture: "Related", "このニュースをシェア", and
    teasers for other articles ("Les også: ...", "Read more: ..."). Only whole
    lines go; the same words inside a sentence or line stay."""
    whole, teaser, anywhere = _boilerplate_patterns()
    if anywhere.search(text) is None:
        return text
    return "\n".join(
        line for line in text.split("\n")
        if not (line.strip() and (whole.fullmatch(line) or _is_teaser(line, teaser)))
    )


# Line/paragraph separators other than \n that str.splitlines() honours.
_NEWLINES = re.compile("\r\n|[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# Remaining C0/C1 control characters carry no text; tabs are whitespace.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_RUNS = re.compile("[ \t]+")


def _lines(text: str):
    """The lines of `text` one at a time: `split` would hold two million of
    them at once for a two-million-line file (~100 MB)."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def clean(body_text: str, language: str | None = None) -> CleanedText:
    """Clean an article body (title already removed) into paragraphs and headings.

    Newlines are normalised, control characters dropped, ad markers and
    boilerplate lines removed, and every non-empty line (trimmed, with runs of spaces/tabs collapsed)
    becomes one block. `body` is the blocks joined by blank lines.
    """
    text = _CONTROL.sub("", _NEWLINES.sub("\n", body_text))
    text = strip_boilerplate(strip_ad_markers(text, language))
    lines = (_RUNS.sub(" ", line).strip() for line in _lines(text))
    body, blocks = build_blocks(lines)
    return CleanedText(body=body, blocks=blocks)
