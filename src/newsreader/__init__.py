"""newsreader: a keyboard-driven terminal news reader with offline annotations."""

__version__ = "0.1.0"
