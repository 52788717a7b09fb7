"""The embedded engine: one SQLite file in var/, through sqlite-utils."""

import sqlite3
from collections.abc import Sequence
from pathlib import Path

import sqlite_utils

from web.storage.database import Columns, Database, Params, Result


class SQLiteDatabase(Database):
    def __init__(self, path: Path) -> None:
        super().__init__()
        path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit (isolation_level=None): transactions are begun explicitly by
        # Database.transaction. One connection shared by the event loop and the thread pool.
        self._connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db = sqlite_utils.Database(self._connection)
        self._db.enable_wal()
        # With WAL, NORMAL syncs the log to disk at checkpoints instead of at every
        # commit: a commit cost ~1 ms of the gateway's time per turn under load, three
        # per turn (bench/RESULTS.md, "Profile of gateway"). A crashed or killed process
        # loses nothing; a power cut may lose the last moments, never corrupts the file.
        self._connection.execute("pragma synchronous = normal")

    def _run(self, sql: str, params: Params) -> Result:
        cursor = self._connection.execute(sql, list(params))
        rows = cursor.fetchall()
        columns = [column[0] for column in cursor.description or ()]
        return Result(rows, cursor.rowcount, columns)

    def _create(self, table: str, columns: Columns, pk: str | None) -> None:
        existing = self._db[table]
        if not existing.exists():
            existing.create(dict(columns), pk=pk)
            return
        have = existing.columns_dict
        for name, kind in columns.items():
            if name not in have:
                existing.add_column(name, kind)

    def _create_index(self, table: str, columns: Sequence[str]) -> None:
        self._db[table].create_index(list(columns), if_not_exists=True)

    def _primary_key(self, table: str) -> str | None:
        keys = self._db[table].pks
        # sqlite-utils names SQLite's hidden rowid when a table has no key of its own.
        return keys[0] if len(keys) == 1 and keys[0] != "rowid" else None

    def tables_with(self, column: str) -> list[str]:
        with self._lock:
            return [table.name for table in self._db.tables if column in table.columns_dict]

    def _begin(self) -> str:
        # Take the write lock at once, so two writers never deadlock on an upgrade.
        return "begin immediate"

    def close(self) -> None:
        self._connection.close()
