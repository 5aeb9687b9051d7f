"""The SQLite store: schema, migrations, and the queries the library needs."""

from newsreader.store.db import Store, StoreError, SchemaTooNewError

__all__ = ["Store", "StoreError", "SchemaTooNewError"]
