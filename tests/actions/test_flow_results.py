"""What each flow says when its form is done, and the summary it hands over."""

from datetime import date

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import clock
from actions.flow_results.escalatieladder import ActionEscalatieladderResult
from actions.flow_results.gpo_verzoek import ActionGpoVerzoekResult
from actions.flow_results.hoorrecht import ActionHoorrechtResult
from actions.flow_results.thuiszitten import ActionThuiszittenResult
from actions.flow_results.zorgplicht_termijn import ActionZorgplichtTermijnResult
from tests.actions.factories import flow_tracker

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def finish(action, slots):
    """(all text the bot said, the summary payload, every button payload)."""
    dispatcher = CollectingDispatcher()
    action.run(dispatcher, flow_tracker("", None, slots), {})
    text = "\n".join(m["text"] or "" for m in dispatcher.messages)
    summaries = [m["custom"]["summary"] for m in dispatcher.messages if m.get("custom", {}).get("summary")]
    assert len(summaries) == 1
    payloads = [b["payload"] for m in dispatcher.messages for b in m["buttons"]]
    return text, summaries[0], payloads


def zorgplicht(registered: str, extended: str = "nee"):
    slots = {"zt_schriftelijk": "ja", "zt_aanmelddatum": registered, "zt_verlenging": extended}
    return finish(ActionZorgplichtTermijnResult(), slots)


def test_term_still_running():
    text, summary, payloads = zorgplicht("2026-10-23")
    assert "vrijdag 4 december 2026" in text
    assert "nog **11 dagen**" in text
    assert "/handoff_request" not in payloads
    assert summary["answers"][1] == {"label": "Aanmelding ontvangen op", "value": "vrijdag 23 oktober 2026"}
    assert "**" not in summary["text"]


def test_term_with_extension_is_ten_weeks():
    text, _, _ = zorgplicht("2026-10-23", "ja")
    assert "vrijdag 1 januari 2027" in text
    assert "10 weken" in text


def test_term_passed_gives_the_ladder_and_a_person():
    text, summary, payloads = zorgplicht("2026-09-01")
    assert "**41 dagen geleden** verstreken" in text
    assert {"/handoff_request", "/flow_escalatieladder"} <= set(payloads)
    assert summary["next_steps"]


def test_unknown_extension_gives_both_dates():
    text, _, _ = zorgplicht("2026-10-23", "onbekend")
    assert "vrijdag 4 december 2026" in text
    assert "vrijdag 1 januari 2027" in text


def test_no_written_registration_explains_how_to_register():
    text, summary, _ = finish(ActionZorgplichtTermijnResult(), {"zt_schriftelijk": "nee"})
    assert "schriftelijk" in text
    assert "aanmeldformulier" in text
    assert [a["label"] for a in summary["answers"]] == ["Schriftelijk aangemeld"]


def test_ladder_marks_position_and_next_step():
    text, summary, _ = finish(ActionEscalatieladderResult(), {"el_onderwerp": "opp", "el_stap": "school"})
    assert "✓ Gesprek met de school" in text
    assert "➜ Het schoolbestuur" in text
    assert "○ Een onderwijsconsulent, mag u overslaan" in text
    assert "Geschillencommissie" in text
    assert summary["next_steps"][0].startswith("Uw volgende stap: Het schoolbestuur")


def test_tlv_route_goes_to_the_objection_committee_not_the_gpo():
    text, _, _ = finish(ActionEscalatieladderResult(), {"el_onderwerp": "tlv", "el_stap": "swv"})
    assert "➜ Bezwaar bij het samenwerkingsverband" in text
    assert "De Geschillencommissie (GPO)" not in text  # the GPO step is not on this route
    assert "niet naar de Geschillencommissie" in text


def test_after_the_last_step_every_step_is_done_and_a_person_helps():
    _, summary, payloads = finish(
        ActionEscalatieladderResult(), {"el_onderwerp": "thuiszitten", "el_stap": "doorbraak"}
    )
    assert "/handoff_request" in payloads
    steps = summary["outcome"][1:]
    assert len(steps) == 5
    assert all(line.startswith("✓") for line in steps), steps


def test_gpo_fit_gives_checklist_and_non_binding_advice():
    slots = {
        "gpo_onderwerp": "verwijdering",
        "gpo_besluit": "nee",
        "gpo_situatie": "School wil hem weg.",
        "gpo_wens": "Blijven.",
    }
    text, summary, _ = finish(ActionGpoVerzoekResult(), slots)
    assert "advies" in text
    assert "tijdlijn" in text
    assert summary["next_steps"][0].startswith("Vraag de school eerst om het besluit op papier")
    assert {"label": "Wat er is gebeurd", "value": "School wil hem weg."} in summary["answers"]


def test_tlv_is_not_for_the_gpo():
    text, summary, _ = finish(ActionGpoVerzoekResult(), {"gpo_onderwerp": "tlv"})
    assert summary["next_steps"]
    assert "niet de juiste plek" in text
    assert "bezwaar" in text
    assert "checklist" not in text.lower()


@pytest.mark.parametrize(("answer", "shared"), [("ja", True), ("nee", False)])
def test_pupil_summary_is_shared_only_after_yes(answer, shared):
    slots = {
        "hr_goed": "gym",
        "hr_moeilijk": "lezen",
        "hr_helpt": "rust",
        "hr_vragen": "koptelefoon?",
        "hr_wie": "mentor",
        "hr_delen": answer,
    }
    _, summary, _ = finish(ActionHoorrechtResult(), slots)
    assert summary["shared_with_steunpunt"] is shared
    assert "u " not in summary["text"].lower().replace("uw", "")


def test_thuiszitten_always_offers_a_person():
    slots = {"tz_duur": "lang", "tz_school": "ja", "tz_leerplicht": "nee", "tz_zorg": "ja"}
    text, summary, payloads = finish(ActionThuiszittenResult(), slots)
    assert "/handoff_request" in payloads
    assert "leerplichtambtenaar" in text
    assert "doorbraakaanpak" in text
    assert not any("gesprek over een plan" in step for step in summary["next_steps"])
