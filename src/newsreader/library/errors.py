"""Errors the use cases raise for the user's mistakes; str() is a one-line message."""


class NotFound(LookupError):
    """No article, highlight or feed with that id."""
