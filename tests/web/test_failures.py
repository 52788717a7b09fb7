"""What the user and the operator see when Rasa or the action server is down:
a calm Dutch notice, every message kept, and the answers once Rasa is back."""

import json

import httpx
import pytest

from web.pending_turns import answer_pending


@pytest.fixture
def rasa_up() -> dict:
    return {"up": False}


@pytest.fixture
def rasa_handler(rasa_up):
    def handle(request: httpx.Request) -> httpx.Response:
        if not rasa_up["up"]:
            raise httpx.ConnectError("connection refused")
        payload = json.loads(request.content)
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
    rasa_up["up"] = True
    assert client.portal.call(answer_pending, client.app.state) == 2
    history = [
        (m["sender"], m["text"]) for m in client.get(f"/api/conversations/{conversation}").json()["messages"]
    ]
    assert [text for sender, text in history if sender in ("user", "bot")] == [
        "wat is een opp", "en een tlv", "antwoord op wat is een opp", "antwoord op en een tlv",
    ]  # fmt: skip
    # Once nothing waits, the bot answers directly again.
    assert client.post(url, json={"text": "dank je"}).json()["messages"][0]["text"] == "antwoord op dank je"


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


def test_a_slow_rasa_counts_as_no_answer(client, conversation, rasa_up):
    """Rasa answering after the gateway's timeout (WEGWIJZER_RASA_TIMEOUT) is the same as Rasa down."""

    def too_slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("no answer within the timeout")

    client.app.state.rasa._http._transport = httpx.MockTransport(too_slow)
    reply = client.post(f"/api/conversations/{conversation}/messages", json={"text": "hallo?"})
    assert reply.status_code == 200
    assert "Je bericht is bewaard" in reply.json()["messages"][0]["text"]
    assert client.app.state.pending.waiting(conversation)
