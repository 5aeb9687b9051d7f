"""Every key of the design's default keymap (DESIGN.md section 8) is bound, by
id, where the table says, and the ones without a pilot test elsewhere are driven
here. Where the app deviates (`3`, `t`, `c` wait for the highlights library and
tags of the annotations issue) the README says so."""

from __future__ import annotations

import pytest

from newsreader.tui.keys import key_sections
from newsreader.tui.widgets.annotations import AnnotationsPane
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reader import ReaderView

from support.app import open_seed, run, settle

# (pane, key, binding id): the design table, row by row.
DESIGN = [
    ("Reader", "j", "reader.down"), ("Reader", "k", "reader.up"),
    ("Reader", "g", "reader.top"), ("Reader", "G", "reader.bottom"),
    ("Reader", "pagedown", "reader.page_down"), ("Reader", "pageup", "reader.page_up"),
    ("Article list", "j", "list.down"), ("Article list", "k", "list.up"),
    ("Article list", "g", "list.first"), ("Article list", "G", "list.last"),
    ("Article list", "enter", "list.open"), ("Search results", "enter", "results.open"),
    ("Anywhere", "slash", "app.search"),
    ("Anywhere", "q", "app.back_or_quit"), ("Anywhere", "Q", "app.quit"),
    ("Anywhere", "1", "app.view_articles"), ("Anywhere", "2", "app.view_feeds"),
    ("Anywhere", "ctrl+b", "app.toggle_list"), ("Anywhere", "H", "app.toggle_annotations"),
    ("Anywhere", "question_mark", "app.help"), ("Anywhere", "R", "app.refresh"),
    ("Anywhere", "E", "app.export"),
    ("Article list", "n", "list.next_unread"), ("Article list", "p", "list.prev_unread"),
    ("Anywhere", "N", "app.toggle_read"), ("Anywhere", "A", "app.mark_all_read"),
    ("Article list", "u", "list.undo"),
    ("Article list", "s", "list.star"), ("Reader", "s", "reader.star"),
    ("Anywhere", "o", "app.open_url"), ("Anywhere", "y", "app.copy_url"),
    ("Anywhere", "F", "app.full_text"), ("Article list", "f", "list.filter_feed"),
    ("Reader", "space", "reader.page_or_next"),
    ("Reader", "ctrl+d", "reader.half_down"), ("Reader", "ctrl+u", "reader.half_up"),
    ("Reader", "w", "reader.word_forward"), ("Reader", "b", "reader.word_back"),
    ("Reader", "e", "reader.word_end"),
    ("Reader", ")", "reader.sentence_forward"), ("Reader", "(", "reader.sentence_back"),
    ("Reader", "}", "reader.paragraph_forward"), ("Reader", "{", "reader.paragraph_back"),
    ("Reader", "semicolon", "reader.next_match"), ("Reader", "comma", "reader.prev_match"),
    ("Reader", "v", "reader.select"), ("Reader", "h", "reader.highlight"),
    ("Reader", "n", "reader.note"), ("Annotations pane", "n", "annotations.note"),
    ("Reader", "a", "reader.article_note"), ("Annotations pane", "a", "annotations.article_note"),
    ("Reader", "d", "reader.delete"), ("Reader", "u", "reader.undo"),
    ("Reader", "]", "reader.next_highlight"), ("Reader", "[", "reader.prev_highlight"),
    ("Feeds view", "n", "feedlist.next_unread"), ("Feeds view", "enter", "feedlist.open"),
]


def _bound() -> dict[tuple[str, str], str]:
    bound = {}
    for section, bindings in key_sections():
        for binding in bindings:
            if getattr(binding, "id", None):
                for key in binding.key.split(","):
                    bound[(section, key.strip())] = binding.id
    return bound


@pytest.mark.parametrize(("pane", "key", "binding_id"), DESIGN)
def test_the_design_key_is_bound_where_the_table_says(pane, key, binding_id):
    aliases = {")": "right_parenthesis", "(": "left_parenthesis", "}": "right_curly_bracket",
               "{": "left_curly_bracket", "]": "right_square_bracket", "[": "left_square_bracket"}
    bound = _bound()
    assert bound.get((pane, key)) == binding_id or bound.get((pane, aliases.get(key, key))) == binding_id


def test_ctrl_b_hides_and_shows_the_list_and_h_the_annotations(tmp_path):
    async def scenario(pilot, app, library):
        await open_seed(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert not app.query_one("#list-pane").display
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert app.query_one("#list-pane").display
        shown = app.query_one(AnnotationsPane).display
        await pilot.press("H")
        await settle(pilot)
        assert app.query_one(AnnotationsPane).display is not shown

    run(tmp_path, scenario)


def test_a_in_the_reader_writes_the_article_note(tmp_path):
    async def scenario(pilot, app, library):
        await open_seed(pilot)
        await pilot.press("a", *"whole article", "ctrl+s")
        await settle(pilot)
        note = library.article_note(app.current.id)
        assert note is not None and note.text == "whole article"

    run(tmp_path, scenario)


def test_tab_moves_between_the_panes(tmp_path):
    async def scenario(pilot, app, library):
        assert app.query_one(ArticleList).has_focus
        await pilot.press("tab")
        await settle(pilot)
        assert not app.query_one(ArticleList).has_focus
        await pilot.press("shift+tab")
        await settle(pilot)
        assert app.query_one(ArticleList).has_focus
        await pilot.press("enter")
        await settle(pilot)
        assert app.query_one(ReaderView).has_focus

    run(tmp_path, scenario)
