"""The guided flows through the public chat API, against the real services."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.e2e


def _start(gateway, flow: str) -> tuple[str, list[dict]]:
    response = gateway.post("/api/conversations", json={"start": flow})
    assert response.status_code == 201, response.text
    return response.json()["conversation_id"], response.json()["messages"]


def _say(gateway, conversation: str, text: str) -> list[dict]:
    response = gateway.post(f"/api/conversations/{conversation}/messages", json={"text": text})
    assert response.status_code == 200, response.text
    return response.json()["messages"]


def _text(messages: list[dict]) -> str:
    return "\n".join(m["text"] for m in messages)


def _button(messages: list[dict], title: str) -> str:
    return next(b["payload"] for m in messages for b in m["buttons"] if b["title"] == title)


def _summary(messages: list[dict]) -> dict:
    [summary] = [m["summary"] for m in messages if m.get("summary")]
    return summary


def test_zorgplicht_term_from_a_deep_link_to_the_summary(gateway):
    conversation, opening = _start(gateway, "zorgplicht_termijn")
    assert "schriftelijk" in _text(opening)
    asked_date = _say(gateway, conversation, _button(opening, "Ja"))
    assert "Op welke dag" in _text(asked_date)
    asked_extension = _say(gateway, conversation, "3 weken geleden")
    assert "verlengt" in _text(asked_extension)
    result = _say(gateway, conversation, "nee")
    # 3 weeks ago + 6 weeks = 3 weeks from today.
    assert "nog **21 dagen**" in _text(result)
    summary = _summary(result)
    today = datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    assert summary["date"] == today.isoformat()
    assert summary["answers"][0] == {"label": "Schriftelijk aangemeld", "value": "Ja"}
    assert str((today + timedelta(weeks=3)).year) in summary["text"]
    assert any(m["sources"] for m in result)


def test_a_side_question_is_answered_and_the_flow_goes_on(gateway):
    conversation, _ = _start(gateway, "zorgplicht_termijn")
    _say(gateway, conversation, "ja")
    side = _say(gateway, conversation, "telt een rondleiding op school ook als aanmelding?")
    assert any(m["sources"] for m in side), _text(side)
    assert "Op welke dag" in side[-1]["text"]
    assert "verlengt" in _text(_say(gateway, conversation, "1 november"))


def test_an_impossible_date_is_explained_and_asked_again(gateway):
    conversation, _ = _start(gateway, "zorgplicht_termijn")
    _say(gateway, conversation, "ja")
    reply = _text(_say(gateway, conversation, "31 februari"))
    assert "kan ik niet lezen" in reply
    assert "Op welke dag" in reply


def test_stop_ends_the_flow_and_questions_work_again(gateway):
    conversation, _ = _start(gateway, "thuiszitten")
    assert "gewist" in _text(_say(gateway, conversation, "stop"))
    answer = _say(gateway, conversation, "wat is een ontwikkelingsperspectief?")
    assert any(m["sources"] for m in answer)


def test_ladder_for_a_tlv_dispute_goes_to_the_objection_committee(gateway):
    conversation, opening = _start(gateway, "escalatieladder")
    steps = _say(gateway, conversation, _button(opening, "Een TLV (speciaal onderwijs)"))
    titles = [b["title"] for m in steps for b in m["buttons"]]
    assert "Bezwaar bij het samenwerkingsverband" in titles
    assert "De Geschillencommissie (GPO)" not in titles
    result = _say(gateway, conversation, "we hebben met het samenwerkingsverband gepraat")
    assert "➜ Bezwaar bij het samenwerkingsverband" in _text(result)
    assert _summary(result)["flow"] == "escalatieladder"


def test_going_back_changes_an_earlier_answer(gateway):
    conversation, _ = _start(gateway, "escalatieladder")
    _say(gateway, conversation, "het gaat over verwijdering")
    back = _text(_say(gateway, conversation, "terug"))
    assert "Waar gaat het meningsverschil" in back
    steps = _say(gateway, conversation, "thuiszitten")
    assert "De doorbraakaanpak" in [b["title"] for m in steps for b in m["buttons"]]


def test_gpo_preparation_keeps_the_parents_words(gateway):
    conversation, _ = _start(gateway, "gpo_verzoek")
    _say(gateway, conversation, "ze willen mijn zoon van school verwijderen")
    _say(gateway, conversation, "nee")
    _say(gateway, conversation, "Na een ruzie in de klas wil de school hem niet meer terug.")
    result = _say(gateway, conversation, "Dat hij kan blijven, met begeleiding.")
    summary = _summary(result)
    assert {
        "label": "Wat er is gebeurd",
        "value": "Na een ruzie in de klas wil de school hem niet meer terug.",
    } in summary["answers"]
    assert "advies" in _text(result)
    assert summary["next_steps"][0].startswith("Vraag de school eerst om het besluit op papier")


def test_pupil_flow_shares_only_after_yes(gateway):
    conversation, opening = _start(gateway, "hoorrecht")
    assert "naam" in _text(opening)  # it says a name is not needed
    for answer in ["tekenen", "stil zitten", "een rustige plek", "mag ik pauze nemen?", "mijn mentor"]:
        last = _say(gateway, conversation, answer)
    assert "steunpunt" in _text(last)
    result = _say(gateway, conversation, "ja")
    summary = _summary(result)
    assert summary["shared_with_steunpunt"] is True
    assert {"label": "Wat ik wil vragen of zeggen", "value": "mag ik pauze nemen?"} in summary["answers"]


def test_thuiszitten_check_always_offers_a_person(gateway):
    conversation, _ = _start(gateway, "thuiszitten")
    for answer in ["al 10 weken", "nee", "nee", "nee"]:
        result = _say(gateway, conversation, answer)
    assert "/handoff_request" in [b["payload"] for m in result for b in m["buttons"]]
    assert _summary(result)["answers"][0]["value"] == "Langer dan 6 weken"


def test_a_flow_starts_from_a_question(gateway):
    conversation = gateway.post("/api/conversations").json()["conversation_id"]
    reply = _text(
        _say(gateway, conversation, "kun je uitrekenen hoeveel dagen de school nog heeft om te beslissen?")
    )
    assert "schriftelijk" in reply


def test_an_article_offers_its_flow(chat):
    messages = chat.say("Hoe lang mag een school doen over een besluit na aanmelding?")["messages"]
    assert "/flow_zorgplicht_termijn" in [b["payload"] for m in messages for b in m["buttons"]]
