"""The feed commands of the command line (subscribe, refresh, feeds, unsubscribe,
export --format opml) and the progress bar shared with `import`. Thin, like main.py."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from typing import TYPE_CHECKING

from newsreader.cli.arguments import article_id
from newsreader.cli.output import fail, print_json
from newsreader.library import Library
from newsreader.locations import default_export_dir
from newsreader.text.terminal import one_line, strip_control

# Feeds and downloads (http.client, email, ...) load only for the commands that use them.
if TYPE_CHECKING:
    from newsreader.library import FeedOutcome, Progress


def add_feed_commands(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("subscribe", help="subscribe to RSS/Atom feeds (URLs or feed files)")
    p.add_argument("targets", nargs="+", metavar="URL|FILE")
    p.add_argument(
        "--full-text", action="store_true",
        help="complete items that carry only a summary from their article page",
    )
    add_timeout_option(p)

    p = commands.add_parser("refresh", help="fetch every subscribed feed; one line per feed")
    p.add_argument("--feed", type=article_id, action="append", metavar="ID", help="only this feed (repeatable)")
    add_timeout_option(p)

    p = commands.add_parser("feeds", help="list the subscriptions")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = commands.add_parser("unsubscribe", help="forget a subscription (its articles stay)")
    p.add_argument("id", type=article_id)


def add_timeout_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout", type=_seconds, metavar="SECONDS",
        help="give up on a server that does not answer within this time (default 10)",
    )


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 600 seconds")
    return value


def apply_timeout(lib: Library, args: argparse.Namespace) -> None:
    timeout = getattr(args, "timeout", None)
    if timeout is not None:
        lib.fetch_limits = replace(lib.fetch_limits, timeout=timeout)


@contextmanager
def progress_bar(description: str) -> Iterator[Progress | None]:
    """A rich progress bar on stderr, or None (quiet) unless stdout and stderr are terminals."""
    if not (sys.stdout.isatty() and sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn

    columns = (
        TextColumn(description, markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        # Feed titles and file names are untrusted: never markup.
        TextColumn("{task.fields[current]}", markup=False),
    )
    with Bar(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=None, current="")

        def update(done: int, total: int, what: str) -> None:
            bar.update(task, completed=done, total=total, current=one_line(what)[:60])

        yield update


def _where(o: FeedOutcome) -> str:
    url = one_line(o.url)
    return f"{one_line(o.title)} ({url})" if o.title else url


def report_feeds(outcomes: Sequence[FeedOutcome]) -> int:
    """One line per feed: failures on stderr with the reason, the rest on stdout."""
    for o in outcomes:
        if o.failed:
            fail(f"{_where(o)}: {o.message}")
            continue
        detail = f" ({one_line(o.message)})" if o.message else ""
        print(f"{o.summary():<18} {_where(o)}{detail}")
    return 1 if any(o.failed for o in outcomes) else 0


def cmd_subscribe(lib: Library, args: argparse.Namespace) -> int:
    outcomes = []
    with progress_bar("subscribing") as progress:
        for done, target in enumerate(args.targets, start=1):
            outcomes.append(lib.subscribe(target, full_text=args.full_text))
            if progress is not None:
                progress(done, len(args.targets), target)
    return report_feeds(outcomes)


def cmd_refresh(lib: Library, args: argparse.Namespace) -> int:
    if args.feed:
        for feed_id in args.feed:
            lib.feed(feed_id)  # NotFound before any download
    elif not lib.feeds():
        print("no subscriptions yet: add one with `newsreader subscribe URL`", file=sys.stderr)
        return 0
    with progress_bar("refreshing") as progress:
        outcomes = lib.refresh(progress=progress, feed_ids=args.feed)
    return report_feeds(outcomes)


def cmd_feeds(lib: Library, args: argparse.Namespace) -> int:
    feeds = lib.feeds()
    if args.json:
        print_json(feeds)
        return 0
    if not feeds:
        print("no subscriptions yet: add one with `newsreader subscribe URL`", file=sys.stderr)
    for f in feeds:
        status = f.last_status or "never refreshed"
        error = f": {one_line(f.last_error)}" if f.last_error else ""
        print(f"{f.id:>4} {f.article_count:>5}  {one_line(f.name)}  <{one_line(f.url)}>  [{status}{error}]")
    return 0


def cmd_unsubscribe(lib: Library, args: argparse.Namespace) -> int:
    gone = lib.unsubscribe(args.id)
    print(f"unsubscribed from {one_line(gone.name)}; its {gone.article_count} article(s) stay")
    return 0


def export_opml(lib: Library, out: str | None) -> int:
    """`export --format opml`: to a file, a folder, or - for stdout."""
    if out == "-":
        sys.stdout.write(lib.opml())
        return 0
    path = lib.export_opml(Path(out) if out is not None else default_export_dir())
    print(strip_control(str(path)))
    return 0
