"""The feed-reader loop driven like a newsboat user: `n`/`p` next and previous
unread, `N` toggle read, `A` mark all read and `u` undo it, space at the end of
an article opens the next unread one, the feeds view `2` with its counts, and
`F` full text on demand from a local server.

Offline: feeds are files on disk; pages come from support/feeds_server.py.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label

from newsreader.ingest.fetch import FetchLimits
from newsreader.library import Library
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.feed_list import FeedList
from newsreader.tui.widgets.reader import ReaderView

from support.app import run as run_app
from support.app import screen_text, settle
from support.feeds_server import Route, rss

LIMITS = FetchLimits(timeout=5.0)


def items(name: str, count: int, first_day: int = 1) -> list[dict]:
    return [
        {
            "title": f"{name} item {i}",
            "guid": f"urn:{name}:{i}",
            "link": f"https://example.org/{name}/{i}",
            "pubDate": f"{first_day + i:02d} Jan 2024 10:00:00 GMT",
            "content": f"<p>{name} item {i}. Some text of the item to read.</p>",
        }
        for i in range(count)
    ]


def store_with_feeds(tmp_path: Path, **feeds: int) -> Path:
    """A store subscribed to one feed file per keyword (name=count), no seed."""
    db = tmp_path / "t.db"
    library = Library.open(db)
    library.fetch_limits = LIMITS
    try:
        for day, (name, count) in enumerate(feeds.items()):
            path = tmp_path / f"{name}.xml"
            path.write_bytes(rss(name.title(), items(name, count, first_day=1 + 10 * day)))
            outcome = library.subscribe(str(path))
            assert not outcome.failed, outcome.message
    finally:
        library.close()
    return db


def run(db: Path, scenario, size=(120, 40)) -> NewsReaderApp:
    return run_app(db.parent, scenario, size=size, db=db, fetch_limits=LIMITS)


def status_line(app) -> str:
    return str(app.query_one("#list-status", Label).render())


def unread_titles(library: Library) -> set[str]:
    ids = library.unread_ids()
    return {library.article(i).title for i in ids}


def test_n_opens_the_next_unread_article_and_p_the_previous(tmp_path):
    db = store_with_feeds(tmp_path, alpha=4)

    async def scenario(pilot, app, library):
        articles = app.query_one(ArticleList)
        ids = list(articles.ids)  # newest first: item 3, 2, 1, 0
        library.mark_read(ids[1])  # item 2 read already
        await app.refresh_unread()
        assert status_line(app) == "4 articles · 3 unread"
        await pilot.press("n")  # from the cursor (row 0): the next unread is row 2
        await settle(pilot)
        reader = app.query_one(ReaderView)
        assert reader.has_focus and app.current.id == ids[2]
        assert library.article(ids[2]).read_at is not None  # opening marked it read
        assert status_line(app) == "4 articles · 2 unread"
        app.query_one(ArticleList).focus()
        await pilot.press("n")
        await settle(pilot)
        assert app.current.id == ids[3]
        app.query_one(ArticleList).focus()
        await pilot.press("n")  # past the end it goes round to the top
        await settle(pilot)
        assert app.current.id == ids[0]
        app.query_one(ArticleList).focus()
        await pilot.press("n")  # nothing unread is left
        await settle(pilot)
        assert app.current.id == ids[0]
        assert any("No unread" in n.message for n in app._notifications)

    run(db, scenario)


def test_p_goes_to_the_previous_unread(tmp_path):
    db = store_with_feeds(tmp_path, alpha=3)

    async def scenario(pilot, app, library):
        articles = app.query_one(ArticleList)
        ids = list(articles.ids)
        await pilot.press("G")  # the last row
        await pilot.press("p")
        await settle(pilot)
        assert app.current.id == ids[1]

    run(db, scenario)


def test_capital_n_toggles_read_and_u_undoes_it(tmp_path):
    db = store_with_feeds(tmp_path, alpha=2)

    async def scenario(pilot, app, library):
        articles = app.query_one(ArticleList)
        first = articles.current_id
        await pilot.press("N")
        await settle(pilot)
        assert library.article(first).read_at is not None
        assert "●" not in screen_text(app).splitlines()[1]  # the unread mark is gone from row 1
        assert any("Marked read" in n.message for n in app._notifications)
        await pilot.press("N")  # again: unread
        await settle(pilot)
        assert library.article(first).read_at is None
        await pilot.press("u")  # undoes the last one: read again
        await settle(pilot)
        assert library.article(first).read_at is not None
        assert status_line(app) == "2 articles · 1 unread"

    run(db, scenario)


def test_capital_a_marks_everything_shown_read_and_u_undoes_exactly_that(tmp_path):
    db = store_with_feeds(tmp_path, alpha=3, beta=2)

    async def scenario(pilot, app, library):
        articles = app.query_one(ArticleList)
        beta = next(f for f in library.feeds() if f.name == "Beta")
        app.set_feed_filter(beta)
        await settle(pilot)
        assert articles.row_count == 2
        library.mark_read(articles.ids[0])  # read before A: stays read after undo
        await app.refresh_unread()
        await pilot.press("A")
        await settle(pilot)
        assert unread_titles(library) == {"alpha item 0", "alpha item 1", "alpha item 2"}
        assert status_line(app).startswith("2 articles") and "unread" not in status_line(app)
        assert any("Marked 1 article read" in n.message for n in app._notifications)
        await pilot.press("u")
        await settle(pilot)
        assert unread_titles(library) == {"alpha item 0", "alpha item 1", "alpha item 2", "beta item 0"}

    run(db, scenario)


def test_u_undoes_the_newest_change_first_reads_and_deletions_alike(tmp_path):
    db = store_with_feeds(tmp_path, alpha=2)

    async def scenario(pilot, app, library):
        articles = app.query_one(ArticleList)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("h", "d")  # a highlight, deleted
        await settle(pilot)
        assert library.highlights(articles.current_id) == []
        articles.focus()
        await pilot.press("A")
        await settle(pilot)
        assert library.unread_ids() == set()
        await pilot.press("u")  # the read change first
        await settle(pilot)
        assert len(library.unread_ids()) == 1
        assert library.highlights(articles.current_id) == []
        await pilot.press("u")  # then the highlight
        await settle(pilot)
        assert len(library.highlights(articles.current_id)) == 1

    run(db, scenario)


def test_the_feeds_view_shows_counts_and_enter_shows_that_feeds_articles(tmp_path):
    db = store_with_feeds(tmp_path, alpha=3, beta=2)

    async def scenario(pilot, app, library):
        articles = app.query_one(ArticleList)
        library.mark_read(articles.ids[-1])  # the oldest: alpha item 0
        await app.refresh_unread()
        await pilot.press("2")
        await settle(pilot)
        feeds = app.query_one(FeedList)
        assert feeds.display and feeds.has_focus and not articles.display
        text = screen_text(app)
        assert "4/5  All articles" in text
        assert "2/3  Alpha" in text and "2/2  Beta" in text
        # newest first: Beta's items are the newer ones
        assert text.index("Beta") < text.index("Alpha")
        await pilot.press("j", "enter")  # Beta
        await settle(pilot)
        assert articles.display and articles.has_focus and articles.row_count == 2
        assert app.feed_filter is not None and app.feed_filter.name == "Beta"
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("q")  # q on the feeds view: back to the list, not quit
        await settle(pilot)
        assert app.is_running and articles.has_focus and not feeds.display
        await pilot.press("2", "g", "enter")  # All articles
        await settle(pilot)
        assert app.feed_filter is None and articles.row_count == 5

    run(db, scenario)


def test_space_past_the_end_opens_the_next_unread(tmp_path):
    db = store_with_feeds(tmp_path, alpha=3)

    async def scenario(pilot, app, library):
        articles = app.query_one(ArticleList)
        ids = list(articles.ids)
        library.mark_read(ids[1])
        await app.refresh_unread()
        await pilot.press("enter")
        await settle(pilot)
        assert app.current.id == ids[0]
        app.query_one(ReaderView).post_message(ReaderView.PastEnd(ids[0], app.query_one(ReaderView)))
        await settle(pilot)
        assert app.current.id == ids[2]  # the read one in between is skipped
        assert articles.current_id == ids[2]

    run(db, scenario)


def test_full_text_on_demand_replaces_the_summary_and_keeps_a_highlight(tmp_path, server):
    paragraphs = ["Some text of the item to read."] + [
        f"The whole story goes on here, part {n}, with many more words than the summary had "
        "and a few sentences more so that the page reads as an article." for n in range(6)
    ]
    page = "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Story</title></head>"
    page += "<body><article><h1>Story</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs)
    page += "</article></body></html>"
    server.routes["/story"] = Route(body=page.encode(), content_type="text/html; charset=utf-8")
    url = f"http://127.0.0.1:{server.port}/story"
    feed = tmp_path / "f.xml"
    feed.write_bytes(rss("Local", [{
        "title": "Story", "guid": "urn:story", "link": url, "pubDate": "01 Jan 2024 10:00:00 GMT",
        "description": "Some text of the item to read.",
    }]))
    db = tmp_path / "t.db"
    library = Library.open(db)
    library.fetch_limits = LIMITS
    outcome = library.subscribe(str(feed))
    assert not outcome.failed, outcome.message
    (article_id,) = library.article_ids()
    body = library.article(article_id).body
    start = body.index("text of")
    library.add_highlight(article_id, start, start + len("text of the item"))
    library.close()

    async def scenario(pilot, app, library):
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        article = library.article(article_id)
        assert "The whole story goes on" in article.body
        (highlight,) = library.highlights(article_id)
        assert not highlight.orphaned
        assert article.body[highlight.start : highlight.end] == "text of the item"
        assert "The whole story goes on" in screen_text(app)  # the reader shows the new text

    run(db, scenario)
