"""ReaderView in a tiny app, driven by Pilot, recording the messages it posts;
and the articles and highlights to show in it."""

from __future__ import annotations

import asyncio

import pytest
from textual import on
from textual.app import App, ComposeResult

from newsreader.model import Article, Block, Highlight
from newsreader.tui.widgets import reader_layout as rl
from newsreader.tui.widgets.reader import ReaderView
from support import cleaned_seed


def make_article(body: str, blocks: tuple[Block, ...] | None = None, article_id: int = 1) -> Article:
    return Article(
        id=article_id, origin="test", title="T", source=None, url=None, author=None,
        published=None, language="nb", raw=body, body=body,
        blocks=rl.blocks_from_body(body) if blocks is None else blocks,
        content_hash="x", cleaner_version=1, imported_at="", updated_at="",
        read_at=None, starred=False,
    )


def seed_article() -> Article:
    cleaned = cleaned_seed()
    return make_article(cleaned.body, cleaned.blocks)


@pytest.fixture(scope="module")
def seed() -> tuple[str, tuple[Block, ...]]:
    """The cleaned seed's (body, blocks), for the layout tests."""
    cleaned = cleaned_seed()
    return cleaned.body, cleaned.blocks


def make_highlight(hid: int, start: int, end: int, note: str | None = None, state: str = "anchored") -> Highlight:
    return Highlight(
        id=hid, article_id=1, start=start, end=end, exact="", prefix="", suffix="",
        note=note, color="yellow", tags=(), created_at="", updated_at="", state=state,
    )


class ReaderApp(App):
    def __init__(self, article: Article | None = None, highlights=(), cursor: int = 0) -> None:
        super().__init__()
        self.article = article
        self.highlights = list(highlights)
        self.start_cursor = cursor
        self.requests: list = []
        self.moves: list[int] = []

    def compose(self) -> ComposeResult:
        yield ReaderView(id="reader")

    def on_mount(self) -> None:
        reader = self.query_one(ReaderView)
        reader.focus()
        if self.article is not None:
            reader.show_article(self.article, self.highlights, cursor=self.start_cursor)

    # The selector form proves `control` points at the widget.
    @on(ReaderView.HighlightRequested, "#reader")
    def highlight_requested(self, message: ReaderView.HighlightRequested) -> None:
        self.requests.append(message)

    def on_reader_view_note_requested(self, message: ReaderView.NoteRequested) -> None:
        self.requests.append(message)

    def on_reader_view_delete_requested(self, message: ReaderView.DeleteRequested) -> None:
        self.requests.append(message)

    def on_reader_view_undo_requested(self, message: ReaderView.UndoRequested) -> None:
        self.requests.append(message)

    def on_reader_view_cursor_moved(self, message: ReaderView.CursorMoved) -> None:
        self.moves.append(message.offset)


def run(app: ReaderApp, scenario) -> None:
    """Run `scenario(pilot, reader)` inside `app.run_test` (no pytest-asyncio here)."""

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await scenario(pilot, app.query_one(ReaderView))

    asyncio.run(main())


def screen_text(reader: ReaderView) -> list[str]:
    """The reader's visible rows as text."""
    return [reader.render_line(y).text for y in range(reader.size.height)]
