"""Web pages (files and URLs) import as just the article text, with their metadata."""

from __future__ import annotations

import json

import pytest

from newsreader.cli import main
from newsreader.ingest.fetch import FetchLimits
from newsreader.ingest.html import extract_page, fragment_text, looks_like_html, page_origin
from newsreader.ingest.plaintext import parse_plaintext
from newsreader.library.sources import kind_of
from newsreader.text import clean

from support.feeds_server import Route, rss
from support.pages import AD_LABELS, NAV, expected_body, news_page


def test_a_news_page_with_ad_labels_and_a_menu_imports_as_just_the_article(lib, tmp_path):
    page = tmp_path / "rodt-lys.html"
    page.write_text(news_page(), encoding="utf-8")
    [outcome] = lib.import_paths([page])
    assert outcome.status == "added", outcome
    article = lib.article(outcome.article_id)
    assert article.body == expected_body()
    for noise in NAV + AD_LABELS + ["Mest lest", "Personvern", "Ansvarlig redaktør"]:
        assert noise not in article.body, noise
    assert article.title == "Rødt lys i hele sentrum" and article.source == "Avisa"
    assert article.author == "Kari Nordmann" and article.published == "2024-05-01"
    assert article.url == "https://avisa.example/nyheter/rodt-lys"
    assert article.origin == str(page.resolve()) and article.language == "no"


def test_the_body_is_re_derived_from_raw_by_the_current_cleaner(lib, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(news_page(), encoding="utf-8")
    [outcome] = lib.import_paths([page])
    article = lib.article(outcome.article_id)
    parsed = parse_plaintext(article.raw)
    assert parsed.title == article.title
    assert clean(parsed.body, article.language).body == article.body
    assert "Annonse" in article.raw  # raw keeps what the extractor found, before cleaning
    assert [o.status for o in lib.reclean(everything=True)] == ["unchanged"]
    assert [o.status for o in lib.import_paths([page])] == ["unchanged"]


def test_a_url_is_fetched_and_its_origin_is_the_canonical_url(lib, server):
    lib.fetch_limits = FetchLimits(timeout=1.0)
    canonical = server.url("/nyheter/rodt-lys")
    server.routes["/nyheter/rodt-lys?utm_source=x"] = Route(news_page(canonical).encode(),
                                                            content_type="text/html; charset=utf-8")
    [outcome] = lib.import_paths([server.url("/nyheter/rodt-lys?utm_source=x")])
    article = lib.article(outcome.article_id)
    assert outcome.status == "added" and article.body == expected_body()
    assert article.origin == canonical and article.url == canonical


def test_a_canonical_url_on_another_site_is_not_trusted():
    assert page_origin("https://a.example/x", "https://www.a.example/y") == "https://www.a.example/y"
    assert page_origin("https://a.example/x", "https://b.example/y") == "https://a.example/x"
    assert page_origin("https://a.example/x", None) == "https://a.example/x"


@pytest.mark.parametrize(
    ("route", "reason"),
    [(None, "HTTP 404"), (Route(b"%PDF-1.4", content_type="application/pdf"), "not a web page or feed"),
     (Route(b"<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav></body></html>",
            content_type="text/html"), "no article text")],
)
def test_a_url_that_is_not_an_article_fails_with_a_reason(lib, server, route, reason):
    lib.fetch_limits = FetchLimits(timeout=1.0)
    if route is not None:
        server.routes["/thing"] = route
    [outcome] = lib.import_paths([server.url("/thing")])
    assert outcome.failed and reason in outcome.message


def test_a_url_serving_a_feed_imports_its_items_without_subscribing(lib, server):
    lib.fetch_limits = FetchLimits(timeout=1.0)
    server.routes["/feed"] = Route(rss("Feed", [{"title": "One", "link": "https://f.example/1",
                                                 "description": "The first item in the feed."}]))
    [outcome] = lib.import_paths([server.url("/feed")])
    assert outcome.status == "added" and lib.feeds() == []
    assert lib.article(outcome.article_id).source == "Feed"


def test_urls_of_other_schemes_are_refused_with_a_reason(lib):
    outcomes = lib.import_paths(["file:///etc/passwd", "ftp://example.org/a.html"])
    assert [o.status for o in outcomes] == ["failed", "failed"]
    assert all("only http and https" in o.message for o in outcomes)


def test_dispatch_by_extension_then_content(tmp_path):
    cases = {
        "a.html": "<p>x</p>", "a.HTM": "x", "a.txt": "<!DOCTYPE html><html>", "a.opml": "x",
        "noext": "<!DOCTYPE html>\n<html><body>x</body></html>", "feed.xml": '<?xml version="1.0"?><rss version="2.0">',
        "list.xml": '<?xml version="1.0"?><opml version="2.0">', "note": "Tittel\n\nTekst <rss> her.",
        "notes.jsonld": "{}",
    }
    kinds = {}
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        kinds[name] = kind_of(tmp_path / name)
    assert kinds == {
        "a.html": "html", "a.HTM": "html", "a.txt": "text", "a.opml": "opml", "noext": "html",
        "feed.xml": "feed", "list.xml": "opml", "note": "text", "notes.jsonld": "annotations",
    }


def test_plain_text_files_still_import_as_before(lib, tmp_path):
    path = tmp_path / "artikkel.txt"
    path.write_text("Tittel her\n\nFørste avsnitt.\nAndre avsnitt.\n", encoding="utf-8")
    [outcome] = lib.import_paths([path])
    article = lib.article(outcome.article_id)
    assert (article.title, article.body) == ("Tittel her", "Første avsnitt.\n\nAndre avsnitt.")
    assert article.raw == path.read_text(encoding="utf-8")


def test_a_legacy_encoded_page_is_decoded_by_its_meta_charset(lib, tmp_path):
    page = tmp_path / "latin1.html"
    page.write_bytes(news_page().replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
                     .encode("iso-8859-1", "replace"))
    [outcome] = lib.import_paths([page])
    assert outcome.status == "added" and "Trafikklysene i Oslo" in lib.article(outcome.article_id).body
    assert "Økonomi" not in lib.article(outcome.article_id).body


def test_extract_page_and_fragments_directly():
    page = extract_page(news_page(), "https://avisa.example/x")
    assert page.title == "Rødt lys i hele sentrum" and page.site_name == "Avisa"
    assert page.canonical_url == "https://avisa.example/nyheter/rodt-lys"
    assert fragment_text("<p>a  b\n c</p><div>d<br>e</div>") == "a b c\nd\ne"
    assert fragment_text("") == ""
    assert looks_like_html(b"\xef\xbb\xbf<!-- c -->\n<!DOCTYPE html><html>")
    assert not looks_like_html(b"Tittel\n\n<html> er et ord")


def test_cli_import_of_a_page_and_a_missing_url(capsys, db_path, server, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(news_page(), encoding="utf-8")
    code = main(["--db", str(db_path), "import", str(page), server.url("/missing"), "--timeout", "2"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "added" in out and "page.html" in out
    [line] = [l for l in err.splitlines() if "missing" in l]
    assert line.startswith("newsreader: ") and "HTTP 404" in line and "Traceback" not in err
    main(["--db", str(db_path), "list", "--json"])
    titles = [row["title"] for row in json.loads(capsys.readouterr()[0])]
    assert "Rødt lys i hele sentrum" in titles
