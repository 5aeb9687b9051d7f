"""Fetching a URL with limits: only http and https, bounded time and size, few redirects.

Everything a server sends is untrusted. A fetch is refused before it starts
for any other scheme (file:, ftp:, data:, ...) and at every redirect hop too;
the body is read in pieces and abandoned as soon as it passes the size cap
(also after gzip decompression, so a small compressed bomb cannot grow past
it); redirects are followed by hand, at most `max_redirects`, and a loop is
named as one. Every failure is a `FetchError` whose str() is one line.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass
from email.message import Message

from newsreader import __version__

WEB_SCHEMES = ("http", "https")
USER_AGENT = f"newsreader/{__version__} (terminal news reader)"
_CHUNK = 64 * 1024
_REDIRECTS = (301, 302, 303, 307, 308)


class FetchError(Exception):
    """A URL that could not be fetched; str() is the one-line reason."""


@dataclass(frozen=True)
class FetchLimits:
    """How long and how much: `timeout` bounds the connect and each read."""

    timeout: float = 10.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    total_timeout: float = 60.0  # for the whole transfer, against a trickling server


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 (not modified)
    body: bytes
    media_type: str  # "text/html", "application/rss+xml", ... ("" when not given)
    charset: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def is_web_url(text: str) -> bool:
    """Does `text` look like an http(s) URL (rather than a file path)?"""
    scheme, sep, rest = text.partition("://")
    return bool(sep) and scheme.lower() in WEB_SCHEMES and bool(rest)


def looks_like_url(text: str) -> bool:
    """"scheme://..." of any scheme: meant as a URL, even one newsreader will refuse."""
    scheme, sep, _ = text.partition("://")
    return bool(sep) and scheme.isascii() and scheme.isalpha()


def check_url(url: str) -> str:
    """The URL, if it is one newsreader may fetch; else FetchError with the reason."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme.lower() not in WEB_SCHEMES:
        shown = f"{parts.scheme}:" if parts.scheme else "no scheme"
        raise FetchError(f"only http and https URLs can be fetched (got {shown})")
    if not parts.hostname:
        raise FetchError("not a valid URL (no host)")
    return urllib.parse.urlunsplit(parts._replace(path=_quote(parts.path), query=_quote(parts.query)))


def _quote(text: str) -> str:
    # Keep what is already escaped or reserved; escape spaces and non-ASCII.
    return urllib.parse.quote(text, safe="/%:@!$&'()*+,;=?~-._")


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    """Hand 3xx responses back to `fetch`, which follows them itself."""

    def http_error_301(self, req, fp, code, msg, headers):  # noqa: D102
        return fp

    http_error_302 = http_error_303 = http_error_307 = http_error_308 = http_error_301


