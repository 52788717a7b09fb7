"""Nothing is lost when a process restarts, in any state of a conversation,
and a callback request left on Saturday evening stands in Monday's queue.
The gateway's clock is moved by restarting it with another start moment."""

from collections.abc import Iterator

import pytest

from tests.e2e.conftest import OFFICE_HOURS, Chat, Console
from tests.e2e.test_handoff_e2e import button, queued_by_request, user_texts

pytestmark = pytest.mark.e2e

SATURDAY_EVENING = "2026-12-05T20:00:00+01:00"
MONDAY_MORNING = "2026-12-07T09:05:00+01:00"


def set_clock(stack, moment: str) -> None:
    stack.restart("gateway", env={"WEGWIJZER_CLOCK_START": moment})


@pytest.fixture
def clock(stack) -> Iterator[None]:
    yield
    set_clock(stack, OFFICE_HOURS)  # the other end-to-end tests expect Tuesday morning


def history(gateway, chat: Chat) -> dict:
    response = gateway.get(f"/api/conversations/{chat.id}")
    assert response.status_code == 200
    return response.json()


def test_a_saturday_callback_request_is_in_mondays_queue(stack, gateway, clock):
    set_clock(stack, SATURDAY_EVENING)
    chat = Chat(gateway)
    consent = chat.say("ik wil graag iemand spreken")
    opening = chat.say(button(consent, "Ja, graag"))
    said = " ".join(m["text"] for m in opening["messages"])
    assert "geen medewerker aanwezig" in said
    assert "maandag 7 december om 9.00 uur" in said
    chat.say("Mijn zoon wordt geschorst en ik weet niet wat ik moet doen.")
    chat.say("bel me maar")
    done = chat.say("06 12345678")
    assert done["state"] == "terugbelverzoek"
    assert "belt je vanaf maandag 7 december om 9.00 uur" in done["messages"][0]["text"]
    # The number stayed out of Rasa's tracker.
    assert not any("12345678" in (text or "") for text in user_texts(stack, chat.id))

    saturday = Console(stack, "anna")
    queue = saturday.get("/wachtrij")
    assert chat.id not in [item["id"] for item in queue["wachtend"]]
    assert chat.id in [item["id"] for item in queue["gepland"]]
    saturday.close()

    set_clock(stack, MONDAY_MORNING)
    monday = Console(stack, "anna")
    waiting = monday.get("/wachtrij")["wachtend"]
    assert (chat.id, "terugbelverzoek") in [(item["id"], item["status"]) for item in waiting]
    card = monday.get(f"/gesprekken/{chat.id}")["kaart"]
    assert card["contact"] == "bellen: 0612345678"
    assert card["own_words"] == ["Mijn zoon wordt geschorst en ik weet niet wat ik moet doen."]
    assert (
        monday.act(
            f"/gesprekken/{chat.id}/afsluiten", {"uitkomst": "Advies over de volgende stap"}
        ).status_code
        == 204
    )
    monday.close()


def callback_requests(stack, gateway) -> tuple[Chat, Chat]:
    """On Saturday evening: one conversation with a filed callback request, one
    halfway through the gateway's callback questions."""
    set_clock(stack, SATURDAY_EVENING)
    filed, halfway = Chat(gateway), Chat(gateway)
    for chat in (filed, halfway):
        consent = chat.say("ik wil graag iemand spreken")
        chat.say(button(consent, "Ja, graag"))
        chat.say("Hoe vraag ik een TLV aan voor het speciaal onderwijs?")
    assert filed.say("mail me")["state"] == "bot"
    assert filed.say("ouder@voorbeeld.nl")["state"] == "terugbelverzoek"
    set_clock(stack, OFFICE_HOURS)
    return filed, halfway


def test_restarting_the_gateway_and_rasa_loses_nothing_in_any_state(stack, gateway, console, clock):
    filed, halfway = callback_requests(stack, gateway)
    with_bot = Chat(gateway)
    with_bot.say("wat is een opp")
    waiting = Chat(gateway)
    queued_by_request(waiting)
    with_staff = Chat(gateway)
    queued_by_request(with_staff)
    assert console.act(f"/gesprekken/{with_staff.id}/oppakken").status_code == 204
    console.act(f"/gesprekken/{with_staff.id}/berichten", {"tekst": "Goedemorgen, ik lees even mee."})
    closed = Chat(gateway)
    queued_by_request(closed)
    console.act(f"/gesprekken/{closed.id}/oppakken")
    console.act(f"/gesprekken/{closed.id}/afsluiten", {"uitkomst": "Informatie gegeven"})
    chats = {"bot": with_bot, "wachtrij": waiting, "medewerker": with_staff, "afgerond": closed,
             "terugbelverzoek": filed, "halverwege": halfway}  # fmt: skip
    before = {state: history(gateway, chat) for state, chat in chats.items()}
    expected = {**{s: s for s in chats}, "halverwege": "bot"}
    assert {state: h["state"] for state, h in before.items()} == expected
    tracked = {state: user_texts(stack, chat.id) for state, chat in chats.items()}

    for service in ("gateway", "rasa"):
        stack.restart(service)
        for state, chat in chats.items():
            assert history(gateway, chat) == before[state], f"{state} changed after restarting {service}"
            assert user_texts(stack, chat.id) == tracked[state], f"Rasa lost turns after restarting {service}"

    # Every conversation goes on where it was.
    assert waiting.say("nog steeds hier")["messages"] == []
    assert (
        console.act(f"/gesprekken/{with_staff.id}/berichten", {"tekst": "Ik ben er weer."}).status_code == 201
    )
    assert console.act(f"/gesprekken/{with_staff.id}/teruggeven").status_code == 204
    assert "TLV" in with_staff.say("wat is een tlv")["messages"][0]["text"]
    assert closed.say("wat is zorgplicht")["state"] == "bot"
    assert "OPP" in with_bot.text_of("wie maakt het opp")
    # The half-finished callback request goes on at the question it was at.
    assert halfway.say("bel me")["messages"][0]["text"] == "Op welk telefoonnummer kunnen we je bellen?"
    assert halfway.say("0612345678")["state"] == "terugbelverzoek"
    assert filed.id in [item["id"] for item in console.get("/wachtrij")["gepland"]]
