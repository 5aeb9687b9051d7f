"""OPML: importing subscription lists (without fetching) and exporting them, round trip."""

from __future__ import annotations

import json

from newsreader.ingest.opml import Subscription, parse_opml, render_opml

from support.cli import run

OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>My feeds</title></head><body>
  <outline text="News">
    <outline type="rss" text="Byavisa" title="Byavisa" xmlUrl="https://byavisa.example/feed.xml"
             htmlUrl="https://byavisa.example/"/>
    <outline type="rss" text="Tech &amp; Science" xmlUrl="https://tech.example/rss"/>
  </outline>
  <outline type="rss" text="Duplicate" xmlUrl="https://tech.example/rss"/>
  <outline type="rss" text="Local" xmlUrl="file:///etc/passwd"/>
  <outline type="link" text="Just a link" url="https://example.org/"/>
</body></opml>"""


def test_parse_walks_folders_dedupes_and_refuses_other_schemes():
    found, problems = parse_opml(OPML.encode())
    assert found == [
        Subscription("https://byavisa.example/feed.xml", "Byavisa", "https://byavisa.example/"),
        Subscription("https://tech.example/rss", "Tech & Science", None),
    ]
    assert len(problems) == 1 and "only http and https" in problems[0] and "Local" in problems[0]


def test_render_then_parse_is_the_same_list():
    subs = [Subscription("https://a.example/feed?x=1&y=2", "A <&> \"quoted\"", "https://a.example/"),
            Subscription("https://b.example/atom", None, None)]
    found, problems = parse_opml(render_opml(subs).encode())
    assert found == subs and problems == []


def test_cli_import_subscribes_without_fetching_and_export_round_trips(capsys, db_path, tmp_path, server):
    source = tmp_path / "feeds.opml"
    source.write_text(OPML, encoding="utf-8")
    code, out, err = run(capsys, "--db", str(db_path), "import", str(source))
    assert code == 1  # the file: outline is refused, the rest imported
    assert [line.split()[0] for line in out.splitlines()].count("added") == 2 and "refresh" in out
    assert "only http and https" in err and err.startswith("newsreader: ")
    assert server.requests == []  # nothing was fetched
    code, out, _ = run(capsys, "--db", str(db_path), "import", str(source))
    assert [line.split()[0] for line in out.splitlines()].count("unchanged") == 2

    code, out, _ = run(capsys, "--db", str(db_path), "feeds", "--json")
    feeds = json.loads(out)
    assert [f["url"] for f in feeds] == ["https://byavisa.example/feed.xml", "https://tech.example/rss"]
    assert set(feeds[0]) == {"id", "url", "title", "site_url", "full_text", "articles", "added_at",
                             "last_checked_at", "last_status", "last_error"}
    assert feeds[0]["last_status"] is None and feeds[0]["articles"] == 0

    exported = tmp_path / "out" / "subs.opml"
    code, out, _ = run(capsys, "--db", str(db_path), "export", "--format", "opml", "--out", str(exported))
    assert code == 0 and out.strip() == str(exported)
    found, _ = parse_opml(exported.read_bytes())
    assert [(s.url, s.title, s.site_url) for s in found] == [
        ("https://byavisa.example/feed.xml", "Byavisa", "https://byavisa.example/"),
        ("https://tech.example/rss", "Tech & Science", None),
    ]
    other = tmp_path / "other.db"
    run(capsys, "--db", str(other), "import", str(exported))
    code, out, _ = run(capsys, "--db", str(other), "feeds", "--json")
    assert [(f["url"], f["title"]) for f in json.loads(out)] == [(f["url"], f["title"]) for f in feeds]


def test_export_opml_to_stdout_and_to_a_folder(capsys, db_path, tmp_path):
    source = tmp_path / "feeds.opml"
    source.write_text(OPML, encoding="utf-8")
    run(capsys, "--db", str(db_path), "import", str(source))
    code, out, _ = run(capsys, "--db", str(db_path), "export", "--format", "opml", "--out", "-")
    assert code == 0 and out.startswith("<?xml") and "https://tech.example/rss" in out
    folder = tmp_path / "exports"
    folder.mkdir()
    code, out, _ = run(capsys, "--db", str(db_path), "export", "--format", "opml", "--out", str(folder))
    assert (folder / "newsreader-subscriptions.opml").exists()


def test_markdown_and_w3c_exports_still_work(capsys, db_path, tmp_path):
    run(capsys, "--db", str(db_path), "annotate", "1", "--quote", "har verden ikke stått overfor siden Cuba-krisen i 1962")
    code, out, _ = run(capsys, "--db", str(db_path), "export", "--out", str(tmp_path / "md"))
    assert code == 0 and out.strip().endswith(".md")
    code, out, _ = run(capsys, "--db", str(db_path), "export", "--format", "w3c", "--out", "-")
    assert code == 0 and json.loads(out)["total"] == 1
