"""Human handoff end to end: the real model, the real gateway, the staff API
over HTTP, the live event stream, and restarts of the gateway and of Rasa."""

import json
import threading
import time

import httpx
import pytest

from tests.e2e.conftest import Chat, Console

pytestmark = pytest.mark.e2e


def rasa_events(stack, conversation_id: str) -> list[dict]:
    with httpx.Client(base_url=stack.config.rasa_url, timeout=30) as rasa:
        response = rasa.get(
            f"/conversations/{conversation_id}/tracker", params={"token": stack.config.token()}
        )
        response.raise_for_status()
    return response.json()["events"]


def user_texts(stack, conversation_id: str) -> list[str]:
    return [e.get("text") for e in rasa_events(stack, conversation_id) if e["event"] == "user"]


def button(reply: dict, title: str) -> str:
    [payload] = [b["payload"] for m in reply["messages"] for b in m["buttons"] if b["title"] == title]
    return payload


def queued_by_request(chat: Chat) -> dict:
    reply = chat.say("kan ik iemand van het steunpunt spreken")
    assert "Wil je dat?" in reply["messages"][0]["text"]
    assert reply["state"] == "bot"
    queued = chat.say(button(reply, "Ja, graag"))
    # Only what the gateway says about the queue: no fallback reply from the bot beside it.
    assert not [m for m in queued["messages"] if "begrijp" in m["text"]], queued["messages"]
    return queued


def test_request_wait_silently_get_a_reply_live_and_back_to_the_bot(chat, console, stack, gateway):
    queued = queued_by_request(chat)
    assert (queued["state"], queued["queue_position"]) == ("wachtrij", 1)
    assert "nummer 1 in de rij" in queued["messages"][-1]["text"]
    for number in range(5):
        reply = chat.say(f"is er al iemand? ({number})")
        assert (reply["messages"], reply["state"]) == ([], "wachtrij")
    assert user_texts(stack, chat.id)[-5:] == [f"is er al iemand? ({n})" for n in range(5)]

    waiting = console.get("/wachtrij")["wachtend"]
    assert chat.id in [item["id"] for item in waiting]
    assert console.act(f"/gesprekken/{chat.id}/oppakken").status_code == 204

    # The user's open chat listens on the event stream; the reply must arrive within 2 seconds.
    last = max(m["id"] for m in gateway.get(f"/api/conversations/{chat.id}").json()["messages"])
    received: list[dict] = []
    sent_at: list[float] = []

    def listen() -> None:
        url = f"/api/conversations/{chat.id}/events?after={last}"
        with gateway.stream("GET", url, timeout=15) as stream:
            event = None
            for line in stream.iter_lines():
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: ") and event == "bericht":
                    message = json.loads(line[6:])
                    if message["sender"] == "medewerker":
                        received.append({**message, "at": time.monotonic()})
                        return

    listener = threading.Thread(target=listen)
    listener.start()
    time.sleep(1)
    sent_at.append(time.monotonic())
    assert (
        console.act(
            f"/gesprekken/{chat.id}/berichten", {"tekst": "Hallo, ik ben Anna. Waar gaat het om?"}
        ).status_code
        == 201
    )
    listener.join(10)
    assert received, "the consultant's reply did not reach the event stream"
    assert received[0]["text"] == "Hallo, ik ben Anna. Waar gaat het om?"
    assert received[0]["author"] == "Anna"
    assert received[0]["at"] - sent_at[0] < 2
    # After a reload the history has it too, with the notice that Anna took over.
    history = gateway.get(f"/api/conversations/{chat.id}").json()
    senders = [(m["sender"], m["text"]) for m in history["messages"]]
    assert ("systeem", "Anna van het steunpunt heeft het gesprek overgenomen.") in senders
    assert ("medewerker", "Hallo, ik ben Anna. Waar gaat het om?") in senders
    # Rasa's tracker holds the consultant's turn too.
    staff_turns = [
        e
        for e in rasa_events(stack, chat.id)
        if e["event"] == "bot" and (e.get("metadata") or {}).get("medewerker")
    ]
    assert [e["text"] for e in staff_turns] == ["Hallo, ik ben Anna. Waar gaat het om?"]

    assert console.act(f"/gesprekken/{chat.id}/teruggeven").status_code == 204
    reply = chat.say("wat is een opp")
    assert reply["state"] == "bot"
    assert "OPP" in reply["messages"][0]["text"]


def test_two_misunderstandings_offer_a_person(chat, console):
    chat.say("blub blub flapperdeflap")
    reply = chat.say("zzzz qqqq wwww")
    offer = button(reply, "Praat met een medewerker")
    consent = chat.say(offer)
    assert "Wil je dat?" in consent["messages"][0]["text"]
    assert chat.say(button(consent, "Ja, graag"))["state"] == "wachtrij"


def test_saying_the_bot_does_not_understand_offers_a_person(chat):
    reply = chat.say("je snapt echt helemaal niks van wat ik bedoel")
    texts = [m["text"] for m in reply["messages"]]
    assert texts[0].startswith("Wat vervelend")
    assert "Wil je dat?" in texts[1]


def test_danger_gets_help_lines_and_goes_first(chat, console, stack):
    reply = chat.say("ik wil er niet meer zijn, niemand zou me missen")
    assert reply["state"] == "wachtrij"
    [help_lines] = reply["messages"]
    for number in ("112", "0800-0113", "0800-0432", "0800-2000"):
        assert number in help_lines["text"]
    first = console.get("/wachtrij")["wachtend"][0]
    assert (first["id"], first["prioriteit"]) == (chat.id, "urgent")
    assert user_texts(stack, chat.id)[0] == "ik wil er niet meer zijn, niemand zou me missen"


def test_no_to_the_consent_question_keeps_the_bot(chat):
    chat.say("ik wil met een mens praten")
    reply = chat.say("nee")
    assert reply["state"] == "bot"
    assert "later altijd nog" in reply["messages"][0]["text"]


def test_two_consultants_racing_for_one_conversation(chat, console, stack):
    queued_by_request(chat)
    bram = Console(stack, "bram")
    results: list[int] = []
    start = threading.Barrier(2)

    def claim(who: Console) -> None:
        start.wait()
        results.append(who.act(f"/gesprekken/{chat.id}/oppakken").status_code)

    threads = [threading.Thread(target=claim, args=(who,)) for who in (console, bram)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    bram.close()
    assert sorted(results) == [204, 409]


def test_erasing_a_conversation_empties_rasas_copy(stack, chat):
    chat.say("mijn zoon heeft adhd, wat is een opp?")
    assert user_texts(stack, chat.id) == ["mijn zoon heeft adhd, wat is een opp?"]
    assert chat.client.delete(f"/api/conversations/{chat.id}").status_code == 204
    assert user_texts(stack, chat.id) == []
