"""Paragraph/heading structure of a cleaned body.

Extracted article text has lost its markup, so subheadings are recognised
from shape alone: a short line without sentence-final punctuation that
introduces a regular paragraph.
"""

from __future__ import annotations

import io
from array import array
from collections.abc import Iterable

from newsreader.model import Blocks

MAX_HEADING_CHARS = 80
MAX_HEADING_WORDS = 12
# A heading never ends a sentence; a line ending like this is prose.
_FINAL_PUNCT = frozenset(".!?…:;,")
# Trailing closers are looked through: 'alvor.»' still ends a sentence.
_CLOSERS = "»\"”’')]"
# List items look like short headings but are not.
_BULLETS = ("- ", "* ", "• ", "· ", "▪ ", "► ")


def is_subheading(line: str) -> bool:
    """Could this line, by its shape alone, be a subheading?

    Short (<= 80 chars, <= 12 words), has letters, does not start lowercase
    or as a bullet, and does not end with sentence punctuation (. ! ? … : ; ,),
    even behind closing quotes. Context is judged by `build_blocks`.
    """
    text = line.strip()
    if not text or len(text) > MAX_HEADING_CHARS or len(text.split()) > MAX_HEADING_WORDS:
        return False
    if not any(ch.isalpha() for ch in text):
        return False
    if text.startswith(_BULLETS) or text[0].islower():
        return False
    return text.rstrip(_CLOSERS)[-1:] not in _FINAL_PUNCT


def build_blocks(lines: Iterable[str]) -> tuple[str, Blocks]:
    """Join non-empty lines into a body (separated by blank lines) and its blocks.

    A line is a heading when `is_subheading` holds, a paragraph follows it,
    and it is not part of a run of such short lines (a run is more likely a
    list, a byline or captions). The last line is never a heading: nothing
    follows it, so it is usually a caption or a "Video: ..." teaser.

    One pass with a line of lookahead, writing the body as it goes: a file of
    two million lines needs no list of them.
    """
    # Split defensively: a block must never contain a newline.
    texts = (t for line in lines for t in (part.strip() for part in line.split("\n")) if t)
    body = io.StringIO()
    kinds, starts, ends = bytearray(), array("I"), array("I")  # compact: see `Blocks`
    pos = 0
    previous_shaped = False
    current = next(texts, None)
    current_shaped = current is not None and is_subheading(current)
    while current is not None:
        following = next(texts, None)
        following_shaped = following is not None and is_subheading(following)
        heading = current_shaped and following is not None and not following_shaped and not previous_shaped
        if pos:
            body.write("\n\n")
            pos += 2  # the separator
        kinds.append(heading)
        starts.append(pos)
        ends.append(pos + len(current))
        body.write(current)
        pos += len(current)
        previous_shaped, current, current_shaped = current_shaped, following, following_shaped
    return body.getvalue(), Blocks.from_arrays(kinds, starts, ends)
