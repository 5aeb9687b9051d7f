"""`o` opens the article's web address in the user's browser, `y` copies it.

A mixin of the app (see `host.py`). The article is the one in the reader when
the reader or its annotations have the focus, else the one under the list's
cursor. Only http(s) addresses are opened or copied; an article imported from
a file has none, and says so.

The browser starts in the background and never shares the terminal: `$BROWSER`
(a command, as in newsboat; `%s` is replaced by the address, else it is
appended) runs in its own session with its input and output on /dev/null;
without it, Python's `webbrowser` runs on a thread, so a slow start never
blocks a key. Copying uses the terminal's clipboard (OSC 52, through Textual).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import threading
import urllib.parse
from typing import TYPE_CHECKING

from newsreader.library import DatabaseError, NotFound
from newsreader.text.terminal import one_line, strip_control

if TYPE_CHECKING:
    from newsreader.model import Article
    from newsreader.tui.host import AppHost as _Base
else:
    _Base = object


def web_address(article: Article) -> str | None:
    """The article's http(s) address, cleaned of control characters; None without one."""
    url = strip_control(article.url or "").strip()
    if not url or any(ch.isspace() for ch in url):
        return None
    return url if urllib.parse.urlsplit(url).scheme.lower() in ("http", "https") else None


def browser_command(browser: str, url: str) -> list[str]:
    """`$BROWSER` as an argument list for `url` (first of a `:`-separated list)."""
    words = shlex.split(browser.split(":", 1)[0])
    if any("%s" in word for word in words):
        return [word.replace("%s", url) for word in words]
    return [*words, url]


def start_browser(url: str) -> None:
    """Open `url` without touching the terminal; raises OSError if `$BROWSER` cannot start."""
    browser = os.environ.get("BROWSER", "").strip()
    if browser:
        subprocess.Popen(  # noqa: S603 - the user's own $BROWSER
            browser_command(browser, url),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        return
    import webbrowser

    threading.Thread(target=webbrowser.open, args=(url,), daemon=True, name="newsreader-browser").start()


class ArticleLinks(_Base):
    """`action_open_url` (o) and `action_copy_url` (y)."""

    def _link_target(self) -> Article | None:
        from newsreader.tui.widgets.article_list import ArticleList

        articles = self.query_one(ArticleList)
        if self.current is not None and not articles.has_focus:
            return self.current
        article_id = articles.current_id
        if article_id is None:
            return None
        if self.current is not None and self.current.id == article_id:
            return self.current
        try:
            return self.library.article(article_id)
        except (NotFound, DatabaseError):
            return None

    def _address(self) -> str | None:
        article = self._link_target()
        if article is None:
            self.notify("No article here", severity="warning")
            return None
        url = web_address(article)
        if url is None:
            self.notify("This article has no web address (it was imported from a file)", severity="warning")
        return url

    def action_open_url(self) -> None:
        url = self._address()
        if url is None:
            return
        try:
            start_browser(url)
        except (OSError, ValueError) as exc:
            self.notify(one_line(f"Could not start $BROWSER: {exc}"), severity="error", markup=False)
            return
        self.notify(one_line(f"Opening {url}"), title="Browser", markup=False)

    def action_copy_url(self) -> None:
        url = self._address()
        if url is None:
            return
        self.copy_to_clipboard(url)
        self.notify(one_line(f"Copied {url}"), title="Clipboard", markup=False)
