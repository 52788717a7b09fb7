"""Deep links into a guided flow, and a flow's summary in the chat API."""

import json

import httpx
import pytest

SUMMARY = {
    "flow": "zorgplicht_termijn",
    "title": "Beslistermijn na aanmelding",
    "date": "2026-11-23",
    "answers": [{"label": "Schriftelijk aangemeld", "value": "Ja"}],
    "outcome": ["De school moet uiterlijk op maandag 4 januari 2027 beslissen."],
    "next_steps": ["Houd de datum in de gaten."],
    "shared_with_steunpunt": False,
    "text": "Beslistermijn na aanmelding\n...",
}


def test_start_opens_the_conversation_in_the_flow(client, rasa_calls):
    response = client.post("/api/conversations", json={"start": "zorgplicht_termijn"})
    assert response.status_code == 201
    assert rasa_calls[-1]["message"] == "/flow_zorgplicht_termijn"
    assert response.json()["messages"][0]["text"] == "Hieronder staat uw samenvatting."


@pytest.mark.parametrize("start", ["bestaat_niet", "_algemeen", "../zorgplicht_termijn", "ZORGPLICHT", ""])
def test_unknown_flow_is_refused_in_dutch(client, rasa_calls, start):
    response = client.post("/api/conversations", json={"start": start})
    assert response.status_code == 422
    assert "stappenplan" in response.json()["detail"]
    assert rasa_calls == []


def test_a_typed_flow_command_does_not_start_a_flow(client, conversation, rasa_calls):
    client.post(f"/api/conversations/{conversation}/messages", json={"text": "/flow_hoorrecht"})
    assert rasa_calls[-1]["message"] == "flow_hoorrecht"


@pytest.fixture
def rasa_handler(rasa_calls):
    def handle(request: httpx.Request) -> httpx.Response:
        payload = json.loads(request.content)
        rasa_calls.append(payload)
        return httpx.Response(
            200,
            json=[
                {"recipient_id": payload["sender"], "text": "Hieronder staat uw samenvatting."},
                {"recipient_id": payload["sender"], "custom": {"summary": SUMMARY, "sources": []}},
            ],
        )

    return handle


def test_summary_reaches_the_api_and_the_transcript(client, conversation, settings):
    reply = client.post(f"/api/conversations/{conversation}/messages", json={"text": "nee"}).json()
    assert reply["messages"][0]["summary"] == SUMMARY
    stored = client.app.state.store.db.execute(
        "select summary from messages where conversation_id = ? and summary is not null", [conversation]
    )
    assert [json.loads(row[0]) for row in stored] == [SUMMARY]
