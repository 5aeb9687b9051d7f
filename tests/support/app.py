"""The whole app driven like a user, one temporary store per test.

pytest-asyncio is not installed: each test is a plain function that runs its
coroutine with `asyncio.run` (see `run`). Workers are awaited, never slept on.
"""

from __future__ import annotations

import asyncio
import html
import re
from pathlib import Path

from newsreader.library import Library
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.config import Settings
from newsreader.tui.widgets.reader import ReaderView
from support import CUBA

SENTENCE = CUBA


async def settle(pilot) -> None:
    """Let pending messages start their workers, the workers finish, and the screen catch up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def run(
    tmp_path: Path, scenario, size=(120, 40), settings: Settings | None = None, db: Path | None = None,
    fetch_limits=None,
):
    """Run `scenario(pilot, app, library)` in a fresh app over `db` (default tmp_path/t.db);
    `fetch_limits` (a FetchLimits) for downloads from the local test server."""
    library = Library.open(db or tmp_path / "t.db")
    if fetch_limits is not None:
        library.fetch_limits = fetch_limits
    app = NewsReaderApp(library, settings or Settings(export_dir=tmp_path / "out"))

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await scenario(pilot, app, library)

    try:
        asyncio.run(main())
    finally:
        library.close()
    return app


def seed_id(library: Library) -> int:
    """The id of the only article (the seed)."""
    (article_id,) = library.article_ids()
    return article_id


def screen_text(app) -> str:
    """The visible screen as plain text (from the SVG screenshot; spaces are &#160; there)."""
    svg = app.export_screenshot()
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    return html.unescape("".join(texts)).replace("\xa0", " ")


async def open_seed(pilot) -> ReaderView:
    """Enter on the list's current row; the reader once the article is open."""
    await pilot.press("enter")
    await settle(pilot)
    return pilot.app.query_one(ReaderView)


async def cursor_to(pilot, reader: ReaderView, offset: int) -> None:
    """Walk sentence by sentence (`)`) until the cursor is at `offset`, as a user would."""
    for _ in range(200):
        if reader.cursor == offset:
            return
        await pilot.press("right_parenthesis")
    raise AssertionError(f"never reached offset {offset}; cursor at {reader.cursor}")


async def on_sentence(pilot, library: Library) -> ReaderView:
    """Open the seed and put the cursor on SENTENCE."""
    reader = await open_seed(pilot)
    body = library.article(seed_id(library)).body
    await cursor_to(pilot, reader, body.index(SENTENCE))
    return reader


def write_articles(folder: Path, count: int) -> list[Path]:
    """`count` short plain-text articles in `folder` (extra0.txt, ...)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"extra{i}.txt"
        path.write_text(f"Extra article {i}\n\nParagraph one of article {i}. It is short.\n", encoding="utf-8")
        paths.append(path)
    return paths
