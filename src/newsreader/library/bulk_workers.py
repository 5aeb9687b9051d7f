"""The worker side of bulk import: what runs in the other processes.

Module-level functions only (they are sent to `spawn`ed processes by name).
Each worker dies with its parent, ignores Ctrl-C (the parent stops the import
and says what was committed) and leaves the terminal alone; it decodes,
parses, detects the language, cleans, and computes the search index values
for each article, so the writer only inserts.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

from newsreader.ingest.plaintext import IngestError, decode_bytes, parse_plaintext, read_text_file
from newsreader.library.importing import content_hash
from newsreader.library.indexing import nr_fold, nr_stem
from newsreader.store import articles as articles_db
from newsreader.text import clean, detect_language

# How often a worker looks whether its parent is still there (the fallback to PDEATHSIG).
PARENT_CHECK_SECONDS = 0.5

# A job: (origin, payload kind, payload, declared encoding, stored content hash or None).
Job = tuple[str, str, "str | bytes", "str | None", "str | None"]


def _parse(kind: str, payload: str | bytes, encoding: str | None):
    if kind == "path":
        return read_text_file(Path(payload), encoding)
    if kind == "bytes":
        text, used = decode_bytes(payload, encoding)
        return parse_plaintext(text, used)
    return parse_plaintext(payload)


def _prepare(job: Job) -> tuple:
    """Everything an article row and its index entries need, computed off the writer.

    ("failed", message) or (status, hash, raw, encoding, ...) with status
    "unchanged" or "changed" (a known origin: the writer decides) or "new",
    followed by the row's title, language, body, blocks and its four search
    index values.
    """
    origin, kind, payload, encoding, stored_hash = job
    try:
        parsed = _parse(kind, payload, encoding)
    except IngestError as exc:
        return ("failed", str(exc))
    digest = content_hash(parsed.raw)
    if stored_hash is not None:
        # A known origin never needs detection here: unchanged needs nothing, and
        # a change is written by import_parsed, which detects the language itself.
        return ("unchanged" if digest == stored_hash else "changed", digest, parsed.raw, parsed.encoding)
    language = detect_language(parsed.body)
    cleaned = clean(parsed.body, language)
    body = cleaned.body
    return (
        "new", digest, parsed.raw, parsed.encoding, parsed.title, language, body,
        articles_db.pack_blocks(cleaned.blocks),
        nr_fold(parsed.title), nr_fold(body), nr_stem(parsed.title, language), nr_stem(body, language),
    )


def prepare_chunk(jobs: list[Job]) -> list[tuple]:
    return [_prepare(job) for job in jobs]


def worker_start(parent: int) -> None:
    """Each worker: die with the parent, leave Ctrl-C and the terminal to it, and
    load langdetect's profiles once, before the first article."""
    _die_with(parent)
    # Ctrl-C reaches the whole process group: the parent stops the import and
    # says what was committed; a worker printing a traceback would only add noise.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Nothing of a worker's belongs on the terminal, and an orphan must not keep
    # the user's stdout open (a pipe's reader would wait for it).
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1):
        os.dup2(devnull, fd)
    detect_language("Dette er en liten tekst for å laste språkprofilene.")


def _die_with(parent: int) -> None:
    """Exit as soon as `parent` is gone, however it ended (kill -9 included).

    Linux: the kernel sends SIGKILL when the parent dies (PR_SET_PDEATHSIG);
    elsewhere, and as a second line, a thread checks who the parent is.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # died before the line above took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="newsreader-parent-watch", daemon=True).start()
