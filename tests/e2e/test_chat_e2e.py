"""The whole path, over real HTTP: gateway -> Rasa (trained model) -> action server -> knowledge/."""

import httpx
import pytest

pytestmark = pytest.mark.e2e

# Written for this test, never in data/nlu: the model must generalise to them.
TERM_QUESTIONS = [
    "Hoe lang mag een school doen over een besluit na aanmelding?",
    "hoeveel tijd krijgt een school om te beslissen of ze mijn kind aannemen",
    "Binnen welke termijn moet de school laten weten of mijn zoon geplaatst wordt?",
    "we hebben onze dochter 7 weken geleden aangemeld en horen niks. hoe lang mag de school daarover doen?",
    "mag een school de beslistermijn na aanmelding verlengen en met hoeveel weken",
    "hoelang duurt het besluit over toelating",
]


def test_healthz_reports_all_three_services(gateway):
    response = gateway.get("/healthz")
    assert response.status_code == 200
    assert response.json()["services"] == {"gateway": "ok", "rasa": "ok", "actions": "ok"}


@pytest.mark.parametrize("question", TERM_QUESTIONS)
def test_term_question_is_answered_from_the_article_with_its_source(chat, question):
    messages = chat.say(question)["messages"]
    offered = [b["payload"] for m in messages for b in m["buttons"]]
    if "/zorgplicht_termijn" in offered and not any(m["sources"] for m in messages):
        # Close to a neighbouring question: "Bedoel je ...?" with this one offered.
        messages = chat.say("/zorgplicht_termijn")["messages"]
    text = "\n".join(m["text"] for m in messages)
    assert "6 weken" in text
    assert "4 weken" in text
    sources = [s for m in messages for s in m["sources"]]
    assert any(s["ref"].startswith("002_1017caeb53e816e6.txt") for s in sources)


def test_greeting_introduces_the_bot_as_a_program(chat):
    assert "computerprogramma" in chat.text_of("goedemorgen!")


def test_thanks_and_goodbye(chat):
    assert "Graag gedaan" in chat.text_of("top, dank je wel")
    assert "Dag!" in chat.text_of("oke doei")


@pytest.mark.parametrize("text", ["xkcd qwpoz vvvbn", "wat voor weer wordt het zaterdag in Utrecht?"])
def test_unclear_or_unrelated_message_gets_a_suggestion_not_an_answer(chat, text):
    [message] = chat.say(text)["messages"]
    assert "6 weken" not in message["text"]
    assert message["buttons"], "a suggestion to continue with"
    assert message["sources"] == []


def _button(message: dict, title_part: str) -> str:
    return next(b["payload"] for b in message["buttons"] if title_part in b["title"])


def test_buttons_lead_from_an_unrelated_question_to_a_sourced_answer(chat):
    [message] = chat.say("wat voor weer wordt het zaterdag in Utrecht?")["messages"]
    [topics] = chat.say(_button(message, "Wat kun jij"))["messages"]
    answer = chat.say(_button(topics, "zorgplicht"))["messages"][0]
    assert "zorgplicht" in answer["text"].lower()
    assert answer["sources"]


def test_more_button_shows_the_detail_of_the_answer(chat):
    [answer] = chat.say(TERM_QUESTIONS[0])["messages"]
    [more] = chat.say(_button(answer, "Meer weten"))["messages"]
    assert more["text"] not in answer["text"]
    assert more["sources"] == answer["sources"]


def test_a_pupil_gets_the_pupil_version(chat):
    chat.say("ik ben leerling")
    [answer] = chat.say("wat is zorgplicht eigenlijk")["messages"]
    assert " je " in f" {answer['text']} "
    assert " u " not in f" {answer['text']} "


def test_two_misunderstandings_in_a_row_offer_a_person(chat):
    chat.say("xkcd qwpoz vvvbn")
    [message] = chat.say("blorp fnarg wibble")["messages"]
    assert any(b["payload"] == "/handoff_request" for b in message["buttons"])


@pytest.mark.parametrize("text", ["🙂🙂🙂", "👍", "🤔"])
def test_emoji_only_gets_a_calm_reply_without_facts(chat, text):
    messages = chat.say(text)["messages"]
    assert messages
    assert all(m["sources"] == [] for m in messages)


def test_html_in_a_message_is_treated_as_text(chat):
    reply = chat.say("<script>alert(1)</script>")
    assert reply["messages"]
    assert all("<script>" not in m["text"] for m in reply["messages"])


def test_rasa_channel_refuses_callers_without_the_token(stack):
    url = f"{stack.config.rasa_url}/webhooks/gateway/webhook"
    assert httpx.post(url, json={"sender": "x", "message": "hallo"}).status_code == 403
    assert (
        httpx.post(
            url, json={"sender": "x", "message": "hallo"}, headers={"X-Wegwijzer-Token": "fout"}
        ).status_code
        == 403
    )
    # Rasa's unauthenticated REST channel is not enabled at all.
    assert (
        httpx.post(
            f"{stack.config.rasa_url}/webhooks/rest/webhook", json={"sender": "x", "message": "hallo"}
        ).status_code
        == 404
    )
    assert httpx.get(f"{stack.config.rasa_url}/status").status_code == 401


def _listening_addresses(port: int) -> set[str]:
    addresses = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as rows:
            for row in list(rows)[1:]:
                local, state = row.split()[1], row.split()[3]
                address, port_hex = local.split(":")
                if state == "0A" and int(port_hex, 16) == port:
                    addresses.add(address)
    return addresses


def test_everything_but_the_gateway_listens_on_loopback_only(stack):
    loopback = "0100007F"  # 127.0.0.1, little-endian hex as /proc/net/tcp writes it
    config = stack.config
    ports = [*config.rasa_ports, config.actions_port]
    if config.scaled:
        ports += [config.postgres_port, config.redis_port]
    assert {port: _listening_addresses(port) for port in ports} == {port: {loopback} for port in ports}


def test_the_action_server_runs_without_tensorflow(stack, chat):
    # Finding a school's name runs spaCy's PhraseMatcher in the action server (actions/serve.py).
    reply = chat.say("wat biedt de regenboog?")
    assert any("De Regenboog (Kampen" in b["title"] for m in reply["messages"] for b in m["buttons"])
    pid = stack.services["actions"].process.pid
    with open(f"/proc/{pid}/maps") as maps:
        assert "tensorflow" not in maps.read()
    with open(f"/proc/{pid}/status") as status:
        rss_kb = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    assert rss_kb < 250_000


def test_healthz_names_the_action_server_when_it_is_down(stack, gateway, chat):
    stack.services["actions"].stop()
    try:
        response = gateway.get("/healthz")
        assert response.status_code == 503
        assert response.json()["detail"] == "Niet bereikbaar: actions"
    finally:
        stack.restart("actions")
    assert gateway.get("/healthz").status_code == 200
    assert "6 weken" in chat.text_of(TERM_QUESTIONS[0])
