"""Rasa's SQL tracker store, with its queries built once.

On every turn Rasa loads the conversation's events and saves the new ones.
Rasa 3.6 builds each query anew with SQLAlchemy's ORM: an events query with a
"since the last session start" subquery to load, the same again to count what
is stored before saving, ORM objects for every row. Profiled
(bench/hotspots.py --service rasa), the tracker store was 22% of the Rasa
server's busy time, and building those queries alone more than 2 ms a turn.
These are the same queries as SQLAlchemy Core statements, built when this
module is imported; rows are read and written without ORM objects. Same table,
same rows, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from typing import Any, Optional

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

EVENTS = SQLTrackerStore.SQLEvent.__table__
_SENDER = EVENTS.c.sender_id == sa.bindparam("sender_id")
_SESSION_START = (
    sa.select(sa.func.max(EVENTS.c.timestamp))
    .where(_SENDER, EVENTS.c.type_name == SessionStarted.type_name)
    .scalar_subquery()
)
# Rasa's rule: the events from the latest session start on, or all of them when
# the conversation never started a session.
_IN_LATEST_SESSION = sa.or_(EVENTS.c.timestamp >= _SESSION_START, _SESSION_START.is_(None))
ALL_EVENTS = sa.select(EVENTS.c.data).where(_SENDER).order_by(EVENTS.c.id)
LATEST_SESSION_EVENTS = sa.select(EVENTS.c.data).where(_SENDER, _IN_LATEST_SESSION).order_by(EVENTS.c.id)
COUNT_LATEST_SESSION = sa.select(sa.func.count()).select_from(EVENTS).where(_SENDER, _IN_LATEST_SESSION)
INSERT = sa.insert(EVENTS)


def stored_in_latest_session(session: Any, sender_id: str) -> int:
    """How many of the conversation's events since its latest session start are stored."""
    return session.execute(COUNT_LATEST_SESSION, {"sender_id": sender_id}).scalar_one()


async def _retrieve(
    self: SQLTrackerStore, sender_id: str, fetch_events_from_all_sessions: bool
) -> Optional[DialogueStateTracker]:
    query = ALL_EVENTS if fetch_events_from_all_sessions else LATEST_SESSION_EVENTS
    with self.session_scope() as session:
        events = [json.loads(data) for data in session.execute(query, {"sender_id": sender_id}).scalars()]
    if self.domain and events:
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
    return None


def _row(sender_id: str, event: Any) -> dict[str, Any]:
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


async def save(self: SQLTrackerStore, tracker: DialogueStateTracker) -> None:
    await self.stream_events(tracker)
    with self.session_scope() as session:
        rows = [_row(tracker.sender_id, event) for event in self._additional_events(session, tracker)]
        if rows:
            session.execute(INSERT, rows)
        session.commit()


def install() -> None:
    SQLTrackerStore._retrieve = _retrieve
    SQLTrackerStore.save = save
