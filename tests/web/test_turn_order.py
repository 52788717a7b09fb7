"""The user's message is written while Rasa works on the turn (web/bot_turns.py):
still stored before any reply, and not added to the time the turn takes."""

import time

import httpx
import pytest

from tests.web.rasa_stand_in import answering_after
from web.conversations import USER

SECONDS = 0.4  # Rasa's turn; writing the user's message takes twice as long


@pytest.fixture
def rasa_handler():
    return answering_after(SECONDS, "Antwoord.")


@pytest.fixture
def slow_user_writes(client, monkeypatch):
    """Writing a user's message takes longer than Rasa's turn."""
    store = client.app.state.store
    add_message = store.add_message

    def slow(conversation_id, sender, *args, **kwargs):
        if sender == USER:
            time.sleep(2 * SECONDS)
        return add_message(conversation_id, sender, *args, **kwargs)

    monkeypatch.setattr(store, "add_message", slow)


def test_the_message_is_stored_before_the_reply_however_slow_the_write(
    client, conversation, slow_user_writes
):
    reply = client.post(f"/api/conversations/{conversation}/messages", json={"text": "hoi"}).json()
    transcript = client.get(f"/api/conversations/{conversation}").json()["messages"]
    assert [(m["sender"], m["text"]) for m in transcript] == [("user", "hoi"), ("bot", "Antwoord.")]
    assert transcript[0]["id"] < reply["messages"][0]["id"]


def test_writing_the_message_overlaps_rasas_turn(client, conversation, slow_user_writes):
    started = time.perf_counter()
    client.post(f"/api/conversations/{conversation}/messages", json={"text": "hoi"})
    # One after the other would take three times SECONDS; side by side, twice.
    assert time.perf_counter() - started < SECONDS * 2.5


def test_the_message_is_stored_when_rasa_does_not_answer(
    client, conversation, rasa_stand_in, slow_user_writes
):
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused")

    rasa_stand_in.handler = down
    client.post(f"/api/conversations/{conversation}/messages", json={"text": "hoi"})
    transcript = client.get(f"/api/conversations/{conversation}").json()["messages"]
    assert [m["sender"] for m in transcript] == ["user", "systeem"]
