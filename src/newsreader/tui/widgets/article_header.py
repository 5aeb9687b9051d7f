"""The open article's title, a line of facts and its address above the reader.

The facts line also carries the reader's mode line on its right (`-- VISUAL --`,
`match 2 of 7`), which the screen hands down with `show_mode_line`.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label

from newsreader.model import Article
from newsreader.text.cells import cell_len, truncate_cells
from newsreader.text.terminal import one_line
from newsreader.text.wording import plural
from newsreader.tui.widgets.reader_layout import text_column

# The reader below keeps a one-cell scrollbar gutter; its text column is
# computed on the width left of it.
SCROLLBAR = 1
SEPARATOR = " · "
MODE_GAP = 2  # cells kept free between the facts and the mode line
MIN_SOURCE_CELLS = 4  # a source cut shorter than this is left out


def article_facts(article: Article, highlight_count: int, width: int = 0) -> str:
    """The facts line, e.g. `Reuters · no · 2022-12-03 · ★ starred · 3 highlights`.

    The date is the publication date, and only that: an article that does not
    say when it was published shows none (the import date is not one). Given a
    `width` in cells the line fits it: the source is cut first, so the date stays.
    """
    source = one_line(article.source or "")
    rest = [one_line(article.language or ""), one_line(article.published or "")[:10]]
    if article.starred:
        rest.append("★ starred")
    if highlight_count:
        rest.append(plural(highlight_count, "highlight"))
    line = SEPARATOR.join(p for p in (source, *rest) if p)
    if width <= 0 or cell_len(line) <= width:
        return line
    tail = SEPARATOR.join(p for p in rest if p)
    room = width - cell_len(tail) - cell_len(SEPARATOR)
    if source and room >= MIN_SOURCE_CELLS:
        return f"{truncate_cells(source, room)}{SEPARATOR}{tail}"
    return truncate_cells(tail, width)


def header_lines(article: Article, highlight_count: int, width: int, mode_line: str = "") -> tuple[str, str]:
    """(facts line, address line) in at most `width` cells each (0: not known yet).

    The address (`article.url`) ends the facts line when the whole of it fits
    there; else it gets the line below, cut to fit, so it never pushes the
    facts out. `mode_line` goes on the right of the facts line, cutting the
    facts if it must (it only shows while the user is doing something).
    """
    facts = article_facts(article, highlight_count)
    url = one_line(article.url)
    on_facts = bool(url) and (width <= 0 or cell_len(f"{facts}{SEPARATOR}{url}") <= width)
    url_line = "" if on_facts or not url else truncate_cells(url, width)
    mode_line = one_line(mode_line)
    if width <= 0:
        left = f"{facts}{SEPARATOR}{url}" if on_facts and facts else (url if on_facts else facts)
        return (f"{left}{' ' * MODE_GAP}{mode_line}" if mode_line else left), url_line
    mode_line = truncate_cells(mode_line, width)
    room = width - cell_len(mode_line) - MODE_GAP if mode_line else width
    left = article_facts(article, highlight_count, room) if room > 0 else ""
    if on_facts:  # the address fits with the facts: it ends them, cut first if room is short
        left = truncate_cells(f"{left}{SEPARATOR}{url}" if left else url, room) if room > 0 else ""
    if not mode_line:
        return left, url_line
    gap = width - cell_len(left) - cell_len(mode_line)
    return f"{left}{' ' * gap}{mode_line}", url_line


class ArticleHeader(Vertical):
    """Title (up to two lines), facts and address; every field is shown as literal text."""

    # The address line is this widget's own: the app's stylesheet styles the other two.
    DEFAULT_CSS = """
    ArticleHeader > #reader-url {
        width: 100%;
        height: 1;
        color: $text-muted;
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._article: Article | None = None
        self._highlight_count = 0
        self._mode_line = ""
        self._width = 0  # of the text column the lines must fit; 0 until laid out

    def compose(self) -> ComposeResult:
        yield Label(Content(""), id="reader-title")
        yield Label(Content(""), id="reader-facts")
        yield Label(Content(""), id="reader-url")

    def on_mount(self) -> None:
        self.display = False  # nothing to show until an article is open
        self.query_one("#reader-url", Label).display = False

    def on_resize(self, event: events.Resize) -> None:
        # Line the title up with the reader's text column at any width.
        width = self.outer_size.width  # padding included: it is what we set here
        indent, measure = text_column(width - SCROLLBAR)
        padding = (0, max(0, width - indent - measure), 1, indent)
        if tuple(self.styles.padding) != padding:
            self.styles.padding = padding
        if measure != self._width:
            self._width = measure
            self._show_facts()

    def show(self, article: Article, highlight_count: int) -> None:
        """Show `article`'s title, facts and address."""
        self._article, self._highlight_count = article, highlight_count
        self.query_one("#reader-title", Label).update(Content(one_line(article.title) or "(untitled)"))
        self._show_facts()
        self.display = True

    def show_mode_line(self, text: str) -> None:
        """Show the reader's mode line (`ReaderView.mode_line`) on the right of the facts."""
        if text != self._mode_line:
            self._mode_line = text
            self._show_facts()

    @property
    def facts_text(self) -> str:
        """The facts line as shown (for tests and screen readers)."""
        return str(self.query_one("#reader-facts", Label).content)

    def _show_facts(self) -> None:
        if self._article is None:
            return
        facts, url = header_lines(self._article, self._highlight_count, self._width, self._mode_line)
        self.query_one("#reader-facts", Label).update(Content(facts))
        url_label = self.query_one("#reader-url", Label)
        url_label.update(Content(url))
        url_label.display = bool(url)
