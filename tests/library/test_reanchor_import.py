"""Highlights survive re-imports and re-cleans: moved, fuzzily kept, or orphaned — never lost."""

from __future__ import annotations

import json

import pytest

from newsreader.cli import main
from newsreader.ingest.plaintext import parse_plaintext
from newsreader.text import CLEANER_VERSION

from support import CUBA, MARKER, SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_ORIGIN = f"seed:{SEED.name}"
LINE = "«Den røde linjen» ble i sin tid opprettet for å unngå utilsiktede sammenstøt"
POLEN = "Han tror hendelsen i Polen førte til at alarmklokkene ringte i Russland"
HEADING = "Nato la skylden på Russland"
CLUT = "De vestlige våpenforsyningen har hele tiden vært en rød klut for Kreml"
QUOTES = [CUBA, LINE, POLEN, HEADING, CLUT]
NEW_PARAGRAPH = "Et helt nytt innledende avsnitt, lagt til etter at artikkelen ble publisert."


def edited_seed() -> str:
    """The seed with a paragraph added at the top, a word changed outside every
    highlight, and markers re-glued and moved."""
    title, rest = SEED_TEXT.lstrip("\n").split("\n", 1)
    text = f"{title}\n{NEW_PARAGRAPH}\n{rest}"
    text = text.replace("Umiddelbart ble det etablert", "Straks ble det etablert")
    # A marker glued onto a paragraph that had none...
    text = text.replace("\nRegimet i Kreml", f"\n{MARKER}Regimet i Kreml")
    # ...and the glued pair before the Cuba sentence moved onto its own line.
    text = text.replace(f"{MARKER}{MARKER}En så dramatisk", f"{MARKER}\nEn så dramatisk")
    assert text.count(MARKER) == SEED_TEXT.count(MARKER)
    return text


def annotate(lib, article_id: int) -> dict[str, int]:
    body = lib.article(article_id).body
    ids = {}
    for n, quote in enumerate(QUOTES):
        start = body.index(quote)
        h = lib.add_highlight(article_id, start, start + len(quote), note=f"notat {n}",
                              tags=("krig",) if n % 2 else ())
        ids[quote] = h.id
    return ids


