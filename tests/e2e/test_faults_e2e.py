"""Real processes really stopped: with Rasa or the action server down the user
gets a calm notice, every message is kept, and the answers come, in order,
once the service is back."""

import time

import pytest

from tests.e2e.conftest import Chat

pytestmark = pytest.mark.e2e


def answers(gateway, chat: Chat, count: int, timeout: float = 60) -> list[str]:
    """The bot's answers once there are `count` of them (the event stream would show them live)."""
    deadline = time.monotonic() + timeout
    while True:
        messages = gateway.get(f"/api/conversations/{chat.id}").json()["messages"]
        bot = [m["text"] for m in messages if m["sender"] == "bot"]
        if len(bot) >= count or time.monotonic() > deadline:
            return bot
        time.sleep(0.5)


@pytest.mark.parametrize("service", ["rasa", "actions"])
def test_a_stopped_service_loses_nothing(stack, gateway, service):
    chat = Chat(gateway)
    stack.stop_services(service)  # "rasa": every Rasa process
    try:
        first = chat.say("wat is een opp")
        assert first["state"] == "bot"
        [notice] = first["messages"]
        assert "Je bericht is bewaard" in notice["text"]
        assert chat.say("en wat is een tlv")["messages"] == []
    finally:
        stack.start_services(service)
    said = answers(gateway, chat, 2)
    assert len(said) == 2, said
    assert "OPP" in said[0]
    assert "TLV" in said[1]
