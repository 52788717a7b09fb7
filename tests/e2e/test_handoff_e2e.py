"""A person owns the conversation: with the real Rasa the bot stays silent, the
transcript in Rasa's tracker stays complete, and a message about danger gets
the help lines at once."""

import httpx
import pytest

from web.conversations import ConversationStore
from web.handoff import Handoff

pytestmark = pytest.mark.e2e


def rasa_user_texts(stack, conversation_id: str) -> list[str]:
    with httpx.Client(base_url=stack.config.rasa_url, timeout=30) as rasa:
        response = rasa.get(
            f"/conversations/{conversation_id}/tracker", params={"token": stack.config.token()}
        )
        response.raise_for_status()
    return [e.get("text") for e in response.json()["events"] if e["event"] == "user"]


def test_danger_gets_help_lines_then_the_bot_is_silent(chat, stack):
    reply = chat.say("ik wil er niet meer zijn, niemand zou me missen")
    assert reply["state"] == "wachtrij"
    [help_lines] = reply["messages"]
    for number in ("112", "0800-0113", "0800-0432", "0800-2000"):
        assert number in help_lines["text"]
    for number in range(5):
        assert chat.say(f"is er al iemand? ({number})") == {"messages": [], "state": "wachtrij"}
    said = rasa_user_texts(stack, chat.id)
    assert said[0] == "ik wil er niet meer zijn, niemand zou me missen"
    assert said[1:] == [f"is er al iemand? ({n})" for n in range(5)]


def test_hand_back_resumes_the_bot(chat, stack):
    # Until the console exists, the consultant acts on the gateway's database,
    # from another process, as a second gateway would.
    handoff = Handoff(ConversationStore(stack.config.var_dir / "gateway.db").db)
    assert chat.say("mijn vader slaat me")["state"] == "wachtrij"
    handoff.claim(chat.id, "anna")
    assert chat.say("hallo?") == {"messages": [], "state": "medewerker"}
    handoff.hand_back(chat.id, "anna")
    reply = chat.say("wat is een opp")
    assert reply["state"] == "bot"
    assert "OPP" in reply["messages"][0]["text"]
