"""Subscribing and refreshing through the library, against a local server."""

from __future__ import annotations

import pytest

from newsreader.ingest.fetch import FetchLimits
from newsreader.ingest.plaintext import parse_plaintext
from newsreader.text import clean

from support.feeds_server import Route, rss

LIMITS = FetchLimits(timeout=0.5, max_bytes=256 * 1024)
VALIDATORS = {"etag": '"v1"', "last_modified": "Wed, 01 May 2024 12:00:00 GMT"}

FIRST = "Kommunen la fram budsjettet for neste år på en pressekonferanse tirsdag ettermiddag."
SECOND = "Det blir flere lærere i skolen og lengre åpningstider på biblioteket i sentrum."
OLDER = "Regjeringen varslet en gjennomgang av hele ordningen før sommeren kommer."


def news_feed(first_text: str = f"<p>{FIRST}</p><p>{SECOND}</p>") -> bytes:
    return rss("Byavisa", [
        {"title": "Budsjettet er lagt fram", "link": "https://byavisa.example/budsjett",
         "guid": "https://byavisa.example/budsjett", "pubDate": "Wed, 01 May 2024 10:00:00 +0200",
         "author": "redaksjon@byavisa.example (Kari Nordmann)", "content": first_text},
        {"title": "Gjennomgang av ordningen", "link": "https://byavisa.example/ordning",
         "pubDate": "Mon, 29 Apr 2024 08:30:00 GMT", "description": f"<p>{OLDER}</p>"},
    ], link="https://byavisa.example/")


@pytest.fixture
def netlib(lib):
    lib.fetch_limits = LIMITS
    return lib


def test_subscribe_imports_items_with_feed_author_date_and_link(netlib, server):
    server.routes["/feed.xml"] = Route(news_feed(), **VALIDATORS)
    outcome = netlib.subscribe(server.url("/feed.xml"))
    assert outcome.status == "subscribed" and outcome.added == 2 and not outcome.failed
    assert outcome.summary() == "subscribed (new 2)"
    [feed] = netlib.feeds()
    assert (feed.title, feed.site_url, feed.article_count) == ("Byavisa", "https://byavisa.example/", 2)
    assert feed.last_status == "ok" and feed.full_text is False
    newest, older = (netlib.article(i) for i in netlib.article_ids())
    assert newest.title == "Budsjettet er lagt fram" and newest.source == "Byavisa"
    assert newest.author == "Kari Nordmann" and newest.url == "https://byavisa.example/budsjett"
    assert newest.published == "2024-05-01T08:00:00+00:00"  # in UTC
    assert newest.origin == "https://byavisa.example/budsjett"
    assert newest.body == f"{FIRST}\n\n{SECOND}"
    assert older.origin == "https://byavisa.example/ordning"  # no guid: the link
    assert older.body == OLDER and older.published == "2024-04-29T08:30:00+00:00"


def test_body_is_derivable_from_raw_by_the_cleaner(netlib, server):
    server.routes["/feed.xml"] = Route(news_feed())
    netlib.subscribe(server.url("/feed.xml"))
    for article_id in netlib.article_ids():
        article = netlib.article(article_id)
        assert clean(parse_plaintext(article.raw).body, article.language).body == article.body
    assert {o.status for o in netlib.reclean(everything=True)} == {"unchanged"}


def test_second_refresh_is_conditional_and_adds_nothing(netlib, server):
    server.routes["/feed.xml"] = Route(news_feed(), **VALIDATORS)
    netlib.subscribe(server.url("/feed.xml"))
    before = netlib.article_ids()
    [outcome] = netlib.refresh()
    assert outcome.status == "not-modified" and outcome.summary() == "not modified"
    headers = server.seen("/feed.xml")[-1].headers
    assert headers["if-none-match"] == '"v1"'
    assert headers["if-modified-since"] == "Wed, 01 May 2024 12:00:00 GMT"
    assert netlib.article_ids() == before
    assert netlib.feeds()[0].last_status == "not-modified"


def test_a_server_without_validators_gets_a_full_fetch_that_changes_nothing(netlib, server):
    server.routes["/feed.xml"] = Route(news_feed())
    netlib.subscribe(server.url("/feed.xml"))
    [outcome] = netlib.refresh()
    assert outcome.status == "unchanged" and outcome.added == outcome.updated == 0
    assert "if-none-match" not in server.seen("/feed.xml")[-1].headers


