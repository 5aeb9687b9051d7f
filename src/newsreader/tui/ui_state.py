"""What the app remembers between runs: `state.json` in the user state dir.

```json
{"version": 1, "list_share": 0.45, "theme": "nord", "config_theme": null}
```

The file is the app's own, not the user's: `config.toml` is never written.
`theme` is the theme picked in the app (ctrl+p "Change theme") and
`config_theme` what config.toml said when it was picked, so an edit of
config.toml's `theme` afterwards wins again (`starting_theme`).

Written atomically (a temporary file in the same folder, then `os.replace`),
read defensively: a missing file is the defaults, a broken one is ignored with
one warning, never an exception. Keys this version does not know are kept.
No Textual here: the app decides when to read and write.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsreader.locations import state_dir

STATE_NAME = "state.json"
VERSION = 1
MAX_BYTES = 64 * 1024  # a few hundred bytes are ours; anything this big is not
SHARE_RANGE = (0.05, 0.95)  # a list share outside it is not one we wrote


@dataclass(frozen=True)
class UiState:
    """The remembered choices; None is "never chosen" (the default applies)."""

    list_share: float | None = None  # the list pane's share of the width (layout.py)
    theme: str | None = None  # picked in the app
    config_theme: str | None = None  # config.toml's `theme` when `theme` was picked
    extra: dict[str, Any] = field(default_factory=dict)  # keys of a newer version, kept as they are


def state_path() -> Path:
    """`state.json` in the user state dir (`NEWSREADER_STATE_DIR` overrides the dir)."""
    return state_dir() / STATE_NAME


def starting_theme(state: UiState, config_theme: str | None) -> str | None:
    """The theme to start with: the one picked in the app, unless config.toml's
    `theme` changed since it was picked; else config.toml's (None: Textual's default)."""
    if state.theme and state.config_theme == config_theme:
        return state.theme
    return config_theme


def load_ui_state(path: Path) -> tuple[UiState, str | None]:
    """The state in `path` and at most one problem to show; never raises."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return UiState(), None
    except OSError as exc:
        return UiState(), f"{path}: ignored ({exc.strerror or exc})"
    if not stat.S_ISREG(info.st_mode):  # a FIFO would block the start
        return UiState(), f"{path}: ignored (not a regular file)"
    if info.st_size > MAX_BYTES:
        return UiState(), f"{path}: ignored ({info.st_size} bytes is not a state file)"
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        return UiState(), f"{path}: ignored ({_reason(exc)})"
    if not isinstance(data, dict):
        return UiState(), f"{path}: ignored (not a JSON object)"
    return _from_json(data, path)


def _reason(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8"
    if isinstance(exc, json.JSONDecodeError):
        return f"not JSON: {exc.msg} at line {exc.lineno}"
    return str(exc) or type(exc).__name__


def _from_json(data: dict[str, Any], path: Path) -> tuple[UiState, str | None]:
    bad = []
    share = data.get("list_share")
    if share is not None and not _is_share(share):
        bad.append("list_share")
        share = None
    texts = {}
    for key in ("theme", "config_theme"):
        value = data.get(key)
        if value is not None and not (isinstance(value, str) and value.strip()):
            bad.append(key)
            value = None
        texts[key] = value
    extra = {k: v for k, v in data.items() if k not in ("version", "list_share", "theme", "config_theme")}
    state = UiState(
        list_share=float(share) if share is not None else None,
        theme=texts["theme"], config_theme=texts["config_theme"], extra=extra,
    )
    problem = f"{path}: ignored {', '.join(bad)} (not a value newsreader writes)" if bad else None
    return state, problem


def _is_share(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return math.isfinite(value) and SHARE_RANGE[0] <= value <= SHARE_RANGE[1]


def to_json(state: UiState) -> str:
    """The file's text: our keys after the kept unknown ones."""
    data = {**state.extra, "version": VERSION}
    data.update(list_share=state.list_share, theme=state.theme, config_theme=state.config_theme)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def save_ui_state(path: Path, state: UiState) -> None:
    """Write `state` to `path` atomically: readers see the old file or the new one,
    never half of one. Raises OSError (the app says it could not be saved)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(to_json(state))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
