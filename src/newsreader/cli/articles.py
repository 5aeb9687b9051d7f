"""The article commands: import, list, show, search, annotate, note, reclean, export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsreader.cli.feeds import export_opml, progress_bar
from newsreader.cli.output import fail, import_summary, print_json, report_imports, say
from newsreader.library import Library
from newsreader.locations import default_export_dir
from newsreader.text.terminal import one_line, strip_control
from newsreader.text.wording import excerpt


def _first_line(text: str | None) -> str:
    lines = strip_control(text or "").strip().splitlines()
    return one_line(lines[0]) if lines else ""


def cmd_orphans(lib: Library, args: argparse.Namespace) -> int:
    orphans = lib.orphans()
    if args.json:
        print_json(orphans, view="orphan")
        return 0
    if not orphans:
        say("no highlights need placing")
    for h in orphans:
        note = _first_line(h.note)
        print(f"{h.id:>5} {h.article_id:>5}  «{excerpt(h.exact)}»" + (f"  {note}" if note else ""))
    return 0


def cmd_list(lib: Library, args: argparse.Namespace) -> int:
    if args.orphans:
        return cmd_orphans(lib, args)
    rows = lib.summaries()
    if args.json:
        print_json(rows)
        return 0
    print(LIST_HEADER)
    for s in rows:
        state = ("read" if s.read_at else "new") + ("*" if s.starred else "")
        # A date only when the article says when it was published: the import
        # time is not a publication date.
        date = (s.published or "")[:10]
        print(f"{s.id:>5}  {state:<5}  {date:<10}  {s.language:<7}  {s.highlight_count:>3}  {one_line(s.title)}")
    return 0


# `list`: one header line, then a row per article. READ is "new" or "read",
# with "*" for a starred one: readable without colour, and by grep.
LIST_HEADER = f"{'ID':>5}  {'READ':<5}  {'PUBLISHED':<10}  {'LANG':<7}  {'HL':>3}  TITLE"


def cmd_show(lib: Library, args: argparse.Namespace) -> int:
    article = lib.article(args.id)
    if args.json:
        note = lib.article_note(article.id)
        shown = article.to_json()
        shown["highlights"] = [h.to_json() for h in lib.highlights(article.id)]
        shown["note"] = note.text if note else None
        print_json(shown)
        return 0
    print(one_line(article.title))
    print()
    print(strip_control(article.body))
    return 0


def cmd_search(lib: Library, args: argparse.Namespace) -> int:
    hits = lib.search(args.query, limit=max(1, args.limit))
    if args.json:
        print_json(hits)
        return 0
    if not hits:
        print("no results", file=sys.stderr)
    for h in hits:
        print(f"{h.article_id:>5} {h.kind:7} {one_line(h.title)}")
        print(f"      {one_line(h.snippet)}")
    # On stderr, so the listing stays one hit per two lines.
    from newsreader.library import count_text

    if getattr(hits, "capped", False):
        print(f"{count_text(hits)}: older matches were not ranked; more words or a filter "
              "(lang:, is:unread, title:) narrow the search", file=sys.stderr)
    elif getattr(hits, "more", False):
        print(f"{count_text(hits)}: --limit shows more", file=sys.stderr)
    return 0


def cmd_annotate(lib: Library, args: argparse.Namespace) -> int:
    if not isinstance(args.quote, str) or not args.quote.strip():
        # argparse hands `--quote=--` over as a list
        fail(f"article {args.id}: --quote needs the text to highlight")
        return 2
    try:
        h = lib.annotate_by_quote(args.id, args.quote, note=args.note, tags=args.tag)
    except ValueError as exc:  # QuoteNotFound, QuoteAmbiguous, a tag or note too long
        fail(f"article {args.id}: {exc}")
        return 1
    print(h.id)
    return 0


def cmd_note(lib: Library, args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    try:
        note = lib.set_article_note(args.id, text)
    except ValueError as exc:
        fail(f"article {args.id}: {exc}")
        return 1
    print(f"note {'saved on' if note else 'removed from'} article {args.id}")
    return 0


def cmd_reclean(lib: Library, args: argparse.Namespace) -> int:
    outcomes = lib.reclean(everything=args.all)
    if not outcomes:
        print("nothing to re-clean: every article is up to date", file=sys.stderr)
    return report_imports(outcomes)


def report_reclean(outcomes) -> int:
    """After an upgrade of the cleaner (Library.prepare re-cleaned quietly): say so on stderr."""
    for o in outcomes:
        if o.failed:
            fail(f"{o.source}: {o.message}")
    updated = [o for o in outcomes if o.status == "updated"]
    orphaned = sum(o.orphaned for o in outcomes)
    if updated:
        detail = f"; {orphaned} highlight(s) could not be placed (newsreader list --orphans)" if orphaned else ""
        say(f"newsreader: re-cleaned {len(updated)} article(s) with the current cleaner{detail}")
    return 1 if any(o.failed for o in outcomes) else 0


def cmd_import(lib: Library, args: argparse.Namespace) -> int:
    # Imported here: the bulk path (multiprocessing) is not for every command.
    from newsreader.library import ImportInterrupted

    interrupted = False
    try:
        with progress_bar("importing") as progress:
            outcomes = lib.import_paths(args.paths, args.encoding, progress=progress)
    except ImportInterrupted as stop:
        outcomes, interrupted = stop.outcomes, True
    status = report_imports(outcomes)
    if len(outcomes) > 1:
        print(import_summary(outcomes))  # last: every line before it is one input
    if interrupted:
        committed = sum(o.status in ("added", "updated") for o in outcomes)
        fail(f"interrupted: {committed} article(s) were committed before Ctrl-C; the rest was left out")
        return 130
    return status


def cmd_export(lib: Library, args: argparse.Namespace) -> int:
    if args.format == "opml":
        return export_opml(lib, args.out)
    ids = args.article
    if ids:
        for article_id in ids:
            lib.article(article_id)  # NotFound before anything is written
    if args.format == "w3c":
        return export_w3c(lib, args, ids)
    out = Path(args.out) if args.out is not None else default_export_dir()
    paths = lib.export_markdown_all(out) if args.all else lib.export_markdown(out, ids)
    skipped = getattr(paths, "skipped", [])
    if not paths and not skipped:
        print("nothing to export: no article has highlights or notes", file=sys.stderr)
    for path in paths:
        print(strip_control(str(path)))
    for problem in skipped:  # a file of the user's where an export would go
        fail(str(problem))
    return 1 if skipped else 0


def export_w3c(lib: Library, args: argparse.Namespace, ids: list[int] | None) -> int:
    if args.out == "-":
        print_json(lib.w3c_collection(ids))
        return 0
    out = Path(args.out) if args.out is not None else default_export_dir()
    path, _ = lib.export_w3c(out, ids)
    if path is None:
        print("nothing to export: no article has highlights or notes", file=sys.stderr)
    else:
        print(strip_control(str(path)))
    return 0
