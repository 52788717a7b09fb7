"""The flows' FormValidationActions, run with rasa_sdk only."""

import asyncio
from datetime import date

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import clock
from actions.flow_definitions import flow_book
from actions.flow_validation import (
    ValidateEscalatieladderForm,
    ValidateGpoVerzoekForm,
    ValidateHoorrechtForm,
    ValidateThuiszittenForm,
    ValidateZorgplichtTermijnForm,
)
from tests.actions.factories import flow_tracker

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _domain(action) -> dict:
    flow = flow_book.get(action.flow_id)
    return {"forms": {flow.form: {"required_slots": flow.slots}}}


def validate(action, tracker):
    """(slot changes, texts the bot said) for one user turn."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, _domain(action)))
    changes = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    return changes, [m["text"] for m in dispatcher.messages]


ZT = ValidateZorgplichtTermijnForm()


@pytest.mark.parametrize(
    ("text", "value"),
    [("ja", "ja"), ("Ja hoor!", "ja"), ("klopt", "ja"), ("nee", "nee"), ("nope", "nee"),
     ("weet ik niet", "onbekend"), ("geen idee eigenlijk", "onbekend")],
)  # fmt: skip
def test_yes_no_as_typed(text, value):
    changes, _ = validate(ZT, flow_tracker(text, "zt_schriftelijk"))
    assert changes["zt_schriftelijk"] == value


def test_button_payload_sets_the_option():
    entities = [{"entity": "keuze", "value": "nee"}]
    changes, _ = validate(ZT, flow_tracker('/inform{"keuze": "nee"}', "zt_schriftelijk", entities=entities))
    assert changes["zt_schriftelijk"] == "nee"


def test_no_written_registration_ends_the_questions():
    changes, _ = validate(ZT, flow_tracker("nee", "zt_schriftelijk"))
    assert changes["requested_slot"] is None


def test_a_typed_date_is_stored_as_iso():
    changes, texts = validate(
        ZT, flow_tracker("3 weken geleden", "zt_aanmelddatum", {"zt_schriftelijk": "ja"})
    )
    assert changes["zt_aanmelddatum"] == "2026-11-02"
    assert texts == []


@pytest.mark.parametrize(
    ("text", "words"),
    [("1-12-2026", "toekomst"), ("3 maart 2023", "twee jaar"), ("ergens in het voorjaar", "niet lezen")],
)
def test_rejected_dates_are_explained_in_dutch(text, words):
    changes, texts = validate(ZT, flow_tracker(text, "zt_aanmelddatum", {"zt_schriftelijk": "ja"}))
    assert changes["zt_aanmelddatum"] is None
    assert words in texts[0]


def test_stop_is_left_to_the_rules():
    changes, _ = validate(ZT, flow_tracker("stop", "zt_aanmelddatum", intent="flow_stop"))
    assert changes == {}


def test_a_side_question_is_left_to_the_rules():
    t = flow_tracker(
        "wat telt als schriftelijke aanmelding?", "zt_aanmelddatum", intent="zorgplicht_aanmelden"
    )
    assert validate(ZT, t)[0] == {}


def test_an_unclear_non_question_is_explained_not_passed_on():
    t = flow_tracker("pff lastig", "zt_aanmelddatum", intent="zorgplicht_aanmelden", confidence=0.3)
    changes, texts = validate(ZT, t)
    assert changes["zt_aanmelddatum"] is None
    assert texts


def test_back_reopens_the_previous_question():
    slots = {"zt_schriftelijk": "ja", "zt_aanmelddatum": "2026-11-02"}
    changes, texts = validate(ZT, flow_tracker("terug", "zt_verlenging", slots, intent="flow_back"))
    assert changes["zt_aanmelddatum"] is None
    assert "terug" in texts[0]


def test_a_correction_of_an_earlier_date_while_another_question_is_open():
    slots = {"zt_schriftelijk": "ja", "zt_aanmelddatum": "2026-11-02"}
    changes, texts = validate(ZT, flow_tracker("nee wacht, het was 10 november", "zt_verlenging", slots))
    assert changes["zt_aanmelddatum"] == "2026-11-10"
    assert "zt_verlenging" not in changes or changes["zt_verlenging"] is None
    assert "dinsdag 10 november 2026" in texts[0]


EL = ValidateEscalatieladderForm()


@pytest.mark.parametrize(
    ("text", "value"),
    [("ze willen hem van school sturen, hij is al 2x geschorst", "verwijdering"),
     ("het gaat over de tlv", "tlv"), ("mijn dochter zit al weken thuis", "thuiszitten"),
     ("de school wil hem niet aannemen, geweigerd na aanmelding", "toelating")],
)  # fmt: skip
def test_subject_from_a_sentence(text, value):
    assert validate(EL, flow_tracker(text, "el_onderwerp"))[0]["el_onderwerp"] == value


def test_steps_are_read_within_the_ladder_of_the_subject():
    slots = {"el_onderwerp": "tlv"}
    assert (
        validate(EL, flow_tracker("we hebben bezwaar gemaakt", "el_stap", slots))[0]["el_stap"] == "bezwaar"
    )
    slots = {"el_onderwerp": "opp"}
    changes = validate(EL, flow_tracker("met het schoolbestuur gemaild", "el_stap", slots))[0]
    assert changes["el_stap"] == "bestuur"
    # The GPO is not on the TLV route: a GPO button payload is no answer there.
    entities = [{"entity": "keuze", "value": "gpo"}]
    changes, texts = validate(
        EL, flow_tracker("/inform", "el_stap", {"el_onderwerp": "tlv"}, entities=entities)
    )
    assert changes["el_stap"] is None
    assert texts


def test_changing_the_subject_drops_a_step_that_is_not_on_the_new_route():
    slots = {"el_onderwerp": "tlv", "el_stap": "bezwaar"}
    t = flow_tracker("sorry, het gaat eigenlijk over verwijdering", "el_stap", slots)
    changes, _ = validate(EL, t)
    assert changes["el_onderwerp"] == "verwijdering"
    assert changes["el_stap"] is None


GPO = ValidateGpoVerzoekForm()


def test_a_tlv_dispute_ends_the_gpo_questions_early():
    changes, _ = validate(GPO, flow_tracker("een besluit over de tlv", "gpo_onderwerp"))
    assert changes["gpo_onderwerp"] == "tlv"
    assert changes["requested_slot"] is None


def test_the_parents_own_words_are_kept():
    text = "De school wil mijn zoon verwijderen na een incident in de klas."
    changes, _ = validate(GPO, flow_tracker(text, "gpo_situatie", {"gpo_onderwerp": "verwijdering"}))
    assert changes["gpo_situatie"] == text


HR = ValidateHoorrechtForm()


def test_a_pupil_answer_is_taken_even_if_it_sounds_like_a_topic():
    t = flow_tracker("rekenen gaat goed en ik heb veel vrienden", "hr_goed", intent="leerling_hoorrecht")
    assert validate(HR, t)[0]["hr_goed"] == "rekenen gaat goed en ik heb veel vrienden"


def test_questions_are_answers_to_what_do_you_want_to_ask():
    t = flow_tracker("mag ik een koptelefoon in de klas?", "hr_vragen", intent="leerling_hoorrecht")
    assert validate(HR, t)[0]["hr_vragen"] == "mag ik een koptelefoon in de klas?"


def test_but_a_question_to_the_bot_elsewhere_is_answered_first():
    t = flow_tracker("wat is een opp eigenlijk?", "hr_moeilijk", intent="opp_uitleg")
    assert validate(HR, t)[0] == {}


def test_long_text_is_cut_to_a_readable_length():
    changes, _ = validate(HR, flow_tracker("bla " * 500, "hr_goed"))
    assert 0 < len(changes["hr_goed"]) <= 600


TZ = ValidateThuiszittenForm()


@pytest.mark.parametrize(
    ("text", "value"),
    [("al 12 weken", "lang"), ("3 weken", "weken"), ("een paar dagen", "kort"),
     ("sinds de herfstvakantie", "lang"), ("sinds 1 november", "weken"), ("al maanden", "lang")],
)  # fmt: skip
def test_how_long_at_home(text, value):
    assert validate(TZ, flow_tracker(text, "tz_duur"))[0]["tz_duur"] == value


def test_a_free_text_answer_that_only_sounds_like_stop_is_kept():
    t = flow_tracker("stil zitten", "hr_moeilijk", intent="flow_stop", confidence=0.55)
    assert validate(HR, t)[0]["hr_moeilijk"] == "stil zitten"


def test_an_answer_that_sounds_like_starting_a_flow_is_still_an_answer():
    t = flow_tracker(
        "we hebben al met het bestuur gepraat",
        "el_stap",
        {"el_onderwerp": "opp"},
        intent="flow_escalatieladder",
        confidence=0.6,
    )
    assert validate(EL, t)[0]["el_stap"] == "bestuur"


def test_the_button_of_another_flow_leaves_this_one():
    t = flow_tracker(
        "/flow_thuiszitten", "el_stap", {"el_onderwerp": "opp"}, intent="flow_thuiszitten", confidence=1.0
    )
    assert validate(EL, t)[0] == {}


def test_the_explanation_button_is_a_side_question_even_for_free_text():
    t = flow_tracker(
        "/leerling_opp_gesprek_voorbereiden",
        "hr_goed",
        intent="leerling_opp_gesprek_voorbereiden",
        confidence=1.0,
    )
    assert validate(HR, t)[0] == {}
