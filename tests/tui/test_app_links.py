"""`o` opens the article's address with $BROWSER in the background, `y` copies it."""

from __future__ import annotations

import asyncio
import time

from support.app import run, settle
from support.feeds_server import rss

from newsreader.tui.links import browser_command, web_address
from newsreader.tui.widgets.article_list import ArticleList

URL = "https://example.org/nyhet?id=1&x=2"


def feed_store(tmp_path):
    from newsreader.library import Library

    feed = tmp_path / "feed.xml"
    body = "Et avsnitt om været i Bergen, som var vått og kaldt hele uken. " * 10
    feed.write_bytes(rss("Avis", [{"title": "Nyhet", "link": URL.replace("&", "&amp;"), "description": body}]))
    db = tmp_path / "t.db"
    library = Library.open(db)
    library.prepare()
    library.import_paths([feed])
    library.close()
    return db


def test_o_starts_browser_with_the_address_and_y_copies_it(tmp_path, monkeypatch):
    db = feed_store(tmp_path)
    seen = tmp_path / "seen.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s" "$1" > {seen}\n', encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("BROWSER", str(script))

    async def scenario(pilot, app, library):
        articles = app.query_one(ArticleList)
        while library.article(articles.current_id).url != URL:
            await pilot.press("j")
        copied = []
        app.copy_to_clipboard = copied.append
        await pilot.press("o", "y")
        await settle(pilot)
        assert copied == [URL]
        deadline = time.monotonic() + 10
        while not seen.exists() and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert seen.read_text(encoding="utf-8") == URL
        assert app.is_running

    run(tmp_path, scenario, db=db)


def test_an_article_without_an_address_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("BROWSER", "/nonexistent/browser")

    async def scenario(pilot, app, library):
        copied = []
        app.copy_to_clipboard = copied.append
        await pilot.press("o", "y")
        await settle(pilot)
        assert copied == []
        assert any("no web address" in n.message for n in app._notifications)

    run(tmp_path, scenario)


def test_only_http_addresses_and_browser_templates():
    class A:
        url = "javascript:alert(1)"

    assert web_address(A()) is None
    A.url = "https://x.org/\x1b]52;c;Zm9v\x07a"
    assert web_address(A()) == "https://x.org/a"  # the whole OSC sequence removed
    assert browser_command("firefox --new-tab %s:lynx", "https://a") == ["firefox", "--new-tab", "https://a"]
    assert browser_command("w3m", "https://a") == ["w3m", "https://a"]
