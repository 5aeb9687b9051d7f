"""Hostile documents are harmless: entity expansion, external entities, local-file
tricks, scripts and remote resources in pages."""

from __future__ import annotations

import pytest

from newsreader.ingest.fetch import FetchLimits
from newsreader.ingest.feeds import parse_feed
from newsreader.ingest.opml import parse_opml
from newsreader.ingest.plaintext import IngestError

from support.feeds_server import Route

LIMITS = FetchLimits(timeout=1.0, max_bytes=256 * 1024)
TOKEN = "SECRET-7f3a9c-DO-NOT-LEAK"


def billion_laughs(root: str = "rss") -> bytes:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10)
    ]
    doctype = f"<!DOCTYPE {root} [\n" + "\n".join(entities) + "\n]>"
    if root == "opml":
        body = '<opml version="2.0"><head><title>&lol9;</title></head><body><outline text="&lol9;" xmlUrl="https://x.example/f"/></body></opml>'
    else:
        body = ('<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>'
                '<link>https://x.example/1</link><description>&lol9;</description></item></channel></rss>')
    return f'<?xml version="1.0"?>\n{doctype}\n{body}'.encode()


def external_entity(secret_path, root: str = "rss") -> bytes:
    doctype = f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file://{secret_path}">]>'
    if root == "opml":
        body = '<opml version="2.0"><head><title>&xxe;</title></head><body><outline text="&xxe;" xmlUrl="https://x.example/f"/></body></opml>'
    else:
        body = ('<rss version="2.0"><channel><title>Feed &xxe;</title><item><title>Item &xxe;</title>'
                '<link>https://x.example/1</link><description>Text &xxe; here.</description></item></channel></rss>')
    return f'<?xml version="1.0"?>\n{doctype}\n{body}'.encode()


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(TOKEN, encoding="utf-8")
    return path


def everything_stored(lib) -> str:
    rows = lib._db.execute("SELECT title, raw, body, coalesce(source, '') FROM articles").fetchall()
    feeds = lib._db.execute("SELECT coalesce(title, ''), url FROM feeds").fetchall()
    return "\n".join("\n".join(r) for r in rows + feeds)


def test_billion_laughs_feed_does_not_expand(lib, server):
    lib.fetch_limits = LIMITS
    server.routes["/lol.xml"] = Route(billion_laughs())
    outcome = lib.subscribe(server.url("/lol.xml"))
    stored = everything_stored(lib)
    # 10^9 "lol"s would be 3 GB; whatever was kept is tiny and never expanded.
    assert len(stored) < 10_000 and "lollollol" not in stored
    # The feed is read like any other, its entity references kept as the literal text.
    assert (outcome.status, outcome.title, outcome.added, outcome.message) == ("subscribed", "&lol9;", 1, "")
    [feed] = lib.feeds()
    assert (feed.title, feed.last_status, feed.article_count) == ("&lol9;", "ok", 1)
    [article_id] = lib.article_ids()
    article = lib.article(article_id)
    assert (article.title, article.url) == ("&lol9;", "https://x.example/1")
    assert article.body.rstrip(";") == "&lol9"  # the HTML fragment reader may drop the ";"


def test_billion_laughs_parsed_directly_stays_small():
    feed = parse_feed(billion_laughs(), "https://x.example/feed")
    text = " ".join([feed.title or ""] + [i.title + i.text for i in feed.items])
    assert len(text) < 1000 and "lollollol" not in text


def test_external_entity_feed_reads_no_file(lib, server, secret):
    lib.fetch_limits = LIMITS
    server.routes["/xxe.xml"] = Route(external_entity(secret))
    lib.subscribe(server.url("/xxe.xml"))
    assert TOKEN not in everything_stored(lib)
    feed = parse_feed(external_entity(secret), "https://x.example/feed")
    assert TOKEN not in repr(feed)


def test_a_feed_body_that_names_a_local_file_is_not_opened(lib, server, tmp_path):
    # feedparser given bytes or a str would open a file (or URL) of that name.
    private = tmp_path / "private-feed.xml"
    private.write_text(f'<rss version="2.0"><channel><title>{TOKEN}</title><item><title>{TOKEN}</title>'
                       f"<link>https://x.example/1</link><description>{TOKEN}</description></item></channel></rss>")
    lib.fetch_limits = LIMITS
    server.routes["/path.xml"] = Route(str(private).encode())
    outcome = lib.subscribe(server.url("/path.xml"))
    assert outcome.failed and "not an RSS or Atom feed" in outcome.message
    with pytest.raises(IngestError):
        parse_feed(str(private).encode(), "https://x.example/feed")
    assert TOKEN not in everything_stored(lib)


def test_opml_with_entities_or_external_references_is_refused(secret):
    for document in (billion_laughs("opml"), external_entity(secret, "opml")):
        with pytest.raises(IngestError, match="refused"):
            parse_opml(document)


def test_reading_a_page_runs_no_script_and_fetches_nothing(lib, server):
    lib.fetch_limits = LIMITS
    sentences = [
        "The harbour authority confirmed on Monday that the old pier will be rebuilt next spring.",
        "Engineers found that the wooden pillars had rotted far more than the last inspection showed.",
        "The work is expected to take eight months and will close the ferry terminal for four weeks.",
    ]
    paragraphs = "".join(f"<p>{s}</p>" for s in sentences)
    page = f"""<!DOCTYPE html><html><head><title>Pier to be rebuilt</title>
    <link rel="stylesheet" href="{server.url('/style.css')}">
    <script src="{server.url('/tracker.js')}"></script>
    <script>document.write("<p>Injected by a script that must never run.</p>")</script>
    </head><body><article><h1>Pier to be rebuilt</h1>{paragraphs}
    <img src="{server.url('/pixel.gif')}" alt="">
    <iframe src="{server.url('/frame.html')}"></iframe>
    <noscript><img src="{server.url('/noscript.gif')}"></noscript></article></body></html>"""
    server.routes["/pier.html"] = Route(page.encode(), content_type="text/html; charset=utf-8")
    [outcome] = lib.import_paths([server.url("/pier.html")])
    assert outcome.status == "added", outcome
    body = lib.article(outcome.article_id).body
    assert all(s in body for s in sentences)
    assert "Injected" not in body and "document.write" not in body
    assert [r.path for r in server.requests] == ["/pier.html"]
