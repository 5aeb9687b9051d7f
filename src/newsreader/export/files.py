"""File-name and file-writing helpers shared by every exporter.

Exported files are named from article titles, which come from the network or
from whatever file the user imported. A title is therefore untrusted input:
it may contain path separators, `..`, control characters, Windows device
names or nothing usable at all. Everything here turns such input into one
plain, portable file-name component and writes files so that a crash never
leaves a half-written export behind.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import unicodedata
from pathlib import Path

from newsreader.text.folding import fold_letters

__all__ = ["is_reserved_name", "safe_output_path", "safe_slug", "write_atomic"]

# Windows refuses these as file names with any case and any extension
# ("con.txt", "Lpt1.md"); COM/LPT also come with superscript digits.
_RESERVED = re.compile(
    r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.IGNORECASE
)


def is_reserved_name(name: str) -> bool:
    """True if `name` is a Windows device name such as ``CON`` or ``lpt1.md``."""
    return bool(_RESERVED.match(name.rstrip(" .")))


# A file name may be 255 bytes on most file systems; the slug's share leaves
# room for "-<id>.md" and for editors' "name.md~" / sync tools' conflict copies.
MAX_SLUG_BYTES = 160


def safe_slug(title: str, article_id: int, max_len: int = 80) -> str:
    """Turn an untrusted title into a readable, unique file-name stem.

    Latin-script titles become ASCII lower-case letters, digits and hyphens
    ("Blåbær på Ærø" -> "blabaer-pa-aero"), as a reader would type them.
    Letters of every other script are kept as they are, normalised to NFC with
    their combining marks ("Путин звонит" -> "путин-звонит", "日本の首相"
    stays). Everything else becomes a hyphen. The result starts with a letter
    or digit and ends in ``-{article_id}``, so it is never empty, never a
    reserved device name and unique per article. The title part is at most
    `max_len` characters and MAX_SLUG_BYTES bytes of UTF-8, cut on a hyphen
    where possible and never inside a grapheme cluster (a letter's marks, a
    conjunct); a title with nothing usable (only emoji, say) becomes ``article``.
    """
    if max_len < 1:
        raise ValueError("max_len must be at least 1")
    article_id = int(article_id)
    if article_id < 0:
        # A leading "-" would turn "-5" into "--5"; ids are never negative.
        raise ValueError("article_id must not be negative")

    # fold_letters: the letters NFKD does not decompose into an ASCII base letter
    # (Norwegian "bør" would become "br" and "Ærlig" "rlig").
    folded = unicodedata.normalize("NFKD", fold_letters(title.lower()))
    kept: list[str] = []
    for ch in folded:
        if ch.isascii():
            # lower() again: NFKD turns some letters into ASCII capitals ("𝓐" -> "A")
            kept.append(ch.lower() if ch.isalnum() else "-")
        elif unicodedata.category(ch)[0] == "M":
            # A mark stays with a letter of its own script (Cyrillic й, Hindi
            # कि); after an ASCII base it was a Latin accent: dropped.
            if kept and not kept[-1].isascii():
                kept.append(ch)
        elif unicodedata.category(ch)[0] in "LN":
            kept.append(ch)
        else:
            kept.append("-")
    slug = unicodedata.normalize("NFC", _HYPHENS.sub("-", "".join(kept)).strip("-"))
    slug = _cut(slug, max_len, MAX_SLUG_BYTES)
    return f"{slug or 'article'}-{article_id}"


_HYPHENS = re.compile("-{2,}")


def _continues_cluster(slug: str, i: int) -> bool:
    """Does `slug[i]` belong to the same grapheme cluster as `slug[i - 1]`? A
    combining mark goes with its letter, and a letter after a virama (Hindi
    क्ष, Khmer and Burmese stacked consonants) with the conjunct it completes."""
    if unicodedata.category(slug[i])[0] == "M":
        return True
    return unicodedata.combining(slug[i - 1]) == _VIRAMA and slug[i].isalpha()


_VIRAMA = 9  # the canonical combining class of viramas (U+094D, U+17D2, U+1039, ...)


def _cut(slug: str, max_chars: int, max_bytes: int) -> str:
    """`slug` within both limits, cut on a hyphen where possible, never inside a
    grapheme cluster (a letter and its marks, a conjunct)."""
    if len(slug) <= max_chars and len(slug.encode("utf-8")) <= max_bytes:
        return slug
    end, size = 0, 0
    while end < len(slug) and end < max_chars:
        size += len(slug[end].encode("utf-8"))
        if size > max_bytes:
            break
        end += 1
    while 0 < end < len(slug) and _continues_cluster(slug, end):
        end -= 1
    cut = slug[:end]
    # Cut on a word boundary unless the slug is one enormous word.
    if end < len(slug) and slug[end] != "-" and "-" in cut:
        cut = cut[: cut.rindex("-")]
    return cut.strip("-")


def safe_output_path(out_dir: Path, filename: str) -> Path:
    """Return ``out_dir/filename``, refusing anything not directly inside it.

    Raises ValueError for empty names, ``.``/``..``, names with a path
    separator, NUL, a leading dot, or a Windows reserved name. `out_dir` is
    resolved so the returned path is absolute.
    """
    if (
        not filename
        or filename in {".", ".."}
        or filename.startswith(".")
        or any(c in filename for c in ("/", "\\", "\x00"))
        or is_reserved_name(filename)
    ):
        raise ValueError(f"unsafe file name: {filename!r}")
    base = Path(out_dir).resolve()
    path = base / filename
    # Belt and braces: whatever the checks above missed on this platform
    # (drive letters, alternative separators), the result must be a child.
    if path.parent != base or path.name != filename:
        raise ValueError(f"unsafe file name: {filename!r}")
    return path


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` as UTF-8 so readers see the old or the new file.

    The text goes to a temporary file in the same directory (same file
    system, so ``os.replace`` is atomic), is fsynced, then renamed over
    `path`. Newlines are written as given (``"\\n"``), never translated to the
    platform's. On any error the temporary file is removed and an existing
    `path` is left untouched.
    """
    path = Path(path)
    directory = path.parent
    # Keep the mode of a file we replace; otherwise use a normal 0644 rather
    # than mkstemp's private 0600, since exports are meant to be shared.
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = 0o644

    fd, tmp_name = tempfile.mkstemp(
        dir=directory, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(directory)


def _fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable on POSIX; not possible on Windows,
    # where opening a directory fails, so it is best effort.
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
