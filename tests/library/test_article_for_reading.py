"""Loading an article for the reader: everything but its raw text; cheap updates."""

import dataclasses

import pytest

from newsreader.library import NotFound


def test_article_for_reading_is_the_article_without_raw(seeded):
    seeded.mark_read(1)
    seeded.set_read_position(1, 42)
    full, reading = seeded.article(1), seeded.article_for_reading(1)
    assert full.raw and reading.raw == ""
    assert dataclasses.replace(full, raw="") == reading
    assert reading.blocks and reading.read_position == 42 and reading.read_at == full.read_at
    with pytest.raises(NotFound):
        seeded.article_for_reading(999)


def test_read_position_round_trip(seeded):
    seeded.set_read_position(1, 7)
    seeded.set_read_position(1, 7)  # unchanged: nothing to write
    assert seeded.article(1).read_position == 7
    seeded.set_read_position(1, 0)
    assert seeded.article(1).read_position == 0
