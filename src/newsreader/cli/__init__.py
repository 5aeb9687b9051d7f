"""The command line: a thin layer over `Library` (argparse: it starts fast)."""

from newsreader.cli.main import main

__all__ = ["main"]
