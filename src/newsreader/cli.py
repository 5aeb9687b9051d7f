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
from newsreader.library import ImportOutcome, Library, NotFound
from newsreader.locations import default_export_dir
from newsreader.store import StoreError
from newsreader.terminal import one_line, safe_json, strip_control


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

    p = commands.add_parser("import", help="import article files (idempotent)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--encoding", help="decode non-UTF-8 files with this encoding (e.g. cp1252)")

    p = commands.add_parser("list", help="one line per article, newest first")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = commands.add_parser("show", help="the cleaned text of an article")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = commands.add_parser("search", help="ranked hits in articles and notes")
    p.add_argument("query")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--limit", type=int, default=20, metavar="N")

    p = commands.add_parser("export", help="write highlights and notes as Markdown")
    p.add_argument("--format", choices=["markdown"], default="markdown")
    p.add_argument("--article", type=int, action="append", metavar="ID", help="repeatable")
    p.add_argument("--out", type=Path, metavar="PATH", help="folder (default: ~/Documents/newsreader)")
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
        print(f"{o.status:9} {where} -> article {o.article_id}{detail}")
    return 1 if any(o.failed for o in outcomes) else 0


def _cmd_list(lib: Library, args: argparse.Namespace) -> int:
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
    return 0


def _cmd_export(lib: Library, args: argparse.Namespace) -> int:
    out = args.out if args.out is not None else default_export_dir()
    ids = args.article
    if ids:
        for article_id in ids:
            lib.article(article_id)  # NotFound before anything is written
    paths = lib.export_markdown(out, ids)
    if not paths:
        print("nothing to export: no article has highlights or notes", file=sys.stderr)
    for path in paths:
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
        handlers = {
            "import": lambda: _report_imports(lib.import_paths(args.paths, args.encoding)),
            "list": lambda: _cmd_list(lib, args),
            "show": lambda: _cmd_show(lib, args),
            "search": lambda: _cmd_search(lib, args),
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
