"""The bundled seed articles, read through importlib.resources so that they are
found in an installed wheel as well as in a source checkout."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources


def seed_files() -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) of each bundled seed article, in name order."""
    folder = resources.files("newsreader.seeds")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            yield entry.name, entry.read_bytes()