def test_each_failure_is_reported_and_the_rest_imported(netlib, server):
    server.routes["/good.xml"] = Route(news_feed())
    server.routes["/slow.xml"] = Route(news_feed(), sleep=True)
    server.routes["/broken.xml"] = Route(b"<html><body>this is <b>not</b> a feed", content_type="text/html")
    server.routes["/huge.xml"] = Route(stream_bytes=2 * 1024 * 1024)
    server.routes["/loop-a"] = Route(status=302, location="/loop-b")
    server.routes["/loop-b"] = Route(status=302, location="/loop-a")
    names = ["/good.xml", "/missing.xml", "/slow.xml", "/broken.xml", "/huge.xml", "/loop-a"]
    # OPML-style subscriptions (no fetch at subscribe time), then one refresh.
    from newsreader.ingest.opml import Subscription
    from newsreader.library.subscriptions import add_subscriptions

    add_subscriptions(netlib._db, [Subscription(server.url(n)) for n in names], "test")
    outcomes = {o.url.rsplit("/", 1)[1]: o for o in netlib.refresh()}
    assert outcomes["good.xml"].status == "new" and outcomes["good.xml"].added == 2
    assert outcomes["good.xml"].title == "Byavisa"
    expected = {
        "missing.xml": "HTTP 404",
        "slow.xml": "timed out",
        "broken.xml": "not an RSS or Atom feed",
        "huge.xml": "too large",
        "loop-a": "redirect loop",
    }
    for name, reason in expected.items():
        assert outcomes[name].failed and reason in outcomes[name].message, (name, outcomes[name])
        assert "\n" not in outcomes[name].message
    assert netlib.count() == 2
    feeds = {f.url.rsplit("/", 1)[1]: f for f in netlib.feeds()}
    assert feeds["missing.xml"].last_status == "error" and "HTTP 404" in feeds["missing.xml"].last_error
    assert feeds["good.xml"].last_status == "ok" and feeds["good.xml"].last_error is None


def test_a_failed_refresh_leaves_stored_articles_untouched(netlib, server):
    server.routes["/feed.xml"] = Route(news_feed())
    netlib.subscribe(server.url("/feed.xml"))
    before = [netlib.article(i) for i in netlib.article_ids()]
    server.routes["/feed.xml"] = Route(b"Internal error", status=500, content_type="text/plain")
    [outcome] = netlib.refresh()
    assert outcome.failed and "HTTP 500" in outcome.message
    assert [netlib.article(i) for i in netlib.article_ids()] == before


def test_a_changed_item_updates_its_article_and_the_highlight_survives(netlib, server):
    server.routes["/feed.xml"] = Route(news_feed(), etag='"v1"')
    netlib.subscribe(server.url("/feed.xml"))
    article_id = netlib.article_ids()[0]
    highlight = netlib.annotate_by_quote(article_id, SECOND, note="viktig")
    changed = f"<p>Oppdatert: {FIRST}</p><p>{SECOND}</p><p>Saken oppdateres.</p>"
    server.routes["/feed.xml"] = Route(news_feed(changed), etag='"v2"')
    [outcome] = netlib.refresh()
    assert outcome.status == "new" and outcome.updated == 1 and outcome.added == 0
    assert outcome.summary() == "updated 1"
    article = netlib.article(article_id)
    assert article.body.startswith("Oppdatert:")
    moved = netlib.highlight(highlight.id)
    assert moved.state == "anchored" and article.body[moved.start:moved.end] == SECOND
    assert moved.note == "viktig"


def test_bare_guids_are_scoped_to_their_feed(netlib, server):
    for name, text in (("/a.xml", FIRST), ("/b.xml", SECOND)):
        server.routes[name] = Route(rss(name, [{"title": "Nyhet", "guid": "1", "description": text}]))
        netlib.subscribe(server.url(name))
    origins = sorted(netlib.article(i).origin for i in netlib.article_ids())
    assert origins == [server.url("/a.xml#1"), server.url("/b.xml#1")]


