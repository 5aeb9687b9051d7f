"""Drive the real app headless on the bundled seed article and save screenshots.

    python screenshots/make_screenshots.py [--out DIR] [--no-png]

Writes SVG screenshots (Textual's own export) and, when cairosvg is
installed, PNG copies, into this folder:

    main.svg/png            the seed article open, three panes
    highlight-note.svg/png  a highlighted passage with its note in the annotations pane
    note-editor.svg/png     the note editor open on a highlight
    search.svg/png          search-as-you-type results, the article opened at the match

The app runs on a temporary store (never yours) with fixed dates, so the
pictures only change when the app does.

PNG needs cairosvg (a development tool only, not a dependency of newsreader)
and the Fira Code font the SVGs name:

    pip install cairosvg
    sudo apt-get install fonts-firacode      # Debian/Ubuntu
"""

from __future__ import annotations

import argparse
import os
import asyncio
import re
import sys
import tempfile
from pathlib import Path

from newsreader.library import Library
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.config import Settings

HERE = Path(__file__).resolve().parent
SIZE = (120, 40)
NARROW = (60, 30)
FIXED_DATE = "2022-12-03T08:00:00+00:00"
SENTENCE = "En så dramatisk situasjon har verden ikke stått overfor siden Cuba-krisen i 1962."
SECOND = "Dersom det hadde vist seg at raketten med hensikt var blitt avfyrt mot Polen"
NOTE = "Sammenligningen med Cuba-krisen er talende:\nførste gang siden 1962 at linjen brukes?"

# Glyphs the app draws that Fira Code lacks: cairosvg does no per-glyph font
# fallback, so they are drawn from DejaVu Sans Mono in the PNG (not the SVG).
FALLBACK_FONT = "DejaVu Sans Mono"
FALLBACK_CHARS = "✎★"


# A small local feed beside the seed, so the list and the feeds view show
# what a morning looks like (titles of real length, several feeds).
FEEDS = {
    "Byavisa": [
        ("Bystyret vedtok nytt budsjett etter lang natt med forhandlinger", "2022-12-02"),
        ("Rødt lys i hele sentrum: trafikken sto stille i to timer", "2022-12-01"),
        ("Slik blir været i helgen: kaldt, klart og vindstille", "2022-11-30"),
    ],
    "Verden i dag — utenriks, med et svært langt feednavn som ikke får plass": [
        ("FN-møtet om klimaet endte uten enighet om finansiering", "2022-12-02"),
        ("Valget i Brasil: slik ble resultatet i delstatene", "2022-11-29"),
    ],
}


def _feed_xml(title: str, items: list[tuple[str, str]]) -> bytes:
    from email.utils import format_datetime
    from datetime import datetime, timezone
    from xml.sax.saxutils import escape

    entries = []
    for n, (headline, day) in enumerate(items):
        when = format_datetime(datetime.fromisoformat(day).replace(hour=7, tzinfo=timezone.utc))
        text = f"<p>{escape(headline)}. Saken oppdateres fortløpende.</p>"
        entries.append(
            f"<item><title>{escape(headline)}</title><guid>urn:shots:{abs(hash(title)) % 997}:{n}</guid>"
            f"<link>https://byavisa.example/sak/{n}</link><pubDate>{when}</pubDate>"
            f"<description>{escape(text)}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://byavisa.example/</link>{''.join(entries)}"
        "</channel></rss>"
    ).encode()


def fixed_store(folder: Path) -> Library:
    """A seeded temporary store whose dates never change, with two small feeds."""
    library = Library.open(folder / "screenshots.db")
    library.ensure_seeded()
    for n, (title, items) in enumerate(FEEDS.items()):
        path = folder / f"feed{n}.xml"
        path.write_bytes(_feed_xml(title, items))
        library.subscribe(str(path))
    library.store.db.execute(
        "UPDATE articles SET imported_at = ?, updated_at = ?", [FIXED_DATE, FIXED_DATE]
    )
    # The seed has no publication date: it sorts by its (fixed) import time, first.
    seed = next(i for i in library.article_ids() if library.article(i).url is None)
    library.store.db.execute("UPDATE articles SET sort_key = ? WHERE id = ?", [FIXED_DATE, seed])
    for article_id in library.article_ids():
        if article_id != seed and article_id % 2:
            library.mark_read(article_id)
    library.store.db.execute("UPDATE articles SET read_at = ? WHERE read_at IS NOT NULL", [FIXED_DATE])
    return library


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def freeze(app: NewsReaderApp) -> None:
    """Blinking cursors would make every run differ."""
    for widget in app.screen.query("Input, TextArea"):
        widget.cursor_blink = False


async def cursor_to(pilot, text: str) -> None:
    """Move the reader's cursor to `text` with sentence motions, as a user would."""
    app = pilot.app
    reader = app.query_one("#reader")
    target = app.current.body.index(text)
    if reader.cursor > target:
        await pilot.press("g")
    for _ in range(200):
        if reader.cursor >= target:
            return
        await pilot.press("right_parenthesis")


async def shoot(app: NewsReaderApp, out: Path, name: str) -> Path:
    freeze(app)
    await asyncio.sleep(0)
    path = out / f"{name}.svg"
    app.save_screenshot(path.name, str(out))
    print(f"wrote {path}")
    return path


