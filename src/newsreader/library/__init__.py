"""The use cases, behind one facade: `Library` (open, prepare, import, subscribe,
refresh, annotate, search, export). The TUI and the CLI call only this package."""

from newsreader.library.facade import *  # noqa: F401,F403
from newsreader.library.facade import __all__, __getattr__  # noqa: F401
