"""A local HTTP server for the feed, fetch and web-page tests (no network needed).

It listens on 127.0.0.1 on a free port, serves what a test puts in `routes`,
records every request's path and headers, and stops by itself when the test
ends: slow handlers are woken, the serving thread is joined with a bound.
The `server` fixture is imported by tests/conftest.py, so every test can ask for it;
import `Route`, `closed_port` and `rss` from here.
"""

from __future__ import annotations

import gzip
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

HANDLER_WAIT_LIMIT = 10.0  # seconds a "sleep" route may hold a connection at most


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None  # for 3xx
    sleep: bool = False  # hold the answer until the test ends (for timeouts)
    stream_bytes: int = 0  # send this many bytes with no Content-Length (size cap)
    declared_length: int | None = None  # claim this Content-Length, send nothing
    gzip: bool = False
    hold: float = 0.0  # keep the request open this long, or until `crowd` requests are open


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


@dataclass
class LocalServer:
    port: int
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    crowd: int = 5  # a held request is let go as soon as this many are open at once
    open_now: int = 0
    most_open: int = 0
    gate: threading.Condition = field(default_factory=threading.Condition)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def seen(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]


def _handler(state: LocalServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:  # noqa: N802
            state.requests.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = state.routes.get(self.path)
            if route is None:
                self._answer(404, b"not here", "text/plain")
                return
            if route.sleep:
                state.release.wait(HANDLER_WAIT_LIMIT)
            if route.hold:
                self._hold(route.hold)
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self._answer(304, b"", None, route)
                return
            if route.stream_bytes:
                self._stream(route)
                return
            body = gzip.compress(route.body) if route.gzip else route.body
            self._answer(route.status, body, route.content_type, route)

        def _hold(self, seconds: float) -> None:
            """Count how many requests are open at once (a client's concurrency)."""
            with state.gate:
                state.open_now += 1
                state.most_open = max(state.most_open, state.open_now)
                state.gate.notify_all()
                state.gate.wait_for(lambda: state.open_now >= state.crowd, timeout=seconds)
                state.open_now -= 1

        def _answer(self, status: int, body: bytes, content_type: str | None, route: Route | None = None) -> None:
            try:
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                if route is not None:
                    if route.etag:
                        self.send_header("ETag", route.etag)
                    if route.last_modified:
                        self.send_header("Last-Modified", route.last_modified)
                    if route.location:
                        self.send_header("Location", route.location)
                    if route.gzip:
                        self.send_header("Content-Encoding", "gzip")
                length = route.declared_length if route and route.declared_length is not None else len(body)
                self.send_header("Content-Length", str(length))
                self.end_headers()
                if route is None or route.declared_length is None:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _stream(self, route: Route) -> None:
            try:
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                self.end_headers()
                chunk = b"<!-- padding -->" * 4096
                sent = 0
                while sent < route.stream_bytes:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should

    return Handler


@pytest.fixture
def server(monkeypatch):
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    state = LocalServer(port=0)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=HANDLER_WAIT_LIMIT)


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (connections are refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss(title: str, items: list[dict], link: str = "https://example.org/") -> bytes:
    """An RSS 2.0 document; each item dict may have title, link, guid, description,
    content (content:encoded), pubDate, author."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
        f"<channel><title>{title}</title><link>{link}</link><description>test</description>",
    ]
    for item in items:
        parts.append("<item>")
        for key in ("title", "link", "guid", "pubDate", "author"):
            if key in item:
                parts.append(f"<{key}>{item[key]}</{key}>")
        if "description" in item:
            parts.append(f"<description><![CDATA[{item['description']}]]></description>")
        if "content" in item:
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts).encode("utf-8")
