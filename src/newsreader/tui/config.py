"""User settings for the TUI: `config.toml` in the user config dir.

```toml
theme = "textual-dark"
export_dir = "~/notes/newsreader"

[keymap]            # binding id = key(s), comma-separated; `?` in the app lists the ids
"reader.highlight" = "x"
"app.search" = "ctrl+f,slash"
```

A broken file never stops the app: the defaults are used and the problem is reported.
The app only reads this file (it is the user's, with their comments): what it
remembers by itself, such as a theme picked with ctrl+p, goes to `state.json`
(`ui_state.py`), and that theme wins over `theme` here until `theme` changes.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from newsreader.locations import config_dir, default_export_dir

CONFIG_NAME = "config.toml"


@dataclass
class Settings:
    """What the TUI takes from config.toml; `problems` are shown as warnings at start."""

    keymap: dict[str, str] = field(default_factory=dict)
    export_dir: Path = field(default_factory=default_export_dir)
    theme: str | None = None  # the default; a theme picked in the app wins (ui_state.starting_theme)
    problems: list[str] = field(default_factory=list)


def config_path() -> Path:
    """`config.toml` in the user config dir (`NEWSREADER_CONFIG_DIR` overrides the dir)."""
    return config_dir() / CONFIG_NAME


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file if there is one; problems are collected, not raised."""
    path = path or config_path()
    settings = Settings()
    if not path.exists():
        return settings
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        settings.problems.append(f"{path}: ignored ({exc})")
        return settings
    keymap = data.get("keymap", {})
    if isinstance(keymap, dict):
        for binding_id, keys in keymap.items():
            if isinstance(keys, str) and keys.strip():
                settings.keymap[str(binding_id)] = keys
            else:
                settings.problems.append(f"{path}: keymap entry {binding_id!r} is not a key string")
    else:
        settings.problems.append(f"{path}: [keymap] must be a table")
    export_dir = data.get("export_dir")
    if isinstance(export_dir, str) and export_dir.strip():
        settings.export_dir = Path(export_dir).expanduser()
    theme = data.get("theme")
    if isinstance(theme, str):
        settings.theme = theme
    return settings
