"""The reader and the search it was opened from, in the whole app: a hit opens on
the sentence where the query's terms meet, `;` and `,` step through the
matches with a count in the header, and the VISUAL mark shows while selecting."""

from __future__ import annotations

from newsreader.tui.widgets.article_header import ArticleHeader
from newsreader.tui.widgets.reader import VISUAL_MARK, ReaderView
from newsreader.tui.widgets.search_bar import SearchBar

from support import CUBA
from support.app import open_seed, run, screen_text, seed_id, settle

HEADING = "Farligste situasjonen siden Cuba-krisen i 1962"


async def open_from_search(pilot, query: str) -> ReaderView:
    """Type `query` in the search bar and press enter: the best hit opens."""
    await pilot.press("slash", *query)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    reader = pilot.app.query_one(ReaderView)
    assert reader.has_focus
    return reader


def facts(app) -> str:
    return app.query_one(ArticleHeader).facts_text


def test_a_hit_opens_on_the_sentence_where_the_terms_meet_and_h_highlights_it(tmp_path):
    async def scenario(pilot, app, library):
        article_id = seed_id(library)
        body = library.article(article_id).body
        # The subheading holds "situasjonen" (the live prefix matches it) and comes first.
        assert body.index(HEADING) < body.index(CUBA)
        reader = await open_from_search(pilot, "dramatisk situasjon")
        assert reader.article_id == article_id
        assert reader.cursor == body.index(CUBA)  # "En så dramatisk situasjon ...", not the heading
        assert body.index(HEADING) + HEADING.index("situasjonen") in {s for s, _e in reader.matches}
        await pilot.press("h")
        await settle(pilot)
        (highlight,) = app.library.highlights(article_id)
        assert highlight.exact == CUBA
        assert (highlight.start, highlight.end) == (body.index(CUBA), body.index(CUBA) + len(CUBA))

    run(tmp_path, scenario)


def test_a_one_word_hit_opens_on_the_sentence_of_its_first_match(tmp_path):
    async def scenario(pilot, app, library):
        body = library.article(seed_id(library)).body
        reader = await open_from_search(pilot, "Cuba-krisen")
        assert body.index("Cuba-krisen") < body.index(CUBA)  # first in the heading
        assert reader.cursor == body.index(HEADING)  # the heading's start, not the word's

    run(tmp_path, scenario)


def test_semicolon_and_comma_step_through_the_matches_with_a_count(tmp_path):
    async def scenario(pilot, app, library):
        reader = await open_from_search(pilot, "dramatisk situasjon")
        starts = [s for s, _e in reader.matches]
        total = len(starts)
        assert total >= 4
        opened_at = reader.cursor
        after = [i for i, s in enumerate(starts) if s > opened_at]
        first = after[0]
        await pilot.press("semicolon")
        await settle(pilot)
        assert reader.cursor == starts[first]
        assert reader.mode_line == f"match {first + 1} of {total}"
        assert f"match {first + 1} of {total}" in facts(app)
        assert f"match {first + 1} of {total}" in screen_text(app)
        await pilot.press("semicolon")
        assert reader.cursor == starts[first + 1]
        await pilot.press("comma", "comma")
        assert reader.cursor == starts[first - 1]
        await settle(pilot)
        assert f"match {first} of {total}" in facts(app)
        # Past the last match it wraps to the first, and says so.
        await pilot.press(*["semicolon"] * (total - first + 1))
        await settle(pilot)
        assert reader.cursor == starts[0]
        assert reader.mode_line == f"match 1 of {total} (from the top)"
        await pilot.press("comma")
        await settle(pilot)
        assert reader.cursor == starts[-1]
        assert reader.mode_line == f"match {total} of {total} (from the bottom)"
        assert f"match {total} of {total} (from the bottom)" in facts(app)
        # Any other motion drops the count.
        await pilot.press("k")
        await settle(pilot)
        assert reader.mode_line == "" and "match" not in facts(app)

    run(tmp_path, scenario)


def test_semicolon_without_a_search_says_so(tmp_path):
    async def scenario(pilot, app, library):
        reader = await open_seed(pilot)
        assert reader.matches == []
        at = reader.cursor
        await pilot.press("semicolon", "comma")
        await settle(pilot)
        assert reader.cursor == at
        said = [n.message for n in app._notifications]
        assert said.count("no search matches here") == 2
        assert "match" not in facts(app)

    run(tmp_path, scenario)


def test_the_visual_mark_shows_while_a_selection_is_made(tmp_path):
    async def scenario(pilot, app, library):
        reader = await open_seed(pilot)
        assert VISUAL_MARK not in screen_text(app)
        for end in (["escape"], ["v"], ["h"]):
            await pilot.press("v", "w", "w")
            await settle(pilot)
            assert reader.selection is not None and reader.mode_line == VISUAL_MARK
            assert VISUAL_MARK in facts(app) and VISUAL_MARK in screen_text(app)
            await pilot.press(*end)
            await settle(pilot)
            assert reader.selection is None and reader.mode_line == ""
            assert VISUAL_MARK not in screen_text(app), end
        # The h above highlighted the selection: the header counts it and the mark stays gone.
        assert len(app.library.highlights(reader.article_id)) == 1
        assert "1 highlight" in facts(app)

    run(tmp_path, scenario)


def test_the_visual_mark_and_the_count_share_the_line(tmp_path):
    async def scenario(pilot, app, library):
        reader = await open_from_search(pilot, "dramatisk situasjon")
        await pilot.press("v", "semicolon")
        await settle(pilot)
        assert reader.selection is not None
        assert reader.mode_line.startswith(VISUAL_MARK) and "match " in reader.mode_line
        assert reader.mode_line in facts(app)
        await pilot.press("escape")
        await settle(pilot)
        assert VISUAL_MARK not in facts(app)

    run(tmp_path, scenario)


def test_leaving_the_search_drops_the_count(tmp_path):
    async def scenario(pilot, app, library):
        reader = await open_from_search(pilot, "dramatisk situasjon")
        await pilot.press("semicolon")
        await settle(pilot)
        assert "match" in facts(app)
        app.query_one(SearchBar).focus()
        await pilot.press("escape")  # leaves the search: the matches are unmarked
        await settle(pilot)
        assert reader.matches == [] and reader.mode_line == ""
        assert "match" not in facts(app)

    run(tmp_path, scenario)
