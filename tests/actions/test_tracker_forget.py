"""bot/tracker_forget.py: replacing a conversation's events with none (what the
gateway does when a user erases a conversation) empties Rasa's SQL tracker store."""

import asyncio

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import tracker_forget


def _user_texts(store: SQLTrackerStore, sender: str) -> list[str]:
    tracker = asyncio.run(store.retrieve(sender))
    return [e.text for e in tracker.events if isinstance(e, UserUttered)] if tracker else []


def _rows(store: SQLTrackerStore, sender: str) -> int:
    with store.session_scope() as session:
        return session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender).count()


def test_replacing_the_events_with_none_deletes_the_stored_conversation(tmp_path):
    tracker_forget.install()
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))
    events = [ActionExecuted("action_session_start"), SessionStarted(), UserUttered("mijn zoon heeft adhd")]
    asyncio.run(store.save(DialogueStateTracker.from_events("gesprek-1", events)))
    asyncio.run(store.save(DialogueStateTracker.from_events("gesprek-2", [UserUttered("hallo")])))

    asyncio.run(store.save(DialogueStateTracker.from_events("gesprek-1", [])))  # the gateway's forget

    assert _rows(store, "gesprek-1") == 0
    assert _user_texts(store, "gesprek-1") == []
    assert _user_texts(store, "gesprek-2") == ["hallo"]  # other conversations stay


def test_a_growing_conversation_still_only_appends(tmp_path):
    tracker_forget.install()
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))
    tracker = DialogueStateTracker.from_events("gesprek-1", [UserUttered("eerste")])
    asyncio.run(store.save(tracker))
    tracker.update(UserUttered("tweede"))
    asyncio.run(store.save(tracker))
    assert _rows(store, "gesprek-1") == 2
    assert _user_texts(store, "gesprek-1") == ["eerste", "tweede"]
