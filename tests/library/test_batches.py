"""One bad entry in a batch is one line; the rest goes on; the summary counts it."""

from __future__ import annotations

import json

import pytest

from newsreader.cli import main
from newsreader.library import Library
from support import SEED

BODY = "Dette er en lang setning om noe viktig som skjedde i går. " * 20


def test_an_opml_outline_with_a_broken_url_is_one_line(tmp_path, capsys):
    """Before: xmlUrl="http://[::1" raised ValueError and aborted the whole file."""
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="Broken" xmlUrl="http://[::1"/>'
        '<outline text="Bad port" xmlUrl="http://example.org:99999/feed"/>'
        '<outline text="Good" xmlUrl="https://example.org/feed.xml"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    code = main(["--db", str(tmp_path / "s.db"), "import", str(opml)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Broken: not a valid feed URL" in err
    assert "Bad port: not a valid feed URL" in err
    assert "added     " in out and "https://example.org/feed.xml" in out
    assert out.rstrip().splitlines()[-1] == "summary: 1 added, 2 failed"


def _annotation(i: int, exact: str, note: str) -> dict:
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"urn:example:{i}",
        "type": "Annotation",
        "bodyValue": note,
        "target": {"source": "seed:000_d9fcfd8bd864394e.txt",
                   "selector": {"type": "TextQuoteSelector", "exact": exact}},
    }


def test_a_lone_surrogate_in_one_annotation_costs_only_that_one(tmp_path, capsys):
    """Before: UnicodeEncodeError from SQLite aborted the file after earlier ones were committed."""
    db = tmp_path / "s.db"
    lib = Library.open(db)
    lib.prepare()
    lib.close()
    items = [_annotation(1, "En så dramatisk situasjon", "første"), _annotation(2, "Cuba-krisen", "bad \ud800 note"),
             _annotation(3, "Cuba-krisen i 1962", "tredje")]
    path = tmp_path / "notes.jsonld"
    path.write_text(json.dumps({"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
                                "first": {"type": "AnnotationPage", "items": items}}), encoding="utf-8")
    code = main(["--db", str(db), "import", str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "annotation 2 (urn:example:2)" in err and "lone surrogate" in err
    lib = Library.open(db)
    notes = sorted(h.note for h in lib.highlights(1))
    lib.close()
    assert notes == ["første", "tredje"]


def test_feed_items_without_guid_or_link_get_an_identity_from_their_content(tmp_path, capsys):
    """Before: items with neither guid nor link were dropped without a word."""
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Lokalt</title>'
        f"<item><title>Uten lenke</title><description>{BODY}</description></item>"
        f"<item><title>Med lenke</title><link>https://example.org/a</link><description>{BODY} a</description></item>"
        "<item></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    assert main(["--db", str(db), "import", str(feed)]) == 0
    out, err = capsys.readouterr()
    assert "Uten lenke" in out and "Med lenke" in out
    assert "skipped" in out and "item 3: no guid, no link, no title and no text" in out
    assert main(["--db", str(db), "import", str(feed)]) == 0  # recognised again: no duplicate
    out, _ = capsys.readouterr()
    assert [line.split()[0] for line in out.splitlines()].count("unchanged") == 2


@pytest.mark.parametrize(
    "args, message",
    [
        (["show", "9223372036854775808"], "an id must be from 1 to"),
        (["show", "0"], "an id must be from 1 to"),
        (["search", "x", "--limit", "0"], "the limit must be from 1 to"),
        (["search", "x", "--limit", "-3"], "the limit must be from 1 to"),
        (["export", "--article", "99999999999999999999"], "an id must be from 1 to"),
    ],
)
def test_numbers_are_range_checked(tmp_path, capsys, args, message):
    """Before: ids of 2**63 and more raised OverflowError; --limit 0 and -3 were accepted."""
    with pytest.raises(SystemExit) as info:
        main(["--db", str(tmp_path / "s.db"), *args])
    assert info.value.code == 2
    assert message in capsys.readouterr().err


def test_quote_dash_dash_is_a_usage_error(tmp_path, capsys):
    """Before: `--quote=--` raised AttributeError."""
    assert main(["--db", str(tmp_path / "s.db"), "annotate", "1", "--quote=--"]) == 2
    assert "--quote needs the text" in capsys.readouterr().err


def test_a_tag_export_would_write_is_one_import_accepts(tmp_path, capsys):
    """Before: a 10,000-character tag was stored and exported, then refused on re-import."""
    db = tmp_path / "s.db"
    code = main(["--db", str(db), "annotate", "1", "--quote", "En så dramatisk situasjon", "--tag", "x" * 10_000])
    assert code == 1
    assert "a tag is too long (10,000 characters; the limit is 200)" in capsys.readouterr().err
    assert main(["--db", str(db), "annotate", "1", "--quote", "En så dramatisk situasjon", "--tag", "x" * 200]) == 0
    capsys.readouterr()
    out = tmp_path / "a.jsonld"
    assert main(["--db", str(db), "export", "--format", "w3c", "--out", str(out)]) == 0
    other = tmp_path / "other.db"
    assert main(["--db", str(other), "import", str(SEED), str(out)]) == 0
    lib = Library.open(other)
    assert [h.tags for h in lib.highlights(1)] == [("x" * 200,)]
    lib.close()


def test_a_note_that_is_not_utf8_is_refused_in_one_line(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "s.db"), "note", "1", "a\udcffb"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not valid text" in err
