"""Keys typed ahead of a dialog belong to the dialog, in the order typed.

Textual hands a key to the focused widget's message queue as soon as the app
reads it, and an unhandled key then travels up through the queue of every
parent to the app's bindings. So when `n` is read, the keys typed right after
it are already on their way to the reader: by the time the reader's action has
posted `NoteRequested` and the app has pushed the note editor, an `e` behind
the `n` has run the export and an `h` has made a highlight. The faster the
typing, or the busier the machine, the more keys go astray.

`Typeahead` closes that gap for the keys that open something to type into
(`OPENERS`: the note editors, the search bar, the command palette and the
commands it runs, the feed picker): from the moment the app reads such a key it
holds every key read after it until what the key started has happened (the key
and the messages it caused have passed every queue on their way, a dialog it
opened is mounted and has its focus), then hands the held keys out one at a
time, each through every queue it passes before the next, exactly as Textual
would have had they been typed then. Ordinary keys are not held.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from newsreader.tui.host import AppHost as _Base
else:
    _Base = object

# The bindings (by id) whose key opens something to type into or to choose from.
OPENERS = frozenset(
    {
        "reader.note", "reader.article_note", "annotations.note", "annotations.article_note",
        "app.search", "list.filter_feed",
    }
)
# Textual's own binding for ctrl+p has no id; its action is "command_palette".
OPENER_ACTIONS = frozenset({"command_palette", "app.command_palette"})
# Passes through the queues after an opening key: the key, the message its action
# posts, what that message's handler does; a dialog opening adds two more.
ROUNDS = 3
# How often a wait on a queue checks that the widget is still there to answer.
POLL_SECONDS = 0.5


def _gone(pump: MessagePump) -> bool:
    if isinstance(pump, App):
        return not pump.is_running
    return not pump.is_attached


async def through(pump: MessagePump) -> None:
    """Return once `pump` has handled everything that was in its queue when called
    (or has left the app, taking its queue with it)."""
    done = asyncio.Event()
    if not pump.call_later(done.set):
        return
    while not done.is_set():
        try:
            await asyncio.wait_for(done.wait(), POLL_SECONDS)
        except TimeoutError:
            if _gone(pump):
                return


async def settled(node: DOMNode) -> None:
    """Return once whatever was on its way up from `node` has arrived: each of
    `node` and its ancestors up to the app has handled what its queue held (a
    key or message bubbling up is in the parent's queue before the parent is
    asked). The note editor saves only after this, so the keys typed before
    ctrl+s are all in the note."""
    for pump in node.ancestors_with_self:
        await through(pump)


class DialogComing:
    """See `Typeahead.dialog_coming`."""

    def __init__(self, app: Typeahead) -> None:
        self._app: Typeahead | None = app

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc_info: object) -> None:
        if self._app is not None:
            app, self._app = self._app, None
            app._dialog_done()


class Typeahead(_Base):
    """Holds the keys typed after one that opens a dialog until the dialog has them."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._held: deque[events.Key] | None = None  # None: keys go their usual way
        self._dialogs_coming = 0  # flows that read before they open a dialog (`dialog_coming`)
        self._dialog_came = asyncio.Event()

    @property
    def holding_keys(self) -> bool:
        """True while keys typed are held for a dialog that is opening."""
        return self._held is not None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._held is not None:
                self._held.append(event)
                return
            if self._opens_something(event.key):
                self._held = deque()
                await super().on_event(event)
                self.run_worker(self._hand_out_held(), group="typeahead")
                return
        await super().on_event(event)

    def dialog_coming(self) -> DialogComing:
        """Made in the action of a key that opens a dialog only after a read (the
        feed picker), entered by the worker that opens it: keys held for it stay
        held until the worker leaves the block (the dialog pushed, or not)."""
        self._dialogs_coming += 1
        return DialogComing(self)

    def _dialog_done(self) -> None:
        self._dialogs_coming -= 1
        self._dialog_came.set()

    # -- which keys open something -------------------------------------------------------

    def _opens_something(self, key: str) -> bool:
        screen = self.screen
        if isinstance(screen, CommandPalette):
            return key == "enter"  # runs a command, which may open a dialog
        binding = self._binding_for(key)
        return binding is not None and (binding.id in OPENERS or binding.action in OPENER_ACTIONS)

    def _binding_for(self, key: str) -> Binding | None:
        """The binding Textual would try first for `key` now: a priority binding
        from the app down, else the first from the focused widget up (the chain
        already leaves out keys an Input or TextArea with the focus types)."""
        screen = self.screen
        for _node, bindings in reversed(screen._binding_chain):
            for binding in bindings.key_to_bindings.get(key, ()):
                if binding.priority:
                    return binding
        for _node, bindings in screen._modal_binding_chain:
            for binding in bindings.key_to_bindings.get(key, ()):
                if not binding.priority:
                    return binding
        return None

    # -- handing the held keys out ---------------------------------------------------------

    async def _hand_out_held(self) -> None:
        rounds = ROUNDS
        try:
            while True:
                await self._let_it_open(rounds)
                if not self._held:
                    return  # (no await between this test and the end of the hold)
                key = self._held.popleft()
                rounds = ROUNDS if self._opens_something(key.key) else 0
                screen = self.screen
                await self._dispatch(key)
                if self.screen is not screen:  # e.g. escape in the editor asks first
                    rounds = max(rounds, 2)
        finally:
            self._held = None

    async def _let_it_open(self, rounds: int) -> None:
        """Let an opening key's doings pass through the queues; while a screen
        comes or goes, let it mount and take its focus too."""
        while rounds > 0:
            screen = self.screen
            await settled(self.focused or screen)
            rounds -= 1
            if self.screen is not screen:
                rounds = max(rounds, 2)
            while rounds == 0 and self._dialogs_coming:
                self._dialog_came.clear()
                await self._dialog_came.wait()
                rounds = 2

    async def _dispatch(self, key: events.Key) -> None:
        """Give `key` to the app as if just typed (on the app's own task), then
        wait until it has been through every queue it passes."""
        handed: asyncio.Future[DOMNode] = asyncio.get_running_loop().create_future()

        async def dispatch() -> None:
            try:
                await super(Typeahead, self).on_event(key)
            finally:
                if not handed.done():
                    handed.set_result(self.focused or self.screen)

        if not self.call_later(dispatch):
            return
        while not handed.done():
            try:
                await asyncio.wait_for(asyncio.shield(handed), POLL_SECONDS)
            except TimeoutError:
                if _gone(self):
                    return
        await settled(handed.result())
