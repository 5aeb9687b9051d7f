"""The layout: pane widths that follow the terminal, `<` / `>` remembered, one
pane at a time when narrow, list rows that put the title first, and a first
screen that says "Loading…" until it knows the library is empty."""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path

import pytest

from newsreader.ingest.plaintext import ParsedArticle
from newsreader.library import Library
from newsreader.text.cells import cell_len
from newsreader.tui import app as app_module
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.config import Settings
from newsreader.tui.layout import (
    DEFAULT_SHARE, LIST_MAX, LIST_MIN, NARROW, READER_MIN, SHARE_MAX, SHARE_MIN, SINGLE_PANE,
    annotations_width, list_width,
)
from newsreader.tui.startup import StartUp
from newsreader.tui.ui_state import state_path
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.article_row import PREFIX, columns, row_pieces
from support.app import run, screen_text, settle

TITLE_35 = "Oslo council agrees on a new budget"
LONG_FEED = "The Extraordinarily Long Name of a Regional Newspaper Feed!"
WIDE = {
    "cjk": "日本語のニュース見出しがとても長い場合の表示テスト",
    "emoji": "Party 🎉 family 👨‍👩‍👧 flags 🇳🇴 end",
    "combining": "Cafe\u0301 re\u0301sume\u0301 nai\u0308ve Zo\u0308e e\u0301le\u0300ve",
}


# -- widths ------------------------------------------------------------------------


def test_the_list_takes_40_percent_at_120_columns_and_less_in_proportion_when_wider():
    assert list_width(120, DEFAULT_SHARE, annotations=True) == 48
    assert 48 < list_width(200, DEFAULT_SHARE, True) < 0.4 * 200
    assert list_width(400, DEFAULT_SHARE, True) < 0.3 * 400
    assert list_width(1000, SHARE_MAX, False) == LIST_MAX


def test_the_reader_keeps_its_columns_at_every_width_and_share():
    for total in range(SINGLE_PANE, 400):
        for share in (SHARE_MIN, DEFAULT_SHARE, SHARE_MAX):
            for shown in (False, True) if total >= NARROW else (False,):
                beside = annotations_width(total) if shown else 0
                assert total - list_width(total, share, shown) - beside >= READER_MIN, (total, share)


def panes(app) -> dict[str, int | None]:
    """Width of each pane on screen; None for a hidden one."""
    widths = {}
    for name in ("list-pane", "reader-pane", "annotations"):
        widget = app.query_one(f"#{name}")
        widths[name] = widget.region.width if widget.display and widget.region.width else None
    return widths


@pytest.mark.parametrize("columns_", [120, 150, 110, 100, 80, 70])
def test_panes_fit_the_terminal(tmp_path, columns_):
    async def scenario(pilot, app, library):
        # No article opened yet: the list alone, across the screen (whole titles).
        assert panes(app) == {"list-pane": columns_, "reader-pane": None, "annotations": None}
        await pilot.press("enter")
        await settle(pilot)
        shown = panes(app)
        assert shown["list-pane"] == list_width(columns_, DEFAULT_SHARE, columns_ >= NARROW)
        if columns_ >= NARROW:  # the annotations pane gives way first, below NARROW
            assert shown["annotations"] == annotations_width(columns_)
        else:
            assert shown["annotations"] is None
        assert shown["reader-pane"] >= READER_MIN
        assert sum(w for w in shown.values() if w) == columns_

    run(tmp_path, scenario, size=(columns_, 24))


def test_one_pane_at_a_time_below_70_columns(tmp_path):
    async def scenario(pilot, app, library):
        articles = app.query_one(ArticleList)
        assert panes(app) == {"list-pane": 40, "reader-pane": None, "annotations": None}
        assert articles.scrollable_content_region.width == 40  # no border beside nothing
        assert cell_len(articles.render_line(0).text) == 40
        await pilot.press("enter")  # the reader has the focus now
        await settle(pilot)
        assert panes(app) == {"list-pane": None, "reader-pane": 40, "annotations": None}
        assert "Putins regime" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert panes(app)["list-pane"] == 40 and panes(app)["reader-pane"] is None
        await pilot.press("enter", "slash")  # the search bar's results live in the list pane
        await settle(pilot)
        assert panes(app)["list-pane"] == 40
        await pilot.press("escape")
        await settle(pilot)
        # Wide again: both panes, at the usual widths.
        await pilot.resize_terminal(120, 24)
        await settle(pilot)
        assert panes(app) == {"list-pane": 48, "reader-pane": 46, "annotations": 26}
        await pilot.resize_terminal(50, 24)
        await settle(pilot)
        assert panes(app) == {"list-pane": 50, "reader-pane": None, "annotations": None}

    run(tmp_path, scenario, size=(40, 24))


def test_less_and_greater_resize_the_list_and_the_share_is_remembered(tmp_path):
    async def scenario(pilot, app, library):
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert panes(app)["list-pane"] == 54  # 5% of 120 more
        await pilot.press("less_than_sign", "less_than_sign")
        await settle(pilot)
        assert panes(app)["list-pane"] == 42
        assert json.loads(state_path().read_text(encoding="utf-8"))["list_share"] == pytest.approx(0.35)

    run(tmp_path, scenario)

    async def again(pilot, app, library):
        await pilot.press("enter")  # the split shows once an article is open
        await settle(pilot)
        assert panes(app)["list-pane"] == 42  # the next start
        app.clear_notifications()
        for _ in range(20):
            await pilot.press("greater_than_sign")
        await settle(pilot)
        shown = panes(app)
        assert shown["reader-pane"] == READER_MIN and shown["list-pane"] == 120 - READER_MIN - 26
        assert any("as wide as it goes" in n.message for n in app._notifications)
        for _ in range(20):
            await pilot.press("less_than_sign")
        await settle(pilot)
        assert panes(app)["list-pane"] == max(LIST_MIN, round(SHARE_MIN * 120))

    run(tmp_path, again)