def test_article_ids_can_be_filtered_by_feed(netlib, server, tmp_path):
    server.routes["/a.xml"] = Route(news_feed())
    server.routes["/b.xml"] = Route(rss("Other", [{"title": "Alone", "link": "https://o.example/1",
                                                   "description": OLDER + " Annet."}]))
    a = netlib.subscribe(server.url("/a.xml")).feed_id
    b = netlib.subscribe(server.url("/b.xml")).feed_id
    plain = tmp_path / "plain.txt"
    plain.write_text("Tittel\n\nEn helt vanlig tekstfil uten feed.\n", encoding="utf-8")
    netlib.import_paths([plain])
    assert len(netlib.article_ids()) == 4
    assert len(netlib.article_ids(feed_id=a)) == 2
    assert [netlib.article(i).title for i in netlib.article_ids(feed_id=b)] == ["Alone"]
    assert netlib.article_ids(feed_id=999) == []


def test_subscribing_twice_says_so(netlib, server):
    server.routes["/feed.xml"] = Route(news_feed())
    first = netlib.subscribe(server.url("/feed.xml"))
    again = netlib.subscribe(server.url("/feed.xml"), full_text=True)
    assert again.status == "already" and again.feed_id == first.feed_id and not again.failed
    assert netlib.feeds()[0].full_text is True


@pytest.mark.parametrize(
    ("route", "reason"),
    [(None, "HTTP 404"), (Route(b"plain words, no feed", content_type="text/plain"), "not an RSS or Atom feed"),
     (Route(b"<html><head><title>x</title></head><body>no feeds here</body></html>", content_type="text/html"),
      "links to no RSS or Atom feed")],
)
def test_subscribing_to_something_that_is_not_a_feed_stores_nothing(netlib, server, route, reason):
    if route is not None:
        server.routes["/target"] = route
    outcome = netlib.subscribe(server.url("/target"))
    assert outcome.failed and reason in outcome.message
    assert netlib.feeds() == [] and netlib.count() == 0


def test_subscribe_refuses_other_schemes_and_missing_files(netlib, tmp_path):
    outcome = netlib.subscribe("ftp://example.org/feed.xml")
    assert outcome.failed  # not http(s), and no such file either
    outcome = netlib.subscribe(str(tmp_path / "nope.xml"))
    assert outcome.failed and "no such file" in outcome.message
    assert netlib.feeds() == []


def test_a_web_page_leads_to_the_feed_it_advertises(netlib, server):
    server.routes["/feed.xml"] = Route(news_feed())
    server.routes["/"] = Route(
        b'<!DOCTYPE html><html><head><title>Byavisa</title>'
        b'<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>hei</body></html>',
        content_type="text/html",
    )
    outcome = netlib.subscribe(server.url("/"))
    assert outcome.status == "subscribed" and outcome.url == server.url("/feed.xml")
    assert netlib.count() == 2


def test_a_local_feed_file_is_read_from_disk_on_refresh(netlib, tmp_path):
    path = tmp_path / "local.rss"
    path.write_bytes(news_feed())
    outcome = netlib.subscribe(str(path))
    assert outcome.status == "subscribed" and outcome.added == 2
    assert netlib.feeds()[0].url == str(path.resolve())
    path.write_bytes(news_feed(f"<p>{FIRST}</p><p>Ny slutt på saken i dag.</p>"))
    [refreshed] = netlib.refresh()
    assert refreshed.updated == 1
    path.unlink()
    [gone] = netlib.refresh()
    assert gone.failed and "no such file" in gone.message
    assert netlib.count() == 2


def test_progress_is_reported_per_feed_and_refresh_runs_in_a_thread(netlib, server):
    import threading

    for name in ("/a.xml", "/b.xml", "/c.xml"):
        server.routes[name] = Route(rss(name, [{"title": name, "link": f"https://x.example{name}",
                                                "description": f"Tekst for {name} her."}]))
    from newsreader.ingest.opml import Subscription
    from newsreader.library.subscriptions import add_subscriptions

    add_subscriptions(netlib._db, [Subscription(server.url(n), n) for n in ("/a.xml", "/b.xml", "/c.xml")], "t")
    calls, result = [], []
    worker = threading.Thread(target=lambda: result.extend(netlib.refresh(progress=lambda *a: calls.append(a))))
    worker.start()
    worker.join(timeout=60)
    assert [c[:2] for c in calls] == [(1, 3), (2, 3), (3, 3)]
    assert sorted(c[2] for c in calls) == ["/a.xml", "/b.xml", "/c.xml"]
    assert [o.added for o in result] == [1, 1, 1] and netlib.count() == 3


