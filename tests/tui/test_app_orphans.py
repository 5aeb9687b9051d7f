"""Highlights that could not be placed, in the app: re-cleaned at start-up,
listed under "Could not be placed", deleted and undone, re-attached by keys."""

from __future__ import annotations

from pathlib import Path

from newsreader.library import Library
from newsreader.text import CLEANER_VERSION
from newsreader.tui.widgets.annotations import HighlightList
from newsreader.tui.widgets.article_list import ArticleList

from support import CUBA, MARKER
from support.app import cursor_to, run, screen_text, settle
from support.app import open_seed as open_article

OLD = "Det regner mye der i hele november."
NEW = "Sola skinner hele dagen nå, sier meteorologen."
KEPT = "Andre avsnitt handler om fjellet og turen dit."


def article_text(sentence: str) -> str:
    return f"Været i Bergen\n\nFørste avsnitt handler om byen. {sentence} Så kommer mer.\n\n{KEPT}\n"


def store_with_an_orphan(tmp_path: Path) -> tuple[Path, int, int, int]:
    """A store with one imported file whose highlight (with a note) lost its text on
    re-import, plus one that survived: (db, article id, orphan id, kept id)."""
    db = tmp_path / "t.db"
    path = tmp_path / "in" / "bergen.txt"
    path.parent.mkdir()
    path.write_text(article_text(OLD), encoding="utf-8")
    library = Library.open(db)
    (outcome,) = library.import_paths([path])
    article_id = outcome.article_id
    body = library.article(article_id).body
    at = body.index(OLD)
    orphan = library.add_highlight(article_id, at, at + len(OLD), note="husk paraply")
    kept = library.add_highlight(article_id, body.index(KEPT), body.index(KEPT) + len(KEPT))
    path.write_text(article_text(NEW), encoding="utf-8")
    (changed,) = library.import_paths([path])
    assert changed.status == "updated" and changed.orphaned == 1
    assert library.highlight(orphan.id).state == "orphaned"
    library.close()
    return db, article_id, orphan.id, kept.id


def shown(app, binding_id: str) -> bool:
    """Whether the binding is active (and so in the footer) for the focused widget now."""
    return any(active.binding.id == binding_id for active in app.screen.active_bindings.values())


def messages(app) -> str:
    return " | ".join(n.message for n in app._notifications)


async def to_pane_orphan(pilot, app, orphan_id: int) -> HighlightList:
    pane = app.query_one(HighlightList)
    pane.focus()
    await settle(pilot)
    for _ in range(pane.option_count):
        if pane._current_id() == orphan_id:
            break
        await pilot.press("j")
    assert pane._current_id() == orphan_id
    await settle(pilot)
    return pane


# -- start-up re-clean --------------------------------------------------------------


def test_startup_recleans_an_outdated_article_and_reanchors_its_highlight(tmp_path):
    db = tmp_path / "t.db"
    library = Library.open(db)
    library.ensure_seeded()
    (article_id,) = library.article_ids()
    body = library.article(article_id).body
    at = body.index(CUBA)
    highlight = library.add_highlight(article_id, at, at + len(CUBA), note="1962!")
    # What an older cleaner left behind: a marker it did not know, offsets after it.
    stale = f"{MARKER}\n\n"
    library.store.db.execute(
        "UPDATE articles SET body = ?, cleaner_version = 0 WHERE id = ?", [stale + body, article_id]
    )
    library.store.db.execute(
        "UPDATE highlights SET start = ?, end = ? WHERE id = ?",
        [at + len(stale), at + len(stale) + len(CUBA), highlight.id],
    )
    library.store.db.conn.commit()
    library.close()

    async def scenario(pilot, app, library):
        article = library.article(article_id)
        assert article.cleaner_version == CLEANER_VERSION
        assert article.body == body and MARKER not in article.body
        moved = library.highlight(highlight.id)
        assert (moved.start, moved.exact, moved.note, moved.state) == (at, CUBA, "1962!", "anchored")
        assert "Re-cleaned 1 article with the current cleaner" in messages(app)
        assert app.query_one(ArticleList).row_count == 1
        reader = await open_article(pilot)
        await pilot.press("right_square_bracket")  # the highlight is where its text is
        assert reader.cursor == at

    run(tmp_path, scenario, db=db)


def test_startup_records_the_cleaner_version_quietly_when_nothing_changes(tmp_path):
    db = tmp_path / "t.db"
    library = Library.open(db)
    library.ensure_seeded()
    (article_id,) = library.article_ids()
    library.store.db.execute("UPDATE articles SET cleaner_version = 0")
    library.store.db.conn.commit()
    library.close()

    async def scenario(pilot, app, library):
        assert library.article(article_id).cleaner_version == CLEANER_VERSION
        assert "Re-cleaned" not in messages(app)

    run(tmp_path, scenario, db=db)


# -- orphans in the annotations pane ------------------------------------------------


