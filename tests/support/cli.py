"""The command line called in-process, as a script would."""

from __future__ import annotations

from newsreader.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    """`newsreader *args`: (exit code, stdout, stderr)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err
