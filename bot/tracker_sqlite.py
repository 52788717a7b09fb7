"""Rasa's SQL tracker store on SQLite (the single profile) in write-ahead-log mode.

Rasa opens the file with SQLite's defaults: a rollback journal and a full disk
sync, several syncs per commit, and Rasa saves the tracker on every turn inside
its one event loop, so every other conversation waits meanwhile. With WAL and
synchronous=NORMAL a commit only appends to the log (synced at checkpoints): a
killed process loses nothing, a power cut at most the last moments. The gateway
opens its own database the same way (web/storage/sqlite.py).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


def _write_ahead(dbapi_connection: Any, _record: Any) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute("pragma journal_mode = wal")
        dbapi_connection.execute("pragma synchronous = normal")


def install() -> None:
    """For every SQLAlchemy engine opened after this (PostgreSQL is left as it is)."""
    if not event.contains(Engine, "connect", _write_ahead):
        event.listen(Engine, "connect", _write_ahead)
