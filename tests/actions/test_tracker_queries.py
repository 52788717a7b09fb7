"""bot/tracker_queries.py: Rasa's SQL tracker store with prebuilt queries stores
the same rows and reads back the same trackers as Rasa's own ORM queries."""

import asyncio

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import tracker_queries

RASA_METHODS = {name: getattr(SQLTrackerStore, name) for name in ("_retrieve", "save")}


@pytest.fixture(params=["rasa", "prebuilt"])
def store(request, tmp_path, monkeypatch):
    """The same checks on Rasa's own store and on the prebuilt queries."""
    for name, method in RASA_METHODS.items():
        monkeypatch.setattr(SQLTrackerStore, name, method)
    if request.param == "prebuilt":
        tracker_queries.install()
    return SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))


def _session(at: float, text: str) -> list:
    return [
        ActionExecuted("action_session_start", timestamp=at),
        SessionStarted(timestamp=at),
        UserUttered(text, intent={"name": "opp_wat", "confidence": 0.9}, timestamp=at + 1),
        SlotSet("doelgroep", "ouder", timestamp=at + 2),
    ]


def _texts(tracker: DialogueStateTracker) -> list[str]:
    return [e.text for e in tracker.events if isinstance(e, UserUttered)]


def test_a_tracker_reads_back_from_its_latest_session_and_in_full(store):
    tracker = DialogueStateTracker.from_events("gesprek-1", _session(100.0, "eerste sessie"))
    asyncio.run(store.save(tracker))
    for event in _session(200.0, "tweede sessie"):
        tracker.update(event)
    asyncio.run(store.save(tracker))
    asyncio.run(store.save(DialogueStateTracker.from_events("gesprek-2", [UserUttered("ander gesprek")])))

    latest = asyncio.run(store.retrieve("gesprek-1"))
    assert _texts(latest) == ["tweede sessie"]
    assert _texts(asyncio.run(store.retrieve_full_tracker("gesprek-1"))) == ["eerste sessie", "tweede sessie"]
    assert _texts(asyncio.run(store.retrieve("gesprek-2"))) == ["ander gesprek"]
    assert asyncio.run(store.retrieve("onbekend")) is None


def test_saving_again_adds_only_the_new_events_with_rasas_columns(store):
    tracker = DialogueStateTracker.from_events("gesprek-1", _session(100.0, "hallo"))
    asyncio.run(store.save(tracker))
    asyncio.run(store.save(tracker))  # nothing new
    with store.session_scope() as session:
        rows = session.query(store.SQLEvent).order_by(store.SQLEvent.id).all()
    assert [(r.type_name, r.intent_name, r.action_name, r.timestamp) for r in rows] == [
        ("action", None, "action_session_start", 100.0),
        ("session_started", None, None, 100.0),
        ("user", "opp_wat", None, 101.0),
        ("slot", None, "doelgroep", 102.0),  # Rasa writes any event's "name" there
    ]
