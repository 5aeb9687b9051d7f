"""Fetching with limits, against a local server: schemes, timeouts, size, redirects."""

from __future__ import annotations

import gzip

import pytest

from newsreader.ingest.fetch import FetchError, FetchLimits, check_url, fetch, is_web_url

from support.feeds_server import Route, closed_port

SHORT = FetchLimits(timeout=0.5, max_bytes=64 * 1024, max_redirects=5)


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.org/feed.xml", "data:text/plain,hello",
     "javascript:alert(1)", "gopher://example.org/", "example.org/feed.xml", "/etc/passwd"],
)
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(FetchError, match="only http and https"):
        fetch(url)
    assert not is_web_url(url)


def test_a_url_without_a_host_is_refused():
    with pytest.raises(FetchError, match="no host"):
        check_url("http:///feed.xml")


def test_get_returns_body_type_and_validators(server):
    server.routes["/a"] = Route(b"hello", content_type="text/html; charset=ISO-8859-1",
                                etag='"v1"', last_modified="Wed, 01 May 2024 10:00:00 GMT")
    response = fetch(server.url("/a"), limits=SHORT)
    assert response.status == 200 and response.body == b"hello" and not response.not_modified
    assert response.media_type == "text/html" and response.charset == "ISO-8859-1"
    assert response.etag == '"v1"' and response.last_modified == "Wed, 01 May 2024 10:00:00 GMT"
    assert server.seen("/a")[0].headers["user-agent"].startswith("newsreader/")


def test_conditional_request_sends_both_validators_and_takes_304(server):
    server.routes["/feed"] = Route(b"<rss/>", etag='"v1"')
    response = fetch(server.url("/feed"), etag='"v1"', last_modified="Wed, 01 May 2024 10:00:00 GMT",
                     limits=SHORT)
    assert response.not_modified and response.body == b""
    headers = server.seen("/feed")[0].headers
    assert headers["if-none-match"] == '"v1"'
    assert headers["if-modified-since"] == "Wed, 01 May 2024 10:00:00 GMT"


def test_http_errors_name_the_status(server):
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(server.url("/missing"), limits=SHORT)
    server.routes["/boom"] = Route(b"oops", status=500)
    with pytest.raises(FetchError, match="HTTP 500"):
        fetch(server.url("/boom"), limits=SHORT)


def test_a_server_that_does_not_answer_times_out(server):
    server.routes["/slow"] = Route(b"late", sleep=True)
    with pytest.raises(FetchError, match="timed out"):
        fetch(server.url("/slow"), limits=SHORT)


def test_a_closed_port_is_refused():
    with pytest.raises(FetchError, match="connection refused"):
        fetch(f"http://127.0.0.1:{closed_port()}/feed.xml", limits=SHORT)


def test_a_streamed_body_over_the_cap_is_abandoned(server):
    server.routes["/huge"] = Route(stream_bytes=4 * 1024 * 1024)
    with pytest.raises(FetchError, match="too large"):
        fetch(server.url("/huge"), limits=SHORT)


def test_a_declared_length_over_the_cap_is_refused_before_reading(server):
    server.routes["/big"] = Route(declared_length=10 * 1024 * 1024)
    with pytest.raises(FetchError, match="too large"):
        fetch(server.url("/big"), limits=SHORT)


def test_gzip_is_decoded_and_a_gzip_bomb_stops_at_the_cap(server):
    server.routes["/small.gz"] = Route(b"<rss>small</rss>", gzip=True)
    assert fetch(server.url("/small.gz"), limits=SHORT).body == b"<rss>small</rss>"
    # 8 MB of zeros compress to a few KB: the cap applies to what it inflates to.
    server.routes["/bomb.gz"] = Route(b"\0" * (8 * 1024 * 1024), gzip=True)
    assert len(gzip.compress(b"\0" * (8 * 1024 * 1024))) < SHORT.max_bytes
    with pytest.raises(FetchError, match="too large"):
        fetch(server.url("/bomb.gz"), limits=SHORT)


def test_redirects_are_followed_to_the_final_url(server):
    server.routes["/old"] = Route(status=301, location="/middle")
    server.routes["/middle"] = Route(status=302, location=server.url("/new"))
    server.routes["/new"] = Route(b"arrived")
    response = fetch(server.url("/old"), limits=SHORT)
    assert response.body == b"arrived" and response.url == server.url("/new")


def test_a_redirect_loop_is_named(server):
    server.routes["/a"] = Route(status=302, location="/b")
    server.routes["/b"] = Route(status=302, location="/a")
    with pytest.raises(FetchError, match="redirect loop"):
        fetch(server.url("/a"), limits=SHORT)
    assert len(server.requests) == 2


def test_too_many_redirects(server):
    for n in range(10):
        server.routes[f"/r{n}"] = Route(status=302, location=f"/r{n + 1}")
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(server.url("/r0"), limits=SHORT)
    assert len(server.requests) == SHORT.max_redirects + 1


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://example.org/x", "data:,x"])
def test_a_redirect_to_another_scheme_is_refused(server, target):
    server.routes["/sneaky"] = Route(status=302, location=target)
    with pytest.raises(FetchError, match="only http and https"):
        fetch(server.url("/sneaky"), limits=SHORT)


def test_a_redirect_without_location(server):
    server.routes["/nowhere"] = Route(status=302)
    with pytest.raises(FetchError, match="without a Location"):
        fetch(server.url("/nowhere"), limits=SHORT)
