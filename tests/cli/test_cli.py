"""The command line, as a script would use it."""

import json
import subprocess
import sys

import pytest

from newsreader.library import Library

from support import CUBA as SENTENCE
from support import MARKER, SEED
from support.cli import run


def test_list_on_fresh_db_shows_the_seed_in_norwegian(capsys, db_path):
    code, out, _ = run(capsys, "--db", str(db_path), "list", "--json")
    assert code == 0
    [row] = json.loads(out)
    assert row["id"] == 1 and row["language"] == "no" and row["read"] is False
    assert set(row) == {"id", "title", "source", "language", "published", "imported_at",
                        "read", "starred", "highlights"}
    code, out, _ = run(capsys, "--db", str(db_path), "list")
    assert "Reuters: Putins regime" in out and " no " in out


def test_show_has_no_markers_and_whole_paragraphs(capsys, db_path):
    code, out, _ = run(capsys, "--db", str(db_path), "show", "1")
    assert code == 0 and MARKER not in out
    lines = out.splitlines()
    for start in ("«Den røde linjen» ble i sin tid opprettet", "En så dramatisk situasjon",
                  "Han tror hendelsen i Polen", "Nato la skylden på Russland"):
        assert any(line.startswith(start) for line in lines), start
    assert "Nato la skylden på Russland" in lines


def test_show_json_fields(capsys, db_path):
    code, out, _ = run(capsys, "--db", str(db_path), "show", "1", "--json")
    data = json.loads(out)
    assert code == 0 and data["language"] == "no" and MARKER not in data["body"]
    assert {b["kind"] for b in data["blocks"]} == {"paragraph", "heading"}


def test_importing_the_seed_again_adds_nothing(capsys, db_path):
    run(capsys, "--db", str(db_path), "list")
    code, out, _ = run(capsys, "--db", str(db_path), "import", str(SEED))
    assert code == 0 and "duplicate" in out
    _, out, _ = run(capsys, "--db", str(db_path), "list", "--json")
    assert len(json.loads(out)) == 1


