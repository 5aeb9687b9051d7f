"""Pane widths that follow the terminal, `<` / `>`, and what the app remembers.

A mixin of the app (see `host.py`). On every resize `fit_panes` sets the
list's width in cells: a share of the width (40% by default: 48 cells at 120
columns), of which columns past KNEE count half, so a wide terminal gives the
reader most of its extra room; the reader keeps READER_MIN cells beside the
list and the annotations pane. The annotations pane gives way first: it hides
below NARROW columns (`Screen.-narrow` in app.tcss; `A` brings it back).
Below SINGLE_PANE columns one pane at a time fills the screen: the list while
it (or the search) has the focus, the reader while the reader or the
annotations have it.

`<` and `>` change the share by STEP; the share and the theme picked in the
app are remembered in `state.json` (`ui_state.py`), written off the UI thread.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol

from textual import work
from textual.widget import Widget

from newsreader.text.terminal import one_line
from newsreader.tui.ui_state import UiState, load_ui_state, save_ui_state, starting_theme, state_path

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.geometry import Size

    from newsreader.tui.host import AppHost

    class _LayoutHost(AppHost, Protocol):
        theme: str
        _problems: list[str]

        @property
        def size(self) -> Size: ...
        @property
        def default_screen(self) -> Screen: ...
        def watch(self, obj: Any, attribute_name: str, callback: Any, init: bool = True) -> None: ...

    _Base = _LayoutHost
else:
    _Base = object

NARROW = 110  # below this many columns the annotations pane gives way
SINGLE_PANE = 70  # below this many columns one pane at a time (two panes at 60 leave the list 24 cells)
KNEE = 120  # columns past this count half towards the list's share
DEFAULT_SHARE = 0.40
SHARE_MIN, SHARE_MAX = 0.15, 0.75
STEP = 0.05  # of the width, per `<` or `>`
LIST_MIN, LIST_MAX = 20, 96  # cells, border included
READER_MIN = 40  # cells the reader keeps beside the list
ANNOTATIONS_SHARE, ANNOTATIONS_MIN, ANNOTATIONS_MAX = 0.22, 26, 44


def _round(value: float) -> int:
    return int(value + 0.5)


def span(total: int) -> float:
    """The width the list's share is taken of: the terminal's, columns past KNEE counting half."""
    return min(total, KNEE) + max(total - KNEE, 0) / 2


def annotations_width(total: int) -> int:
    """Cells of the annotations pane at `total` columns (when it is shown)."""
    return max(ANNOTATIONS_MIN, min(ANNOTATIONS_MAX, _round(total * ANNOTATIONS_SHARE)))


def list_width(total: int, share: float, annotations: bool) -> int:
    """Cells of the list pane beside the reader (and the annotations pane, if shown)."""
    most = min(LIST_MAX, total - READER_MIN - (annotations_width(total) if annotations else 0))
    return max(min(LIST_MIN, total), min(_round(share * span(total)), most))


def share_of(width: int, total: int) -> float:
    """The share that gives `width` cells at `total` columns (before clamping)."""
    return width / span(total) if total > 0 else DEFAULT_SHARE


def _pane_of(widget: Widget | None) -> str | None:
    """"list" or "reader": the pane `widget` belongs to (the search bar goes with
    the list, where its results show); None for anything else."""
    node = widget
    while isinstance(node, Widget):
        if node.id in ("list-pane", "search"):
            return "list"
        if node.id in ("reader-pane", "annotations"):
            return "reader"
        node = node.parent
    return None


class PaneLayout(_Base):
    """`fit_panes` (on resize), `<` / `>`, one pane at a time, the remembered state."""

    _ui_state: UiState = UiState()
    _written: UiState | None = None  # what state.json holds, as far as this run knows
    _save_failed = False
    _save_lock: asyncio.Lock | None = None
    _single_pane = False
    _split_wanted = False  # `<`/`>` before any article was opened: the panes side by side

    # -- start-up ----------------------------------------------------------------------

    def remember_ui_state(self) -> None:
        """Read state.json and start with its theme (else config.toml's); before the first paint."""
        self._ui_state, problem = load_ui_state(state_path())
        self._written = self._ui_state
        if problem:
            self._problems.append(problem)
        picked = starting_theme(self._ui_state, self.settings.theme)
        for theme in dict.fromkeys(t for t in (picked, self.settings.theme) if t):
            try:
                self.theme = theme
                break
            except Exception:  # an unknown theme name must not stop the app
                self._problems.append(one_line(f"unknown theme {theme!r}: using the default"))

    def start_layout(self) -> None:
        """Fit the panes to the terminal and follow the focus and the theme from now on."""
        self.fit_panes(self.size.width)
        self.watch(self.default_screen, "focused", self._focus_moved, init=False)
        self.watch(self, "theme", self._theme_picked, init=False)

    # -- widths ------------------------------------------------------------------------

    @property
    def list_share(self) -> float:
        """The list pane's share of the width: the one chosen with `<` / `>`, else the default."""
        return self._ui_state.list_share or DEFAULT_SHARE

    def _annotations_shown(self, total: int) -> bool:
        inline = self.query_one("#annotations").styles.inline
        if inline.has_rule("display"):  # `A` decided
            return inline.display != "none"
        return total >= NARROW

    def fit_panes(self, total: int) -> None:
        """Set the panes' widths for a terminal `total` columns wide."""
        screen = self.default_screen
        list_pane = self.query_one("#list-pane")
        reader_pane = self.query_one("#reader-pane")
        self.query_one("#annotations").styles.width = annotations_width(total)
        was_single, self._single_pane = self._single_pane, total < SINGLE_PANE
        screen.set_class(self._single_pane, "-single")
        if self._single_pane:
            list_pane.styles.width = "1fr"  # alone it fills the screen; with `L` beside the reader, half
            if not was_single:
                self._show_pane(_pane_of(screen.focused) or "list")
            return
        if was_single:
            list_pane.display = reader_pane.display = True
        # Until the first article is opened the reader has nothing to show: the
        # list takes the whole width (whole titles, as newsboat's list), the
        # reader and its notes come in beside it when an article opens.
        browsing = self.current is None and not self._split_wanted
        screen.set_class(browsing, "-browsing")
        if browsing:
            list_pane.styles.width = "1fr"
            return
        list_pane.styles.width = list_width(total, self.list_share, self._annotations_shown(total))

    def _focus_moved(self, widget: Widget | None) -> None:
        """One pane at a time: show the pane that has the focus (the search bar's is the list)."""
        pane = _pane_of(widget)
        if self._single_pane and pane is not None:
            self._show_pane(pane)

    def _show_pane(self, pane: str) -> None:
        self.query_one("#list-pane").display = pane == "list"
        self.query_one("#reader-pane").display = pane == "reader"

    def action_widen_list(self) -> None:
        self._step_list(1)

    def action_narrow_list(self) -> None:
        self._step_list(-1)

    def _step_list(self, direction: int) -> None:
        total = self.size.width
        if total < SINGLE_PANE:
            self.notify(f"Below {SINGLE_PANE} columns one pane at a time fills the screen", timeout=3)
            return
        if not self._split_wanted and self.current is None:
            self._split_wanted = True  # the list was alone: show the split it resizes
            self.fit_panes(total)
        shown = self._annotations_shown(total)
        now = list_width(total, self.list_share, shown)
        share = min(max(share_of(now, total) + direction * STEP, SHARE_MIN), SHARE_MAX)
        if list_width(total, share, shown) == now:
            if direction > 0:
                message = f"The list is as wide as it goes (the reader keeps {READER_MIN} columns)"
            else:
                message = "The list is as narrow as it goes"
            self.notify(message, timeout=3)
            return
        self._ui_state = replace(self._ui_state, list_share=round(share, 4))
        self.fit_panes(total)
        self._save_ui_state()

    # -- the remembered state ----------------------------------------------------------

    def _theme_picked(self, theme: str) -> None:
        """A theme set while the app runs (ctrl+p "Change theme") is the user's pick."""
        state = self._ui_state
        if state.theme == theme and state.config_theme == self.settings.theme:
            return
        self._ui_state = replace(state, theme=theme, config_theme=self.settings.theme)
        self._save_ui_state()

    @work(group="ui-state")
    async def _save_ui_state(self) -> None:
        """Write the newest state (a thread does the disk work; writes never overlap)."""
        if self._save_lock is None:
            self._save_lock = asyncio.Lock()
        async with self._save_lock:
            state = self._ui_state
            if state == self._written:
                return
            path = state_path()
            try:
                await asyncio.to_thread(save_ui_state, path, state)
            except OSError as exc:
                if not self._save_failed:  # once: holding `>` is not a warning per key
                    self._save_failed = True
                    message = f"Could not remember the layout and theme in {path}: {exc.strerror or exc}"
                    self.notify(one_line(message), severity="warning", timeout=8, markup=False)
                return
            self._written = state
