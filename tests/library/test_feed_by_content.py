"""Feeds are recognised by their content, not their file name or media type; a
page that is not an article fails with one clear line unless forced."""

from __future__ import annotations

from newsreader.ingest.fetch import FetchLimits
from newsreader.library.sources import import_inputs, kind_of

from support.feeds_server import Route, rss
from support.pages import news_page


def index_page() -> str:
    """A front page: sections of links to other articles, no article of its own."""
    sections = "".join(
        f"<section><h2>{name}</h2><ul>"
        + "".join(f'<li><a href="/{name}/{n}">{name}: Sak nummer {n} om noe som skjedde i dag og som mange '
                  f"snakker om</a></li>" for n in range(8))
        + "</ul></section>"
        for name in ["Nyheter", "Sport", "Kultur", "Økonomi"]
    )
    return (f'<!DOCTYPE html><html lang="no"><head><meta charset="utf-8"><title>Forsiden | Avisa</title></head>'
            f"<body><main>{sections}</main></body></html>")

ITEMS = [
    {"title": "Bussene står", "link": "https://f.example/1",
     "description": "Alle bussene i Bergen sto stille tirsdag morgen etter en feil i billettsystemet."},
    {"title": "Fergen er tilbake", "link": "https://f.example/2",
     "description": "Fergen mellom Halhjem og Sandvikvåg går igjen etter tre dager med innstillinger."},
]
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atomavisa</title><id>urn:x</id><updated>2024-05-01T10:00:00Z</updated>
<entry><title>Nytt bibliotek</title><id>urn:x:1</id><link href="https://a.example/1"/><updated>2024-05-01T10:00:00Z</updated>
<summary>Det nye biblioteket i sentrum åpner dørene for publikum lørdag, etter fire år med bygging.</summary></entry>
</feed>""".encode()


def test_an_rss_file_named_html_is_read_as_a_feed(lib, tmp_path):
    path = tmp_path / "feed.html"
    path.write_bytes(rss("Bergensavisen", ITEMS))
    assert kind_of(path) == "feed"
    outcomes = lib.import_paths([path])
    assert [o.status for o in outcomes] == ["added", "added"], outcomes
    titles = sorted(lib.article(o.article_id).title for o in outcomes)
    assert titles == ["Bussene står", "Fergen er tilbake"]


def test_an_atom_file_named_htm_is_read_as_a_feed(lib, tmp_path):
    path = tmp_path / "atom.htm"
    path.write_bytes(ATOM)
    assert kind_of(path) == "feed"
    [outcome] = lib.import_paths([path])
    assert outcome.status == "added" and lib.article(outcome.article_id).title == "Nytt bibliotek"


def test_a_web_page_named_html_is_still_a_page(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(news_page(), encoding="utf-8")
    assert kind_of(path) == "html"


def test_a_feed_served_as_text_html_is_read_as_a_feed(lib, server):
    lib.fetch_limits = FetchLimits(timeout=1.0)
    server.routes["/feed.html"] = Route(rss("Bergensavisen", ITEMS), content_type="text/html; charset=utf-8")
    outcomes = lib.import_paths([server.url("/feed.html")])
    assert [o.status for o in outcomes] == ["added", "added"], outcomes


def test_an_index_page_fails_as_not_an_article_unless_forced(lib, tmp_path):
    path = tmp_path / "forside.html"
    path.write_text(index_page(), encoding="utf-8")
    [failed] = lib.import_paths([path])
    assert failed.status == "failed" and failed.message.startswith("not an article"), failed
    assert "\n" not in failed.message
    [forced] = import_inputs(lib._db, [path], limits=lib.fetch_limits, force=True)
    assert forced.status == "added", forced
    assert "Sport: Sak nummer 3" in lib.article(forced.article_id).body
