"""The feed commands as a person or a script uses them: subscribe, refresh, feeds,
unsubscribe; failures are one line each, exit 1, and never a traceback."""

from __future__ import annotations

import json
import sys

from newsreader.cli import feeds as cli_feeds

from support.cli import run
from support.feeds_server import Route, closed_port, rss

ITEMS = [
    {"title": "Brua åpner igjen", "link": "https://lokal.example/bru", "guid": "https://lokal.example/bru",
     "pubDate": "Thu, 02 May 2024 06:00:00 GMT",
     "description": "<p>Brua over elva åpner igjen mandag etter tre måneder med reparasjoner.</p>"},
    {"title": "Nytt bibliotek", "link": "https://lokal.example/bibliotek",
     "pubDate": "Wed, 01 May 2024 06:00:00 GMT",
     "description": "<p>Det nye biblioteket får egen avdeling for barn og unge i første etasje.</p>"},
]


def listing(capsys, db_path):
    code, out, _ = run(capsys, "--db", str(db_path), "list", "--json")
    return [row for row in json.loads(out) if row["source"] != "newsreader seed"]


def test_subscribe_then_refresh_twice(capsys, db_path, server):
    server.routes["/feed.xml"] = Route(rss("Lokalavisa", ITEMS), etag='"e1"',
                                       last_modified="Thu, 02 May 2024 07:00:00 GMT")
    code, out, err = run(capsys, "--db", str(db_path), "subscribe", server.url("/feed.xml"))
    assert code == 0 and err == ""
    assert out.startswith("subscribed (new 2)") and "Lokalavisa" in out
    rows = listing(capsys, db_path)
    assert [r["title"] for r in rows] == ["Brua åpner igjen", "Nytt bibliotek"]  # newest first
    assert rows[0]["source"] == "Lokalavisa" and rows[0]["published"] == "2024-05-02T06:00:00+00:00"

    code, out, err = run(capsys, "--db", str(db_path), "refresh")
    assert code == 0 and out.startswith("not modified") and err == ""
    assert server.seen("/feed.xml")[-1].headers.get("if-none-match") == '"e1"'

    code, out, _ = run(capsys, "--db", str(db_path), "feeds")
    assert "Lokalavisa" in out and "[not-modified]" in out and "    2  " in out


def test_refresh_with_no_network_prints_one_line_per_failed_feed_and_exits_1(capsys, db_path, server):
    server.routes["/a.xml"] = Route(rss("Feed A", ITEMS[:1]))
    server.routes["/b.xml"] = Route(rss("Feed B", ITEMS[1:]))
    run(capsys, "--db", str(db_path), "subscribe", server.url("/a.xml"), server.url("/b.xml"))
    before = listing(capsys, db_path)
    bodies = {r["id"]: run(capsys, "--db", str(db_path), "show", str(r["id"]))[1] for r in before}
    # The network goes away: point both feeds at a port where nothing listens.
    dead = closed_port()
    from newsreader.library import Library

    lib = Library.open(db_path)
    lib._db.execute("UPDATE feeds SET url = replace(url, ?, ?)", [f":{server.port}/", f":{dead}/"])
    lib.close()

    code, out, err = run(capsys, "--db", str(db_path), "refresh", "--timeout", "2")
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) == 2 and "Traceback" not in err
    for line, name in zip(sorted(lines), ("Feed A", "Feed B")):
        assert line.startswith(f"newsreader: {name} (http://127.0.0.1:{dead}/")
        assert "connection refused" in line
    assert listing(capsys, db_path) == before
    for article_id, body in bodies.items():
        assert run(capsys, "--db", str(db_path), "show", str(article_id))[1] == body
    code, out, _ = run(capsys, "--db", str(db_path), "feeds", "--json")
    assert {f["last_status"] for f in json.loads(out)} == {"error"}


def test_refresh_reports_a_timeout_and_carries_on(capsys, db_path, server):
    server.routes["/ok.xml"] = Route(rss("Fine", ITEMS))
    server.routes["/slow.xml"] = Route(rss("Slow", ITEMS), sleep=True)
    run(capsys, "--db", str(db_path), "subscribe", server.url("/ok.xml"))
    from newsreader.library import Library
    from newsreader.ingest.opml import Subscription
    from newsreader.library.subscriptions import add_subscriptions

    lib = Library.open(db_path)
    add_subscriptions(lib._db, [Subscription(server.url("/slow.xml"), "Slow")], "test")
    lib.close()
    code, out, err = run(capsys, "--db", str(db_path), "refresh", "--timeout", "0.3")
    assert code == 1
    assert out.startswith("unchanged") and "Fine" in out
    assert err.strip().startswith("newsreader: Slow (") and "timed out" in err


def test_subscribe_mistakes_are_one_line_and_the_rest_continues(capsys, db_path, server, tmp_path):
    server.routes["/good.xml"] = Route(rss("Good", ITEMS))
    code, out, err = run(capsys, "--db", str(db_path), "subscribe", "ftp://x.example/feed",
                         str(tmp_path / "missing.xml"), server.url("/good.xml"), "--timeout", "2")
    assert code == 1 and "subscribed (new 2)" in out
    lines = err.splitlines()
    assert len(lines) == 2 and all(line.startswith("newsreader: ") for line in lines)
    assert "only http and https" in lines[0] and "no such file" in lines[1]


def test_refresh_one_feed_unsubscribe_and_no_feeds(capsys, db_path, server):
    code, _, err = run(capsys, "--db", str(db_path), "refresh")
    assert code == 0 and "no subscriptions yet" in err
    server.routes["/feed.xml"] = Route(rss("Lokalavisa", ITEMS))
    run(capsys, "--db", str(db_path), "subscribe", server.url("/feed.xml"))
    code, out, _ = run(capsys, "--db", str(db_path), "refresh", "--feed", "1")
    assert code == 0 and out.startswith("unchanged")
    code, _, err = run(capsys, "--db", str(db_path), "refresh", "--feed", "7")
    assert code == 1 and err.strip() == "newsreader: no feed with id 7"
    code, out, _ = run(capsys, "--db", str(db_path), "unsubscribe", "1")
    assert code == 0 and "2 article(s) stay" in out
    assert len(listing(capsys, db_path)) == 2


def test_hostile_feed_titles_are_printed_without_escape_sequences(capsys, db_path, server):
    server.routes["/evil.xml"] = Route(rss("Evil\x1b]52;c;aGk=\x07 [bold]feed[/]", ITEMS[:1]))
    code, out, _ = run(capsys, "--db", str(db_path), "subscribe", server.url("/evil.xml"))
    assert code == 0 and "\x1b" not in out and "\x07" not in out


def test_no_progress_bar_unless_on_a_terminal(capsys, monkeypatch):
    with cli_feeds.progress_bar("refreshing") as progress:
        assert progress is None
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    with cli_feeds.progress_bar("refreshing") as progress:
        assert progress is not None
        progress(1, 2, "[/] hostile [@click=app.quit] name")  # never parsed as markup
        progress(2, 2, "done")
