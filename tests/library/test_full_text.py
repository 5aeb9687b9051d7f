"""Full text on demand (`Library.fetch_full_text`), against a local server: a feed
item imported with only its summary gets its page's text, its highlights stay on
their words, and every failure leaves the store exactly as it was."""

from __future__ import annotations

import sqlite3

import pytest

from newsreader.ingest.fetch import FetchLimits
from newsreader.ingest.plaintext import parse_plaintext
from newsreader.text import clean

from support.feeds_server import Route, closed_port, rss

LIMITS = FetchLimits(timeout=2.0, max_bytes=256 * 1024)

LEDE = "Kommunen la fram budsjettet for neste år på en pressekonferanse tirsdag ettermiddag."
SECOND = "Det blir flere lærere i skolen og lengre åpningstider på biblioteket i sentrum."
THIRD = "Ordføreren sier at kommunen har prioritert de yngste innbyggerne i år."
SUMMARY = f"{LEDE} Les mer på nettsiden."
QUOTE = "pressekonferanse tirsdag ettermiddag"

PAGE = f"""<!DOCTYPE html><html lang="no"><head><meta charset="utf-8"><title>Budsjettet | Byavisa</title>
</head><body><nav><ul><li><a href="/">Forside</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Budsjettet er lagt fram</h1><p>{SECOND}</p><p>Annonse</p><p>{LEDE}</p>
<p>{THIRD}</p></article><footer>© Byavisa · Personvern</footer></body></html>"""
FULL_BODY = f"{SECOND}\n\n{LEDE}\n\n{THIRD}"


@pytest.fixture
def netlib(lib):
    lib.fetch_limits = LIMITS
    return lib


def _subscribe(netlib, server, link: str) -> int:
    server.routes["/feed.xml"] = Route(rss("Byavisa", [
        {"title": "Budsjettet er lagt fram", "link": link, "guid": "budsjett-1",
         "pubDate": "Wed, 01 May 2024 10:00:00 +0200", "description": f"<p>{SUMMARY}</p>"}]))
    outcome = netlib.subscribe(server.url("/feed.xml"))
    assert outcome.added == 1, outcome
    [article_id] = netlib.article_ids(outcome.feed_id)
    return article_id


def _highlight(netlib, article_id: int, quote: str = QUOTE):
    body = netlib.article(article_id).body
    start = body.index(quote)
    return netlib.add_highlight(article_id, start, start + len(quote), note="viktig")


def _snapshot(netlib, article_id: int):
    """Everything a failed fetch must leave alone."""
    db = netlib.store.db
    article = netlib.article(article_id)
    return (
        article, netlib.highlights(article_id), netlib.fallback_raw(article_id),
        db.execute("SELECT count(*) FROM article_versions").fetchone()[0],
    )


def test_the_full_text_replaces_the_summary_and_the_highlight_stays_on_its_words(netlib, server):
    server.routes["/budsjett"] = Route(PAGE.encode(), content_type="text/html; charset=utf-8")
    article_id = _subscribe(netlib, server, server.url("/budsjett"))
    summary_raw = netlib.article(article_id).raw
    assert netlib.article(article_id).body == SUMMARY
    before = _highlight(netlib, article_id)

    outcome = netlib.fetch_full_text(article_id)

    assert outcome.status == "updated" and not outcome.failed and outcome.orphaned == 0, outcome
    assert server.url("/budsjett") in outcome.message
    article = netlib.article(article_id)
    assert article.body == FULL_BODY  # the page's text, ad label cleaned away
    assert netlib.fallback_raw(article_id) == summary_raw  # the summary, kept as the raw fallback
    # body is still clean(raw): a re-clean derives the full text, not the summary
    assert clean(parse_plaintext(article.raw).body, article.language).body == article.body
    assert article.title == "Budsjettet er lagt fram" and article.url == server.url("/budsjett")
    [after] = netlib.highlights(article_id)
    assert after.id == before.id and after.state == "anchored" and after.note == "viktig"
    assert after.exact == QUOTE == article.body[after.start:after.end]
    assert after.start == FULL_BODY.index(QUOTE)  # the same words, now in the second paragraph
    assert after.start != before.start
    # the summary is also a prior version, like any replaced text
    versions = netlib.store.db.execute("SELECT raw FROM article_versions WHERE article_id = ?", [article_id])
    assert [r[0] for r in versions] == [summary_raw]


def test_again_on_an_unchanged_page_is_a_no_op(netlib, server):
    server.routes["/budsjett"] = Route(PAGE.encode(), content_type="text/html")
    article_id = _subscribe(netlib, server, server.url("/budsjett"))
    _highlight(netlib, article_id)
    assert netlib.fetch_full_text(article_id).status == "updated"
    before = _snapshot(netlib, article_id)
    again = netlib.fetch_full_text(article_id)
    assert again.status == "unchanged" and not again.failed
    assert _snapshot(netlib, article_id) == before
    assert len(server.seen("/budsjett")) == 2  # it did look


