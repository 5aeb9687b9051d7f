"""ReaderView on a long article: lazily wrapped, it must act like a fully wrapped one.

Each scenario runs twice, once with the lazy layout (its idle wrapping held
back, so every answer comes from wrapping on demand) and once with the whole
body wrapped up front, and compares the cursor and the screen after each step.
"""

from __future__ import annotations

import asyncio
import random

import pytest

from newsreader.model import Block
from newsreader.tui.widgets import reader_wrapping as wrapping
from newsreader.tui.widgets import reader_layout as rl
from newsreader.tui.widgets.reader import ReaderView

from support.reader import ReaderApp, make_article, make_highlight, screen_text


def long_article(paragraphs: int = 600):
    rng = random.Random(11)
    words = ["ord", "lengre", "setning", "«sitat»", "世界", "🙂", "x" * 40, "slutt."]
    body, blocks = "", []
    for i in range(paragraphs):
        kind = "heading" if i % 13 == 5 else "paragraph"
        text = f"P{i} " + " ".join(rng.choice(words) for _ in range(rng.randint(1, 70 if kind == "paragraph" else 5)))
        if body:
            body += "\n\n"
        blocks.append(Block(kind, len(body), len(body) + len(text)))
        body += text
    assert len(body) > wrapping.EAGER_CHARS
    return make_article(body, tuple(blocks))


ARTICLE = long_article()
DEEP = ARTICLE.blocks[300].start + 4
HIGHLIGHTS = [make_highlight(i + 1, ARTICLE.blocks[b].start, ARTICLE.blocks[b].start + 3) for i, b in
              enumerate((40, 290, 420, 590))]


def record(lazy: bool, steps, monkeypatch, size=(80, 24), cursor=DEEP) -> tuple[list, bool]:
    """Run `steps` (keys, or callables of the reader) and record (cursor, screen) after each."""
    with monkeypatch.context() as patch:
        if lazy:
            patch.setattr(ReaderView, "_schedule_wrap", lambda self, layout, delay=0: None)
        else:
            patch.setattr(wrapping, "EAGER_CHARS", 10**9)
        app = ReaderApp(ARTICLE, HIGHLIGHTS, cursor=cursor)
        seen: list = []

        async def main() -> bool:
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                reader = app.query_one(ReaderView)
                seen.append(("open", reader.cursor, screen_text(reader)))
                for step in steps:
                    if isinstance(step, str):
                        await pilot.press(step)
                    else:
                        await step(pilot, reader)
                    await pilot.pause()
                    seen.append((step if isinstance(step, str) else step.__name__, reader.cursor, screen_text(reader)))
                return reader._layout.complete

        complete = asyncio.run(main())
    return seen, complete


def assert_same(steps, monkeypatch, **kwargs) -> None:
    lazy, lazy_complete = record(True, steps, monkeypatch, **kwargs)
    eager, eager_complete = record(False, steps, monkeypatch, **kwargs)
    assert eager_complete and not lazy_complete  # the lazy run really was lazy
    for got, want in zip(lazy, eager, strict=True):
        assert got == want, got[0]


def test_motions_land_where_a_full_layout_puts_them(monkeypatch):
    keys = ["j", "j", "k", "pagedown", "pagedown", "pageup", "right_curly_bracket", "left_curly_bracket",
            "w", "b", "right_parenthesis", "z", "j", "pageup", "pageup", "pageup", "k"]
    assert_same(keys, monkeypatch)


def test_jumps_to_the_ends_and_to_highlights(monkeypatch):
    keys = ["G", "k", "pageup", "g", "j", "right_square_bracket", "right_square_bracket", "left_square_bracket",
            "pagedown", "G", "right_square_bracket"]
    assert_same(keys, monkeypatch, cursor=0)


def test_search_jumps_clicks_and_resizes(monkeypatch):
    async def jump_far(pilot, reader):
        reader.move_cursor_to(ARTICLE.blocks[520].start + 10)

    async def jump_back(pilot, reader):
        reader.move_cursor_to(ARTICLE.blocks[100].start)

    async def click(pilot, reader):
        await pilot.click(ReaderView, offset=(12, 7))

    async def narrower(pilot, reader):
        await pilot.resize_terminal(50, 18)

    async def wider(pilot, reader):
        await pilot.resize_terminal(120, 30)

    steps = [jump_far, "j", click, "pagedown", jump_back, "k", narrower, "pagedown", "j", wider, "pageup", click]
    assert_same(steps, monkeypatch)


@pytest.mark.parametrize("cursor", [0, DEEP, len(ARTICLE.body) - 3])
def test_opening_shows_what_a_full_layout_shows(monkeypatch, cursor):
    assert_same([], monkeypatch, cursor=cursor)


def test_idle_wrapping_finishes_without_moving_the_text():
    app = ReaderApp(ARTICLE, cursor=DEEP)

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            reader = app.query_one(ReaderView)
            layout = reader._layout
            shown = screen_text(reader)
            for _ in range(2000):  # a bound, not a timing: each pause lets steps run
                if layout.complete:
                    break
                assert screen_text(reader) == shown
                await pilot.pause(0.01)
            await pilot.pause()
            assert layout.complete and reader._layout is layout
            assert screen_text(reader) == shown
            full = rl.Layout(ARTICLE.body, ARTICLE.blocks, layout.width)
            full.wrap_all()
            assert list(layout.lines) == list(full.lines)
            assert reader.virtual_size.height == len(full)
            assert reader.scroll_offset.y == full.row_of(DEEP) - reader.scrollable_content_region.height // 3

    asyncio.run(main())


def test_switching_article_stops_the_old_wrapping():
    app = ReaderApp(ARTICLE, cursor=DEEP)
    short = make_article("Kort.\n\nTo avsnitt.", article_id=2)

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            reader = app.query_one(ReaderView)
            old = reader._layout
            reader.show_article(short, [])
            left = old.pending
            assert left > 0
            for _ in range(20):
                await pilot.pause(0.01)
            assert old.pending == left and reader._layout.complete
            assert reader._wrap_timer is None
            assert "Kort." in "".join(screen_text(reader))

    asyncio.run(main())


def test_wheel_scrolling_then_keys(monkeypatch):
    def scroll_by(rows):
        async def wheel(pilot, reader):
            reader.scroll_relative(y=rows, animate=False, immediate=True)

        wheel.__name__ = f"wheel {rows}"
        return wheel

    # At most two screens at a time (24 rows here): the wheel and the like. A
    # longer jump (the scrollbar) lands by the estimates, as a proportion.
    steps = [scroll_by(37), "pagedown", scroll_by(-40), scroll_by(-3), scroll_by(-45), "j", scroll_by(-1),
             "pageup", "G", scroll_by(-44), "pagedown", "pagedown", scroll_by(-30), scroll_by(-30), "pageup", "k",
             scroll_by(12), "z"]
    assert_same(steps, monkeypatch)