async def make_svgs(out: Path) -> list[Path]:
    with tempfile.TemporaryDirectory(prefix="newsreader-shots-") as tmp:
        # Never the user's own remembered theme and list width (state.json).
        os.environ["NEWSREADER_STATE_DIR"] = str(Path(tmp) / "state")
        library = fixed_store(Path(tmp))
        app = NewsReaderApp(library, Settings(export_dir=Path(tmp) / "export"))
        shots = []
        try:
            async with app.run_test(size=SIZE) as pilot:
                await settle(pilot)
                shots.append(await shoot(app, out, "list"))
                await pilot.press("2")
                await settle(pilot)
                shots.append(await shoot(app, out, "feeds"))
                await pilot.press("1", "g", "enter")  # the seed: the newest
                await settle(pilot)
                shots.append(await shoot(app, out, "main"))

                await cursor_to(pilot, SECOND)
                await pilot.press("h")
                await cursor_to(pilot, SENTENCE)
                first, second = NOTE.split("\n")
                await pilot.press("n", *first, "enter", *second, "ctrl+s")
                await settle(pilot)
                await pilot.press("w", "z")  # cursor inside the highlight; its line centred
                shots.append(await shoot(app, out, "highlight-note"))

                await pilot.press("n", "end", "enter", *"Sjekk Reuters-saken.")
                await settle(pilot)
                shots.append(await shoot(app, out, "note-editor"))
                await pilot.press("escape", "y")
                await settle(pilot)

                await pilot.press("slash", *"dramatisk")
                await settle(pilot)
                await pilot.press("enter")
                await settle(pilot)
                shots.append(await shoot(app, out, "search"))
            app = NewsReaderApp(library, Settings(export_dir=Path(tmp) / "export"))
            async with app.run_test(size=NARROW) as pilot:
                await settle(pilot)
                shots.append(await shoot(app, out, "narrow-list"))
                await pilot.press("g", "enter")
                await settle(pilot)
                shots.append(await shoot(app, out, "narrow-reader"))
        finally:
            library.close()
        return shots


# Textual's SVG cell width as a fraction of the font size; Fira Code advances 0.6.
CELL_EM = 0.61
FONT_EM = 0.6
LINE_HEIGHT = 24.4  # of the rows in Textual's SVG (a clip rect per row gives its top)

# Block elements as (left, top, width, height) fractions of a cell. Borders and
# scrollbars are made of them; drawn as glyphs they leave hairline seams, so
# the PNG draws them as rectangles.
BLOCKS = {
    "█": (0, 0, 1, 1), "▀": (0, 0, 1, 0.5), "▐": (0.5, 0, 0.5, 1),
    "▔": (0, 0, 1, 1 / 8), "▕": (7 / 8, 0, 1 / 8, 1),
    **{chr(0x2580 + n): (0, 1 - n / 8, 1, n / 8) for n in range(1, 8)},  # ▁ ... ▇
    **{chr(0x2590 - n): (0, 0, n / 8, 1) for n in range(1, 8)},  # ▏ ... ▉
}
_TEXT_RUN = re.compile(
    r'<text class="([^"]+)" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#([^)]+)\)">([^<]+)</text>'
)
_CLIP_TOP = re.compile(r'<clipPath id="([^"]+)">\s*<rect x="[\d.]+" y="([\d.]+)"')


def _blocks_as_rects(svg: str, cell: float) -> str:
    tops = {clip: float(y) for clip, y in _CLIP_TOP.findall(svg)}

    def replace(match: re.Match) -> str:
        css_class, x, clip, run = match.groups()
        if clip not in tops or not all(ch in BLOCKS for ch in run):
            return match.group(0)
        rects = []
        for i, ch in enumerate(run):
            left, top, width, height = BLOCKS[ch]
            rects.append(
                f'<rect class="{css_class}" x="{float(x) + (i + left) * cell:.2f}" '
                f'y="{tops[clip] + top * LINE_HEIGHT:.2f}" width="{width * cell:.2f}" '
                f'height="{height * LINE_HEIGHT + (0.25 if top + height == 1 else 0):.2f}" '
                'shape-rendering="crispEdges"/>'
            )
        return "".join(rects)

    return _TEXT_RUN.sub(replace, svg)


def for_cairo(svg: str) -> str:
    """The SVG adjusted for cairosvg, which ignores `textLength` and has no font fallback.

    - Textual puts cells 0.61 em apart, Fira Code advances 0.6 em: text would run
      short of its background. Letter spacing makes up the difference (a bigger
      font would not: cairo rounds advances to whole pixels).
    - Block elements (borders, scrollbars) become rectangles (see BLOCKS).
    - Glyphs Fira Code lacks are drawn from a font that has them.
    """
    size = re.search(r"-matrix \{[^}]*font-size: (\d+(?:\.\d+)?)px;", svg)
    if size:
        font_size = float(size.group(1))
        spacing = font_size * (CELL_EM - FONT_EM)
        svg = svg.replace(size.group(0), f"{size.group(0)} letter-spacing: {spacing:.3f}px;", 1)
        svg = _blocks_as_rects(svg, font_size * CELL_EM)
    pattern = f"[{re.escape(FALLBACK_CHARS)}]"
    return re.sub(pattern, lambda m: f'<tspan font-family="{FALLBACK_FONT}">{m.group()}</tspan>', svg)


def to_png(svg_path: Path) -> Path | None:
    try:
        import cairosvg
    except ImportError:
        print("cairosvg is not installed: skipping PNGs (pip install cairosvg)", file=sys.stderr)
        return None
    png_path = svg_path.with_suffix(".png")
    svg = for_cairo(svg_path.read_text(encoding="utf-8"))
    cairosvg.svg2png(bytestring=svg.encode("utf-8"), write_to=str(png_path))
    print(f"wrote {png_path}")
    return png_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the files (default: this folder)")
    parser.add_argument("--no-png", action="store_true", help="write the SVGs only")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    svgs = asyncio.run(make_svgs(args.out))
    if not args.no_png:
        for svg in svgs:
            to_png(svg)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
