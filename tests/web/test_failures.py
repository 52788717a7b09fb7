"""What the user and the operator see when Rasa or the action server is down."""

import httpx
import pytest


@pytest.fixture
def rasa_handler():
    def handle(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused")

    return handle


def test_rasa_down_gives_calm_dutch_503_and_keeps_the_message(client, conversation):
    response = client.post(f"/api/conversations/{conversation}/messages", json={"text": "hallo"})
    assert response.status_code == 503
    assert "Probeer het over een minuut opnieuw" in response.json()["detail"]
    assert "Traceback" not in response.text
    rows = list(client.app.state.store.db["messages"].rows_where("conversation_id = ?", [conversation]))
    assert [r["text"] for r in rows] == ["hallo"]


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
