"""The scaled profile: two Rasa processes share a PostgreSQL tracker store and a
Redis lock store, and the gateway keeps its data in PostgreSQL. Runs in the
second pass of scripts/test.sh (WEGWIJZER_TEST_PROFILE=scaled)."""

import secrets
import threading

import httpx
import psycopg
import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture
def scaled(stack):
    if not stack.config.scaled:
        pytest.skip("runs in the scaled pass of `make test` (WEGWIJZER_TEST_PROFILE=scaled)")
    assert len(stack.config.rasa_urls) >= 2
    return stack


def _turn(stack, rasa_url: str, sender: str, text: str) -> list[dict]:
    """One turn straight to one Rasa process, as the gateway would send it."""
    response = httpx.post(
        f"{rasa_url}/webhooks/gateway/webhook",
        json={"sender": sender, "message": text},
        headers={"X-Wegwijzer-Token": stack.config.token()},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    return response.json()


def _text(messages: list[dict]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def _events(stack, rasa_url: str, sender: str) -> list[dict]:
    response = httpx.get(
        f"{rasa_url}/conversations/{sender}/tracker", params={"token": stack.config.token()}, timeout=30
    )
    return response.json()["events"]


def _postgres(stack, database: str) -> psycopg.Connection:
    return psycopg.connect(stack.config.postgres().url(database), autocommit=True)


def test_a_guided_flow_alternating_between_rasa_processes_keeps_one_tracker(scaled):
    first, second = scaled.config.rasa_urls[:2]
    sender = f"afwisselend-{secrets.token_hex(4)}"
    # Each step of the form is answered by the other process than the step before:
    # the slots and the active form travel only through the shared tracker store.
    opening = _turn(scaled, first, sender, "/flow_zorgplicht_termijn")
    assert "schriftelijk" in _text(opening)
    [yes] = [b["payload"] for m in opening for b in m.get("buttons", []) if b["title"] == "Ja"]
    assert "Op welke dag" in _text(_turn(scaled, second, sender, yes))
    assert "verlengt" in _text(_turn(scaled, first, sender, "3 weken geleden"))
    assert "nog **21 dagen**" in _text(_turn(scaled, second, sender, "nee"))

    seen_by_first, seen_by_second = _events(scaled, first, sender), _events(scaled, second, sender)
    assert seen_by_first == seen_by_second
    said = [e["text"] for e in seen_by_first if e["event"] == "user"]
    assert said[-2:] == ["3 weken geleden", "nee"]
    with _postgres(scaled, "rasa") as rasa_db:
        [[stored]] = rasa_db.execute("select count(*) from events where sender_id = %s", [sender]).fetchall()
    assert stored == len(seen_by_first)


def test_two_turns_at_once_on_two_processes_run_one_after_the_other(scaled):
    """Redis's lock: the second turn starts only when the first has finished, so
    the tracker's events never go back in time (without a shared lock both turns
    run at once and the later-saved one holds earlier timestamps)."""
    first, second = scaled.config.rasa_urls[:2]
    for attempt in range(6):  # chances for the turns to overlap if nothing stopped them
        sender = f"tegelijk-{attempt}-{secrets.token_hex(4)}"
        _turn(scaled, first, sender, "hallo")
        turns = [(first, "wat is een opp"), (second, "wat is een tlv"), (first, "bedankt"), (second, "doei")]
        _at_once(scaled, sender, turns)
        events = _events(scaled, first, sender)
        said = sorted(e["text"] for e in events if e["event"] == "user")
        assert said == sorted(["hallo", *(text for _, text in turns)])
        stamps = [e["timestamp"] for e in events]
        assert stamps == sorted(stamps)


def _at_once(stack, sender: str, turns: list[tuple[str, str]]) -> None:
    start, failures = threading.Barrier(len(turns)), []

    def say(url: str, text: str) -> None:
        start.wait()
        try:
            _turn(stack, url, sender, text)
        except BaseException as error:  # a lost thread must fail the test
            failures.append(error)

    threads = [threading.Thread(target=say, args=turn) for turn in turns]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_the_gateway_keeps_its_data_in_postgres_and_survives_losing_one_rasa(scaled, chat):
    assert "OPP" in chat.text_of("wat is een opp")
    with _postgres(scaled, "wegwijzer") as gateway_db:
        rows = gateway_db.execute(
            "select sender, text from messages where conversation_id = %s order by id", [chat.id]
        ).fetchall()
    assert rows[0] == ("user", "wat is een opp")
    assert rows[1][0] == "bot"
    # One Rasa process stops: the gateway sends every turn to the other one.
    scaled.services["rasa-2"].stop()
    try:
        for question, word in (("wat is een tlv", "TLV"), ("wat is zorgplicht", "zorgplicht"),
                               ("wat is een opp", "OPP")):  # fmt: skip
            reply = chat.say(question)
            assert word in "\n".join(m["text"] for m in reply["messages"]), reply
    finally:
        scaled.start_services("rasa-2")