def test_a_changed_page_updates_the_text_and_keeps_the_first_summary(netlib, server):
    server.routes["/budsjett"] = Route(PAGE.encode(), content_type="text/html")
    article_id = _subscribe(netlib, server, server.url("/budsjett"))
    summary_raw = netlib.article(article_id).raw
    netlib.fetch_full_text(article_id)
    extra = "Opposisjonen kritiserer budsjettet for å mangle penger til eldreomsorgen i kommunen."
    server.routes["/budsjett"] = Route(PAGE.replace(f"<p>{THIRD}</p>", f"<p>{THIRD}</p><p>{extra}</p>").encode(),
                                       content_type="text/html")
    assert netlib.fetch_full_text(article_id).status == "updated"
    assert netlib.article(article_id).body == f"{FULL_BODY}\n\n{extra}"
    assert netlib.fallback_raw(article_id) == summary_raw  # not the first full text


def test_reclean_keeps_the_full_text_and_the_highlight(netlib, server):
    server.routes["/budsjett"] = Route(PAGE.encode(), content_type="text/html")
    article_id = _subscribe(netlib, server, server.url("/budsjett"))
    _highlight(netlib, article_id)
    netlib.fetch_full_text(article_id)
    # as after an upgrade of the cleaner: the stored version is outdated
    netlib.store.db.execute("UPDATE articles SET cleaner_version = 0 WHERE id = ?", [article_id])
    [outcome] = netlib.reclean_outdated()
    assert outcome.status == "unchanged" and not outcome.failed
    [outcome] = netlib.reclean(everything=True)
    assert not outcome.failed
    assert netlib.article(article_id).body == FULL_BODY
    [h] = netlib.highlights(article_id)
    assert h.state == "anchored" and netlib.article(article_id).body[h.start:h.end] == QUOTE


def test_a_refresh_with_the_same_summary_does_not_bring_the_summary_back(netlib, server):
    server.routes["/budsjett"] = Route(PAGE.encode(), content_type="text/html")
    article_id = _subscribe(netlib, server, server.url("/budsjett"))
    netlib.fetch_full_text(article_id)
    [outcome] = netlib.refresh()
    assert outcome.status == "unchanged" and outcome.updated == 0
    assert netlib.article(article_id).body == FULL_BODY
    # a changed summary is kept aside as the new fallback; the full text stays
    server.routes["/feed.xml"] = Route(server.routes["/feed.xml"].body.replace(b"Les mer", b"Les alt"))
    [outcome] = netlib.refresh()
    assert outcome.updated == 0 and netlib.article(article_id).body == FULL_BODY
    assert "Les alt på nettsiden." in netlib.fallback_raw(article_id)


@pytest.mark.parametrize("route, reason", [
    (Route(b"not here", status=404, content_type="text/plain"), "HTTP 404"),
    (Route(b"<html><body><nav><a href='/'>Forside</a></nav></body></html>", content_type="text/html"),
     "no article text"),
    (Route(b"%PDF-1.4 binary", content_type="application/pdf"), "not a web page"),
    (Route(b"<html><body><article><p>Logg inn for \xc3\xa5 lese hele saken her.</p></article></body></html>",
           content_type="text/html"), "less text than the summary"),
])
def test_a_failed_fetch_changes_nothing(netlib, server, route, reason):
    server.routes["/budsjett"] = route
    article_id = _subscribe(netlib, server, server.url("/budsjett"))
    _highlight(netlib, article_id)
    before = _snapshot(netlib, article_id)
    outcome = netlib.fetch_full_text(article_id)
    assert outcome.failed and reason in outcome.message, outcome
    assert "\n" not in outcome.message and server.url("/budsjett") in outcome.message
    assert _snapshot(netlib, article_id) == before
    assert before[2] is None  # no fallback recorded


def test_connection_refused_changes_nothing(netlib, server):
    article_id = _subscribe(netlib, server, f"http://127.0.0.1:{closed_port()}/budsjett")
    _highlight(netlib, article_id)
    before = _snapshot(netlib, article_id)
    outcome = netlib.fetch_full_text(article_id)
    assert outcome.failed and "connection refused" in outcome.message
    assert _snapshot(netlib, article_id) == before


def test_no_url_a_file_url_and_an_unknown_id_fail_with_a_reason(netlib, server):
    netlib.ensure_seeded()  # the seed has no URL
    outcome = netlib.fetch_full_text(1)
    assert outcome.failed and outcome.message == "has no web address to fetch its full text from"
    article_id = _subscribe(netlib, server, "https://byavisa.example/budsjett")
    netlib.store.db.execute("UPDATE articles SET url = 'file:///etc/passwd' WHERE id = ?", [article_id])
    before = _snapshot(netlib, article_id)
    outcome = netlib.fetch_full_text(article_id)
    assert outcome.failed and "only http and https" in outcome.message
    assert _snapshot(netlib, article_id) == before
    missing = netlib.fetch_full_text(999)
    assert missing.failed and missing.message == "no article with id 999" and missing.article_id is None


def test_a_write_failure_leaves_no_half_change(netlib, server, monkeypatch):
    """The text, the highlights and the fallback are one transaction."""
    from newsreader.store import full_texts

    server.routes["/budsjett"] = Route(PAGE.encode(), content_type="text/html")
    article_id = _subscribe(netlib, server, server.url("/budsjett"))
    _highlight(netlib, article_id)
    before = _snapshot(netlib, article_id)

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(full_texts, "record", broken)
    with pytest.raises(sqlite3.OperationalError):
        netlib.fetch_full_text(article_id)
    assert _snapshot(netlib, article_id) == before