@pytest.fixture
def seed_file(tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    return path


def assert_all_on_their_quotes(lib, article_id, ids, quotes=QUOTES):
    body = lib.article(article_id).body
    for quote in quotes:
        h = lib.highlight(ids[quote])
        assert h.state == "anchored", quote
        assert body[h.start:h.end] == quote == h.exact
        assert h.prefix == body[max(0, h.start - 32):h.start]
        assert h.suffix == body[h.end:h.end + 32]


def test_edited_seed_reimported_keeps_every_highlight_on_its_quote(lib, seed_file):
    [added] = lib.import_paths([seed_file])
    ids = annotate(lib, added.article_id)
    before = {q: lib.highlight(i) for q, i in ids.items()}
    seed_file.write_text(edited_seed(), encoding="utf-8")
    [updated] = lib.import_paths([seed_file])
    assert (updated.status, updated.orphaned) == ("updated", 0)
    article = lib.article(added.article_id)
    assert article.body.startswith(NEW_PARAGRAPH) and "Straks ble det" in article.body
    assert MARKER not in article.body
    assert_all_on_their_quotes(lib, added.article_id, ids)
    for quote, old in before.items():
        now = lib.highlight(ids[quote])
        assert now.start > old.start  # really moved: the new paragraph is above all of them
        assert (now.note, now.tags, now.created_at) == (old.note, old.tags, old.created_at)


def test_the_seed_origin_itself_can_be_updated(seeded):
    ids = annotate(seeded, 1)
    outcome = seeded.import_parsed(SEED_ORIGIN, parse_plaintext(edited_seed()))
    assert outcome.status == "updated" and outcome.article_id == 1
    assert_all_on_their_quotes(seeded, 1, ids)


def test_removed_paragraph_orphans_its_highlight_which_is_listed_and_exported(
    capsys, db_path, lib, seed_file, tmp_path
):
    [added] = lib.import_paths([seed_file])
    ids = annotate(lib, added.article_id)
    paragraph = next(p for p in SEED_TEXT.split("\n") if "Han tror hendelsen" in p)
    seed_file.write_text(edited_seed().replace(paragraph + "\n", ""), encoding="utf-8")
    [updated] = lib.import_paths([seed_file])
    assert updated.orphaned == 1 and "could not be placed" in updated.message
    orphan = lib.highlight(ids[POLEN])
    assert orphan.state == "orphaned" and orphan.exact == POLEN and orphan.note == "notat 2"
    assert [h.id for h in lib.orphans()] == [orphan.id]
    assert_all_on_their_quotes(lib, added.article_id, ids, [q for q in QUOTES if q != POLEN])

    assert main(["--db", str(db_path), "list", "--orphans"]) == 0
    out = capsys.readouterr().out
    [line] = out.splitlines()
    assert line.split()[:2] == [str(orphan.id), str(added.article_id)]
    assert "Han tror hendelsen i Polen" in line and "notat 2" in line
    assert main(["--db", str(db_path), "list", "--orphans", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["id"] == orphan.id and row["exact"] == POLEN and row["note"] == "notat 2"

    out_dir = tmp_path / "md"
    assert main(["--db", str(db_path), "export", "--out", str(out_dir)]) == 0
    capsys.readouterr()
    [md] = out_dir.glob("*.md")
    text = md.read_text(encoding="utf-8")
    placed, unplaced = text.split("## Could not be placed")
    assert f"> {POLEN}" in unplaced and "notat 2" in unplaced
    assert f"> {CUBA}" in placed and POLEN not in placed


def test_an_orphan_finds_its_way_back_when_the_text_returns(lib, seed_file):
    [added] = lib.import_paths([seed_file])
    ids = annotate(lib, added.article_id)
    seed_file.write_text(SEED_TEXT.replace(CUBA, ""), encoding="utf-8")
    lib.import_paths([seed_file])
    assert lib.highlight(ids[CUBA]).orphaned
    seed_file.write_text(edited_seed(), encoding="utf-8")
    [again] = lib.import_paths([seed_file])
    assert again.orphaned == 0
    assert_all_on_their_quotes(lib, added.article_id, ids)


def test_a_word_changed_inside_a_highlight_keeps_it_by_fuzzy_match(lib, seed_file):
    [added] = lib.import_paths([seed_file])
    ids = annotate(lib, added.article_id)
    seed_file.write_text(SEED_TEXT.replace("dramatisk situasjon", "dramatiske situasjon"),
                         encoding="utf-8")
    [updated] = lib.import_paths([seed_file])
    assert updated.orphaned == 0
    h = lib.highlight(ids[CUBA])
    body = lib.article(added.article_id).body
    assert h.state == "anchored" and body[h.start:h.end] == h.exact
    assert h.exact == CUBA.replace("dramatisk", "dramatiske") and h.note == "notat 0"


def test_every_update_keeps_the_previous_text_recoverable(lib, seed_file):
    [added] = lib.import_paths([seed_file])
    first = lib.article(added.article_id)
    seed_file.write_text(edited_seed(), encoding="utf-8")
    lib.import_paths([seed_file])
    row = lib.store.db.execute(
        "SELECT raw, body, content_hash FROM article_versions WHERE article_id = ?",
        [added.article_id],
    ).fetchall()
    assert row == [(first.raw, first.body, first.content_hash)]


def test_reattach_places_an_orphan_and_keeps_its_note_and_tags(lib, seed_file):
    [added] = lib.import_paths([seed_file])
    ids = annotate(lib, added.article_id)
    seed_file.write_text(SEED_TEXT.replace(LINE, "Linjen ble laget for lenge siden"), encoding="utf-8")
    lib.import_paths([seed_file])
    orphan = lib.highlight(ids[LINE])
    assert orphan.orphaned and orphan.tags == ("krig",)
    body = lib.article(added.article_id).body
    start = body.index("Linjen ble laget")
    moved = lib.reattach_highlight(orphan.id, start - 1, start + len("Linjen ble laget") + 1)
    assert moved.state == "anchored" and moved.exact == "Linjen ble laget"  # edges trimmed
    assert (moved.note, moved.tags, moved.created_at) == (orphan.note, orphan.tags, orphan.created_at)
    assert moved.prefix == body[max(0, moved.start - 32):moved.start]
    assert lib.orphans() == []
    with pytest.raises(ValueError):
        lib.reattach_highlight(orphan.id, start, start)


# --- re-cleaning after a cleaner upgrade -----------------------------------------------


def simulate_old_cleaner(lib, article_id: int, old_body: str) -> None:
    lib.store.db.execute(
        "UPDATE articles SET body = ?, cleaner_version = 0 WHERE id = ?", [old_body, article_id]
    )


def test_reclean_outdated_rederives_the_body_and_reanchors(seeded):
    good = seeded.article(1).body
    # What an older cleaner might have left: a marker kept in the text.
    old_body = good.replace("En så dramatisk", f"{MARKER} En så dramatisk")
    simulate_old_cleaner(seeded, 1, old_body)
    start = old_body.index(CUBA)
    h = seeded.add_highlight(1, start, start + len(CUBA), note="behold")
    [outcome] = seeded.reclean_outdated()
    assert (outcome.status, outcome.article_id, outcome.orphaned) == ("updated", 1, 0)
    article = seeded.article(1)
    assert article.body == good and article.cleaner_version == CLEANER_VERSION
    moved = seeded.highlight(h.id)
    assert good[moved.start:moved.end] == CUBA and moved.start < start and moved.note == "behold"
    versions = seeded.store.db.execute(
        "SELECT body, cleaner_version FROM article_versions WHERE article_id = 1").fetchall()
    assert versions == [(old_body, 0)]
    assert seeded.reclean_outdated() == []


def test_reclean_all_leaves_an_unchanged_body_alone(seeded):
    outcomes = seeded.reclean(everything=True)
    assert [(o.status, o.article_id) for o in outcomes] == [("unchanged", 1)]
    count = seeded.store.db.execute("SELECT count(*) FROM article_versions").fetchone()[0]
    assert count == 0


def test_an_outdated_version_with_the_same_body_is_just_marked_current(seeded):
    seeded.store.db.execute("UPDATE articles SET cleaner_version = 0")
    assert [o.status for o in seeded.reclean_outdated()] == ["unchanged"]
    assert seeded.article(1).cleaner_version == CLEANER_VERSION
    assert seeded.reclean_outdated() == []
