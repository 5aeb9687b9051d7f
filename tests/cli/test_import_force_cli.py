"""`newsreader import` refuses a page that is no article (an index page) with one
line naming the file and the reason, says `--force` takes it, and imports it with
`--force`; the rest of the batch goes on either way."""

from __future__ import annotations

import sys
from pathlib import Path

from support.cli import run

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ingest"))
from test_extraction_classes import index_page  # noqa: E402


def test_an_index_page_is_refused_then_imported_with_force(capsys, db_path, tmp_path):
    index = tmp_path / "forside.html"
    index.write_text(index_page(), encoding="utf-8")
    other = tmp_path / "sak.txt"
    other.write_text("En sak\n\nDette er en helt vanlig sak med nok ord til å være en artikkel.\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", str(db_path), "import", str(index), str(other))
    assert code == 1
    assert "forside.html" in err and "not an article" in err and "--force" in err
    assert "Traceback" not in err and "added" in out  # the other file went in
    code, out, err = run(capsys, "--db", str(db_path), "import", "--force", str(index))
    assert code == 0, err
    assert out.startswith("added")
