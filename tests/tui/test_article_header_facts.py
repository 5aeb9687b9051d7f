"""The header above the reader tells the truth: the publication date only when
the article has one, its address as literal text that never pushes the facts
out, and the reader's mode line on the right."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from textual.app import App, ComposeResult

from newsreader.text.cells import cell_len
from newsreader.tui.widgets.article_header import ArticleHeader, article_facts, header_lines
from newsreader.tui.widgets.reader import VISUAL_MARK

from support.reader import make_article

URL = "https://www.example.com/nyheter/2022/12/03/krigen-i-ukraina-generalene-snakket-sammen"


def article(**changes):
    base = replace(make_article("Body."), source="Reuters", language="no", imported_at="2024-05-06T07:08:09Z")
    return replace(base, **changes)


def test_the_date_is_the_publication_date_or_none():
    assert article_facts(article(published="2022-12-03T10:00:00Z"), 0) == "Reuters · no · 2022-12-03"
    undated = article_facts(article(published=None), 0)
    assert undated == "Reuters · no"
    assert "2024" not in undated  # the import date is not shown as if it were the publication date


def test_a_short_address_ends_the_facts_line():
    a = article(published="2022-12-03", url="https://example.com/a")
    assert header_lines(a, 2, 72) == ("Reuters · no · 2022-12-03 · 2 highlights · https://example.com/a", "")


def test_a_long_address_gets_its_own_line_cut_to_fit():
    a = article(published="2022-12-03", url=URL)
    facts, url_line = header_lines(a, 0, 60)
    assert facts == "Reuters · no · 2022-12-03"
    assert url_line.startswith("https://www.example.com/nyheter/") and url_line.endswith("…")
    assert cell_len(url_line) == 60
    assert header_lines(a, 0, 200) == (f"Reuters · no · 2022-12-03 · {URL}", "")


def test_a_narrow_header_cuts_the_source_before_the_date():
    a = article(source="A very long newspaper name indeed", published="2022-12-03")
    facts, _url = header_lines(a, 0, 30)
    assert facts.endswith("no · 2022-12-03") and cell_len(facts) <= 30
    assert facts.startswith("A very long") and "…" in facts
    facts, _url = header_lines(a, 0, 16)
    assert facts == "no · 2022-12-03"  # no room for a useful piece of the source


def test_the_address_is_literal_text_on_one_line():
    hostile = "https://example.com/[bold]x[/]\x1b[2J\n\u202eevil"
    facts, url_line = header_lines(article(url=hostile), 0, 72)
    assert url_line == ""
    assert facts.endswith("https://example.com/[bold]x[/] evil")
    assert not any(c in facts for c in "\x1b\n\u202e")
    wide = article(url="https://例え.jp/" + "記事" * 40)
    facts, url_line = header_lines(wide, 0, 41)
    assert facts == "Reuters · no" and cell_len(url_line) <= 41


def test_the_mode_line_sits_on_the_right():
    a = article(published="2022-12-03")
    facts, _url = header_lines(a, 0, 50, VISUAL_MARK)
    assert facts.startswith("Reuters · no · 2022-12-03 ") and facts.endswith(VISUAL_MARK)
    assert cell_len(facts) == 50
    facts, _url = header_lines(a, 0, 30, f"{VISUAL_MARK} · match 2 of 7")
    assert facts.endswith("match 2 of 7") and cell_len(facts) <= 30


class HeaderApp(App):
    def __init__(self, shown) -> None:
        super().__init__()
        self.shown = shown

    def compose(self) -> ComposeResult:
        yield ArticleHeader(id="reader-header")

    def on_mount(self) -> None:
        self.query_one(ArticleHeader).show(self.shown, 1)


def test_the_header_on_screen():
    shown = article(title="En tittel", published="2022-12-03", url=URL)
    short = "https://example.com/a/b"

    async def main() -> None:
        app = HeaderApp(shown)
        async with app.run_test(size=(80, 10)) as pilot:
            await pilot.pause()
            header = app.query_one(ArticleHeader)
            url_label = app.query_one("#reader-url")
            assert header.facts_text == "Reuters · no · 2022-12-03 · 1 highlight"
            assert url_label.display and str(url_label.content).startswith("https://www.example.com/")
            assert cell_len(str(url_label.content)) <= 72
            header.show_mode_line(VISUAL_MARK)
            await pilot.pause()
            assert header.facts_text.endswith(VISUAL_MARK)
            assert header.facts_text.startswith("Reuters · no · 2022-12-03")
            header.show_mode_line("")
            header.show(replace(shown, url=short), 1)
            await pilot.pause()
            assert header.facts_text == f"Reuters · no · 2022-12-03 · 1 highlight · {short}"
            assert not url_label.display
            await pilot.resize_terminal(50, 10)  # too narrow for both: the address moves down
            await pilot.pause()
            assert header.facts_text == "Reuters · no · 2022-12-03 · 1 highlight"
            assert url_label.display and str(url_label.content) == short
            header.show(replace(shown, url=None, published=None), 0)
            await pilot.pause()
            assert header.facts_text == "Reuters · no" and not url_label.display

    asyncio.run(main())
