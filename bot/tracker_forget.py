"""Rasa's SQL tracker store forgets a conversation when its events are replaced.

The gateway empties Rasa's copy of a conversation that a user erased, or that
retention removed, by replacing its events with none (PUT
/conversations/{id}/tracker/events, web/rasa_client.py `forget`). Rasa 3.6's SQL
tracker store only ever appends: it stores the events past the number it already
holds, so a shorter event list stored nothing and the old turns stayed in the
database. Here a tracker with fewer events than are stored for its conversation
replaces them: the conversation's rows are deleted in the same transaction as
the new events are added. On SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import itertools
from typing import Any, Iterator

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_queries import stored_in_latest_session


def _additional_events(self: SQLTrackerStore, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
    """SQLTrackerStore._additional_events (the events to add on save), which
    first deletes what is stored when the tracker has fewer events than that."""
    stored = stored_in_latest_session(session, tracker.sender_id)
    if len(tracker.events) < stored:
        session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == tracker.sender_id).delete()
        return iter(tracker.events)
    return itertools.islice(tracker.events, stored, len(tracker.events))


def install() -> None:
    SQLTrackerStore._additional_events = _additional_events
