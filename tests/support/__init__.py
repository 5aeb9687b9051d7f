"""Helpers shared by the test folders: paths, the seed article, and modules for
the local HTTP server (`feeds_server`), the whole app (`app`), the reader widget
(`reader`), web pages (`pages`) and the command line (`cli`).

Importable as `support` because pyproject.toml puts tests/ on the path
(`[tool.pytest.ini_options] pythonpath`).
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
SEED = REPO / "seeds" / "000_d9fcfd8bd864394e.txt"
MARKER = "Artikkelen fortsetter under annonsen"
# A sentence of the seed article that comes right after an ad marker.
CUBA = "En så dramatisk situasjon har verden ikke stått overfor siden Cuba-krisen i 1962."


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_body() -> str:
    """The seed file below its title line, before any cleaning."""
    lines = seed_text().split("\n")
    title_index = next(i for i, line in enumerate(lines) if line.strip())
    return "\n".join(lines[title_index + 1 :])


def cleaned_seed():
    """The seed as the importer cleans it: a `CleanedText` (body and blocks)."""
    from newsreader.ingest.plaintext import parse_plaintext
    from newsreader.text import clean

    return clean(parse_plaintext(seed_text()).body)
