"""Who owns a conversation: the state machine, the queue, and a bot that stays
silent while a person owns the chat (gateway with a Rasa stand-in)."""

import json
import threading
from datetime import timedelta

import httpx
import pytest

from tests.web.staff_login import log_in
from web.clock import SystemClock
from web.conversations import ConversationStore
from web.handoff import BOT, CALLBACK, CLOSED, QUEUED, STAFF, URGENT, Handoff, TransitionRefused
from web.storage.sqlite import SQLiteDatabase


@pytest.fixture
def rasa_handler(rasa_calls):
    """Rasa answers turns on the webhook and accepts events on the tracker API."""

    def handle(request: httpx.Request) -> httpx.Response:
        payload = json.loads(request.content)
        rasa_calls.append({"path": request.url.path, **payload})
        if request.url.path.endswith("/tracker/events"):
            return httpx.Response(200, json={"events": []})
        return httpx.Response(
            200, json=[{"recipient_id": payload["sender"], "text": "bot: " + payload["message"]}]
        )

    return handle


@pytest.fixture
def handoff(tmp_path, clock) -> Handoff:
    return Handoff(SQLiteDatabase(tmp_path / "gateway.db"), clock)


def _create(handoff: Handoff) -> str:
    """A new conversation in the same database, as POST /api/conversations makes one."""
    return ConversationStore(handoff.db, handoff.clock).create()


def test_the_whole_way_round(handoff):
    conversation = _create(handoff)
    handoff.request_person(conversation, "gevraagd")
    handoff.claim(conversation, "anna")
    handoff.close(conversation, "anna", "advies gegeven")
    handoff.move(conversation, BOT, "gebruiker", "nieuw bericht")
    steps = [(t["from_state"], t["to_state"], t["actor"], t["reason"]) for t in handoff.history(conversation)]
    assert steps == [
        (BOT, QUEUED, "bot", "gevraagd"),
        (QUEUED, STAFF, "anna", "opgepakt"),
        (STAFF, CLOSED, "anna", "advies gegeven"),
        (CLOSED, BOT, "gebruiker", "nieuw bericht"),
    ]
    assert all(t["at"] for t in handoff.history(conversation))


def test_a_state_that_does_not_allow_it_is_refused(handoff):
    conversation = _create(handoff)
    with pytest.raises(TransitionRefused):
        handoff.claim(conversation, "anna")
    assert handoff.state(conversation) == BOT


def test_two_consultants_cannot_claim_the_same_conversation(open_database):
    store = ConversationStore(open_database())
    conversation = store.create()
    Handoff(store.db, SystemClock()).request_person(conversation, "gevraagd")
    # Each consultant through their own connection, as two gateway processes would.
    consultants = {f"consulent-{n}": Handoff(open_database(), SystemClock()) for n in range(8)}
    winners, errors, start = [], [], threading.Barrier(len(consultants))

    def claim(name: str) -> None:
        start.wait()
        try:
            consultants[name].claim(conversation, name)
            winners.append(name)
        except TransitionRefused:
            pass
        except Exception as error:  # a lost thread must fail the test
            errors.append(error)

    threads = [threading.Thread(target=claim, args=(name,)) for name in consultants]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(winners) == 1
    [row] = store.db.execute("select assignee from conversations where id = ?", [conversation]).fetchall()
    assert row[0] == winners[0]


def test_urgent_goes_to_the_front_of_the_queue(handoff):
    first, second, danger = _create(handoff), _create(handoff), _create(handoff)
    # Each request a little later: within one millisecond (the stored precision)
    # the order of two requests is not defined, and a fast run made them tie.
    handoff.request_person(first, "gevraagd")
    handoff.clock.advance(timedelta(milliseconds=5))
    handoff.request_person(second, "gevraagd")
    handoff.clock.advance(timedelta(milliseconds=5))
    handoff.request_person(danger, "veiligheid", URGENT)
    assert [e.conversation_id for e in handoff.queue()] == [danger, first, second]
    assert handoff.position(second) == 3
    # An urgent message from someone already waiting moves them forward too;
    # among urgent ones, who waited longest goes first.
    handoff.clock.advance(timedelta(milliseconds=5))
    handoff.request_person(second, "veiligheid", URGENT)
    assert [e.conversation_id for e in handoff.queue()] == [second, danger, first]


def start(client) -> str:
    return client.post("/api/conversations").json()["conversation_id"]


