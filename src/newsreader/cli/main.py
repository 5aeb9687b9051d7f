"""The command line's parser and dispatch: a thin layer over `Library`. No
business logic lives here; the commands are in articles.py and feeds.py.

Exit codes: 0 success, 1 something failed (each failure printed as one line on
stderr), 2 a usage error.
"""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Callable, Sequence

from newsreader import __version__
from newsreader.cli import articles, listing
from newsreader.cli.articles import report_reclean
from newsreader.cli.feeds import (
    add_feed_commands,
    add_timeout_option,
    apply_timeout,
    cmd_feeds,
    cmd_refresh,
    cmd_subscribe,
    cmd_unsubscribe,
)
from newsreader.cli.arguments import MAX_RESULTS, article_id, result_limit
from newsreader.cli.output import fail, report_imports
from newsreader.library import Library, NotFound, StoreError, store_problem


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
    p.add_argument(
        "--force", action="store_true",
        help="import web pages that look like no article (an index page, mostly links or code) anyway",
    )
    add_timeout_option(p)

    p = commands.add_parser("list", help="a header, then one line per article, newest first")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--orphans", action="store_true", help="list the highlights that could not be placed"
    )

    p = commands.add_parser("show", help="the cleaned text of an article")
    p.add_argument("id", type=article_id)
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = commands.add_parser("search", help="ranked hits in articles and notes")
    p.add_argument("query")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--limit", type=result_limit, default=20, metavar="N", help=f"1 to {MAX_RESULTS} (default 20)")

    p = commands.add_parser("annotate", help="highlight a passage, found by its text")
    p.add_argument("id", type=article_id)
    p.add_argument("--quote", required=True, help="the exact text to highlight")
    p.add_argument("--note", help="a note on the highlight (Markdown)")
    p.add_argument("--tag", action="append", default=[], metavar="TAG", help="repeatable")

    p = commands.add_parser("note", help="set the article note (blank removes it)")
    p.add_argument("id", type=article_id)
    p.add_argument("text", help="the note (Markdown); - reads it from stdin")

    p = commands.add_parser(
        "fulltext", help="fetch articles' full text from their web pages (highlights move with it)"
    )
    p.add_argument("ids", nargs="+", type=article_id, metavar="ID")
    add_timeout_option(p)

    p = commands.add_parser("reclean", help="re-derive article text with the current cleaner")
    p.add_argument("--all", action="store_true", help="every article, not only outdated ones")

    add_feed_commands(commands)

    p = commands.add_parser(
        "export", help="write highlights and notes as Markdown or W3C JSON-LD, or subscriptions as OPML"
    )
    p.add_argument("--format", choices=["markdown", "w3c", "opml"], default="markdown")
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--article", type=article_id, action="append", metavar="ID", help="repeatable")
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


def main(argv: Sequence[str] | None = None, run_tui: Callable[[str | None], int] | None = None) -> int:
    """Run one command; with none, `run_tui(db_path)` opens the TUI (newsreader/__main__.py
    passes it in: the CLI and the TUI are independent layers)."""
    args = _build_parser().parse_args(argv)
    if args.command is None:
        if run_tui is None:
            fail("no command given (see --help)")
            return 2
        return run_tui(args.db)
    try:
        lib = Library.open(args.db)
    except StoreError as exc:
        fail(str(exc))
        return 1
    try:
        # `reclean` re-cleans itself, reporting every article.
        prepared = lib.prepare(reclean=args.command != "reclean")
        status = max(report_imports([o for o in prepared.seeded if o.failed]), report_reclean(prepared.recleaned))
        apply_timeout(lib, args)
        handlers = {
            "import": articles.cmd_import,
            "subscribe": cmd_subscribe,
            "refresh": cmd_refresh,
            "feeds": cmd_feeds,
            "unsubscribe": cmd_unsubscribe,
            "list": listing.cmd_list,
            "show": articles.cmd_show,
            "search": articles.cmd_search,
            "annotate": articles.cmd_annotate,
            "note": articles.cmd_note,
            "reclean": articles.cmd_reclean,
            "fulltext": articles.cmd_fulltext,
            "export": articles.cmd_export,
        }
        return max(status, handlers[args.command](lib, args))
    except NotFound as exc:
        fail(str(exc))
        return 1
    except sqlite3.Error as exc:
        fail(store_problem(lib.store.path, exc))
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        fail("interrupted")
        return 130
    except OSError as exc:
        fail(f"{exc.filename or ''}: {exc.strerror or exc}")
        return 1
    finally:
        lib.close()
