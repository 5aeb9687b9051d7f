"""Feeds in the TUI, driven like a user: filter by feed, refresh in the background,
subscribe and import from the command palette.

Offline: feeds are files on disk or served by the local 127.0.0.1 server of
support/feeds_server.py. Plain functions running `asyncio.run`; workers are
awaited, never slept on (the one wait is a route the server holds on purpose).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Label, OptionList

from newsreader.ingest.fetch import FetchLimits
from newsreader.library import Library
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.config import Settings
from newsreader.tui.feeds import RefreshStopped
from newsreader.tui.screens.feed_picker import FeedPicker
from newsreader.tui.screens.prompt import PromptScreen
from newsreader.tui.screens.subscribe import SubscribeScreen
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reader import ReaderView
from newsreader.tui.widgets.search_results import SearchResults

from support.app import screen_text, settle
from support.feeds_server import Route, rss
from support.pages import news_page

LIMITS = FetchLimits(timeout=5.0)
HOSTILE = "[bold]Alpha[/]"


def items(name: str, count: int, first_day: int = 1, text: str = "Some text.") -> list[dict]:
    """`count` items, the later ones newer; each with full content (no page fetches)."""
    return [
        {
            "title": f"{name} item {i}",
            "guid": f"urn:{name}:{i}",
            "link": f"https://example.org/{name}/{i}",
            "pubDate": f"{first_day + i:02d} Jan 2024 10:00:00 GMT",
            "content": f"<p>{name} item {i}. {text}</p>",
        }
        for i in range(count)
    ]


def feed_file(folder: Path, title: str, feed_items: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"feed{len(list(folder.iterdir()))}.xml"
    path.write_bytes(rss(title, feed_items))
    return path


def prepare(db: Path, *targets: str) -> list[int]:
    """Subscribe before the app starts (so no seed is imported); the feed ids."""
    library = Library.open(db)
    library.fetch_limits = LIMITS
    try:
        outcomes = [library.subscribe(t) for t in targets]
        assert not any(o.failed for o in outcomes), [o.message for o in outcomes]
        return [o.feed_id for o in outcomes]
    finally:
        library.close()


def run(db: Path, scenario, size=(120, 40)) -> NewsReaderApp:
    library = Library.open(db)
    library.fetch_limits = LIMITS
    app = NewsReaderApp(library, Settings(export_dir=db.parent / "out"))

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await scenario(pilot, app, library)

    try:
        asyncio.run(main())
    finally:
        library.close()
    return app


def status_line(app) -> str:
    return str(app.query_one("#list-status", Label).render())


def messages(app, title: str | None = None) -> list[str]:
    return [n.message for n in app._notifications if title is None or n.title == title]


async def pick(pilot, option_id: str) -> None:
    """In the feed picker, walk (j/k) to the option and choose it."""
    options = pilot.app.screen.query_one(OptionList)
    for key in ("k",) * options.option_count + ("j",) * options.option_count:
        if options.highlighted_option.id == option_id:
            break
        await pilot.press(key)
    assert options.highlighted_option.id == option_id
    await pilot.press("enter")
    await settle(pilot)


def test_f_filters_the_list_by_feed_and_escape_shows_all_again(tmp_path):
    db = tmp_path / "t.db"
    alpha, beta = prepare(
        db,
        str(feed_file(tmp_path / "in", HOSTILE, items("alpha", 2))),
        str(feed_file(tmp_path / "in", "Beta", items("beta", 1, first_day=5))),
    )

    async def scenario(pilot, app, library):
        articles = app.query_one(ArticleList)
        assert articles.row_count == 3 and status_line(app) == "3 articles · 3 unread"
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FeedPicker)
        text = screen_text(app)
        assert "All articles  3" in text and f"{HOSTILE}  2" in text and "Beta  1" in text
        await pick(pilot, str(beta))
        assert not isinstance(app.screen, FeedPicker)
        assert articles.row_count == 1 and articles.has_focus
        assert library.article(articles.current_id).title == "beta item 0"
        assert status_line(app) == "1 article · 1 unread · Beta"
        assert "Show all articles" in [c.title for c in app.get_system_commands(app.screen)]

        await pilot.press("f")  # the picker opens on the current filter; escape keeps it
        await settle(pilot)
        assert app.screen.query_one(OptionList).highlighted_option.id == str(beta)
        await pilot.press("escape")
        await settle(pilot)
        assert articles.row_count == 1

        await pilot.press("escape")  # on the list: every feed again
        await settle(pilot)
        assert articles.row_count == 3 and status_line(app) == "3 articles · 3 unread"

        await pilot.press("f")
        await settle(pilot)
        await pick(pilot, str(alpha))
        assert articles.row_count == 2
        assert status_line(app) == f"2 articles · 2 unread · {HOSTILE}"  # literal, not markup
        await pilot.press("f")
        await settle(pilot)
        await pick(pilot, "all")
        assert articles.row_count == 3 and status_line(app) == "3 articles · 3 unread"
        assert app.is_running

    run(db, scenario)


def test_choosing_a_feed_leaves_the_search(tmp_path):
    db = tmp_path / "t.db"
    prepare(db, str(feed_file(tmp_path / "in", "Beta", items("beta", 2))))

    async def scenario(pilot, app, library):
        await pilot.press("slash", *"item")
        await settle(pilot)
        assert app.query_one(SearchResults).display
        app.action_filter_feed()
        await settle(pilot)
        await pick(pilot, str(library.feeds()[0].id))
        assert not app.query_one(SearchResults).display and app.query_one("#search").value == ""
        assert app.query_one(ArticleList).row_count == 2 and status_line(app) == "2 articles · 2 unread · Beta"

    run(db, scenario)


def test_palette_offers_the_feed_commands(tmp_path):
    async def scenario(pilot, app, library):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        wanted = ["Subscribe to a feed", "Subscribe (full text)", "Refresh feeds", "Filter by feed", "Import a file"]
        assert all(title in titles for title in wanted)
        assert "Show all articles" not in titles  # only while filtered

    run(tmp_path / "t.db", scenario)


def test_R_refreshes_in_the_background_and_new_articles_join_the_list(tmp_path, server):
    db = tmp_path / "t.db"
    server.routes["/a.xml"] = Route(rss("Alpha", items("alpha", 1, first_day=2)))
    server.routes["/b.xml"] = Route(rss("Beta", items("beta", 1, first_day=1)))
    prepare(db, server.url("/a.xml"), server.url("/b.xml"))
    # Two new items, answered after a pause so the refresh is still running while we type;
    # Beta is gone and fails at once.
    server.routes["/a.xml"] = Route(rss("Alpha", items("alpha", 3, first_day=2)), hold=2.0)
    del server.routes["/b.xml"]

    async def scenario(pilot, app, library):
        articles = app.query_one(ArticleList)
        assert articles.row_count == 2
        await pilot.press("j")
        kept = articles.current_id
        assert library.article(kept).title == "beta item 0"
        shown = []
        original = app._show_refresh

        def record(done: int, total: int, name: str) -> None:
            shown.append((done, total, name))
            original(done, total, name)

        app._show_refresh = record

        await pilot.press("R")
        await pilot.pause()
        assert app.workers_running("refresh")
        await pilot.press("R")  # politely refused
        await pilot.pause()
        assert any("already running" in m for m in messages(app, "Refresh"))
        # Search keeps working: it runs on the database thread, not behind the download.
        await pilot.press("slash", *"alpha")
        await pilot.pause()
        searches = [w for w in app.workers if w.group == "search"]
        if searches:  # (an empty list would wait for every worker, the refresh too)
            await app.workers.wait_for_complete(searches)
        await pilot.pause()
        assert app.query_one(SearchResults).hits and app.workers_running("refresh")
        assert "Refreshing 1/2: Beta…" in screen_text(app)
        await pilot.press("escape")

        await settle(pilot)
        assert not app.workers_running("refresh")
        assert shown[0] == (0, 2, "") and (1, 2, "Beta") in shown and shown[-1][:2] == (2, 2)
        assert not app.query_one("#refresh-status", Label).display
        assert articles.row_count == 4 and articles.current_id == kept  # same article, now lower
        assert articles.cursor_row == 3 and status_line(app) == "4 articles · 4 unread"
        (summary,) = [m for m in messages(app, "Refresh") if "feeds:" in m]
        first, *failures = summary.split("\n")
        assert first == "2 feeds: 2 new, 1 failed"
        assert failures == ["Beta: HTTP 404 Not Found"]

    run(db, scenario)


def test_refresh_with_no_feeds_says_how_to_add_one(tmp_path):
    async def scenario(pilot, app, library):
        await pilot.press("R")
        await settle(pilot)
        assert any("Subscribe to a feed" in m for m in messages(app, "Refresh"))

    run(tmp_path / "t.db", scenario)


def test_a_refresh_that_changes_the_open_article_shows_its_new_text(tmp_path, server):
    db = tmp_path / "t.db"
    server.routes["/a.xml"] = Route(rss("Alpha", items("alpha", 1, text="Old wording here.")))
    prepare(db, server.url("/a.xml"))
    server.routes["/a.xml"] = Route(rss("Alpha", items("alpha", 1, text="New wording here.")))

    async def scenario(pilot, app, library):
        await pilot.press("enter")
        await settle(pilot)
        reader = app.query_one(ReaderView)
        assert "Old wording" in app.current.body
        await pilot.press("R")
        await settle(pilot)
        assert "New wording" in app.current.body and reader.article_id == app.current.id
        assert "New wording" in screen_text(app)
        assert messages(app, "Refresh")[-1] == "1 feed: 0 new, 1 updated"
        assert any("new text" in m for m in messages(app, "Updated"))

    run(db, scenario)


def test_subscribe_from_the_palette_with_full_text(tmp_path):
    path = feed_file(tmp_path / "in", "Gamma", items("gamma", 2))

    async def scenario(pilot, app, library):
        assert app.query_one(ArticleList).row_count == 1  # the seed
        app.action_subscribe()
        await settle(pilot)
        assert isinstance(app.screen, SubscribeScreen)
        assert not app.screen.query_one(Checkbox).value
        await pilot.press(*str(path), "ctrl+t", "enter")
        await settle(pilot)
        (feed,) = library.feeds()
        assert feed.title == "Gamma" and feed.full_text and feed.article_count == 2
        assert app.query_one(ArticleList).row_count == 3
        assert "Gamma: subscribed (new 2)" in messages(app, "Subscribe")

    run(tmp_path / "t.db", scenario)


def test_subscribe_full_text_command_and_a_failure(tmp_path):
    async def scenario(pilot, app, library):
        (command,) = [c for c in app.get_system_commands(app.screen) if c.title == "Subscribe (full text)"]
        command.callback()
        await settle(pilot)
        assert app.screen.query_one(Checkbox).value
        app.screen.query_one(Input).value = str(tmp_path / "missing.xml")
        await pilot.press("enter")
        await settle(pilot)
        assert library.feeds() == []
        (failure,) = messages(app, "Subscribe failed")
        assert "missing.xml" in failure and "no such file" in failure
        assert app.query_one(ArticleList).row_count == 1

    run(tmp_path / "t.db", scenario)


@pytest.mark.parametrize("kind", ["page", "refused"])
def test_import_a_url_from_the_palette(tmp_path, server, kind):
    url = server.url("/nyheter/rodt-lys") if kind == "page" else "ftp://127.0.0.1/x.html"
    server.routes["/nyheter/rodt-lys"] = Route(news_page(url).encode(), content_type="text/html; charset=utf-8")

    async def scenario(pilot, app, library):
        app.action_import_file()
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        app.screen.query_one(Input).value = url
        await pilot.press("enter")
        await settle(pilot)
        articles = app.query_one(ArticleList)
        (message,) = messages(app, "Import")
        if kind == "page":  # fetched, as a URL must be, not read as a file named "http:/..."
            assert articles.row_count == 2
            assert library.article(articles.current_id).title == "Rødt lys i hele sentrum"
            assert message == f"added: {url}"
        else:
            assert articles.row_count == 1
            assert "only http and https" in message and "no such file" not in message

    run(tmp_path / "t.db", scenario)


def test_importing_a_feed_file_gives_one_summary(tmp_path):
    path = feed_file(tmp_path / "in", "Delta", items("delta", 3))

    async def scenario(pilot, app, library):
        app.action_import_file()
        await settle(pilot)
        await pilot.press(*str(path), "enter")
        await settle(pilot)
        assert messages(app, "Import") == ["3 added"]
        articles = app.query_one(ArticleList)
        assert articles.row_count == 4
        assert library.article(articles.current_id).title == "delta item 2"  # the newest

    run(tmp_path / "t.db", scenario)


def test_closing_stops_the_refresh_from_storing_more(tmp_path):
    library = Library.open(tmp_path / "t.db")
    try:
        app = NewsReaderApp(library, Settings())
        app.stop_fetching()
        with pytest.raises(RefreshStopped):
            app._report_refresh(1, 2, "a feed")
    finally:
        library.close()


def test_a_search_typed_during_a_slow_import_stays_on_screen(tmp_path, server):
    url = server.url("/slow.xml")
    server.routes["/slow.xml"] = Route(rss("Slow", items("slow", 2)), hold=1.5)

    async def scenario(pilot, app, library):
        app.action_import_file()
        await settle(pilot)
        app.screen.query_one(Input).value = url
        await pilot.press("enter")
        await pilot.pause()
        assert app.workers_running("import")
        await pilot.press("slash", *"putin")
        await settle(pilot)  # the search, then the import, end
        assert messages(app, "Import") == ["2 added"]
        assert app.query_one(SearchResults).display and app.query_one("#search").value == "putin"
        assert app.query_one(ArticleList).row_count == 3

    run(tmp_path / "t.db", scenario)
