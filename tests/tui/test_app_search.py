"""Search in the app: note hits open at their highlight, a newer query supersedes
an older one, and the help screen explains the query language."""

from __future__ import annotations

import io
import threading
import time

from rich.console import Console

from newsreader.library import Library
from newsreader.tui.screens.help import HelpScreen
from newsreader.tui.widgets.reader import ReaderView
from newsreader.tui.widgets.search_bar import SearchBar
from newsreader.tui.widgets.search_results import SearchResults

from support import CUBA
from support.app import run, settle, write_articles

NOTE = "viktig for oppgaven"


def seeded_with_a_note(tmp_path) -> tuple[int, int]:
    """The seed with one highlight carrying NOTE: (article id, highlight id)."""
    library = Library.open(tmp_path / "t.db")
    library.ensure_seeded()
    (article_id,) = library.article_ids()
    body = library.article(article_id).body
    at = body.index(CUBA)
    highlight = library.add_highlight(article_id, at, at + len(CUBA), note=NOTE)
    library.close()
    return article_id, highlight.id


async def search(pilot, query: str) -> SearchResults:
    app = pilot.app
    app.query_one(SearchBar).focus()
    app.query_one(SearchBar).value = ""
    await settle(pilot)
    await pilot.press(*query)
    await settle(pilot)
    return app.query_one(SearchResults)


def test_a_note_is_found_and_its_hit_opens_at_the_highlight(tmp_path):
    article_id, highlight_id = seeded_with_a_note(tmp_path)

    async def scenario(pilot, app, library):
        start = library.highlight(highlight_id).start
        results = await search(pilot, "oppgave")  # a prefix of a word in the note
        notes = [h for h in results.hits if h.kind == "note"]
        assert [(h.article_id, h.highlight_id) for h in notes] == [(article_id, highlight_id)]
        assert str(app.query_one("#list-status").render()).startswith(f"{len(results.hits)} result")
        await pilot.press("down")  # into the results
        while results.hits[results.highlighted].kind != "note":
            await pilot.press("j")
        await pilot.press("enter")
        await settle(pilot)
        reader = app.query_one(ReaderView)
        assert reader.has_focus and reader.article_id == article_id
        assert reader.cursor == start
        assert reader.highlight_at(reader.cursor).id == highlight_id

        await pilot.press("g")  # away from it, so the next open has to move the cursor
        assert reader.cursor != start
        results = await search(pilot, "in:notes viktig")
        assert results.hits and all(h.kind == "note" for h in results.hits)
        assert results.hits[0].highlight_id == highlight_id
        await pilot.press("enter")  # from the bar: the best hit
        await settle(pilot)
        assert reader.has_focus and reader.cursor == start

    run(tmp_path, scenario)


def test_typing_fast_shows_only_the_last_query(tmp_path):
    library = Library.open(tmp_path / "t.db")
    library.ensure_seeded()
    library.import_paths(write_articles(tmp_path / "in", 3))
    library.close()

    async def scenario(pilot, app, library):
        asked: list[str] = []
        real_search = library.search

        def slow_search(query, *args, **kwargs):
            asked.append(query)
            time.sleep(0.15)  # each search outlives the next keystroke
            return real_search(query, *args, **kwargs)

        library.search = slow_search
        results = app.query_one(SearchResults)
        real_show = results.show_hits
        shown: list[list] = []

        def show_hits(hits):
            shown.append(list(hits))
            real_show(hits)

        results.show_hits = show_hits
        await pilot.press("slash", *"dramatisk", *["backspace"] * len("dramatisk"), *"paragraph")
        await settle(pilot)
        assert len(asked) >= 2 and asked[-1] == "paragraph"  # older queries did start
        assert len(shown) == 1  # ...but only the last one was ever shown
        assert sorted(library.article(h.article_id).title for h in shown[0]) == [
            "Extra article 0", "Extra article 1", "Extra article 2"
        ]
        assert str(app.query_one("#list-status").render()) == "3 results for “paragraph”"

    run(tmp_path, scenario)


def test_help_explains_the_query_language(tmp_path):
    async def scenario(pilot, app, library):
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        width = app.screen.query_one("#help-table").content_region.width
        console = Console(width=width, record=True, file=io.StringIO())
        console.print(app.screen._table())  # the whole table, not only what fits on screen
        text = console.export_text()
        syntaxes = ['"røde linjen"', "title:hotline", "lang:no", "in:notes", "has:highlight", "has:note", "tag:krise"]
        for syntax in syntaxes:
            assert syntax in text, syntax

    run(tmp_path, scenario)


def test_a_query_still_running_is_interrupted_by_the_next(tmp_path):
    """At 100k articles a short prefix takes hundreds of ms; the next key must not wait for it."""
    library = Library.open(tmp_path / "t.db")
    library.ensure_seeded()
    library.close()

    async def scenario(pilot, app, library):
        outcomes: list[str] = []
        real_search = library.search

        def search(query, *args, **kwargs):
            if query == "x":  # a query that would run forever unless interrupted
                conn = library.store.db.conn
                # If the app never interrupts it, the test must fail, not hang.
                watchdog = threading.Timer(20, lambda: (outcomes.append("watchdog"), conn.interrupt()))
                watchdog.start()
                try:
                    conn.execute("WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) "
                                 "SELECT count(*) FROM c").fetchone()
                except Exception as exc:  # noqa: BLE001 - recorded for the assertion
                    outcomes.append(str(exc))
                    raise
                finally:
                    watchdog.cancel()
            return real_search(query, *args, **kwargs)

        library.search = search
        await pilot.press("slash", "x")
        for _ in range(100):  # until the endless query is running on the search thread
            await pilot.pause(0.01)
            if app.search_thread.busy:
                break
        assert app.search_thread.busy
        await pilot.press("backspace", *"hotline")
        await settle(pilot)
        assert outcomes == ["interrupted"]
        results = app.query_one(SearchResults)
        assert results.display and len(results.hits) == 1
        assert str(app.query_one("#list-status").render()) == "1 result for “hotline”"

    run(tmp_path, scenario)
