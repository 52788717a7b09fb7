"""Rasa's SQL tracker store on SQLite (the single profile): write-ahead log, no
disk sync per commit, and one connection kept open.

Rasa saves and loads the tracker on every turn inside its one event loop, so
every other conversation waits meanwhile. Left to Rasa, SQLite ran with a
rollback journal and a full disk sync per commit, and SQLAlchemy 1.4 opened a
new connection for every session (NullPool for SQLite files): with WAL alone,
closing that last connection checkpoints and deletes the log each time. With
WAL, synchronous=NORMAL and a pooled connection, a turn's save and load took
5.7 ms instead of 7.9 (p50; p99 21.8 instead of 31.6; bench/tracker_store.py).
A killed process loses nothing; a power cut at most the last moments. The
gateway opens its own database the same way (web/storage/sqlite.py).
"""

from __future__ import annotations

import sqlite3
from typing import Any

import rasa.core.tracker_store as tracker_store
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool

_rasa_engine_kwargs = tracker_store.create_engine_kwargs


def _write_ahead(dbapi_connection: Any, _record: Any) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute("pragma journal_mode = wal")
        dbapi_connection.execute("pragma synchronous = normal")


def _engine_kwargs(url: Any) -> dict[str, Any]:
    if tracker_store.is_postgresql_url(url):
        return _rasa_engine_kwargs(url)
    # Pooled connections may be handed to another thread than the one that opened them.
    return {"poolclass": QueuePool, "connect_args": {"check_same_thread": False}}


def install() -> None:
    """For every tracker store and SQLAlchemy engine opened after this
    (PostgreSQL is left as Rasa configures it)."""
    if not event.contains(Engine, "connect", _write_ahead):
        event.listen(Engine, "connect", _write_ahead)
    tracker_store.create_engine_kwargs = _engine_kwargs
