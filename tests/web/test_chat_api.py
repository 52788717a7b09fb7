"""The public chat API contract, with Rasa replaced by a stand-in transport."""

import pytest


def test_new_conversation_id_is_unguessable(client):
    ids = {client.post("/api/conversations").json()["conversation_id"] for _ in range(20)}
    assert len(ids) == 20
    # token_urlsafe(24): 32 characters of 6 bits each = 192 bits.
    assert all(len(i) >= 32 for i in ids)


def test_create_returns_201(client):
    response = client.post("/api/conversations")
    assert response.status_code == 201
    assert response.json()["messages"] == []
    assert set(response.json()) == {"conversation_id", "messages"}


def test_message_reply_has_contract_shape(client, conversation):
    response = client.post(f"/api/conversations/{conversation}/messages", json={"text": "hallo"})
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "bot"
    [message] = body["messages"]
    # `id` orders the transcript; the widget uses it to skip a message the live stream repeats.
    assert isinstance(message.pop("id"), int)
    assert message == {"text": "ok: hallo", "buttons": [], "sources": []}


def test_rasa_gets_the_shared_token_and_conversation_as_sender(client, conversation, rasa_calls):
    client.post(f"/api/conversations/{conversation}/messages", json={"text": "hallo"})
    [call] = rasa_calls
    assert call["sender"] == conversation
    assert call["headers"]["x-wegwijzer-token"] == "test-token"


def test_unknown_conversation_is_404_in_dutch(client):
    response = client.post("/api/conversations/bestaat-niet/messages", json={"text": "hallo"})
    assert response.status_code == 404
    assert "gesprek" in response.json()["detail"]


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "/", "x" * 2001, "x" * 10_000])
def test_empty_or_too_long_text_is_422(client, conversation, rasa_calls, text):
    response = client.post(f"/api/conversations/{conversation}/messages", json={"text": text})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Je bericht is")
    assert rasa_calls == []


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"json": {}},
        {"json": {"text": 42}},
        {"json": ["hallo"]},
        {"content": b"niet-json", "headers": {"content-type": "application/json"}},
        {"content": b"\x00\xff\xfe binary", "headers": {"content-type": "application/octet-stream"}},
    ],
)
def test_malformed_body_is_422_in_dutch(client, conversation, request_kwargs):
    response = client.post(f"/api/conversations/{conversation}/messages", **request_kwargs)
    assert response.status_code == 422
    assert "JSON" in response.json()["detail"]


def test_oversized_body_is_413(client, conversation):
    response = client.post(f"/api/conversations/{conversation}/messages", json={"text": "x" * 100_000})
    assert response.status_code == 413
    assert response.json()["detail"] == "Dit verzoek is te groot."


def test_typed_slash_command_does_not_reach_rasa_as_a_command(client, conversation, rasa_calls):
    client.post(f"/api/conversations/{conversation}/messages", json={"text": '/restart{"x": 1}'})
    assert rasa_calls[-1]["message"] == 'restart{"x": 1}'
