"""The open article's title and a line of facts above the reader."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label

from newsreader.model import Article
from newsreader.text.terminal import one_line
from newsreader.text.wording import plural
from newsreader.tui.widgets.reader_layout import text_column

# The reader below keeps a one-cell scrollbar gutter; its text column is
# computed on the width left of it.
SCROLLBAR = 1


def article_facts(article: Article, highlight_count: int) -> str:
    """The facts line, e.g. `Reuters · no · 2022-12-03 · ★ starred · 3 highlights`."""
    parts = [one_line(article.source or ""), one_line(article.language or "")]
    date = one_line(article.published or article.imported_at or "")[:10]
    parts.append(date)
    if article.starred:
        parts.append("★ starred")
    if highlight_count:
        parts.append(plural(highlight_count, "highlight"))
    return " · ".join(p for p in parts if p)


class ArticleHeader(Vertical):
    """Title (up to two lines) and facts; every field is shown as literal text."""

    def compose(self) -> ComposeResult:
        yield Label(Content(""), id="reader-title")
        yield Label(Content(""), id="reader-facts")

    def on_mount(self) -> None:
        self.display = False  # nothing to show until an article is open

    def on_resize(self, event: events.Resize) -> None:
        # Line the title up with the reader's text column at any width.
        width = self.outer_size.width  # padding included: it is what we set here
        indent, measure = text_column(width - SCROLLBAR)
        padding = (0, max(0, width - indent - measure), 1, indent)
        if tuple(self.styles.padding) != padding:
            self.styles.padding = padding

    def show(self, article: Article, highlight_count: int) -> None:
        """Show `article`'s title and facts."""
        self.query_one("#reader-title", Label).update(Content(one_line(article.title) or "(untitled)"))
        self.query_one("#reader-facts", Label).update(Content(article_facts(article, highlight_count)))
        self.display = True
