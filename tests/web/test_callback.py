"""A yes to a person outside office hours, or with nobody there: the question
and a checked way back are taken, the request waits for the next opening and
then stands in the queue (gateway with a Rasa stand-in, injectable clock)."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.web.staff_login import log_in
from web.clock import ShiftedClock
from web.contact import normalise_email, normalise_phone
from web.handoff import BOT, CALLBACK, QUEUED

SATURDAY_EVENING = datetime(2026, 12, 5, 20, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture
def clock() -> ShiftedClock:
    return ShiftedClock(SATURDAY_EVENING)


@pytest.fixture
def rasa_handler(rasa_calls):
    """A "ja" to the consent question makes the bot ask the gateway for a person."""

    def handle(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":  # the consultant's view asks for the tracker
            return httpx.Response(200, json={"slots": {}, "events": []})
        payload = json.loads(request.content)
        rasa_calls.append({"path": request.url.path, **payload})
        if payload.get("message") == "ja":
            return httpx.Response(
                200, json=[{"recipient_id": payload["sender"], "custom": {"handoff": {"reason": "gevraagd"}}}]
            )
        return httpx.Response(
            200, json=[{"recipient_id": payload["sender"], "text": "bot: " + payload["message"]}]
        )

    return handle


def say(client, conversation: str, text: str) -> dict:
    response = client.post(f"/api/conversations/{conversation}/messages", json={"text": text})
    assert response.status_code == 200, response.text
    return response.json()


def texts(reply: dict) -> str:
    return " ".join(m["text"] for m in reply["messages"])


def test_outside_office_hours_a_phone_callback_is_taken_and_due_on_monday(client, clock, rasa_calls):
    conversation = client.post("/api/conversations").json()["conversation_id"]
    opening = say(client, conversation, "ja")
    assert "geen medewerker aanwezig" in texts(opening)
    assert "maandag 7 december om 9.00 uur" in texts(opening)
    assert opening["state"] == BOT

    asked = say(client, conversation, "Mijn dochter mag niet meer naar school, wat nu?")
    assert [b["title"] for b in asked["messages"][-1]["buttons"]] == ["Hier in de chat", "Bel me", "Mail me"]
    say(client, conversation, "/terugbellen_telefoon")
    invalid = say(client, conversation, "12345")
    assert "geen telefoonnummer" in texts(invalid)
    done = say(client, conversation, "06 - 1234 5678")
    assert "belt je vanaf maandag 7 december om 9.00 uur" in texts(done)
    assert done["state"] == CALLBACK
    # The phone number never went to Rasa: the intake is the gateway's.
    assert "0612345678" not in json.dumps(rasa_calls)
    assert "1234 5678" not in json.dumps(rasa_calls)

    handoff = client.app.state.handoff
    assert handoff.queue() == []
    assert [e.conversation_id for e in handoff.scheduled()] == [conversation]
    # Monday morning the request stands in the queue, with the question and the number on the card.
    clock.advance(timedelta(days=1, hours=13, minutes=5))
    log_in(client)
    queue = client.get("/api/medewerker/wachtrij").json()
    assert [(i["id"], i["status"]) for i in queue["wachtend"]] == [(conversation, CALLBACK)]
    card = client.get(f"/api/medewerker/gesprekken/{conversation}").json()["kaart"]
    assert card["own_words"] == ["Mijn dochter mag niet meer naar school, wat nu?"]
    assert card["contact"] == "bellen: 0612345678"


def test_a_chat_callback_gets_a_link_back_to_the_conversation(client):
    conversation = client.post("/api/conversations").json()["conversation_id"]
    say(client, conversation, "ja")
    say(client, conversation, "Hoe werkt een TLV?")
    done = say(client, conversation, "hier in de chat graag")
    assert f"?gesprek={conversation}" in texts(done)
    assert done["state"] == CALLBACK


def test_stop_leaves_nothing_behind(client):
    conversation = client.post("/api/conversations").json()["conversation_id"]
    say(client, conversation, "ja")
    stopped = say(client, conversation, "/terugbellen_stop")
    assert "niets doorgestuurd" in texts(stopped)
    assert client.app.state.handoff.state(conversation) == BOT
    assert say(client, conversation, "wat is een opp")["messages"][0]["text"] == "bot: wat is een opp"


def test_in_office_hours_without_anyone_online_a_callback_is_due_at_once(client, clock):
    clock.advance(timedelta(days=2, hours=-9))  # Monday 11:00, nobody logged in
    conversation = client.post("/api/conversations").json()["conversation_id"]
    assert "geen medewerker vrij" in texts(say(client, conversation, "ja"))
    say(client, conversation, "Vraag over het OPP")
    say(client, conversation, "mail")
    say(client, conversation, "Ouder@Voorbeeld.nl")
    assert [e.conversation_id for e in client.app.state.handoff.queue()] == [conversation]


def test_in_office_hours_with_a_consultant_online_the_user_queues(client, clock):
    clock.advance(timedelta(days=2, hours=-9))
    log_in(client)
    conversation = client.post("/api/conversations").json()["conversation_id"]
    reply = say(client, conversation, "ja")
    assert (reply["state"], reply["queue_position"]) == (QUEUED, 1)
    assert "nummer 1 in de rij" in texts(reply)
    # No claims yet: no made-up waiting time.
    assert "kan ik nu niet goed zeggen" in texts(reply)


@pytest.mark.parametrize(
    ("text", "number"),
    [("0612345678", "0612345678"), ("+31 6 12345678", "0612345678"), ("0031-20-1234567", "0201234567"),
     ("(020) 123 45 67", "0201234567"), ("12345", None), ("06123456789", None), ("+44 20 7946 0958", None)],
)  # fmt: skip
def test_phone_numbers(text, number):
    assert normalise_phone(text) == number


@pytest.mark.parametrize(
    ("text", "address"),
    [("ouder@voorbeeld.nl", "ouder@voorbeeld.nl"), (" <A.B@mail.co.uk> ", "a.b@mail.co.uk"),
     ("ouder@voorbeeld", None), ("geen mail", None), ("a@b@c.nl", None)],
)  # fmt: skip
def test_email_addresses(text, address):
    assert normalise_email(text) == address
