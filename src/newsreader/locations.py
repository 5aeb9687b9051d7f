"""Where newsreader keeps its files: one place, with environment overrides for tests."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "newsreader"


def default_db_path() -> Path:
    """The store: `NEWSREADER_DB` if set, else `user_data_dir/newsreader.db`."""
    env = os.environ.get("NEWSREADER_DB")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME)) / "newsreader.db"


def is_platform_default(path: Path) -> bool:
    """True for the platform's own data location (its folder may be created)."""
    return Path(path).expanduser() == Path(platformdirs.user_data_dir(APP_NAME)) / "newsreader.db"


def config_dir() -> Path:
    """User configuration (keymap, settings): `NEWSREADER_CONFIG_DIR` or the platform config dir."""
    env = os.environ.get("NEWSREADER_CONFIG_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME))


def state_dir() -> Path:
    """What the app remembers between runs (theme, pane widths): `NEWSREADER_STATE_DIR`
    or the platform state dir (Linux: `~/.local/state/newsreader`)."""
    env = os.environ.get("NEWSREADER_STATE_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_state_dir(APP_NAME))


def default_export_dir() -> Path:
    """Markdown exports: `NEWSREADER_EXPORT_DIR` or `~/Documents/newsreader`."""
    env = os.environ.get("NEWSREADER_EXPORT_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_documents_dir()) / APP_NAME
