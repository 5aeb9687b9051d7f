"""The article commands: import, show, search, annotate, note, reclean, fulltext,
export (`list` is in listing.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsreader.cli.feeds import export_opml, progress_bar
from newsreader.cli.output import fail, import_summary, print_json, report_imports, say
from newsreader.library import Library
from newsreader.locations import default_export_dir
from newsreader.text.terminal import one_line, strip_control


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
            outcomes = lib.import_paths(
                args.paths, args.encoding, progress=progress, force=getattr(args, "force", False)
            )
    except ImportInterrupted as stop:
        outcomes, interrupted = stop.outcomes, True
    status = report_imports(outcomes)
    if not getattr(args, "force", False) and any(
        o.failed and o.message.startswith("not an article") for o in outcomes
    ):
        fail("a page that looks like no article is imported anyway with `newsreader import --force PATH`")
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
    empty = 0
    if ids:
        articles = [lib.article(article_id) for article_id in ids]  # NotFound before anything is written
        for article in articles:
            if not lib.has_annotations(article.id):  # left out of the export: say so, not a failure
                empty += 1
                say(f"nothing to export: {one_line(article.title)} has no highlights or notes")
    if args.format == "w3c":
        return export_w3c(lib, args, ids, quiet=empty > 0)
    out = Path(args.out) if args.out is not None else default_export_dir()
    paths = lib.export_markdown_all(out) if args.all else lib.export_markdown(out, ids)
    skipped = getattr(paths, "skipped", [])
    if not paths and not skipped and not empty:
        print("nothing to export: no article has highlights or notes", file=sys.stderr)
    for path in paths:
        print(strip_control(str(path)))
    for problem in skipped:  # a file of the user's where an export would go
        fail(str(problem))
    return 1 if skipped else 0


def export_w3c(lib: Library, args: argparse.Namespace, ids: list[int] | None, quiet: bool = False) -> int:
    """`quiet`: the articles left out were named already."""
    if args.out == "-":
        print_json(lib.w3c_collection(ids))
        return 0
    out = Path(args.out) if args.out is not None else default_export_dir()
    path, _ = lib.export_w3c(out, ids)
    if path is None:
        if not quiet:
            print("nothing to export: no article has highlights or notes", file=sys.stderr)
    else:
        print(strip_control(str(path)))
    return 0


def cmd_fulltext(lib: Library, args: argparse.Namespace) -> int:
    """Fetch each article's full text from its page: one line per id (failures on
    stderr); 1 if any failed."""
    status = 0
    for article_id in args.ids:
        outcome = lib.fetch_full_text(article_id)
        if outcome.failed:
            fail(f"{outcome.source}: {outcome.message}")
            status = 1
        else:
            print(f"{outcome.status:9} {one_line(outcome.source)}: {one_line(outcome.message)}")
    return status
