"""Every binding of the app by pane, and checks of the user's keymap against them.

The help screen, the README's key table and the keymap warnings all come from
`key_sections`, so a new binding shows up everywhere once it is listed here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from textual.binding import Binding

from newsreader.tui.widgets.annotations import HighlightList
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reader import ReaderView
from newsreader.tui.widgets.search_bar import SearchBar
from newsreader.tui.widgets.search_results import SearchResults

Sections = Sequence[tuple[str, Iterable[Binding | tuple]]]


def key_sections(app_bindings: Iterable[Binding | tuple]) -> list[tuple[str, list]]:
    """(pane, bindings) in help order: the reader first after the global keys, it has the most."""
    # The dialogs are imported when first asked about (help, a keymap to check),
    # not before the first screen: the note editor alone pulls in TextArea.
    from newsreader.tui.screens.confirm import ConfirmScreen
    from newsreader.tui.screens.feed_picker import FeedPicker
    from newsreader.tui.screens.note_editor import NoteEditor
    from newsreader.tui.screens.subscribe import SubscribeScreen

    return [
        ("Anywhere", list(app_bindings)),
        ("Reader", ReaderView.BINDINGS),
        ("Annotations pane", HighlightList.BINDINGS),
        ("Article list", ArticleList.BINDINGS),
        ("Search bar", SearchBar.BINDINGS),
        ("Search results", SearchResults.BINDINGS),
        ("Feed picker", FeedPicker.BINDINGS),
        ("Subscribe dialog", SubscribeScreen.BINDINGS),
        ("Note editor", NoteEditor.BINDINGS),
        ("Confirm dialog", ConfirmScreen.BINDINGS),
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