def test_bad_batch_reports_each_file_and_imports_the_good_ones(capsys, db_path, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("En god tittel\nDette er en helt vanlig artikkel om været i Bergen i dag.\n")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "pic.png"
    binary.write_bytes(b"\x89PNG\x00\x00" * 50)
    invalid = tmp_path / "bad.txt"
    invalid.write_bytes(b"Tittel\nhei \xff\xfe\xfd og \x81\x8d\x8f\x90\x9d" * 3)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    missing = tmp_path / "missing.txt"
    args = [str(p) for p in (missing, tmp_path, empty, binary, invalid, huge, good)]
    code, out, err = run(capsys, "--db", str(db_path), "import", "--encoding", "utf-8", *args)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 6, err
    for path, reason in [(missing, "no such file"), (tmp_path, "directory"), (empty, "empty"),
                         (binary, "binary"), (invalid, "not valid utf-8"), (huge, "too large")]:
        assert any(str(path) + ":" in line and reason in line for line in lines), (path, err)
    assert "Traceback" not in err
    assert "added" in out and "good.txt" in out
    _, out, _ = run(capsys, "--db", str(db_path), "list", "--json")
    assert "En god tittel" in [r["title"] for r in json.loads(out)]


def test_all_good_batch_exits_zero(capsys, db_path, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Tittel\nEn helt vanlig tekst om været i Bergen i dag og i morgen.\n")
    code, _, err = run(capsys, "--db", str(db_path), "import", str(good))
    assert code == 0 and err == ""


def test_unknown_article_is_one_line_error(capsys, db_path):
    code, out, err = run(capsys, "--db", str(db_path), "show", "42")
    assert code == 1 and err.strip() == "newsreader: no article with id 42"


def test_search_cli_json_and_hostile_queries(capsys, db_path):
    code, out, _ = run(capsys, "--db", str(db_path), "search", "hotline", "--json")
    hits = json.loads(out)
    assert code == 0 and hits[0]["id"] == 1 and hits[0]["kind"] == "article"
    assert set(hits[0]) == {"id", "kind", "title", "snippet", "score", "highlight_id"}
    for query in ['c++', '"abc', 'NOT', '((', '*']:
        code, out, err = run(capsys, "--db", str(db_path), "search", query, "--json")
        assert code == 0 and isinstance(json.loads(out), list) and "Traceback" not in err


def test_export_writes_markdown_with_the_highlight_and_note(capsys, db_path, tmp_path):
    lib = Library.open(db_path)
    lib.ensure_seeded()
    body = lib.article(1).body
    start = body.index(SENTENCE)
    lib.add_highlight(1, start, start + len(SENTENCE), note="Et notat")
    lib.close()
    out_dir = tmp_path / "out"
    code, out, _ = run(capsys, "--db", str(db_path), "export", "--out", str(out_dir))
    assert code == 0
    [path] = list(out_dir.iterdir())
    text = path.read_text(encoding="utf-8")
    assert f"> {SENTENCE}" in text and "Et notat" in text
    assert out.strip() == str(path)


def test_export_with_nothing_annotated_says_so(capsys, db_path, tmp_path):
    code, out, err = run(capsys, "--db", str(db_path), "export", "--out", str(tmp_path / "o"))
    assert code == 0 and "nothing to export" in err


def test_hostile_text_is_stripped_on_a_terminal(capsys, db_path, tmp_path):
    evil = tmp_path / "evil.txt"
    evil.write_text("Tittel \x1b]52;c;SGVsbG8=\x07 [bold]x[/]\nTekst \x1b[2J med \x9b31m farge og mer tekst her.\n")
    run(capsys, "--db", str(db_path), "import", str(evil))
    _, out, _ = run(capsys, "--db", str(db_path), "list")
    _, shown, _ = run(capsys, "--db", str(db_path), "show", "2")
    for text in (out, shown):
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "[bold]x[/]" in out
    _, js, _ = run(capsys, "--db", str(db_path), "show", "2", "--json")
    assert "\x1b" not in js and "\x9b" not in js


def test_newer_schema_is_a_clear_error(capsys, db_path):
    import sqlite3

    run(capsys, "--db", str(db_path), "list")
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('newsreader', '999_future', 'x')")
    conn.commit()
    conn.close()
    code, _, err = run(capsys, "--db", str(db_path), "list")
    assert code == 1 and "newer newsreader" in err and "Traceback" not in err


def test_env_var_selects_the_store(capsys, tmp_path, monkeypatch):
    target = tmp_path / "from-env.db"
    monkeypatch.setenv("NEWSREADER_DB", str(target))
    run(capsys, "list")
    assert target.exists()


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_module_entry_point(args):
    result = subprocess.run([sys.executable, "-m", "newsreader", *args],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "newsreader" in result.stdout


def test_a_large_batch_of_text_files_goes_through_the_bulk_path(capsys, db_path, tmp_path, monkeypatch):
    import newsreader.library.bulk as bulk

    calls = []
    real = bulk.import_files
    monkeypatch.setattr(bulk, "import_files", lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.setattr(bulk, "MIN_PARALLEL", 5)
    paths = []
    for i in range(6):
        path = tmp_path / f"a{i}.txt"
        path.write_text(f"Tittel {i}\nDette er artikkel nummer {i} om været i Bergen og Oslo i dag.\n")
        paths.append(str(path))
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    code, out, err = run(capsys, "--db", str(db_path), "import", *paths[:3], str(bad), *paths[3:])
    assert calls == [1]
    assert code == 1 and str(bad) in err and "empty" in err
    assert [line.split()[0] for line in out.splitlines()].count("added") == 6
    _, out, _ = run(capsys, "--db", str(db_path), "list", "--json")
    assert {f"Tittel {i}" for i in range(6)} <= {row["title"] for row in json.loads(out)}
    code, out, _ = run(capsys, "--db", str(db_path), "import", *paths)
    assert code == 0 and "added" not in out
