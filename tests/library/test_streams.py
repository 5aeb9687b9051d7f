"""Standard input, pipes and special files: read once and bounded, or refused at once."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from newsreader.ingest.plaintext import IngestError, read_limited, read_stream
from newsreader.library import Library

BODY = "Dette er en lang setning om noe viktig som skjedde i går. " * 300  # ~18 KB


def _run(args, **kw):
    return subprocess.run([sys.executable, "-m", "newsreader", *args], capture_output=True,
                          text=True, timeout=60, **kw)


@pytest.mark.parametrize("name", ["-", "/dev/stdin"])
def test_a_pipe_loses_nothing(tmp_path, name):
    """Before: type sniffing read the first 4 KB of /dev/stdin and dropped them."""
    db = tmp_path / "s.db"
    text = "Tittel fra et rør\n" + BODY
    result = _run(["--db", str(db), "import", name], input=text)
    assert result.returncode == 0, result.stderr
    assert "added     standard input -> article 2" in result.stdout
    shown = _run(["--db", str(db), "show", "2"]).stdout
    assert shown.startswith("Tittel fra et rør\n\n")
    assert shown.split("\n", 2)[2].strip() == BODY.strip()
    again = _run(["--db", str(db), "import", "-"], input=text)
    assert "unchanged standard input -> article 2" in again.stdout


def test_a_pipe_of_html_or_annotations_is_told_by_its_bytes(tmp_path):
    lib = Library.open(tmp_path / "s.db")
    page = ("<html><head><title>Et rør av HTML</title></head><body><article>"
            + "".join(f"<p>{BODY[:400]} avsnitt {i}.</p>" for i in range(6)) + "</article></body></html>")
    from newsreader.library import sources

    outcomes = sources.import_inputs(lib.store.db, ["-"], limits=lib.fetch_limits,
                                     stdin=io.BytesIO(page.encode()))
    assert [o.status for o in outcomes] == ["added"]
    assert lib.article(outcomes[0].article_id).title.startswith("Et rør av HTML")
    lib.close()


def test_standard_input_twice_is_one_read_and_one_clear_failure(tmp_path):
    lib = Library.open(tmp_path / "s.db")
    from newsreader.library import sources

    outcomes = sources.import_inputs(lib.store.db, ["-", "/dev/stdin"], limits=lib.fetch_limits,
                                     stdin=io.BytesIO(("Tittel\n" + BODY).encode()))
    assert [o.status for o in outcomes][0] == "added"
    assert outcomes[1].failed and "more than once" in outcomes[1].message
    lib.close()


def test_standard_input_is_bounded():
    with pytest.raises(IngestError, match="too large"):
        read_stream(io.BytesIO(b"x" * 1001), max_bytes=1000)
    assert read_stream(io.BytesIO(b"x" * 1000), max_bytes=1000) == b"x" * 1000


def test_a_device_is_refused_not_read_without_bound():
    """Before: /dev/zero has size 0 and was read until memory ran out."""
    with pytest.raises(IngestError, match="device, pipe or socket"):
        read_limited(__import__("pathlib").Path("/dev/zero"))


def test_a_fifo_is_refused_at_once(tmp_path):
    """Before: opening a FIFO to sniff its type blocked forever."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text("En god tittel\n" + BODY, encoding="utf-8")
    result = _run(["--db", str(tmp_path / "s.db"), "import", str(fifo), str(good)])
    assert result.returncode == 1
    assert f"newsreader: {fifo}: a device, pipe or socket" in result.stderr
    assert "added     " + str(good) in result.stdout


def test_a_file_that_grows_past_the_limit_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2000)
    with pytest.raises(IngestError, match="too large"):
        read_limited(path, max_bytes=1000)
