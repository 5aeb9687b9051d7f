"""W3C Web Annotation export and import: format, round trips, idempotence, hostile files."""

from __future__ import annotations

import copy
import json

import pytest

from newsreader.cli import main
from newsreader.export.w3c import ANNO_CONTEXT, DEFAULT_FILENAME
from newsreader.library import Library

from support import CUBA, SEED

KREML = "Regimet i Kreml skal raskt ha forstått alvoret."
HEADING = "Nato la skylden på Russland"
SEED_TEXT = SEED.read_text(encoding="utf-8")


def open_store(path, seed=True) -> Library:
    lib = Library.open(path)
    if seed:
        lib.ensure_seeded()
    return lib


def highlight(lib, quote, note=None, tags=(), article_id=1):
    body = lib.article(article_id).body
    start = body.index(quote)
    return lib.add_highlight(article_id, start, start + len(quote), note=note, tags=tags)


def annotated_store(path) -> Library:
    lib = open_store(path)
    highlight(lib, CUBA, note="**Viktig**\n\nto avsnitt", tags=("krig", "historie"))
    highlight(lib, KREML, tags=("kreml",))
    highlight(lib, HEADING)
    lib.set_article_note(1, "Les hele saken igjen.")
    return lib


def items(path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["first"]["items"]


def selectors(annotation) -> dict[str, dict]:
    return {s["type"]: s for s in annotation["target"].get("selector", [])}


def count_rows(lib) -> tuple[int, int]:
    db = lib.store.db
    return (db.execute("SELECT count(*) FROM highlights").fetchone()[0],
            db.execute("SELECT count(*) FROM article_notes").fetchone()[0])


def write_json(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def store_a(tmp_path):
    lib = annotated_store(tmp_path / "a.db")
    yield lib
    lib.close()


@pytest.fixture
def store_b(tmp_path):
    lib = open_store(tmp_path / "b.db")
    yield lib
    lib.close()


# --- the format ---------------------------------------------------------------------


def test_export_is_an_annotation_collection_with_quote_and_position(store_a, tmp_path):
    path, total = store_a.export_w3c(tmp_path / "a.jsonld")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["@context"] == ANNO_CONTEXT and doc["type"] == "AnnotationCollection"
    assert total == doc["total"] == 4 and doc["first"]["type"] == "AnnotationPage"
    cuba, kreml, heading, note = doc["first"]["items"]  # text order, then the article note
    uuid = store_a.store_uuid()
    h = store_a.highlights(1)[0]
    assert cuba["id"] == f"urn:newsreader:{uuid}:highlight:{h.id}"
    assert cuba["type"] == "Annotation" and cuba["motivation"] == "commenting"
    assert cuba["created"] == h.created_at and cuba["modified"] == h.updated_at
    assert cuba["body"] == [
        {"type": "TextualBody", "purpose": "commenting", "value": "**Viktig**\n\nto avsnitt",
         "format": "text/markdown"},
        {"type": "TextualBody", "purpose": "tagging", "value": "historie"},
        {"type": "TextualBody", "purpose": "tagging", "value": "krig"},
    ]
    target = cuba["target"]
    assert target["source"] == f"seed:{SEED.name}"
    assert target["newsreader"]["contentHash"] == store_a.article(1).content_hash
    assert target["newsreader"]["title"].startswith("Reuters: Putins regime")
    sel = selectors(cuba)
    assert sel["TextQuoteSelector"] == {"type": "TextQuoteSelector", "exact": CUBA,
                                        "prefix": h.prefix, "suffix": h.suffix}
    assert sel["TextPositionSelector"] == {"type": "TextPositionSelector",
                                           "start": h.start, "end": h.end}
    assert kreml["motivation"] == "highlighting" and "body" in kreml
    assert heading["motivation"] == "highlighting" and "body" not in heading
    assert note["id"] == f"urn:newsreader:{uuid}:article-note:1"
    assert "selector" not in note["target"] and note["body"][0]["value"] == "Les hele saken igjen."


def test_positions_are_code_points(lib, tmp_path):
    article = tmp_path / "emoji.txt"
    article.write_text("Tittel\n🙂🙂 Etter to smilefjes kommer teksten vi markerer her.\n",
                       encoding="utf-8")
    [added] = lib.import_paths([article])
    h = highlight(lib, "teksten vi markerer", article_id=added.article_id)
    [annotation] = lib.w3c_collection()["first"]["items"]
    position = selectors(annotation)["TextPositionSelector"]
    body = lib.article(added.article_id).body
    assert position["start"] == h.start == body.index("teksten")
    # In UTF-16 units each emoji would count twice.
    assert position["start"] < len(body[:h.start].encode("utf-16-le")) // 2


def test_store_uuid_is_stable_across_reopening(db_path):
    first = open_store(db_path)
    uuid = first.store_uuid()
    first.close()
    again = open_store(db_path)
    assert again.store_uuid() == uuid and len(uuid) == 36
    again.close()


def test_exporting_twice_gives_the_same_bytes(store_a, tmp_path):
    one, _ = store_a.export_w3c(tmp_path / "one.jsonld")
    two, _ = store_a.export_w3c(tmp_path / "two.jsonld")
    assert one.read_bytes() == two.read_bytes()


def test_an_orphan_is_exported_without_a_position(store_a, tmp_path):
    h = store_a.highlights(1)[1]
    store_a.store.db.execute("UPDATE highlights SET state = 'orphaned' WHERE id = ?", [h.id])
    annotation = next(a for a in store_a.w3c_collection()["first"]["items"]
                      if a["id"].endswith(f":highlight:{h.id}"))
    assert set(selectors(annotation)) == {"TextQuoteSelector"}
    assert annotation["newsreader"]["state"] == "orphaned"


# --- round trips and idempotence -------------------------------------------------------


def test_round_trip_between_two_stores_describes_the_same_annotations(store_a, store_b, tmp_path):
    exported_a, _ = store_a.export_w3c(tmp_path / "a.jsonld")
    outcomes = store_b.import_annotations(exported_a)
    assert [o.status for o in outcomes] == ["added"] * 4
    exported_b, _ = store_b.export_w3c(tmp_path / "b.jsonld")
    a_items, b_items = items(exported_a), items(exported_b)
    assert b_items == a_items  # ids, quotes, positions, notes, tags and times all kept
    for h_a, h_b in zip(store_a.highlights(1), store_b.highlights(1)):
        assert (h_a.start, h_a.end, h_a.exact, h_a.prefix, h_a.suffix, h_a.note, h_a.tags) == (
            h_b.start, h_b.end, h_b.exact, h_b.prefix, h_b.suffix, h_b.note, h_b.tags)
    assert store_b.article_note(1).text == "Les hele saken igjen."


def test_importing_the_same_file_twice_changes_nothing(store_a, store_b, tmp_path):
    exported, _ = store_a.export_w3c(tmp_path / "a.jsonld")
    store_b.import_annotations(exported)
    counts = count_rows(store_b)
    again = store_b.import_annotations(exported)
    assert [o.status for o in again] == ["unchanged"] * 4
    assert count_rows(store_b) == counts == (3, 1)


def test_a_store_importing_its_own_or_a_relayed_export_changes_nothing(store_a, store_b, tmp_path):
    exported_a, _ = store_a.export_w3c(tmp_path / "a.jsonld")
    before = count_rows(store_a)
    assert {o.status for o in store_a.import_annotations(exported_a)} == {"unchanged"}
    store_b.import_annotations(exported_a)
    exported_b, _ = store_b.export_w3c(tmp_path / "b.jsonld")
    assert {o.status for o in store_a.import_annotations(exported_b)} == {"unchanged"}
    assert count_rows(store_a) == before


def test_annotations_without_ids_are_deduplicated_by_content(store_a, store_b, tmp_path):
    collection = store_a.w3c_collection()
    for annotation in collection["first"]["items"]:
        del annotation["id"]
    path = write_json(tmp_path / "anonymous.jsonld", collection)
    store_b.import_annotations(path)
    counts = count_rows(store_b)
    assert {o.status for o in store_b.import_annotations(path)} == {"unchanged"}
    assert count_rows(store_b) == counts == (3, 1)


def test_a_deleted_imported_highlight_comes_back_on_reimport(store_a, store_b, tmp_path):
    exported, _ = store_a.export_w3c(tmp_path / "a.jsonld")
    store_b.import_annotations(exported)
    gone = store_b.highlights(1)[0]
    store_b.delete_highlight(gone.id)
    statuses = [o.status for o in store_b.import_annotations(exported)]
    assert statuses.count("added") == 1
    assert [h.exact for h in store_b.highlights(1)][0] == gone.exact


def test_article_found_by_content_hash_when_the_origin_differs(tmp_path):
    first, second = tmp_path / "one" / "a.txt", tmp_path / "two" / "b.txt"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text("Tittel\nEn artikkel om været i Bergen, med regn i dag og sol i morgen.\n",
                        encoding="utf-8")
    a, b = open_store(tmp_path / "a.db", seed=False), open_store(tmp_path / "b.db", seed=False)
    [added] = a.import_paths([first])
    highlight(a, "regn i dag", note="typisk", article_id=added.article_id)
    exported, _ = a.export_w3c(tmp_path / "x.jsonld")
    [target] = b.import_paths([second])
    [outcome] = b.import_annotations(exported)
    assert outcome.status == "added" and outcome.article_id == target.article_id
    assert b.highlights(target.article_id)[0].note == "typisk"
    a.close(), b.close()


def test_changed_text_in_the_other_store_is_matched_by_origin_and_fuzzy_quote(store_a, tmp_path):
    exported, _ = store_a.export_w3c(tmp_path / "a.jsonld")
    b = open_store(tmp_path / "b.db", seed=False)
    from newsreader.ingest.plaintext import parse_plaintext

    changed = SEED_TEXT.replace("dramatisk situasjon", "dramatiske situasjon")
    b.import_parsed(f"seed:{SEED.name}", parse_plaintext(changed))
    outcomes = b.import_annotations(exported)
    assert [o.status for o in outcomes] == ["added"] * 4 and not any(o.orphaned for o in outcomes)
    cuba = b.highlights(1)[0]
    assert cuba.exact == CUBA.replace("dramatisk", "dramatiske") and cuba.tags == ("historie", "krig")
    b.close()


def test_a_quote_missing_in_the_other_store_is_kept_as_an_orphan(store_a, store_b, tmp_path):
    collection = store_a.w3c_collection()
    annotation = collection["first"]["items"][0]
    selectors(annotation)["TextQuoteSelector"]["exact"] = "Denne setningen finnes ikke i artikkelen."
    path = write_json(tmp_path / "x.jsonld", {**collection, "first": {
        "type": "AnnotationPage", "items": [annotation]}})
    [outcome] = store_b.import_annotations(path)
    assert outcome.status == "added" and outcome.orphaned
    [orphan] = store_b.orphans()
    assert orphan.exact == "Denne setningen finnes ikke i artikkelen." and orphan.note.startswith("**Viktig")
    assert store_b.import_annotations(path)[0].status == "unchanged"


def test_a_different_article_note_is_merged_not_overwritten(store_a, store_b, tmp_path):
    exported, _ = store_a.export_w3c(tmp_path / "a.jsonld")
    store_b.set_article_note(1, "Mitt eget notat.")
    outcomes = store_b.import_annotations(exported)
    assert outcomes[-1].status == "merged"
    assert store_b.article_note(1).text == "Mitt eget notat.\n\nLes hele saken igjen."
    assert store_b.import_annotations(exported)[-1].status == "unchanged"


# --- hostile files -------------------------------------------------------------------


def hostile_collection(good: dict) -> dict:
    def variant(change):
        annotation = copy.deepcopy(good)
        change(annotation)
        del annotation["id"]
        return annotation

    def set_quote(a, key, value):
        selectors(a)["TextQuoteSelector"][key] = value

    bad = [
        "just a string",                                                         # 2
        variant(lambda a: a.pop("target")),                                      # 3
        variant(lambda a: a.update(type="Note")),                                # 4
        variant(lambda a: set_quote(a, "exact", 42)),                            # 5
        variant(lambda a: selectors(a)["TextPositionSelector"].update(start="5")),  # 6
        variant(lambda a: selectors(a)["TextPositionSelector"].update(end=True)),   # 7
        variant(lambda a: a["body"][0].update(value="x" * 1_000_001)),           # 8
        variant(lambda a: set_quote(a, "prefix", "y" * 1_000_001)),              # 9
        variant(lambda a: a["target"].update(source="https://example.org/unknown",
                                             newsreader={"contentHash": "0" * 64})),  # 10
        variant(lambda a: a.update(created="yesterday")),                       # 11
        variant(lambda a: a["target"].update(selector=[{"type": "XPathSelector"}])),  # 12
        variant(lambda a: a.update(body=[7])),                                   # 13
        variant(lambda a: a["target"].update(selector="nope")),                  # 14
        variant(lambda a: selectors(a)["TextPositionSelector"].update(start=10**30)),  # 15
    ]
    return {"@context": ANNO_CONTEXT, "type": "AnnotationCollection",
            "first": {"type": "AnnotationPage", "items": [good, *bad, copy.deepcopy(good)]}}


def test_hostile_annotations_fail_one_by_one_and_the_rest_is_imported(
    capsys, store_a, tmp_path
):
    good = store_a.w3c_collection()["first"]["items"][0]
    path = write_json(tmp_path / "hostile.jsonld", hostile_collection(good))
    b_path = tmp_path / "b.db"
    open_store(b_path).close()
    code = main(["--db", str(b_path), "import", str(path)])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 14, err
    expected = {
        2: "not a JSON object", 3: "no target", 4: 'type is not "Annotation"',
        5: "exact is not a string", 6: "start is not a non-negative integer",
        7: "end is not a non-negative integer", 8: "too long", 9: "prefix is too long",
        10: "no matching article", 11: "not an ISO 8601", 12: "no TextQuoteSelector",
        13: "body 1 is not an object", 14: "selector 1 is not an object",
        15: "start is out of range",
    }
    for line, (index, reason) in zip(lines, expected.items()):
        assert line.startswith(f"newsreader: {path}: annotation {index}"), line
        assert reason in line, (line, reason)
        assert len(line) < 300
    assert "1 added" in out and "1 already here" in out and "14 failed" in out
    b = Library.open(b_path)
    assert [h.exact for h in b.highlights(1)] == [CUBA]
    b.close()


def test_a_huge_quote_within_the_limits_is_kept_as_an_orphan(store_a, store_b, tmp_path):
    annotation = store_a.w3c_collection()["first"]["items"][0]
    selectors(annotation)["TextQuoteSelector"]["exact"] = "Nato og Russland " * 58_000  # ~1 MB
    path = write_json(tmp_path / "huge.jsonld", annotation)
    [outcome] = store_b.import_annotations(path)
    assert outcome.status == "added" and outcome.orphaned


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("broken.jsonld", b'{"type": "AnnotationCollection", ', "not valid JSON"),
        ("other.json", b'{"name": "not annotations"}', "not a W3C annotation file"),
        ("number.json", b"42", "not a W3C annotation file"),
        ("deep.jsonld", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        ("latin1.jsonld", b'{"type": "Annotation", "bodyValue": "\xe6\xf8\xe5"}', "not valid UTF-8"),
        ("linked.jsonld", b'{"type": "AnnotationCollection", "first": "https://x/page1"}',
         "pages are not in the file"),
        ("items.jsonld", b'{"type": "AnnotationPage", "items": {"a": 1}}', "items are not a list"),
    ],
)
def test_a_bad_file_is_one_line_and_the_batch_goes_on(capsys, db_path, tmp_path, name, content, reason):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Tittel\nEn helt vanlig tekst om været i Bergen i dag og i morgen.\n")
    code = main(["--db", str(db_path), "import", str(bad), str(good)])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in err
    [line] = err.strip().splitlines()
    assert line.startswith(f"newsreader: {bad}: ") and reason in line, line
    assert "added" in out and "good.txt" in out


def test_empty_collection_imports_nothing_without_error(capsys, db_path, tmp_path):
    path = write_json(tmp_path / "empty.jsonld", {"@context": ANNO_CONTEXT,
                                                  "type": "AnnotationCollection", "total": 0})
    assert main(["--db", str(db_path), "import", str(path)]) == 0
    assert "none in the file" in capsys.readouterr().out


def test_a_single_annotation_or_a_list_is_accepted(store_a, store_b, tmp_path):
    annotation = store_a.w3c_collection()["first"]["items"][0]
    single = write_json(tmp_path / "one.json", annotation)
    assert [o.status for o in store_b.import_annotations(single)] == ["added"]
    listed = write_json(tmp_path / "list.json", [annotation])
    assert [o.status for o in store_b.import_annotations(listed)] == ["unchanged"]


def test_a_jsonld_file_with_another_extension_is_detected_by_content(store_a, store_b, tmp_path):
    path = tmp_path / "export.txt"
    path.write_text(json.dumps(store_a.w3c_collection()), encoding="utf-8")
    [outcome] = store_b.import_paths([path])
    assert outcome.status == "added" and "4 added" in outcome.message
    assert store_b.count() == 1


# --- the command line ---------------------------------------------------------------


def test_cli_export_w3c_to_a_file_a_folder_and_stdout(capsys, tmp_path):
    db = tmp_path / "a.db"
    annotated_store(db).close()
    out_file = tmp_path / "x" / "notes.jsonld"
    assert main(["--db", str(db), "export", "--format", "w3c", "--out", str(out_file)]) == 0
    assert capsys.readouterr().out.strip() == str(out_file)
    assert len(items(out_file)) == 4
    folder = tmp_path / "folder"
    folder.mkdir()
    assert main(["--db", str(db), "export", "--format", "w3c", "--out", str(folder)]) == 0
    capsys.readouterr()
    assert items(folder / DEFAULT_FILENAME) == items(out_file)
    assert main(["--db", str(db), "export", "--format", "w3c", "--out", "-", "--article", "1"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 4


def test_cli_export_w3c_with_nothing_annotated_says_so(capsys, db_path, tmp_path):
    code = main(["--db", str(db_path), "export", "--format", "w3c", "--out", str(tmp_path / "n.jsonld")])
    _, err = capsys.readouterr()
    assert code == 0 and "nothing to export" in err and not (tmp_path / "n.jsonld").exists()


def test_cli_round_trip_import_twice(capsys, tmp_path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    annotated_store(a).close()
    exported = tmp_path / "a.jsonld"
    main(["--db", str(a), "export", "--format", "w3c", "--out", str(exported)])
    assert main(["--db", str(b), "import", str(exported)]) == 0
    assert "4 added" in capsys.readouterr().out
    assert main(["--db", str(b), "import", str(exported)]) == 0
    out = capsys.readouterr().out
    assert "unchanged" in out and "4 already here" in out
    main(["--db", str(b), "list", "--json"])
    assert json.loads(capsys.readouterr().out)[0]["highlights"] == 3
