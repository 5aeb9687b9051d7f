"""Bidi controls in an article body never reach the terminal, and never shift columns.

U+202E (right-to-left override) would print the rest of the row backwards,
and every bidi control is zero cells wide, so passing one through would also
put each later character one column left of where the cursor maths expects.
"""

from __future__ import annotations

import asyncio

from rich.cells import cell_len

from newsreader.tui.widgets.reader import ReaderView
from newsreader.tui.widgets.reader_layout import Layout, blocks_from_body, display_text

from support.reader import ReaderApp, make_article

BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


def has_bidi(text: str) -> bool:
    return any(ch in text for ch in BIDI)


def test_every_bidi_control_shows_as_one_visible_cell():
    for ch in BIDI:
        shown = display_text(f"x{ch}y")
        assert not has_bidi(shown)
        assert len(shown) == 3 and cell_len(shown) == 3 and shown[0] + shown[2] == "xy"


def test_columns_stay_in_step_with_offsets():
    body = "\u202eabc \u2067def\u2069 ghi"
    layout = Layout(body, blocks_from_body(body), 40)
    for offset, ch in enumerate(body):
        if not ch.isspace():
            assert layout.col_of(offset) == offset
            assert layout.offset_at(0, offset) == offset


def test_rendered_rows_hold_no_bidi_control_and_keep_their_columns():
    body = "\u202eabc"
    app = ReaderApp(make_article(body))

    async def main() -> None:
        async with app.run_test(size=(40, 6)) as pilot:
            await pilot.pause()
            reader = app.query_one(ReaderView)
            strips = [reader.render_line(y) for y in range(reader.size.height)]
            assert not any(has_bidi(strip.text) for strip in strips)
            width = reader.scrollable_content_region.width
            assert all(strip.cell_length == width for strip in strips)
            row = strips[0].text
            indent = reader._layout.indent
            # One cell for the control, then "abc" exactly where the offsets say.
            assert row[indent : indent + 4] == "\ufffdabc"
            assert cell_len(row[: indent + 4]) == indent + 4

    asyncio.run(main())
