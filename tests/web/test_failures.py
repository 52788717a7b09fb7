"""What the user and the operator see when Rasa or the action server is down:
a calm Dutch notice, every message kept, and the answers once Rasa is back."""

import asyncio
import json

import aiohttp
import httpx
import pytest

from web.pending_turns import PARALLEL_CONVERSATIONS, answer_pending


@pytest.fixture
def rasa_up() -> dict:
    """Whether Rasa answers, the turns it answered and how many it had in hand at once."""
    return {"up": False, "answered": [], "busy": 0, "most_busy": 0}


@pytest.fixture
def rasa_handler(rasa_up):
    async def handle(request: httpx.Request) -> httpx.Response:
        if not rasa_up["up"]:
            raise httpx.ConnectError("connection refused")
        payload = json.loads(request.content)
        rasa_up["busy"] += 1
        rasa_up["most_busy"] = max(rasa_up["most_busy"], rasa_up["busy"])
        await asyncio.sleep(0.02)  # a turn takes a while
        rasa_up["busy"] -= 1
        rasa_up["answered"].append((payload["sender"], payload["message"]))
        return httpx.Response(
            200, json=[{"recipient_id": payload["sender"], "text": "antwoord op " + payload["message"]}]
        )

    return handle


def test_rasa_down_keeps_the_messages_and_answers_them_in_order_later(client, conversation, rasa_up):
    url = f"/api/conversations/{conversation}/messages"
    first = client.post(url, json={"text": "wat is een opp"})
    assert first.status_code == 200
    [notice] = first.json()["messages"]
    assert "Je bericht is bewaard" in notice["text"]
    assert "Traceback" not in first.text
    second = client.post(url, json={"text": "en een tlv"})
    assert second.json()["messages"] == []  # waits behind the first, no second notice

    assert client.portal.call(answer_pending, client.app.state) == 0  # still down: nothing lost
    assert client.get(f"/api/conversations/{conversation}").json()["waiting_for_bot"] == 2
    rasa_up["up"] = True
    assert client.portal.call(answer_pending, client.app.state) == 2
    assert client.get(f"/api/conversations/{conversation}").json()["waiting_for_bot"] == 0
    history = [
        (m["sender"], m["text"]) for m in client.get(f"/api/conversations/{conversation}").json()["messages"]
    ]
    assert [text for sender, text in history if sender in ("user", "bot")] == [
        "wat is een opp", "en een tlv", "antwoord op wat is een opp", "antwoord op en een tlv",
    ]  # fmt: skip
    # Once nothing waits, the bot answers directly again.
    assert client.post(url, json={"text": "dank je"}).json()["messages"][0]["text"] == "antwoord op dank je"


def test_after_an_outage_conversations_are_answered_side_by_side_each_in_order(client, rasa_up):
    conversations = [client.post("/api/conversations").json()["conversation_id"] for _ in range(6)]
    for conversation in conversations:
        for text in ("eerste", "tweede", "derde"):
            client.post(f"/api/conversations/{conversation}/messages", json={"text": text})
    rasa_up["up"] = True
    assert client.portal.call(answer_pending, client.app.state) == 18
    for conversation in conversations:
        assert [text for sender, text in rasa_up["answered"] if sender == conversation] == [
            "eerste", "tweede", "derde",
        ]  # fmt: skip
    # Several conversations at once, but never more than the cap.
    assert 1 < rasa_up["most_busy"] <= PARALLEL_CONVERSATIONS


def test_a_flow_cannot_start_while_rasa_is_down(client):
    response = client.post("/api/conversations", json={"start": "zorgplicht_termijn"})
    assert response.status_code == 503
    assert "Probeer het over een minuut opnieuw" in response.json()["detail"]


def test_healthz_names_every_unreachable_service(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["services"] == {"gateway": "ok", "rasa": "unavailable", "actions": "unavailable"}
    assert body["detail"] == "Niet bereikbaar: rasa, actions"


def test_unknown_route_is_dutch_json(client):
    response = client.get("/bestaat/niet")
    assert response.status_code == 404
    assert response.json() == {"detail": "Niet gevonden."}


def test_wrong_method_is_dutch_json(client):
    response = client.get("/api/conversations")
    assert response.status_code == 405
    assert response.json() == {"detail": "Deze methode is hier niet toegestaan."}


def test_a_slow_rasa_counts_as_no_answer(client, conversation, rasa_stand_in):
    """Rasa answering after the gateway's timeout (WEGWIJZER_RASA_TIMEOUT) is the same as Rasa down."""

    async def too_slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(2)
        return httpx.Response(200, json=[{"recipient_id": "x", "text": "te laat"}])

    client.app.state.rasa.timeout = aiohttp.ClientTimeout(total=0.3)
    rasa_stand_in.handler = too_slow
    reply = client.post(f"/api/conversations/{conversation}/messages", json={"text": "hallo?"})
    assert reply.status_code == 200
    assert "Je bericht is bewaard" in reply.json()["messages"][0]["text"]
    assert client.app.state.pending.waiting(conversation)
