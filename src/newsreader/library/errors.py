"""Errors the use cases raise for the user's mistakes; str() is a one-line message."""

from newsreader.store import SchemaTooNewError, StoreError

__all__ = ["NotFound", "SchemaTooNewError", "StoreError"]


class NotFound(LookupError):
    """No article, highlight or feed with that id."""