def say(client, conversation: str, text: str) -> dict:
    response = client.post(f"/api/conversations/{conversation}/messages", json={"text": text})
    assert response.status_code == 200, response.text
    return response.json()


def test_the_bot_is_silent_while_a_person_owns_the_chat(client, rasa_calls):
    conversation = start(client)
    assert say(client, conversation, "hallo")["messages"][0]["text"] == "bot: hallo"
    handoff = client.app.state.handoff
    handoff.request_person(conversation, "gevraagd")
    for number in range(5):
        reply = say(client, conversation, f"bericht {number}")
        assert reply == {"messages": [], "state": QUEUED, "queue_position": 1}
    handoff.claim(conversation, "anna")
    assert say(client, conversation, "nog een vraag") == {"messages": [], "state": STAFF}
    # Rasa was asked to answer once; the other six went into its tracker only.
    turns = [c for c in rasa_calls if c["path"].endswith("/webhook")]
    logged = [c["text"] for c in rasa_calls if c["path"].endswith("/tracker/events")]
    assert len(turns) == 1
    assert logged == [*(f"bericht {n}" for n in range(5)), "nog een vraag"]
    handoff.hand_back(conversation, "anna")
    reply = say(client, conversation, "en nu?")
    assert [m["text"] for m in reply["messages"]] == ["bot: en nu?"]
    assert reply["state"] == BOT


def test_a_message_about_danger_gets_help_lines_and_priority(client, rasa_calls):
    conversation = start(client)
    reply = say(client, conversation, "ik wil niet meer leven")
    [message] = reply["messages"]
    for number in ("112", "0800-0113", "0800-0432", "0800-2000"):
        assert number in message["text"]
    assert reply["state"] == QUEUED
    assert client.app.state.handoff.queue()[0].priority == URGENT
    assert not [c for c in rasa_calls if c["path"].endswith("/webhook")]


def test_help_lines_do_not_wait_for_rasa(client, rasa_stand_in):
    rasa_stand_in.handler = lambda request: httpx.Response(500)
    conversation = start(client)
    reply = say(client, conversation, "mijn vader slaat me")
    assert "0800-2000" in reply["messages"][0]["text"]


def test_after_closing_the_bot_answers_again(client):
    conversation = start(client)
    handoff = client.app.state.handoff
    handoff.request_person(conversation, "gevraagd")
    handoff.claim(conversation, "anna")
    handoff.close(conversation, "anna", "doorverwezen")
    reply = say(client, conversation, "dank je")
    assert reply["state"] == BOT
    assert reply["messages"][0]["text"] == "bot: dank je"


def test_the_bot_can_ask_for_a_person(client, rasa_stand_in):
    """After a yes the bot sends {"handoff": ...}: the gateway queues the conversation."""

    def rasa_asks_for_a_person(request: httpx.Request) -> httpx.Response:
        sender = json.loads(request.content)["sender"]
        return httpx.Response(
            200,
            json=[
                {"recipient_id": sender, "text": "Ik zet je gesprek door."},
                {"recipient_id": sender, "custom": {"handoff": {"reason": "gevraagd"}}},
            ],
        )

    rasa_stand_in.handler = rasa_asks_for_a_person
    log_in(client)  # a consultant is there, in office hours
    waiting = start(client)
    client.app.state.handoff.request_person(waiting, "gevraagd")
    conversation = start(client)
    reply = say(client, conversation, "ja graag")
    texts = [m["text"] for m in reply["messages"]]
    assert texts[0] == "Ik zet je gesprek door."
    assert "nummer 2 in de rij" in texts[-1]
    assert (reply["state"], reply["queue_position"]) == (QUEUED, 2)
    [transition] = client.app.state.handoff.history(conversation)
    assert (transition["actor"], transition["reason"]) == ("bot", "gevraagd")


@pytest.mark.parametrize("closed_or_callback", [CLOSED, CALLBACK])
def test_help_lines_in_every_state(client, closed_or_callback):
    conversation = start(client)
    handoff = client.app.state.handoff
    if closed_or_callback == CLOSED:
        handoff.request_person(conversation, "gevraagd")
        handoff.claim(conversation, "anna")
        handoff.close(conversation, "anna", "advies gegeven")
    else:
        handoff.move(conversation, CALLBACK, "bot", "buiten kantoortijd")
    reply = say(client, conversation, "ik snij mezelf weer")
    assert "0800-0113" in reply["messages"][0]["text"]
    [row] = handoff.db.execute("select priority from conversations where id = ?", [conversation]).fetchall()
    assert row[0] == URGENT
