"""The core must import without Textual: the TUI is a layer on top, never below."""

import subprocess
import sys

CORE = [
    "newsreader.library", "newsreader.store", "newsreader.text", "newsreader.search",
    "newsreader.anchoring", "newsreader.export", "newsreader.ingest", "newsreader.cli",
    "newsreader.ingest.fetch", "newsreader.library.subscriptions", "newsreader.library.sources", "newsreader.cli.feeds",
    "newsreader.ingest.feeds", "newsreader.ingest.html", "newsreader.ingest.opml", "newsreader.store.feeds",
]


def test_core_imports_without_textual():
    code = (
        "import sys\n"
        f"for name in {CORE!r}:\n"
        "    __import__(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
