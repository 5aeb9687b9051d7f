"""Blocks are kept compact in memory (`model.Blocks`) and packed in the store;
rows written as JSON by earlier versions still read."""

from __future__ import annotations

import json
import tracemalloc

import pytest

from newsreader.model import Block, Blocks
from newsreader.store.articles import BLOCKS_MAGIC, pack_blocks, read_blocks
from newsreader.text import clean

SAMPLE = [Block("heading", 0, 5), Block("paragraph", 7, 20), Block("paragraph", 22, 70_000_000)]


def test_blocks_behave_like_the_tuple_of_blocks_they_hold():
    blocks = Blocks(SAMPLE)
    assert len(blocks) == 3 and list(blocks) == SAMPLE and blocks == tuple(SAMPLE)
    assert blocks[1] == SAMPLE[1] and blocks[-1] == SAMPLE[-1]
    assert blocks[1:] == SAMPLE[1:] and isinstance(blocks[1:], Blocks)
    assert list(blocks.starts) == [0, 7, 22] and list(blocks.ends) == [5, 20, 70_000_000]
    assert blocks.is_heading(0) and not blocks.is_heading(1)
    assert Blocks() == () and not Blocks()
    assert blocks != SAMPLE[:2] and hash(blocks) == hash(Blocks(SAMPLE))
    assert blocks[0].to_json() == {"kind": "heading", "start": 0, "end": 5}


def test_packed_blocks_round_trip_and_are_nine_bytes_a_block():
    packed = pack_blocks(SAMPLE)
    assert packed.startswith(BLOCKS_MAGIC)
    assert len(packed) == 8 + 9 * len(SAMPLE)
    assert read_blocks(packed) == SAMPLE


@pytest.mark.parametrize("separators", [(",", ":"), (", ", ": ")])
def test_json_blocks_of_older_rows_still_read(separators, monkeypatch):
    from newsreader.store import articles

    monkeypatch.setattr(articles, "_JSON_CHUNK", 16)  # many chunks even for a few blocks
    rows = [[b.kind, b.start, b.end] for b in SAMPLE * 20]
    assert read_blocks(json.dumps(rows, separators=separators)) == SAMPLE * 20


@pytest.mark.parametrize("damaged", [None, "", "[", "not json", b"NRb1\x05\x00\x00\x00", b"\x00\x01", 7])
def test_a_damaged_blocks_value_reads_as_no_blocks(damaged):
    assert read_blocks(damaged) == ()


def test_a_two_million_line_body_is_cleaned_into_compact_blocks():
    text = "Tittel\n\n" + "ord og ord\n" * 400_000
    tracemalloc.start()
    try:
        cleaned = clean(text, "no")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(cleaned.blocks) == 400_001
    assert isinstance(cleaned.blocks, Blocks)
    # A tuple of Blocks and a list of the lines cost ~150 bytes a line each; the
    # body itself is 4.4 MB. Compact blocks and lines one at a time stay near it.
    assert peak < 6 * len(text), f"peak {peak / 1e6:.0f} MB for {len(text) / 1e6:.1f} MB of text"
