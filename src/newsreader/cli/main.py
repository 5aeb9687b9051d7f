"""The command line: a thin layer over `Library`. No business logic lives here.

Exit codes: 0 success, 1 something failed (each failure printed as one line on
stderr), 2 a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from newsreader import __version__
from newsreader.anchoring import QuoteError
from newsreader.cli.feeds import (
    add_feed_commands,
    add_timeout_option,
    apply_timeout,
    cmd_feeds,
    cmd_refresh,
    cmd_subscribe,
    cmd_unsubscribe,
    export_opml,
    progress_bar,
)
from newsreader.library import ImportOutcome, Library, NotFound
from newsreader.locations import default_export_dir
from newsreader.store import StoreError
from newsreader.text.terminal import one_line, safe_json, strip_control


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsreader",
        description="A keyboard-driven terminal news reader with offline highlights and notes.",
    )
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", help="the SQLite store (default: $NEWSREADER_DB or the user data dir)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser(
        "import",
        help="import articles (text or HTML files, http(s) URLs, feed files), OPML "
        "subscription lists and W3C annotation files (idempotent)",
    )
    p.add_argument("paths", nargs="+", metavar="PATH|URL")
    p.add_argument("--encoding", help="decode non-UTF-8 files with this encoding (e.g. cp1252)")
    add_timeout_option(p)

    p = commands.add_parser("list", help="one line per article, newest first")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--orphans", action="store_true", help="list the highlights that could not be placed"
    )

    p = commands.add_parser("show", help="the cleaned text of an article")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = commands.add_parser("search", help="ranked hits in articles and notes")
    p.add_argument("query")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--limit", type=int, default=20, metavar="N")

    p = commands.add_parser("annotate", help="highlight a passage, found by its text")
    p.add_argument("id", type=int)
    p.add_argument("--quote", required=True, help="the exact text to highlight")
    p.add_argument("--note", help="a note on the highlight (Markdown)")
    p.add_argument("--tag", action="append", default=[], metavar="TAG", help="repeatable")

    p = commands.add_parser("note", help="set the article note (blank removes it)")
    p.add_argument("id", type=int)
    p.add_argument("text", help="the note (Markdown); - reads it from stdin")

    p = commands.add_parser("reclean", help="re-derive article text with the current cleaner")
    p.add_argument("--all", action="store_true", help="every article, not only outdated ones")

    add_feed_commands(commands)

    p = commands.add_parser(
        "export", help="write highlights and notes as Markdown or W3C JSON-LD, or subscriptions as OPML"
    )
    p.add_argument("--format", choices=["markdown", "w3c", "opml"], default="markdown")
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--article", type=int, action="append", metavar="ID", help="repeatable")
    scope.add_argument(
        "--all", action="store_true", help="every annotated article (Markdown: plus index.md)"
    )
    p.add_argument(
        "--out",
        metavar="PATH",
        help="Markdown: folder; w3c, opml: file, folder or - for stdout "
        "(default: ~/Documents/newsreader)",
    )
    return parser


def _fail(message: str) -> None:
    print(f"newsreader: {one_line(message)}", file=sys.stderr)


def _report_imports(outcomes: Sequence[ImportOutcome]) -> int:
    for o in outcomes:
        where = one_line(o.source)
        if o.failed:
            _fail(f"{where}: {o.message}")
            continue
        detail = f" ({one_line(o.message)})" if o.message else ""
        target = f" -> article {o.article_id}" if o.article_id is not None else ""
        print(f"{o.status:9} {where}{target}{detail}")
    return 1 if any(o.failed for o in outcomes) else 0


def _first_line(text: str | None) -> str:
    lines = strip_control(text or "").strip().splitlines()
    return one_line(lines[0]) if lines else ""


def _excerpt(text: str, limit: int = 60) -> str:
    flat = one_line(text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _cmd_orphans(lib: Library, args: argparse.Namespace) -> int:
    orphans = lib.orphans()
    if args.json:
        print(
            safe_json(
                [
                    {
                        "id": h.id,
                        "article_id": h.article_id,
                        "exact": h.exact,
                        "prefix": h.prefix,
                        "suffix": h.suffix,
                        "note": h.note,
                        "tags": list(h.tags),
                        "created_at": h.created_at,
                        "updated_at": h.updated_at,
                    }
                    for h in orphans
                ]
            )
        )
        return 0
    if not orphans:
        print("no highlights need placing", file=sys.stderr)
    for h in orphans:
        note = _first_line(h.note)
        print(f"{h.id:>5} {h.article_id:>5}  «{_excerpt(h.exact)}»" + (f"  {note}" if note else ""))
    return 0


def _cmd_list(lib: Library, args: argparse.Namespace) -> int:
    if args.orphans:
        return _cmd_orphans(lib, args)
    rows = lib.summaries()
    if args.json:
        print(
            safe_json(
                [
                    {
                        "id": s.id,
                        "title": s.title,
                        "source": s.source,
                        "language": s.language,
                        "published": s.published,
                        "imported_at": s.imported_at,
                        "read": s.read_at is not None,
                        "starred": s.starred,
                        "highlights": s.highlight_count,
                    }
                    for s in rows
                ]
            )
        )
        return 0
    for s in rows:
        mark = " " if s.read_at else "*"
        date = (s.published or s.imported_at)[:10]
        print(f"{s.id:>5} {mark} {date} {s.language:>7} {s.highlight_count:>3}  {one_line(s.title)}")
    return 0


def _cmd_show(lib: Library, args: argparse.Namespace) -> int:
    article = lib.article(args.id)
    if args.json:
        note = lib.article_note(article.id)
        print(
            safe_json(
                {
                    "id": article.id,
                    "title": article.title,
                    "source": article.source,
                    "url": article.url,
                    "author": article.author,
                    "published": article.published,
                    "language": article.language,
                    "body": article.body,
                    "blocks": [{"kind": b.kind, "start": b.start, "end": b.end} for b in article.blocks],
                    "highlights": [
                        {
                            "id": h.id,
                            "start": h.start,
                            "end": h.end,
                            "exact": h.exact,
                            "note": h.note,
                            "tags": list(h.tags),
                            "state": h.state,
                        }
                        for h in lib.highlights(article.id)
                    ],
                    "note": note.text if note else None,
                }
            )
        )
        return 0
    print(one_line(article.title))
    print()
    print(strip_control(article.body))
    return 0


def _cmd_search(lib: Library, args: argparse.Namespace) -> int:
    hits = lib.search(args.query, limit=max(1, args.limit))
    if args.json:
        print(
            safe_json(
                [
                    {
                        "id": h.article_id,
                        "kind": h.kind,
                        "title": h.title,
                        "snippet": h.snippet,
                        "score": round(h.score, 4),
                        "highlight_id": h.highlight_id,
                    }
                    for h in hits
                ]
            )
        )
        return 0
    if not hits:
        print("no results", file=sys.stderr)
    for h in hits:
        print(f"{h.article_id:>5} {h.kind:7} {one_line(h.title)}")
        print(f"      {one_line(h.snippet)}")
    # On stderr, so the listing stays one hit per two lines.
    from newsreader.search import count_text

    if getattr(hits, "capped", False):
        print(f"{count_text(hits)}: older matches were not ranked; more words or a filter "
              "(lang:, is:unread, title:) narrow the search", file=sys.stderr)
    elif getattr(hits, "more", False):
        print(f"{count_text(hits)}: --limit shows more", file=sys.stderr)
    return 0


def _cmd_annotate(lib: Library, args: argparse.Namespace) -> int:
    try:
        h = lib.annotate_by_quote(args.id, args.quote, note=args.note, tags=args.tag)
    except QuoteError as exc:
        _fail(f"article {args.id}: {exc}")
        return 1
    print(h.id)
    return 0


def _cmd_note(lib: Library, args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    note = lib.set_article_note(args.id, text)
    print(f"note {'saved on' if note else 'removed from'} article {args.id}")
    return 0


def _cmd_reclean(lib: Library, args: argparse.Namespace) -> int:
    outcomes = lib.reclean(everything=args.all)
    if not outcomes:
        print("nothing to re-clean: every article is up to date", file=sys.stderr)
    return _report_imports(outcomes)


def _auto_reclean(lib: Library) -> int:
    """After an upgrade of the cleaner: re-clean quietly, say so on stderr."""
    outcomes = lib.reclean_outdated()
    for o in outcomes:
        if o.failed:
            _fail(f"{o.source}: {o.message}")
    updated = [o for o in outcomes if o.status == "updated"]
    orphaned = sum(o.orphaned for o in outcomes)
    if updated:
        detail = f"; {orphaned} highlight(s) could not be placed (newsreader list --orphans)" if orphaned else ""
        print(
            f"newsreader: re-cleaned {len(updated)} article(s) with the current cleaner{detail}",
            file=sys.stderr,
        )
    return 1 if any(o.failed for o in outcomes) else 0


def _cmd_import(lib: Library, args: argparse.Namespace) -> int:
    with progress_bar("importing") as progress:
        outcomes = lib.import_paths(args.paths, args.encoding, progress=progress)
    return _report_imports(outcomes)


def _cmd_export(lib: Library, args: argparse.Namespace) -> int:
    if args.format == "opml":
        return export_opml(lib, args.out)
    ids = args.article
    if ids:
        for article_id in ids:
            lib.article(article_id)  # NotFound before anything is written
    if args.format == "w3c":
        return _export_w3c(lib, args, ids)
    out = Path(args.out) if args.out is not None else default_export_dir()
    paths = lib.export_markdown_all(out) if args.all else lib.export_markdown(out, ids)
    if not paths:
        print("nothing to export: no article has highlights or notes", file=sys.stderr)
    for path in paths:
        print(strip_control(str(path)))
    return 0


def _export_w3c(lib: Library, args: argparse.Namespace, ids: list[int] | None) -> int:
    if args.out == "-":
        print(safe_json(lib.w3c_collection(ids)))
        return 0
    out = Path(args.out) if args.out is not None else default_export_dir()
    path, _ = lib.export_w3c(out, ids)
    if path is None:
        print("nothing to export: no article has highlights or notes", file=sys.stderr)
    else:
        print(strip_control(str(path)))
    return 0


def _run_tui(db_path: str | None) -> int:
    from newsreader.tui.app import run_app

    return run_app(db_path)


def main(argv: Sequence[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    if args.command is None:
        return _run_tui(args.db)
    try:
        lib = Library.open(args.db)
    except StoreError as exc:
        _fail(str(exc))
        return 1
    try:
        seeded = lib.ensure_seeded()
        status = _report_imports([o for o in seeded if o.failed])
        if args.command != "reclean":
            status = max(status, _auto_reclean(lib))
        apply_timeout(lib, args)
        handlers = {
            "import": lambda: _cmd_import(lib, args),
            "subscribe": lambda: cmd_subscribe(lib, args),
            "refresh": lambda: cmd_refresh(lib, args),
            "feeds": lambda: cmd_feeds(lib, args),
            "unsubscribe": lambda: cmd_unsubscribe(lib, args),
            "list": lambda: _cmd_list(lib, args),
            "show": lambda: _cmd_show(lib, args),
            "search": lambda: _cmd_search(lib, args),
            "annotate": lambda: _cmd_annotate(lib, args),
            "note": lambda: _cmd_note(lib, args),
            "reclean": lambda: _cmd_reclean(lib, args),
            "export": lambda: _cmd_export(lib, args),
        }
        return max(status, handlers[args.command]())
    except NotFound as exc:
        _fail(str(exc))
        return 1
    except BrokenPipeError:
        return 0
    except OSError as exc:
        _fail(f"{exc.filename or ''}: {exc.strerror or exc}")
        return 1
    finally:
        lib.close()
