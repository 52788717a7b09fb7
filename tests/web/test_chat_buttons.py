"""Buttons and sources: what Rasa offers, what the user clicks, what the API shows."""

import httpx
import pytest


@pytest.fixture
def rasa_handler():
    """Rasa offering a button; the answer text and its sources arrive as two messages."""

    def handle(request: httpx.Request) -> httpx.Response:
        message = request.read().decode()
        if "termijn" in message:
            return httpx.Response(
                200,
                json=[
                    {"recipient_id": "x", "text": "Binnen 6 weken."},
                    {
                        "recipient_id": "x",
                        "custom": {"sources": [{"title": "Handreiking", "ref": "002 r.119"}]},
                    },
                ],
            )
        return httpx.Response(
            200,
            json=[
                {
                    "recipient_id": "x",
                    "text": "Bedoel je:",
                    "buttons": [{"title": "De termijn", "payload": "/zorgplicht_termijn"}],
                }
            ],
        )

    return handle


def test_sources_are_attached_to_the_answer_they_belong_to(client, conversation):
    client.post(f"/api/conversations/{conversation}/messages", json={"text": "iets"})
    body = client.post(
        f"/api/conversations/{conversation}/messages", json={"text": "/zorgplicht_termijn"}
    ).json()
    assert [{k: v for k, v in m.items() if k != "id"} for m in body["messages"]] == [
        {"text": "Binnen 6 weken.", "buttons": [], "sources": [{"title": "Handreiking", "ref": "002 r.119"}]}
    ]


def test_offered_button_payload_passes_unchanged(client, conversation):
    first = client.post(f"/api/conversations/{conversation}/messages", json={"text": "iets"}).json()
    assert first["messages"][0]["buttons"] == [{"title": "De termijn", "payload": "/zorgplicht_termijn"}]
    store = client.app.state.store
    client.post(f"/api/conversations/{conversation}/messages", json={"text": "/zorgplicht_termijn"})
    rows = store.db.rows_where("messages", "conversation_id = ? and sender = 'user'", [conversation])
    # The transcript shows what the user clicked, not the payload.
    assert [r["text"] for r in rows] == ["iets", "De termijn"]


def test_buttons_of_an_earlier_turn_are_no_longer_a_click(client, conversation):
    client.post(f"/api/conversations/{conversation}/messages", json={"text": "iets"})
    # The bot's next turn (about the termijn) offers no buttons: the old one is gone.
    client.post(f"/api/conversations/{conversation}/messages", json={"text": "en de termijn?"})
    client.post(f"/api/conversations/{conversation}/messages", json={"text": "/zorgplicht_termijn"})
    store = client.app.state.store
    rows = store.db.rows_where("messages", "conversation_id = ? and sender = 'user'", [conversation])
    # Typed, not clicked: the slash is taken off, and it is not shown as the button's title.
    assert [(r["text"], r["clicked"]) for r in rows][-1] == ("zorgplicht_termijn", 0)
