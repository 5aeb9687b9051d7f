"""Fast tests of the TUI's pure helpers: no app, no terminal."""

from __future__ import annotations

import asyncio

from rich.console import Console

from newsreader.model import Article, SearchHit
from newsreader.tui.db_thread import DatabaseThread
from newsreader.tui.keys import key_sections, keymap_problems
from newsreader.tui.widgets import reader_layout as rl
from newsreader.tui.widgets.article_header import article_facts
from newsreader.tui.widgets.search_results import SNIPPET_LINES, hit_prompt, snippet_lines

CONSOLE = Console(width=200)


def test_snippet_is_cut_so_the_match_shows():
    words = " ".join(f"ord{i}" for i in range(40))
    snippet = f"{words} dramatisk slutt"
    start = snippet.index("dramatisk")
    lines = snippet_lines(snippet, [(start, start + 9)], 24, CONSOLE)
    assert 1 <= len(lines) <= SNIPPET_LINES
    assert all(line.cell_len <= 24 for line in lines)
    assert any("dramatisk" in line.plain for line in lines)
    assert lines[0].plain.startswith("…")


def test_snippet_control_characters_keep_their_offsets():
    snippet = "a\x1b[2J b dramatisk"
    start = snippet.index("dramatisk")
    (line,) = snippet_lines(snippet, [(start, start + 9)], 60, CONSOLE)
    assert "\x1b" not in line.plain and "␛[2J" in line.plain
    marked = [line.plain[s.start : s.end] for s in line.spans if "reverse" in str(s.style)]
    assert marked == ["dramatisk"]


def test_hit_prompt_title_is_one_literal_line():
    hit = SearchHit("note", 1, "[bold]x[/]\n\x1b]52;c;SGVsbG8=\x07", "snippet text", 1.0, 3)
    prompt = hit_prompt(hit, 30, CONSOLE)
    first = prompt.plain.split("\n")[0]
    assert first.startswith("✎ [bold]x[/]") and "\x1b" not in prompt.plain


def test_keymap_problems_name_unknown_ids_and_clashes():
    sections = key_sections([])
    assert keymap_problems(sections, {}) == []
    assert keymap_problems(sections, {"reader.highlight": "x"}) == []
    problems = keymap_problems(sections, {"reader.highlight": "n", "nope.nothing": "z"})
    assert any("n is bound to both reader.highlight and reader.note" in p for p in problems)
    assert any("'nope.nothing'" in p for p in problems)


def test_every_binding_has_a_unique_id():
    ids = [b.id for _section, bindings in key_sections([]) for b in bindings]
    assert all(ids) and len(ids) == len(set(ids))


def test_header_lines_up_with_the_reader_text_column():
    for width in (40, 64, 108, 200):
        layout = rl.Layout("x", rl.blocks_from_body("x"), width)
        assert rl.text_column(width) == (layout.indent, layout.measure)


def test_article_facts_are_one_literal_line():
    article = Article(
        id=1, origin="o", title="T", source="Site\x1b[2J [b]", url=None, author=None,
        published="2022-12-03T10:00:00Z", language="no", raw="", body="", blocks=(),
        content_hash="", cleaner_version=1, imported_at="2023-01-01", updated_at="",
        read_at=None, starred=True,
    )
    assert article_facts(article, 2) == "Site [b] · no · 2022-12-03 · ★ starred · 2 highlights"
    assert article_facts(article, 1).endswith("1 highlight")


def test_database_thread_runs_calls_on_one_thread():
    import threading

    async def main():
        db = DatabaseThread()
        try:
            names = {await db.run(lambda: threading.current_thread().name) for _ in range(5)}
        finally:
            db.shutdown()
        return names

    names = asyncio.run(main())
    assert len(names) == 1 and names.pop().startswith("newsreader-db")
