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
        reply = chat.say(f"is er al iemand? ({number})")
        assert (reply["messages"], reply["state"]) == ([], "wachtrij")
    said = rasa_user_texts(stack, chat.id)
    assert said[0] == "ik wil er niet meer zijn, niemand zou me missen"
    assert said[1:] == [f"is er al iemand? ({n})" for n in range(5)]


def test_hand_back_resumes_the_bot(chat, stack):
    # Until the console exists, the consultant acts on the gateway's database,
    # from another process, as a second gateway would.
    handoff = Handoff(ConversationStore(stack.config.var_dir / "gateway.db").db)
    assert chat.say("mijn vader slaat me")["state"] == "wachtrij"
    handoff.claim(chat.id, "anna")
    reply = chat.say("hallo?")
    assert (reply["messages"], reply["state"]) == ([], "medewerker")
    handoff.hand_back(chat.id, "anna")
    reply = chat.say("wat is een opp")
    assert reply["state"] == "bot"
    assert "OPP" in reply["messages"][0]["text"]


def test_asking_for_a_person_asks_consent_then_queues(chat):
    reply = chat.say("kan ik iemand van het steunpunt spreken")
    assert "Wil je dat?" in reply["messages"][0]["text"]
    assert reply["state"] == "bot"
    [yes] = [b for m in reply["messages"] for b in m["buttons"] if b["title"] == "Ja, graag"]
    queued = chat.say(yes["payload"])
    assert queued["state"] == "wachtrij"
    assert queued["queue_position"] >= 1
    assert "medewerker" in queued["messages"][0]["text"]


def test_no_to_the_consent_question_keeps_the_bot(chat):
    chat.say("ik wil met een mens praten")
    reply = chat.say("nee")
    assert reply["state"] == "bot"
    assert "later altijd nog" in reply["messages"][0]["text"]