def test_pane_lists_orphans_under_could_not_be_placed(tmp_path):
    db, article_id, orphan_id, kept_id = store_with_an_orphan(tmp_path)

    async def scenario(pilot, app, library):
        await open_article(pilot)
        pane = app.query_one(HighlightList)
        ids = [pane.get_option_at_index(i).id for i in range(pane.option_count)]
        assert ids == [str(kept_id), "orphans", str(orphan_id)]
        text = screen_text(app)
        assert "Could not be placed" in text
        assert str(app.query_one("#annotations-title").render()) == "Highlights (1) · 1 unplaced"
        assert "husk paraply" in text
        # enter on an orphan explains rather than jumping nowhere
        await to_pane_orphan(pilot, app, orphan_id)
        await pilot.press("enter")
        await settle(pilot)
        assert "could not be placed" in messages(app) and "r re-attaches it" in messages(app)

    run(tmp_path, scenario, db=db)


def test_d_deletes_an_orphan_in_the_pane_and_u_brings_it_back(tmp_path):
    db, article_id, orphan_id, kept_id = store_with_an_orphan(tmp_path)

    async def scenario(pilot, app, library):
        reader = await open_article(pilot)
        cursor = reader.cursor
        await to_pane_orphan(pilot, app, orphan_id)
        await pilot.press("d")
        await settle(pilot)
        assert [h.id for h in library.highlights(article_id)] == [kept_id]
        assert "Could not be placed" not in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        back = library.highlight(orphan_id)
        assert (back.state, back.note, back.exact) == ("orphaned", "husk paraply", OLD)
        assert "Could not be placed" in screen_text(app)
        assert reader.cursor == cursor  # an orphan's old offsets are no place to go

    run(tmp_path, scenario, db=db)


def test_r_in_the_pane_then_r_on_a_sentence_in_the_reader_reattaches(tmp_path):
    db, article_id, orphan_id, kept_id = store_with_an_orphan(tmp_path)

    async def scenario(pilot, app, library):
        reader = await open_article(pilot)
        assert not shown(app, "reader.reattach")  # nothing waiting: r is not offered
        pane = app.query_one(HighlightList)
        pane.focus()
        pane.highlighted = pane.get_option_index(str(kept_id))
        await settle(pilot)
        assert not shown(app, "annotations.reattach")  # a placed highlight
        await to_pane_orphan(pilot, app, orphan_id)
        assert shown(app, "annotations.reattach")
        assert "Re-attach" in screen_text(app)  # in the footer
        await pilot.press("r")
        await settle(pilot)
        assert reader.has_focus and reader.reattaching == orphan_id
        assert shown(app, "reader.reattach") and "Attach here" in screen_text(app)
        assert "select the new text in the reader" in messages(app) and "press r" in messages(app)
        assert library.highlight(orphan_id).state == "orphaned"  # nothing written yet
        body = library.article(article_id).body
        await cursor_to(pilot, reader, body.index(NEW))
        await pilot.press("r")
        await settle(pilot)
        placed = library.highlight(orphan_id)
        at = body.index(NEW)
        assert (placed.state, placed.start, placed.end) == ("anchored", at, at + len(NEW))
        assert (placed.exact, placed.note) == (NEW, "husk paraply")
        assert reader.reattaching is None and not shown(app, "reader.reattach")
        assert reader.highlight_at(body.index(NEW)).id == orphan_id
        assert "Could not be placed" not in screen_text(app)
        assert "Re-attached" in messages(app)

    run(tmp_path, scenario, db=db)


def test_r_in_the_pane_with_a_selection_in_the_reader_attaches_at_once(tmp_path):
    db, article_id, orphan_id, kept_id = store_with_an_orphan(tmp_path)

    async def scenario(pilot, app, library):
        reader = await open_article(pilot)
        body = library.article(article_id).body
        await cursor_to(pilot, reader, body.index(NEW))
        await pilot.press("v", "w", "w")  # "Sola skinner hele"
        selection = reader.selection
        assert body[selection[0] : selection[1]] == "Sola skinner hele"
        await to_pane_orphan(pilot, app, orphan_id)
        await pilot.press("r")
        await settle(pilot)
        placed = library.highlight(orphan_id)
        assert (placed.state, placed.exact, placed.note) == ("anchored", "Sola skinner hele", "husk paraply")
        assert reader.selection is None and reader.reattaching is None

    run(tmp_path, scenario, db=db)


def test_escape_gives_up_reattaching_and_stays_in_the_reader(tmp_path):
    db, article_id, orphan_id, kept_id = store_with_an_orphan(tmp_path)

    async def scenario(pilot, app, library):
        reader = await open_article(pilot)
        await to_pane_orphan(pilot, app, orphan_id)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("v", "escape")  # the first escape drops the selection only
        assert reader.selection is None and reader.reattaching == orphan_id
        await pilot.press("escape")
        await settle(pilot)
        assert reader.reattaching is None and reader.has_focus
        assert "Re-attach cancelled" in messages(app)
        await pilot.press("r")  # no longer means anything here
        await settle(pilot)
        assert library.highlight(orphan_id).state == "orphaned"

    run(tmp_path, scenario, db=db)
