"""Sentence spans for selection and highlighting.

A small rule-based splitter tuned for Norwegian and other European news
prose. Offsets are code points into the given text; a sentence never
crosses a newline, because every line of a cleaned body is a paragraph.
"""

from __future__ import annotations

import re

# A candidate end: terminal punctuation, any closing quotes/brackets, and
# then whitespace or the end of the line. Dots inside a token ("3.5",
# "bl.a", "nrk.no") are never followed by whitespace, so never match.
_CANDIDATE = re.compile(r"(?:\.{3}|…|[.!?])+[»\"”’')\]]*(?=\s|$)")
_OPENERS = frozenset('«"“\'‘„‚»–—-¿¡([')
# Scripts whose sentences end in marks of their own, with no space after them:
# CJK 。！？ (with their halfwidth ｡, vertical ︒︕︖ and fullwidth ． forms, and
# closing brackets), Burmese ။, Khmer ។ and ៕, Thai ๚ ๛ (old texts), Devanagari
# । ॥, Ethiopic ።, Arabic ؟ and Urdu ۔, Armenian ։. Always a boundary. A
# fullwidth ． between digits is a decimal point ("３．５"), not an end.
_OWN_END = re.compile(
    r"(?:[。！？｡︒︕︖]|(?<![0-9０-９])．|．(?![0-9０-９]))+[」』）〉》】〕〗〙〛｣\"”’]*"
    r"|[။។៕।॥።؟۔։๚๛]+"
)
# Chinese and Japanese text sometimes ends a sentence with an ASCII ! or ? and
# goes straight on: a boundary when a CJK character follows it directly.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_ASCII_END = re.compile(f"(?<=[{_CJK}])[!?]+(?=[{_CJK}])")
# Thai and Lao have no full stop in everyday writing (a dot marks an abbreviation:
# "พ.ศ. 2567", "ดร. สมชาย"): a space between two of their letters ends a sentence
# or clause, the only mark there is, as does a ! or ? before the space. Khmer
# and Burmese have marks of their own (above), so a space there is only a space.
_THAI_LAO = "\u0e00-\u0e7f\u0e80-\u0eff"
_THAI_LAO_LETTER = re.compile(f"[{_THAI_LAO}]")
_THAI_SPACE = re.compile(f"(?<=[{_THAI_LAO}])(?:[!?]+[\"”’)]*)? +(?=[{_THAI_LAO}])")

# Abbreviations that never end a sentence, compared lower-cased.
_ABBREVIATIONS = frozenset(
    """
    bl.a. f.eks. ca. dvs. mr. mrs. ms. dr. nr. kl. jf. jfr. mill. mrd. e.g. i.e.
    z.b. st. prof. ev. evt. inkl. ekskl. mht. vs. jr. sr. pkt. tlf. d.h. u.a.
    bzw. ggf. vgl. s. fig. p.g.a. pga. iflg. ift. hhv.
    """.split()
)
# Month names: in "15. November" (German capitalises) the dot is ordinal.
_MONTHS = frozenset(
    """
    januar februar mars april mai juni juli august september oktober november
    desember dezember january february march may june july october december
    januari februari maart augustus märz oktober
    """.split()
)


def _token_before(line: str, dot_end: int) -> str:
    """The whitespace-delimited token ending at `dot_end`, without opening quotes."""
    start = dot_end
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    return line[start:dot_end].lstrip("«\"“'‘„‚([–—")


def _is_boundary(line: str, match: re.Match[str]) -> bool:
    """Does the candidate `match` really end a sentence?"""
    rest = line[match.end():].lstrip()
    if not rest:
        return True
    nxt = rest[0]
    # Sentences start with a capital, a digit, a quote or a dash; after
    # "osv.", "etc.", "...", "15." a lowercase letter means the sentence goes on.
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
        return False
    punct = match.group().rstrip("»\"”’')]")
    if punct != ".":
        return True  # "!", "?", "...", "…" before a capital
    token = _token_before(line, match.start() + 1)
    if token.lower() in _ABBREVIATIONS or _THAI_LAO_LETTER.search(token):
        return False  # a known abbreviation; a Thai or Lao dot abbreviates ("พ.ศ. 2567")
    core = token[:-1]
    # Initials: "J. R. R. Tolkien" – a lone capital letter before the dot.
    if len(core) == 1 and core.isupper():
        return False
    # Ordinal dates: "15. November".
    if core.isdigit() and rest.split(None, 1)[0].strip(".,").lower() in _MONTHS:
        return False
    return True


def _line_spans(line: str, offset: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for end in _boundaries(line):
        if end <= start:
            continue
        _append(spans, line, start, end, offset)
        start = end
    _append(spans, line, start, len(line), offset)
    return spans


def _boundaries(line: str) -> list[int]:
    """Offsets in `line` where a sentence ends, in order."""
    ends = [m.end() for m in _CANDIDATE.finditer(line) if _is_boundary(line, m)]
    if not line.isascii():
        ends += [m.end() for m in _OWN_END.finditer(line)]
        ends += [m.end() for m in _CJK_ASCII_END.finditer(line)]
        ends += [m.end() for m in _THAI_SPACE.finditer(line)]
        ends.sort()
    return ends


def _append(spans: list[tuple[int, int]], line: str, start: int, end: int, offset: int) -> None:
    """Add line[start:end] minus surrounding whitespace, if anything is left."""
    piece = line[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((offset + start + lead, offset + start + lead + len(stripped)))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of `text` as (start, end) code-point spans, in order.

    Spans exclude surrounding whitespace and never cross a newline.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        spans.extend(_line_spans(line, offset))
        offset += len(line) + 1
    return spans


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """Span of the sentence containing `offset`.

    On whitespace between sentences the next sentence is returned; offsets
    before the first / after the last sentence clamp to it. Text without any
    sentence gives an empty span at the clamped offset.
    """
    spans = sentence_spans(text)
    if not spans:
        pos = min(max(offset, 0), len(text))
        return (pos, pos)
    for start, end in spans:
        if offset < end:
            return (start, end)
    return spans[-1]