def _opener() -> urllib.request.OpenerDirector:
    # Built by hand: build_opener() would add file:, ftp: and data: handlers.
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        _KeepRedirects(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    limits: FetchLimits | None = None,
    accept: str = "*/*",
) -> Response:
    """GET `url`; conditional when `etag`/`last_modified` are given (304 is not an error)."""
    limits = limits or FetchLimits()
    current = check_url(url)
    seen = [current]
    opener = _opener()
    deadline = time.monotonic() + limits.total_timeout
    for _ in range(limits.max_redirects + 1):
        headers = {"User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": "gzip"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        request = urllib.request.Request(current, headers=headers)
        status, response = _open(opener, request, limits)
        with response:
            if status in _REDIRECTS:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(f"HTTP {status} redirect without a Location")
                target = urllib.parse.urljoin(current, location.strip())
                try:
                    target = check_url(target)
                except FetchError as exc:
                    raise FetchError(f"redirected to a URL that cannot be fetched: {exc}") from None
                if target in seen:
                    raise FetchError(f"redirect loop ({' -> '.join([*seen, target][-3:])})")
                seen.append(target)
                current = target
                continue
            if status == 304:
                return _response(current, 304, b"", response.headers)
            if not 200 <= status < 300:
                raise FetchError(f"HTTP {status} (not a page newsreader can read)")
            body = _read_body(response, limits, deadline)
            return _response(current, status, body, response.headers)
    raise FetchError(f"too many redirects (more than {limits.max_redirects})")


def _open(opener: urllib.request.OpenerDirector, request: urllib.request.Request, limits: FetchLimits):
    """(status, response) for 2xx, 3xx and 304; FetchError for anything else."""
    try:
        response = opener.open(request, timeout=limits.timeout)
        return response.status, response
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return 304, exc
        exc.close()
        raise FetchError(f"HTTP {exc.code} {exc.reason}".rstrip()) from None
    except urllib.error.URLError as exc:
        raise FetchError(_network_reason(exc.reason, limits)) from None
    except (TimeoutError, socket.timeout):
        raise FetchError(_timed_out(limits)) from None
    except http.client.HTTPException as exc:
        raise FetchError(f"bad HTTP response ({type(exc).__name__})") from None
    except (OSError, ValueError) as exc:
        raise FetchError(_network_reason(exc, limits)) from None


def _timed_out(limits: FetchLimits) -> str:
    return f"timed out (no answer within {limits.timeout:g} s)"


def _network_reason(reason: object, limits: FetchLimits) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return _timed_out(limits)
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (is the server down, or are you offline?)"
    if isinstance(reason, socket.gaierror):
        return "host not found (offline, or a typo in the URL?)"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error ({reason.reason or reason})"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__


def _too_large(limits: FetchLimits) -> str:
    return f"response too large (the limit is {limits.max_bytes / 1_048_576:g} MB)"


def _read_body(response, limits: FetchLimits, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(_too_large(limits))
    gzipped = response.headers.get("Content-Encoding", "").strip().lower() in ("gzip", "x-gzip")
    inflater = zlib.decompressobj(wbits=47) if gzipped else None
    pieces: list[bytes] = []
    size = 0
    try:
        while True:
            if time.monotonic() > deadline:
                raise FetchError(f"too slow (took over {limits.total_timeout:g} s)")
            chunk = response.read1(_CHUNK)
            if not chunk:
                break
            if inflater is not None:
                # Never inflate more than what is left under the cap.
                chunk = inflater.decompress(chunk, limits.max_bytes - size + 1)
                if inflater.unconsumed_tail:
                    raise FetchError(_too_large(limits))
            size += len(chunk)
            if size > limits.max_bytes:
                raise FetchError(_too_large(limits))
            pieces.append(chunk)
        if inflater is not None:
            tail = inflater.flush()
            if size + len(tail) > limits.max_bytes:
                raise FetchError(_too_large(limits))
            pieces.append(tail)
    except (TimeoutError, socket.timeout):
        raise FetchError(_timed_out(limits)) from None
    except zlib.error:
        raise FetchError("bad gzip data in the response") from None
    except http.client.HTTPException as exc:
        raise FetchError(f"bad HTTP response ({type(exc).__name__})") from None
    except OSError as exc:
        raise FetchError(_network_reason(exc, limits)) from None
    return b"".join(pieces)


def _response(url: str, status: int, body: bytes, headers: Message) -> Response:
    content_type = headers.get("Content-Type", "") or ""
    media_type = content_type.split(";", 1)[0].strip().lower()
    charset = None
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return Response(
        url=url,
        status=status,
        body=body,
        media_type=media_type,
        charset=charset,
        etag=_validator(headers.get("ETag")),
        last_modified=_validator(headers.get("Last-Modified")),
    )


def _validator(value: str | None) -> str | None:
    """A header value safe to send back next time (printable ASCII, not huge), else None.

    A server that sent a line break in its ETag must not make every later
    request of that feed fail.
    """
    if value and len(value) <= 512 and value.isascii() and value.isprintable():
        return value
    return None
