"""The `newsreader` command: a command runs in the CLI, no command opens the TUI.

The one place that knows both faces; each is imported only when it is used
(the TUI's Textual is not loaded for a CLI command).
"""

from __future__ import annotations

from collections.abc import Sequence


def run_tui(db_path: str | None) -> int:
    from newsreader.tui.app import run_app

    return run_app(db_path)


def main(argv: Sequence[str] | None = None) -> int:
    from newsreader.cli import main as cli_main

    return cli_main(argv, run_tui=run_tui)


if __name__ == "__main__":
    raise SystemExit(main())
