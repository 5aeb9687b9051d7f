"""Fast tests of the TUI's pure helpers: no app, no terminal."""

from __future__ import annotations

import asyncio

from rich.console import Console

from newsreader.library import FeedOutcome, ImportOutcome
from newsreader.model import Article, SearchHit
from newsreader.tui.db_thread import DatabaseThread
from newsreader.tui.feeds import import_summary, refresh_summary
from newsreader.tui.keys import key_sections, keymap_problems
from newsreader.tui.screens.feed_picker import feed_prompt
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


def test_database_thread_is_busy_only_while_a_call_runs():
    import threading

    started, release = threading.Event(), threading.Event()

    def slow() -> str:
        started.set()
        release.wait(5)
        return "done"

    async def main():
        db = DatabaseThread("newsreader-test")
        assert not db.busy
        call = asyncio.ensure_future(db.run(slow))
        await asyncio.to_thread(started.wait, 5)
        assert db.busy
        release.set()
        assert await call == "done"
        db.shutdown(wait=True)
        return db.busy

    assert asyncio.run(main()) is False


def test_refresh_summary_counts_and_lists_failures_literally():
    outcomes = [
        FeedOutcome("https://a.example/feed", "new", "Alpha", 1, added=3, updated=1),
        FeedOutcome("https://b.example/feed", "new", "Beta", 2, added=2),
        FeedOutcome("https://c.example/feed", "failed", "[bold]C\x1b[2J[/]", 3, message="HTTP 404 Not Found"),
    ]
    message, severity = refresh_summary(outcomes)
    assert message == "3 feeds: 5 new, 1 updated, 1 failed\n[bold]C[/]: HTTP 404 Not Found"
    assert severity == "error"
    assert refresh_summary(outcomes[1:2]) == ("1 feed: 2 new", "information")
    quiet = [FeedOutcome("u", "not-modified", "Q", 4)]
    assert refresh_summary(quiet) == ("1 feed: nothing new", "information")
    many = [FeedOutcome(f"u{i}", "failed", f"F{i}", i, message="timed out") for i in range(7)]
    lines = refresh_summary(many)[0].split("\n")
    assert len(lines) == 1 + 5 + 1 and lines[-1].startswith("… and 2 more")


def test_import_summary_is_one_line_for_one_input_and_counts_for_a_feed():
    one = [ImportOutcome("page.html", "added", 1)]
    assert import_summary(one) == ("added: page.html", "information")
    bad = [ImportOutcome("x.txt", "failed", message="no such file")]
    assert import_summary(bad) == ("x.txt: no such file", "error")
    feed = [ImportOutcome(f"feed: item {i}", "added", i) for i in range(3)]
    feed += [ImportOutcome("feed: old", "unchanged", 9), ImportOutcome("feed: odd", "failed", message="empty")]
    assert import_summary(feed) == ("3 added, 1 unchanged, 1 failed\nfeed: odd: empty", "error")


def test_feed_prompt_is_literal_and_marks_the_current_feed():
    prompt = feed_prompt("[bold]x[/]\x1b]52;c;SGVsbG8=\x07", 12, current=True, failed=True)
    assert prompt.plain == "● [bold]x[/]  12  ⚠ last refresh failed"
    assert feed_prompt("", 0, current=False).plain == "  (untitled feed)  0"
