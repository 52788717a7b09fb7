"""The gateway's storage interface: the few operations its modules need, with two
engines behind it: SQLite, the embedded default (web/storage/sqlite.py), and
PostgreSQL for the scaled profile (web/storage/postgres.py).

Modules write their SQL once, in the subset both dialects share, with `?`
placeholders. Table and column names in the helpers below come from code,
never from users. One lock per connection: the event loop and the thread pool
share it, and a transaction must not interleave with another thread's writes.
"""

import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

Columns = Mapping[str, type]  # column -> str, int or float
Params = Sequence[Any]


@dataclass(frozen=True)
class Result:
    """Rows fetched while the lock was held, and how many rows a change touched."""

    rows: list[tuple]
    rowcount: int
    columns: list[str]

    def fetchone(self) -> tuple | None:
        return self.rows[0] if self.rows else None

    def fetchall(self) -> list[tuple]:
        return self.rows

    def __iter__(self) -> Iterator[tuple]:
        return iter(self.rows)


class Database(ABC):
    def __init__(self) -> None:
        self._lock = threading.RLock()
        # Primary key per table (update, upsert and insert need it), from
        # create_table or, for a table another module created, the catalog.
        self._keys: dict[str, str | None] = {}
        # Open transactions on this connection; only the outermost begins and commits.
        self._depth = 0

    # --- what each engine provides -------------------------------------------------
    @abstractmethod
    def _run(self, sql: str, params: Params) -> Result: ...

    @abstractmethod
    def _create(self, table: str, columns: Columns, pk: str | None) -> None:
        """Create the table if it is missing; add columns an older version lacked.
        An int primary key called `id` numbers itself."""

    @abstractmethod
    def _create_index(self, table: str, columns: Sequence[str]) -> None: ...

    @abstractmethod
    def _primary_key(self, table: str) -> str | None: ...

    @abstractmethod
    def tables_with(self, column: str) -> list[str]:
        """Every table that has this column (erasing a conversation uses it)."""

    @abstractmethod
    def _begin(self) -> str:
        """The statement that starts a write transaction."""

    @abstractmethod
    def close(self) -> None: ...

    # --- the interface ---------------------------------------------------------------
    def execute(self, sql: str, params: Params = ()) -> Result:
        with self._lock:
            return self._run(sql, params)

    def create_table(
        self, table: str, columns: Columns, pk: str | None = None, indexes: Iterable[Sequence[str]] = ()
    ) -> None:
        with self._lock:
            self._create(table, columns, pk)
            for index in indexes:
                self._create_index(table, index)
        if pk:
            self._keys[table] = pk

    def add_columns(self, table: str, columns: Columns) -> None:
        """Columns another module keeps on an existing table (the conversations)."""
        with self._lock:
            self._create(table, columns, self._key(table))

    def _key(self, table: str) -> str | None:
        if table not in self._keys:
            with self._lock:
                self._keys[table] = self._primary_key(table)
        return self._keys[table]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing; other threads wait until it ends. Inside another
        transaction it joins that one: the outermost decides for all of it.
        Also the cheap way to write: one commit (one disk sync) for many rows."""
        with self._lock:
            outermost = not self._depth
            if outermost:
                self._run(self._begin(), ())
            self._depth += 1
            try:
                yield
            except BaseException:
                if outermost:
                    self._run("rollback", ())
                raise
            finally:
                self._depth -= 1
            if outermost:
                self._run("commit", ())

    def insert(self, table: str, row: Mapping[str, Any]) -> int | None:
        """Add one row; returns its id when the table numbers its rows."""
        names = list(row)
        returning = " returning id" if self._key(table) == "id" and "id" not in row else ""
        sql = f"insert into {table} ({', '.join(names)}) values ({_marks(names)}){returning}"  # noqa: S608
        result = self.execute(sql, [row[name] for name in names])
        return int(result.rows[0][0]) if returning else None

    def insert_all(self, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
        """All rows in one transaction; none (and no transaction) when there are none."""
        rows = list(rows)
        if not rows:
            return
        with self.transaction():
            for row in rows:
                self.insert(table, row)

    def update(self, table: str, key: Any, values: Mapping[str, Any]) -> int:
        """Change columns of the row with this primary key; returns rows changed."""
        names = list(values)
        assignments = ", ".join(f"{name} = ?" for name in names)
        sql = f"update {table} set {assignments} where {self._key(table)} = ?"  # noqa: S608
        return self.execute(sql, [*(values[name] for name in names), key]).rowcount

    def upsert(self, table: str, row: Mapping[str, Any]) -> None:
        """Insert, or replace the other columns of the row with the same primary key."""
        pk, names = self._key(table), list(row)
        assignments = ", ".join(f"{name} = excluded.{name}" for name in names if name != pk)
        sql = (
            f"insert into {table} ({', '.join(names)}) values ({_marks(names)}) "  # noqa: S608
            f"on conflict ({pk}) do update set {assignments}"
        )
        self.execute(sql, [row[name] for name in names])

    def rows_where(
        self, table: str, where: str = "", params: Params = (), select: str = "*", order_by: str = ""
    ) -> list[dict[str, Any]]:
        sql = f"select {select} from {table}"  # noqa: S608
        sql += f" where {where}" if where else ""
        sql += f" order by {order_by}" if order_by else ""
        result = self.execute(sql, params)
        return [dict(zip(result.columns, row, strict=True)) for row in result.rows]

    def count_where(self, table: str, where: str, params: Params = ()) -> int:
        return int(self.execute(f"select count(*) from {table} where {where}", params).rows[0][0])  # noqa: S608

    def delete_where(self, table: str, where: str = "", params: Params = ()) -> int:
        sql = f"delete from {table}" + (f" where {where}" if where else "")  # noqa: S608
        return self.execute(sql, params).rowcount

    def is_healthy(self) -> bool:
        try:
            self.execute("select 1")
        except Exception:  # any driver error means: not usable now
            return False
        return True


def _marks(names: Sequence[str]) -> str:
    return ", ".join("?" for _ in names)
