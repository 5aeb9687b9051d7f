"""ArticleList: a virtual list whose cost does not grow with the library.

pytest-asyncio is not installed, so each Pilot test is a plain function
running its coroutine with `asyncio.run`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from textual import on
from textual.app import App, ComposeResult

from newsreader.model import ArticleSummary
from newsreader.text.terminal import one_line as clean  # what the list draws titles with
from newsreader.tui.widgets.article_list import ArticleList


class FakeRows:
    """Builds summaries on demand and records every call."""

    def __init__(self, titles: dict[int, str] | None = None) -> None:
        self.calls: list[list[int]] = []
        self.titles = titles or {}
        self.read: set[int] = set()
        self.highlights: dict[int, int] = {}

    @property
    def total_requested(self) -> int:
        return sum(len(c) for c in self.calls)

    def __call__(self, ids: Sequence[int]) -> dict[int, ArticleSummary]:
        self.calls.append(list(ids))
        return {
            i: ArticleSummary(
                id=i,
                title=self.titles.get(i, f"Article number {i}"),
                source="Example Daily News Service",
                language="nb",
                published=None if i % 2 else "2024-03-0%dT10:00:00Z" % (1 + i % 9),
                imported_at="2024-05-06T07:08:09Z",
                read_at="2024-05-06" if i in self.read else None,
                starred=False,
                highlight_count=self.highlights.get(i, 0),
            )
            for i in ids
        }


class ListApp(App):
    def __init__(self, fetch: FakeRows, ids: list[int]) -> None:
        super().__init__()
        self.fetch = fetch
        self.ids = ids
        self.selected: list[int] = []
        self.moved: list[int | None] = []

    def compose(self) -> ComposeResult:
        yield ArticleList(self.fetch, id="articles")

    def on_mount(self) -> None:
        self.query_one(ArticleList).set_ids(self.ids)
        self.query_one(ArticleList).focus()

    @on(ArticleList.Selected, "#articles")
    def _selected(self, event: ArticleList.Selected) -> None:
        self.selected.append(event.article_id)

    @on(ArticleList.CursorChanged, "#articles")
    def _moved(self, event: ArticleList.CursorChanged) -> None:
        self.moved.append(event.article_id)


def run(app: ListApp, body, size=(100, 30)):
    async def main():
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await body(pilot, app.query_one(ArticleList))

    asyncio.run(main())


def visible_text(widget: ArticleList) -> list[str]:
    return [widget.render_line(y).text for y in range(widget.scrollable_content_region.height)]


def test_huge_library_fetches_only_a_window():
    ids = list(range(100_000, 0, -1))  # newest first
    fetch = FakeRows()
    app = ListApp(fetch, ids)

    async def body(pilot, widget):
        assert widget.row_count == 100_000
        assert 0 < fetch.total_requested < 500
        assert max(len(c) for c in fetch.calls) < 500
        assert "Article number 100000" in widget.render_line(0).text
        assert widget.current_id == 100_000

        before = fetch.total_requested
        await pilot.press("G")
        await pilot.pause()
        assert widget.cursor_row == 99_999
        assert widget.current_id == 1
        lines = visible_text(widget)
        assert "Article number 1 " in lines[-1]
        assert fetch.total_requested - before < 500
        assert app.moved[-1] == 1

        await pilot.press("g")
        await pilot.pause()
        assert widget.current_id == 100_000

    run(app, body)


def test_keys_post_messages_with_ids():
    fetch = FakeRows()
    app = ListApp(fetch, [50, 40, 30, 20, 10])

    async def body(pilot, widget):
        await pilot.press("j")
        await pilot.pause()
        assert widget.current_id == 40 and app.moved[-1] == 40
        await pilot.press("j", "down")
        await pilot.pause()
        assert widget.current_id == 20 and app.moved[-1] == 20
        await pilot.press("k")
        await pilot.pause()
        assert widget.current_id == 30 and app.moved[-1] == 30
        await pilot.press("enter")
        await pilot.pause()
        assert app.selected == [30]
        await pilot.press("end", "up", "enter")
        await pilot.pause()
        assert app.selected == [30, 20]
        await pilot.press("k", "k", "k", "k", "k", "k")  # clamps at the top
        await pilot.pause()
        assert widget.cursor_row == 0 and widget.current_id == 50

    run(app, body)


def test_page_keys_and_click():
    fetch = FakeRows()
    app = ListApp(fetch, list(range(1000, 0, -1)))

    async def body(pilot, widget):
        page = widget.scrollable_content_region.height
        await pilot.press("pagedown")
        await pilot.pause()
        assert widget.cursor_row == page
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert widget.cursor_row == page + page // 2
        await pilot.press("ctrl+u", "pageup")
        await pilot.pause()
        assert widget.cursor_row == 0
        await pilot.click(ArticleList, offset=(5, 3))
        await pilot.pause()
        assert widget.cursor_row == 3
        assert app.moved[-1] == 997

    run(app, body)


def test_set_ids_keeps_cursor_and_refresh_article():
    fetch = FakeRows()
    app = ListApp(fetch, [5, 4, 3, 2, 1])

    async def body(pilot, widget):
        widget.select_article(3)
        await pilot.pause()
        assert widget.cursor_row == 2
        widget.set_ids([7, 6, 5, 4, 3, 2, 1])  # an import added two newer articles
        await pilot.pause()
        assert widget.current_id == 3 and widget.cursor_row == 4
        widget.set_ids([9, 8], keep_cursor=False)
        await pilot.pause()
        assert widget.current_id == 9

        assert widget.render_line(0).text.startswith("●")
        fetch.read.add(9)
        fetch.highlights[9] = 3
        widget.refresh_article(9)
        await pilot.pause()
        line = widget.render_line(0).text
        assert not line.startswith("●") and "✎3" in line

        widget.set_ids([])
        await pilot.pause()
        assert widget.current_id is None and app.moved[-1] is None
        assert any("No articles" in text for text in visible_text(widget))

    run(app, body)


HOSTILE = {
    1: "[bold]x[/]",
    2: "[@click=app.quit]y[/]",
    3: "\x1b]52;c;SGVsbG8=\x07evil",
    4: "\x1b[2J",
    5: "tab\there\nnew\x85line\u202eRTL",
}


def test_hostile_titles_render_literally():
    fetch = FakeRows(HOSTILE)
    app = ListApp(fetch, [1, 2, 3, 4, 5])

    async def body(pilot, widget):
        lines = visible_text(widget)
        assert "[bold]x[/]" in lines[0]
        assert "[@click=app.quit]y[/]" in lines[1]
        assert "evil" in lines[2] and "52;c" not in lines[2]
        assert "(untitled)" in lines[3]
        assert "tab here new" in lines[4] and "RTL" in lines[4]
        for line in lines:
            assert not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in line)
            assert "\u202e" not in line
        await pilot.click(ArticleList, offset=(4, 1))  # clicking the fake link does nothing
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and app.selected == [2]

    run(app, body)


def test_clean_strips_escapes():
    assert clean("\x1b[31mred\x1b[0m") == "red"
    assert clean("a\x00b\x7fc\x8fd") == "abcd"
    assert clean("line\x85break\u2028here\nnow") == "line break here now"
    assert clean("\x9b2Jz") == "z"  # C1 CSI is a whole sequence too
    assert clean(None) == ""


def test_narrow_and_wide_sizes():
    long_title = "A fairly long headline about something important happening today"
    # The title gets the room first; the columns (feed, language, date) are the ones
    # the width leaves room for, each in the same place on every row. Odd ids have
    # no publication date: they show none (not the import date, 2024-05-06).
    first_rows = {
        (40, 12): "●  A fairly long headline about somethi…",
        (200, 60): "●  " + long_title.ljust(200 - 3 - 40) + " Example Daily News Serv… nb " + " " * 11,
        (24, 8): "●  A fairly long he… nb ",
    }
    for size in [(40, 12), (200, 60), (24, 8)]:
        fetch = FakeRows({1: long_title, 2: "Short"})
        app = ListApp(fetch, [1, 2, 3])

        async def body(pilot, widget, size=size):
            lines = visible_text(widget)
            width = widget.scrollable_content_region.width
            assert all(len(line) == width for line in lines)
            assert "A fairly" in lines[0] and "Short" in lines[1]
            assert not any("2024-05-06" in line for line in lines)
            assert ("2024-03-03" in lines[1]) == (size[0] >= 40)
            if size[0] >= 200:
                assert long_title in lines[0] and "Example Daily News Serv…" in lines[0]
            else:
                assert "Example" not in lines[0]
            assert lines[0] == first_rows[size]
            # The columns line up: every row's language is in the same column.
            if size[0] != 40:
                assert len({line.index(" nb") for line in lines[:3]}) == 1

        run(app, body, size=size)


def test_first_page_with_a_total_then_every_id():
    """The first screen gets the first ids and the count; the rest arrives later."""
    every = list(range(1000, 0, -1))
    fetch = FakeRows()
    app = ListApp(fetch, [])

    async def body(pilot, widget):
        widget.set_ids(every[:50], total=len(every))
        await pilot.pause()
        assert widget.row_count == 1000
        assert widget.virtual_size.height == 1000
        assert "Article number 1000" in widget.render_line(0).text
        assert all(i in every[:50] for call in fetch.calls for i in call)
        # The cursor stays on rows whose ids are known; rows past them draw blank.
        await pilot.press("G")
        await pilot.pause()
        assert widget.cursor_row == 49
        assert widget.current_id == every[49]
        widget.scroll_to(y=500, animate=False, force=True)
        await pilot.pause()
        assert widget.render_line(0).text.strip() == ""

        widget.set_ids(every)
        await pilot.pause()
        assert widget.row_count == 1000
        assert widget.current_id == every[49]  # the cursor kept its article
        await pilot.press("G")
        await pilot.pause()
        assert widget.current_id == 1

    run(app, body)
