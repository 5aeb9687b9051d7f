"""Every binding of the app by pane, checks of the user's keymap against them,
and the README's key table.

The help screen, the README's key table and the keymap warnings all come from
`key_sections`, so a new binding shows up everywhere once it is listed here.
The app's own (global) bindings live here too, so the table needs no app:

    python -m newsreader.tui.keys --markdown

prints the table the README holds between its `keys:start` and `keys:end`
markers (a test compares them).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Mapping, Sequence

from textual.binding import Binding

from newsreader.tui.widgets.annotations import HighlightList
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.feed_list import FeedList
from newsreader.tui.widgets.reader import ReaderView
from newsreader.tui.widgets.search_bar import SearchBar
from newsreader.tui.widgets.search_results import SearchResults

Sections = Sequence[tuple[str, Iterable[Binding | tuple]]]

# The app's bindings: they work in every pane.
APP_BINDINGS = [
    Binding("slash", "focus_search", "Search", id="app.search"),
    Binding(
        "escape", "back", "Back", show=False, id="app.back",
        tooltip="Leave the search, else go back to the article list, else show every feed again",
    ),
    Binding("o", "open_url", "Open in browser", show=False, id="app.open_url",
            tooltip="Open the article's web address with $BROWSER (else the system's browser)"),
    Binding("y", "copy_url", "Copy link", show=False, id="app.copy_url",
            tooltip="Copy the article's web address to the clipboard (OSC 52)"),
    Binding(
        "E", "export_article", "Export", id="app.export",
        tooltip="Write this article's highlights and notes as Markdown to the export folder",
    ),
    Binding(
        "H", "toggle_annotations", "Notes pane", show=False, id="app.toggle_annotations",
        tooltip="Show or hide the annotations pane",
    ),
    Binding(
        "ctrl+b", "toggle_list", "List pane", show=False, id="app.toggle_list",
        tooltip="Show or hide the article list",
    ),
    Binding("1", "view_articles", "Articles", show=False, id="app.view_articles",
            tooltip="The article list (or the search results)"),
    Binding("2", "view_feeds", "Feeds", id="app.view_feeds",
            tooltip="Every feed with its unread/total counts; enter shows its articles"),
    Binding("N", "toggle_read", "Read/unread", show=False, id="app.toggle_read",
            tooltip="Mark the article read or unread (u undoes it)"),
    Binding("A", "mark_all_read", "All read", show=False, id="app.mark_all_read",
            tooltip="Mark every article the list shows as read (u undoes it)"),
    Binding("F", "full_text", "Full text", show=False, id="app.full_text",
            tooltip="Fetch the article's page now and keep its full text (highlights re-anchored)"),
    Binding("question_mark", "help", "Help", id="app.help", tooltip="Help: every key as bound now, with its id"),
    Binding(
        "q", "back_or_quit", "Back/quit", id="app.back_or_quit",
        tooltip="Back one level (search, reader, feed filter); quit from the article list",
    ),
    Binding("Q", "quit", "Quit", show=False, id="app.quit", tooltip="Quit now (the reading position is saved)"),
    Binding(
        "less_than_sign", "narrow_list", "Narrower list", show=False, id="app.narrow_list",
        tooltip="Make the article list narrower (remembered for the next start)",
    ),
    Binding(
        "greater_than_sign", "widen_list", "Wider list", show=False, id="app.widen_list",
        tooltip="Make the article list wider; the reader keeps 40 columns (remembered)",
    ),
    # Last: on a narrow footer it is the one that gives way, not help or quit.
    Binding(
        "R", "refresh_feeds", "Refresh", id="app.refresh",
        tooltip="Fetch every feed in the background; new articles join the list",
    ),
]

MARKERS = ("<!-- keys:start -->", "<!-- keys:end -->")


def key_sections(app_bindings: Iterable[Binding | tuple] | None = None) -> list[tuple[str, list]]:
    """(pane, bindings) in help order: the reader first after the global keys, it has the most."""
    # The dialogs are imported when first asked about (help, a keymap to check),
    # not before the first screen: the note editor alone pulls in TextArea.
    from newsreader.tui.screens.confirm import ConfirmScreen
    from newsreader.tui.screens.feed_picker import FeedPicker
    from newsreader.tui.screens.help import HelpScreen
    from newsreader.tui.screens.note_editor import NoteEditor
    from newsreader.tui.screens.prompt import PromptScreen
    from newsreader.tui.screens.subscribe import SubscribeScreen

    return [
        ("Anywhere", list(APP_BINDINGS if app_bindings is None else app_bindings)),
        ("Reader", ReaderView.BINDINGS),
        ("Annotations pane", HighlightList.BINDINGS),
        ("Article list", ArticleList.BINDINGS),
        ("Feeds view", FeedList.BINDINGS),
        ("Search bar", SearchBar.BINDINGS),
        ("Search results", SearchResults.BINDINGS),
        ("Feed picker", FeedPicker.BINDINGS),
        ("Subscribe dialog", SubscribeScreen.BINDINGS),
        ("Import prompt", PromptScreen.BINDINGS),
        ("Note editor", NoteEditor.BINDINGS),
        ("Confirm dialog", ConfirmScreen.BINDINGS),
        ("Help screen", HelpScreen.BINDINGS),
    ]


def keymap_problems(sections: Sections, keymap: Mapping[str, str]) -> list[str]:
    """Keymap ids that match no binding, and keys the keymap gave to two bindings of one pane.

    Textual lets the keymap's binding win such a clash silently; the user should know.
    """
    problems = []
    known = set()
    for section, bindings in sections:
        owners: dict[str, list[str]] = {}
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.id:
                continue
            known.add(binding.id)
            keys = keymap.get(binding.id, binding.key)
            for key in (k.strip() for k in keys.split(",")):
                owners.setdefault(key, []).append(binding.id)
        for key, ids in owners.items():
            if len(ids) > 1 and any(i in keymap for i in ids):
                problems.append(f"keymap: {key} is bound to both {' and '.join(ids)} ({section})")
    problems += [f"keymap: no binding has the id {i!r} (? lists them)" for i in keymap if i not in known]
    return problems


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _code(text: str) -> str:
    """`text` as Markdown code; a backtick inside gets a longer fence."""
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def markdown_table(sections: Sections | None = None) -> str:
    """The default keys as a Markdown table: a row per binding (keys as the
    footer shows them, what it does, its id), pane by pane, then Textual's own."""
    from newsreader.tui.screens.help import BUILT_IN, binding_rows

    lines = ["| key | does | binding id |", "|---|---|---|"]
    section = None
    for row in binding_rows(key_sections() if sections is None else sections, {}):
        if row.section != section:
            section = row.section
            lines.append(f"| **{_cell(section)}** | | |")
        keys = " ".join(_code(k) for k in row.keys.split(" "))
        lines.append(f"| {_cell(keys)} | {_cell(row.description)} | {_code(row.binding_id)} |")
    lines.append("| **Built in** | | |")
    for keys, does in BUILT_IN:
        lines.append(f"| {' '.join(_code(k) for k in keys.split())} | {_cell(does)} | (Textual) |")
    return "\n".join(lines) + "\n"


def readme_keys(readme: str) -> str | None:
    """What the README holds between the key-table markers (None: no markers)."""
    start, end = MARKERS
    if start not in readme or end not in readme:
        return None
    return readme.split(start, 1)[1].split(end, 1)[0].strip("\n") + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newsreader.tui.keys", description="Print the default key bindings."
    )
    parser.add_argument("--markdown", action="store_true", help="as the README's Markdown table")
    args = parser.parse_args(argv)
    if args.markdown:
        print(markdown_table(), end="")
    else:
        from newsreader.tui.screens.help import binding_rows

        for row in binding_rows(key_sections(), {}):
            print(f"{row.section:18} {row.keys:22} {row.binding_id:28} {row.description}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