def test_resizing_keys_do_nothing_with_one_pane(tmp_path):
    async def scenario(pilot, app, library):
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert panes(app)["list-pane"] == 50
        assert any("one pane at a time" in n.message for n in app._notifications)
        assert not state_path().exists()

    run(tmp_path, scenario, size=(50, 24))


# -- rows ----------------------------------------------------------------------------


def test_row_pieces_are_exactly_the_row_at_every_width():
    titles = [TITLE_35, "", "x" * 300, *WIDE.values()]
    for width in range(0, 140):
        for title in titles:
            for source, language, date in (("", "", ""), (LONG_FEED, "en", "2024-03-01"), ("日本経済新聞", "ja", "")):
                for highlights in (0, 3, 1234):
                    pieces = row_pieces(width, title, highlights, source, language, date)
                    cells = sum(cell_len(text) for text, _ in pieces)
                    assert cells == max(width - PREFIX, 0), (width, title, source)


def test_the_title_is_never_squeezed_below_60_percent_and_the_feed_name_goes_first():
    for width in range(10, 140):
        room = width - PREFIX
        pieces = dict((role, text) for text, role in row_pieces(width, "y" * 200, 0, LONG_FEED, "en", "2024-03-01"))
        assert cell_len(pieces["title"]) >= 0.6 * room
        planned = [name for name, _ in columns(width)]
        # The feed name is planned last: it is only there if the date and the language are.
        if "source" in planned:
            assert planned == ["source", "language", "date"]
            assert pieces["source"].rstrip().endswith("…")


def add_article(library: Library, title: str, source: str | None, published: str | None, lang="en") -> int:
    body = "A first sentence of the body. A second one follows here.\n\nAnother paragraph."
    parsed = ParsedArticle(title=title, body=body, raw=f"{title}\n\n{body}", encoding="utf-8")
    article_id = library.import_parsed(f"test:{title}", parsed, source=source).article_id
    library.store.db.execute(
        "UPDATE articles SET published = ?, language = ?, imported_at = ? WHERE id = ?",
        [published, lang, "1999-09-09T09:09:09+00:00", article_id],
    )
    return article_id


def rows_library(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    db = tmp_path / "rows.db"
    library = Library.open(db)
    library.ensure_seeded()
    ids = {
        "35": add_article(library, TITLE_35, "Byavisa", "2024-03-01T10:00:00Z"),
        "long feed": add_article(library, "Short one", LONG_FEED, "2024-03-02T10:00:00Z"),
        "short feed": add_article(library, "Short two", "Byavisa", "2024-03-03T10:00:00Z"),
        "undated": add_article(library, "Never published", "Byavisa", None),
    }
    for name, title in WIDE.items():
        ids[name] = add_article(library, title, "東京新聞", "2024-03-04", lang="ja")
    library.add_highlight(ids["35"], 0, 5)  # `✎1` must not cost the title its end
    library.close()
    return db, ids


@pytest.mark.parametrize("columns_", [120, 80, 60, 40])
def test_list_rows_in_the_app(tmp_path, columns_):
    db, ids = rows_library(tmp_path)

    async def scenario(pilot, app, library):
        articles = app.query_one(ArticleList)
        width = articles.scrollable_content_region.width
        rows = {}
        for y in range(articles.row_count):
            strip = articles.render_line(y)
            assert strip.cell_length == width and cell_len(strip.text) == width, (y, strip.text)
            rows[articles._ids[y]] = strip.text
        dated = "date" in [name for name, _ in columns(width)]
        # A 60-cell feed name never hides the date: it shows as on a short feed's row.
        assert ("2024-03-02" in rows[ids["long feed"]]) == ("2024-03-03" in rows[ids["short feed"]]) == dated
        assert LONG_FEED not in rows[ids["long feed"]]
        # The date is the publication date: an undated article shows none (not the import's).
        assert "1999" not in "".join(rows.values())
        assert "Never" in rows[ids["undated"]]
        if columns_ == 120:
            assert f"{TITLE_35} " in rows[ids["35"]] and "✎1" in rows[ids["35"]]
            assert dated and "en " in rows[ids["long feed"]]
        if columns_ == 40:
            assert width == 40

    run(tmp_path, scenario, size=(columns_, 24), db=db)


# -- the first screen ----------------------------------------------------------------


def test_a_fresh_store_says_loading_until_the_library_is_read(tmp_path, monkeypatch):
    go = threading.Event()
    real = app_module.prepare_store

    def slow_prepare(library):
        assert go.wait(10)
        return real(library)

    monkeypatch.setattr(app_module, "prepare_store", slow_prepare)
    library = Library.open(tmp_path / "fresh.db")
    app = NewsReaderApp(library, Settings(export_dir=tmp_path / "out"))
    seen = {}

    async def main():
        async with app.run_test(size=(120, 24)) as pilot:
            await pilot.pause()
            seen["first"] = screen_text(app)
            go.set()
            await settle(pilot)
            seen["after"] = screen_text(app)

    try:
        asyncio.run(main())
    finally:
        go.set()
        library.close()
    assert "Loading…" in seen["first"] and "No articles" not in seen["first"]
    assert "Putins regime" in seen["after"] and "Loading" not in seen["after"]


def test_an_empty_library_says_so_once_it_is_read(tmp_path, monkeypatch):
    from newsreader.library import Prepared

    monkeypatch.setattr(app_module, "prepare_store", lambda library: StartUp(Prepared([], []), [], 0))

    async def scenario(pilot, app, library):
        text = screen_text(app)
        assert "No articles" in text and "Loading" not in text

    run(tmp_path, scenario)