def test_refresh_downloads_at_most_four_feeds_at_once(netlib, server):
    from newsreader.ingest.opml import Subscription
    from newsreader.library.subscriptions import REFRESH_WORKERS, add_subscriptions

    names = [f"/f{n}.xml" for n in range(8)]
    for name in names:
        # Each request stays open until 5 are open together (or a moment passes).
        server.routes[name] = Route(rss(name, []), hold=0.3)
    netlib.fetch_limits = FetchLimits(timeout=5.0)
    add_subscriptions(netlib._db, [Subscription(server.url(n)) for n in names], "t")
    outcomes = netlib.refresh()
    assert [o.status for o in outcomes] == ["unchanged"] * 8
    assert 1 <= server.most_open <= REFRESH_WORKERS == 4


def test_unsubscribe_keeps_the_articles(netlib, server):
    server.routes["/feed.xml"] = Route(news_feed())
    feed_id = netlib.subscribe(server.url("/feed.xml")).feed_id
    gone = netlib.unsubscribe(feed_id)
    assert gone.article_count == 2 and netlib.feeds() == [] and netlib.count() == 2


ARTICLE_PAGE = """<!DOCTYPE html><html lang="no"><head><meta charset="utf-8"><title>Budsjettet | Byavisa</title>
</head><body><nav><ul><li><a href="/">Forside</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/kultur">Kultur</a></li></ul></nav><article><h1>Budsjettet er lagt fram</h1>
<p>{first}</p><p>Annonse</p><p>{second}</p><p>Advertisement</p><p>{third}</p></article>
<footer>© Byavisa · Personvern · Kontakt oss</footer></body></html>"""
THIRD = "Ordføreren sier at kommunen har prioritert de yngste innbyggerne i år."


def test_full_text_completes_summary_only_items_from_their_pages(netlib, server):
    server.routes["/budsjett"] = Route(
        ARTICLE_PAGE.format(first=FIRST, second=SECOND, third=THIRD).encode(), content_type="text/html")
    feed = rss("Byavisa", [
        {"title": "Budsjettet er lagt fram", "link": server.url("/budsjett"), "description": "Kort ingress."},
        {"title": "Uten side", "link": server.url("/borte"), "description": OLDER},
        {"title": "Med innhold", "link": server.url("/innhold"), "description": "x",
         "content": f"<p>{SECOND}</p>"},
    ])
    server.routes["/feed.xml"] = Route(feed)
    outcome = netlib.subscribe(server.url("/feed.xml"), full_text=True)
    assert outcome.added == 3 and "1 page(s) could not be fetched" in outcome.message
    bodies = {netlib.article(i).title: netlib.article(i).body for i in netlib.article_ids()}
    assert bodies["Budsjettet er lagt fram"] == f"{FIRST}\n\n{SECOND}\n\n{THIRD}"
    assert bodies["Uten side"] == OLDER  # the page is missing: the summary stays
    assert bodies["Med innhold"] == SECOND  # full content in the feed: no page fetched
    assert server.seen("/innhold") == []
    pages_fetched = len(server.seen("/budsjett"))
    netlib.refresh()
    assert len(server.seen("/budsjett")) == pages_fetched  # stored items are not fetched again
    assert netlib.article(netlib.article_ids()[0]).body.count(FIRST) == 1


def test_without_full_text_the_summary_is_the_article(netlib, server):
    server.routes["/feed.xml"] = Route(rss("Byavisa", [
        {"title": "Kort", "link": server.url("/side"), "description": "Bare en kort ingress her."}]))
    server.routes["/side"] = Route(b"<html><body><p>never fetched</p></body></html>", content_type="text/html")
    netlib.subscribe(server.url("/feed.xml"))
    assert netlib.article(netlib.article_ids()[0]).body == "Bare en kort ingress her."
    assert server.seen("/side") == []
