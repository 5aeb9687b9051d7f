"""The benchmark code runs end to end at tiny N and reports every figure with its
floor and ratio. Nothing here asserts on a time: only that the figures exist."""

from __future__ import annotations

import subprocess
import sys

import pytest

from support import REPO

BENCHMARKS = REPO / "benchmarks"
SECTIONS = ["TUI start", "Memory", "Open article", "Search", "CLI search", "Import"]
SEARCH_CLASSES = ["rare", "common", "prefix", "phrase", "folded", "stemmed", "filter-only"]


@pytest.fixture
def bench_modules(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))


def test_tiny_run_reports_every_figure_with_floor_and_ratio(tmp_path):
    out = tmp_path / "RESULTS.md"
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--tiny", "--cache", str(tmp_path / "cache"),
         "--out", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results") and result.stdout.strip() in text
    rows = [line.split(" | ") for line in text.splitlines() if line.startswith("| ") and "---" not in line][1:]
    failed = [line for line in text.splitlines() if "not measured" in line]
    assert {row[0].strip("| ") for row in rows} == set(SECTIONS), failed
    for kind in SEARCH_CLASSES:
        assert any(f"p95, {kind} " in row[1] for row in rows), kind
    for row in rows:
        value, floor, ratio = row[2], row[3], row[4]
        assert value[0].isdigit() and floor[0].isdigit() and "(" in floor, row
        assert ratio.endswith("x") or ratio.endswith("MB"), row
    assert "CPUs" in text and "Textual" in text and "SQLite" in text
    # The hand-written notes section survives the next run.
    out.write_text(text + "a note by hand\n", encoding="utf-8")
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import run
    finally:
        sys.path.remove(str(BENCHMARKS))
    run.write_results(out, "# new\n")
    assert out.read_text(encoding="utf-8").endswith("a note by hand\n")


def test_corpus_is_deterministic_norwegian_and_shaped_as_asked(bench_modules):
    from corpus import MARKER, CorpusGenerator, search_queries

    from newsreader.ingest.plaintext import parse_plaintext
    from newsreader.text import detect_language

    first = list(CorpusGenerator(7).articles(60, long_articles=1, long_paragraphs=50))
    again = list(CorpusGenerator(7).articles(60, long_articles=1, long_paragraphs=50))
    assert first == again
    assert first != list(CorpusGenerator(8).articles(60))
    ordinary = first[:60]
    words = [len(a.text.split()) for a in ordinary]
    assert min(words) >= 180 and max(words) <= 1700
    assert any(MARKER in a.text for a in ordinary)
    assert 0 < sum(a.annotate for a in ordinary) < 15
    assert {detect_language(parse_plaintext(a.text).body) for a in ordinary[:10]} == {"no"}
    short, long = first[60], first[61]
    assert len(parse_plaintext(short.text).body.strip().split("\n")) >= 20
    assert len(parse_plaintext(long.text).body.strip().split("\n")) >= 50
    assert set(search_queries(7)) == set(SEARCH_CLASSES)


def test_figures_judge_ratios_differences_and_throughput(bench_modules):
    from measure import Figure, percentile

    assert percentile([5, 1, 4, 2, 3], 50) == 3 and percentile(list(range(1, 101)), 95) == 95
    time = Figure("s", "n", 3.0, 2.0, "s", "f", "≤ 1.5x", 1.5)
    assert time.ratio == 1.5 and time.met is True
    assert Figure("s", "n", 3.1, 2.0, "s", "f", "≤ 1.5x", 1.5).met is False
    assert Figure("s", "n", 10.0, 9.0, "ms", "f", "", 2.0, ceiling=5.0).met is False
    memory = Figure("m", "n", 90.0, 30.0, "MB", "f", "< +50 MB", 50.0, difference=True)
    assert memory.ratio == 60.0 and memory.met is False
    rate = Figure("i", "n", 100.0, 150.0, "articles/s", "f", "≤ 1.3x", 1.3, higher_is_better=True)
    assert rate.ratio == 1.5 and rate.met is False
    assert Figure("c", "n", 1.0, 1.0, "s", "f", "").met is None
