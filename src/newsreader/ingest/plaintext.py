"""The plain-text article format: first non-empty line is the title, the rest the body.

Decoding never substitutes replacement characters: a byte-order mark first,
then a declared encoding, then UTF-8, then the encoding whose text reads
likeliest as one language (`text.decoding`); bytes that decode under none of
them are refused with a reason.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsreader.text.decoding import bom_encoding, likeliest_encoding
from newsreader.text.language import language_guess

MAX_FILE_BYTES = 10 * 1024 * 1024
# Standard input is read into memory once (it cannot be read twice, and what
# kind of input it is can only be told from its first bytes).
MAX_STREAM_BYTES = 50 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class IngestError(Exception):
    """A file that cannot become an article; str() is the one-line reason."""


@dataclass(frozen=True)
class ParsedArticle:
    title: str
    body: str  # everything after the title line, as written
    raw: str  # the whole decoded file, verbatim
    encoding: str


def _looks_binary(data: bytes) -> bool:
    # NUL bytes never appear in text in an 8-bit encoding or UTF-8; UTF-16/32 carry a BOM.
    return b"\x00" in data[:8192]


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode file bytes to text; returns (text, encoding used). Raises IngestError.

    A byte-order mark decides; then `declared` (the user's --encoding, taken
    as said); then UTF-8; then the codec whose text reads likeliest as one
    language (`text.decoding.likeliest_encoding`).
    """
    bom = bom_encoding(data)
    if bom is not None:
        try:
            return data.decode(bom), bom.removesuffix("-sig")
        except UnicodeDecodeError:
            if bom != "utf-8-sig":
                raise IngestError(f"starts with a {bom.upper()} mark but is not valid {bom.upper()}") from None
            data = data[3:]  # a stray UTF-8 mark on text in another encoding
    if _looks_binary(data):
        raise IngestError("binary file (contains NUL bytes), not text")
    if declared:
        try:
            return data.decode(declared), declared
        except LookupError:
            raise IngestError(f"unknown encoding {declared!r}") from None
        except UnicodeDecodeError as exc:
            raise IngestError(
                f"not valid {declared} at byte {exc.start}"
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for files that are not UTF-8 (~10 ms to import)

    guesses = [match.encoding for match in from_bytes(data)]
    # charset-normalizer decodes strictly; the whole file is decoded again here
    # (the ranking judged its start), so nothing is ever replaced.
    for encoding in likeliest_encoding(data, guesses, _language_of_few_words):
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    raise IngestError("not UTF-8 and no text encoding fits; pass --encoding if you know it")


def _language_of_few_words(text: str) -> tuple[str | None, float]:
    # A tie between code pages is often over one or two words' letters.
    return language_guess(text, min_words=2)


def clean_title(line: str) -> str:
    """A title is one line of plain text: control characters out, spaces collapsed."""
    return " ".join(_CONTROL.sub(" ", line).split())


def parse_plaintext(text: str, encoding: str = "utf-8") -> ParsedArticle:
    """Split decoded text into title and body. Raises IngestError if there is no text."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    # Line by line up to the title only: splitting a 2-million-line file into a
    # list of lines would cost ~100 MB for what one slice gives.
    start = 0
    while start <= len(normalised):
        end = normalised.find("\n", start)
        end = len(normalised) if end < 0 else end
        title = clean_title(normalised[start:end])
        if title:
            body = normalised[end + 1 :]
            if not body.strip():
                raise IngestError("has a title line but no body text")
            return ParsedArticle(title=title, body=body, raw=text, encoding=encoding)
        start = end + 1
    raise IngestError("empty file (no text)")


def read_limited(path: Path, max_bytes: int = MAX_FILE_BYTES, what: str = "") -> bytes:
    """A local file's bytes, refused with a one-line reason if it is missing, a
    directory, a device, pipe or socket, unreadable or larger than `max_bytes`
    (`what` names the kind of file). Never reads more than `max_bytes` + 1 bytes:
    a file that grows while it is read is refused, not read without bound."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IngestError("is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(
                "a device, pipe or socket, not a file (to import from a pipe, give - for standard input)"
            )
        if info.st_size > max_bytes:
            raise IngestError(_too_large(info.st_size, max_bytes, what))
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise IngestError(_too_large(len(data), max_bytes, what))
        return data
    except FileNotFoundError:
        raise IngestError("no such file") from None
    except PermissionError:
        raise IngestError("permission denied") from None
    except IsADirectoryError:
        raise IngestError("is a directory") from None
    except OSError as exc:
        raise IngestError(exc.strerror or str(exc)) from None


def _too_large(size: int, max_bytes: int, what: str) -> str:
    kind = f" for {what}" if what else ""
    more = "more than " if size == max_bytes + 1 else ""
    return f"too large ({more}{size / 1_048_576:.1f} MB; the limit{kind} is {max_bytes // 1_048_576} MB)"


STDIN_NAMES = ("-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0")


def is_stdin(name: str) -> bool:
    """`-`, or a name of this process's standard input (`/dev/stdin`, ...)."""
    if name == "-":
        return True
    if name not in STDIN_NAMES:
        return False
    try:
        return os.path.samestat(os.stat(name), os.fstat(0))
    except OSError:
        return False


def read_stream(stream: BinaryIO, max_bytes: int = MAX_STREAM_BYTES) -> bytes:
    """A pipe's bytes, read once into memory; refused beyond `max_bytes`."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(min(1 << 20, max_bytes + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise IngestError(_too_large(size, max_bytes, "standard input"))


def text_article(data: bytes, declared_encoding: str | None = None) -> ParsedArticle:
    """Decode and parse the bytes of one plain-text article. Raises IngestError."""
    if not data.strip():
        raise IngestError("empty file (no text)")
    text, encoding = decode_bytes(data, declared_encoding)
    return parse_plaintext(text, encoding)


def read_text_file(path: Path, declared_encoding: str | None = None) -> ParsedArticle:
    """Read and parse one plain-text article file. Raises IngestError with a reason."""
    return text_article(read_limited(path), declared_encoding)
