"""All or nothing on the gateway's SQLite connection, which runs in autocommit
mode (isolation_level=None): sqlite3's own context manager does not begin a
transaction there, so this one does."""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[None]:
    db.execute("begin immediate")
    try:
        yield
    except BaseException:
        db.execute("rollback")
        raise
    db.execute("commit")
