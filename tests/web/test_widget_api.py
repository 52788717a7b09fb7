"""What the widget needs from the gateway: its script, the SWV settings, the
opening messages, an always-available person button, deletion, and CORS for
the SWV websites that embed it (Rasa stand-in)."""

import gzip
import json
from pathlib import Path

import httpx
import pytest

from web.main import create_app
from web.routers.pages import STATIC

WIDGET_BUDGET = 60 * 1024  # bytes, gzipped


@pytest.fixture
def rasa_handler(rasa_calls):
    def handle(request: httpx.Request) -> httpx.Response:
        payload = json.loads(request.content) if request.content else None
        rasa_calls.append({"method": request.method, "path": request.url.path, "payload": payload})
        if request.url.path.endswith("/webhook"):
            sender = payload["sender"]
            return httpx.Response(200, json=[{"recipient_id": sender, "text": "bot: " + payload["message"]}])
        return httpx.Response(200, json={})

    return handle


def test_the_widget_is_small_and_served_for_other_sites(client):
    sizes = [
        len(gzip.compress((STATIC / "widget" / name).read_bytes(), 9)) for name in ("widget.js", "widget.css")
    ]
    assert sum(sizes) < WIDGET_BUDGET
    response = client.get("/widget.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["cross-origin-resource-policy"] == "cross-origin"


def test_the_widget_gets_the_swv_settings(client):
    config = client.get("/api/widget/config").json()
    assert config["steunpunt"]["phone"]
    assert config["colour"].startswith("#")
    assert config["opening_hours"].startswith("maandag")
    assert config["open_now"] is True  # the tests' clock is a Tuesday morning


def test_the_widget_opens_with_welcome_privacy_and_audience(client, rasa_calls):
    created = client.post("/api/conversations", json={"welcome": True}).json()
    welcome, privacy, choice = created["messages"]
    assert "computerprogramma" in welcome["text"]
    assert "Privacy" in privacy["text"]
    assert [b["title"] for b in choice["buttons"]] == [
        "Ik ben ouder",
        "Ik ben leerling",
        "Ik werk in het onderwijs",
    ]
    assert rasa_calls == []  # the opening is the gateway's
    # The choice is a real button: its payload reaches Rasa unchanged.
    conversation = created["conversation_id"]
    client.post(f"/api/conversations/{conversation}/messages", json={"text": "/audience_ouder"})
    assert rasa_calls[-1]["payload"]["message"] == "/audience_ouder"


def test_the_person_button_always_works(client, conversation, rasa_calls):
    client.post(f"/api/conversations/{conversation}/messages", json={"text": "/handoff_request"})
    assert rasa_calls[-1]["payload"]["message"] == "/handoff_request"
    client.post(f"/api/conversations/{conversation}/messages", json={"text": "/zorgplicht_termijn"})
    assert rasa_calls[-1]["payload"]["message"] == "zorgplicht_termijn"  # not offered: typed text


def test_erasing_removes_everything_and_empties_rasas_tracker(client, rasa_calls):
    conversation = client.post("/api/conversations").json()["conversation_id"]
    client.post(f"/api/conversations/{conversation}/messages", json={"text": "ik wil dood"})  # queued, urgent
    client.app.state.notes.add(conversation, "Anna", "notitie")
    assert client.delete(f"/api/conversations/{conversation}").status_code == 204
    db = client.app.state.store.db
    tables = db.tables_with("conversation_id")
    assert {"messages", "transitions", "notes", "signals", "callbacks", "pending_turns"} <= set(tables)
    for table in tables:
        assert db.count_where(table, "conversation_id = ?", [conversation]) == 0, table
    assert db.count_where("conversations", "id = ?", [conversation]) == 0
    assert client.get(f"/api/conversations/{conversation}").status_code == 404
    assert client.delete(f"/api/conversations/{conversation}").status_code == 404
    [forget] = [c for c in rasa_calls if c["method"] == "PUT"]
    assert (forget["path"], forget["payload"]) == (f"/conversations/{conversation}/tracker/events", [])


def test_only_the_configured_websites_may_call_the_api(settings, tmp_path):
    swv = (
        Path(settings.swv_file)
        .read_text()
        .replace("websites: []", 'websites: ["https://www.swv-voorbeeld.nl"]')
    )
    settings.swv_file = tmp_path / "swv.yml"
    settings.swv_file.write_text(swv)
    from fastapi.testclient import TestClient

    with TestClient(create_app(settings)) as client:
        preflight = {
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        }
        allowed = client.options(
            "/api/conversations", headers={"Origin": "https://www.swv-voorbeeld.nl", **preflight}
        )
        other = client.options(
            "/api/conversations", headers={"Origin": "https://elders.example", **preflight}
        )
    assert allowed.headers.get("access-control-allow-origin") == "https://www.swv-voorbeeld.nl"
    assert "access-control-allow-origin" not in other.headers
