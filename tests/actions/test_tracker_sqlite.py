"""bot/tracker_sqlite.py: Rasa's SQLite tracker store writes ahead to a log,
does not wait for the disk on every commit and keeps its connection open."""

import asyncio
import sqlite3

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import tracker_sqlite


def test_the_tracker_store_keeps_one_sqlite_connection_in_wal_mode_with_normal_sync(tmp_path):
    tracker_sqlite.install()
    tracker_sqlite.install()  # twice is once
    path = tmp_path / "rasa-tracker.db"
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(path))
    tracker = DialogueStateTracker.from_events("gesprek-1", [UserUttered("hoi")])
    asyncio.run(store.save(tracker))
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("pragma synchronous").scalar() == 1  # NORMAL
    # Closing the last connection of a WAL file checkpoints it: the pool keeps one open.
    assert store.engine.pool.checkedin() == 1
    assert sqlite3.connect(path).execute("pragma journal_mode").fetchone() == ("wal",)
    events = asyncio.run(store.retrieve("gesprek-1")).events
    assert [e.text for e in events if isinstance(e, UserUttered)] == ["hoi"]
