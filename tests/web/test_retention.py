"""Conversations are kept no longer than configured (30 days after the last
message), callback requests until handled; removal reaches Rasa's tracker too
(gateway with a Rasa stand-in and a clock the test moves)."""

from datetime import timedelta

import httpx
import pytest

from web.handoff import CALLBACK
from web.retention import purge


@pytest.fixture
def rasa_handler(rasa_calls):
    def handle(request: httpx.Request) -> httpx.Response:
        rasa_calls.append((request.method, request.url.path))
        if request.method == "PUT":
            return httpx.Response(200, json={})
        return httpx.Response(200, json=[{"recipient_id": "x", "text": "ok"}])

    return handle


def chat(client, text: str = "hallo") -> str:
    conversation = client.post("/api/conversations").json()["conversation_id"]
    client.post(f"/api/conversations/{conversation}/messages", json={"text": text})
    return conversation


def run_purge(client) -> int:
    state = client.app.state
    # In the app's own event loop (another may be running in this thread: the browser tests').
    return client.portal.call(purge, state.store, state.rasa, state.clock, 30)


def test_thirty_days_after_the_last_message_a_conversation_is_gone(client, clock, rasa_calls):
    old = chat(client)
    clock.advance(timedelta(days=2))
    recent = chat(client)
    clock.advance(timedelta(days=29))  # old: 31 days quiet, recent: 29
    assert run_purge(client) == 1
    assert client.get(f"/api/conversations/{old}").status_code == 404
    assert client.get(f"/api/conversations/{recent}").status_code == 200
    assert ("PUT", f"/conversations/{old}/tracker/events") in rasa_calls
    assert client.app.state.store.db.count_where("messages", "conversation_id = ?", [old]) == 0


def test_a_callback_request_is_kept_until_handled(client, clock):
    conversation = chat(client)
    client.app.state.handoff.request_callback(conversation, "gevraagd", clock.now())
    clock.advance(timedelta(days=45))
    assert run_purge(client) == 0
    assert client.app.state.handoff.state(conversation) == CALLBACK
    client.app.state.handoff.close(conversation, "anna", "Informatie gegeven")
    client.app.state.store.add_message(conversation, "systeem", {"text": "afgesloten"})
    clock.advance(timedelta(days=29))
    assert run_purge(client) == 0
    clock.advance(timedelta(days=2))
    assert run_purge(client) == 1


def test_when_rasa_is_down_nothing_is_half_removed(client, clock, rasa_stand_in):
    conversation = chat(client)
    rasa_stand_in.handler = lambda request: httpx.Response(500)
    clock.advance(timedelta(days=31))
    assert run_purge(client) == 0
    assert client.get(f"/api/conversations/{conversation}").status_code == 200
