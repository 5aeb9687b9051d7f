"""Feed formats into items: RSS 0.91, 1.0 (RDF), 2.0 and Atom; identity, text, dates."""

from __future__ import annotations

import pytest

from newsreader.ingest.feeds import looks_like_feed, parse_feed
from newsreader.ingest.plaintext import IngestError

FEED_URL = "https://news.example/feed"

RSS091 = b"""<?xml version="1.0"?>
<rss version="0.91"><channel><title>Old School</title><link>https://old.example/</link>
<description>d</description><language>en</language>
<item><title>First story</title><link>https://old.example/1</link>
<description>The first story has a plain description.</description></item>
</channel></rss>"""

RSS10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>RDF Site</title><link>https://rdf.example/</link>
<description>d</description></channel>
<item rdf:about="https://rdf.example/a"><title>An RDF item</title><link>https://rdf.example/a</link>
<description>Text of the RDF item.</description><dc:creator>Ada Lovelace</dc:creator>
<dc:date>2024-03-02T09:15:00+01:00</dc:date></item>
</rdf:RDF>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Blog</title>
<link href="https://atom.example/" rel="alternate"/><id>urn:uuid:feed</id><updated>2024-05-02T00:00:00Z</updated>
<entry><title>Entry one</title><id>tag:atom.example,2024:1</id><link href="/posts/1"/>
<updated>2024-05-02T07:00:00Z</updated><published>2024-05-01T07:00:00-05:00</published>
<author><name>Grace Hopper</name></author>
<summary>Short summary.</summary>
<content type="html">&lt;h2&gt;Heading&lt;/h2&gt;&lt;p&gt;Første   avsnitt
 med linjeskift.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;punkt en&lt;/li&gt;&lt;li&gt;punkt to&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Andre&lt;br/&gt;linje&lt;/p&gt;</content>
</entry>
<entry><title type="text">Plain entry</title><id>https://atom.example/posts/2</id>
<content type="text">Line one of plain text.
Line two.</content></entry>
</feed>""".encode()


def test_rss_091():
    feed = parse_feed(RSS091, FEED_URL)
    assert (feed.title, feed.site_url) == ("Old School", "https://old.example/")
    [item] = feed.items
    assert item.origin == "https://old.example/1" and item.link == "https://old.example/1"
    assert item.text == "The first story has a plain description." and item.summary_only


def test_rss_10_rdf():
    feed = parse_feed(RSS10, FEED_URL)
    [item] = feed.items
    assert feed.title == "RDF Site" and item.title == "An RDF item"
    assert item.author == "Ada Lovelace" and item.published == "2024-03-02T08:15:00+00:00"
    assert item.origin == "https://rdf.example/a"


def test_atom_content_keeps_paragraphs_and_resolves_links():
    feed = parse_feed(ATOM, FEED_URL)
    first, second = feed.items
    assert feed.title == "Atom Blog" and feed.site_url == "https://atom.example/"
    assert first.origin == "tag:atom.example,2024:1"
    assert first.link == "https://news.example/posts/1"  # relative to the feed's URL
    assert first.author == "Grace Hopper" and first.published == "2024-05-01T12:00:00+00:00"
    assert first.text == "Heading\nFørste avsnitt med linjeskift.\npunkt en\npunkt to\nAndre\nlinje"
    assert not first.summary_only
    assert second.text == "Line one of plain text.\nLine two." and second.published is None
    assert second.as_article().title == "Plain entry"


def test_rss_item_without_guid_or_link_is_known_by_its_content_and_untitled_gets_a_title():
    data = b"""<rss version="2.0"><channel><title>T</title>
    <item><description>No guid, no link: known by what I say.</description></item>
    <item><guid isPermaLink="false">x-1</guid><description>&lt;p&gt;Untitled but identified.&lt;/p&gt;</description></item>
    <item></item>
    </channel></rss>"""
    parsed = parse_feed(data, FEED_URL)
    by_content, item = parsed.items
    assert by_content.origin.startswith(f"{FEED_URL}#content-")
    assert parse_feed(data, FEED_URL).items[0].origin == by_content.origin  # the same next time
    assert item.origin == f"{FEED_URL}#x-1" and item.link is None
    assert item.title == "Untitled but identified."
    assert parsed.skipped == ("item 3: no guid, no link, no title and no text",)


def test_scripts_in_item_html_never_reach_the_text():
    data = b"""<rss version="2.0"><channel><title>T</title><item><link>https://t.example/1</link>
    <description><![CDATA[<p>Visible text.</p><script>document.write("injected")</script>
    <style>p{}</style><iframe src="https://evil.example/"></iframe><form><input value="x"></form>]]></description>
    </item></channel></rss>"""
    [item] = parse_feed(data, FEED_URL).items
    assert item.text == "Visible text."


@pytest.mark.parametrize(
    "data",
    [b"", b"just some words", b"<html><body><p>a page</p></body></html>", b"{\"json\": true}",
     b"\x00\x01\x02binary"],
)
def test_not_a_feed_is_an_error_with_a_reason(data):
    with pytest.raises(IngestError, match="not an RSS or Atom feed"):
        parse_feed(data, FEED_URL)


def test_sniffing():
    assert looks_like_feed(RSS091) and looks_like_feed(RSS10) and looks_like_feed(ATOM)
    assert not looks_like_feed(b"Tittel\n\nEn tekst om <rss> i avisen.")
    assert not looks_like_feed(b"<!DOCTYPE html><html><body>hi</body></html>")
