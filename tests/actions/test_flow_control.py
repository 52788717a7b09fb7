"""Starting, asking and stopping a flow."""

import json

from rasa_sdk.executor import CollectingDispatcher

from actions.flow_control import ASK_ACTIONS, ActionAnswerWithoutFlow, ActionStartFlow, ActionStopFlow
from tests.actions.factories import flow_tracker


def _run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, {})
    return events, dispatcher.messages


def _ask(slot):
    return next(a for a in ASK_ACTIONS if a.slot == slot)()


def test_start_clears_old_answers_and_introduces_the_flow():
    tracker = flow_tracker(
        "/flow_zorgplicht_termijn", None, {"zt_aanmelddatum": "2026-01-01"}, intent="flow_zorgplicht_termijn"
    )
    events, messages = _run(ActionStartFlow(), tracker)
    assert {"event": "slot", "name": "zt_aanmelddatum", "value": None, "timestamp": None} in events
    assert "drie korte vragen" in messages[0]["text"]
    # One click to the explanation, for who only wanted that.
    assert messages[0]["buttons"] == [{"title": "Liever eerst uitleg", "payload": "/zorgplicht_termijn"}]


def test_the_explanation_offered_is_the_article_the_question_was_most_likely_about():
    tracker = flow_tracker("help, ik heb geen besluit", None, intent="flow_zorgplicht_termijn")
    tracker.latest_message["intent_ranking"] += [
        {"name": "opp_uitleg", "confidence": 0.2},
        {"name": "zorgplicht_termijn_verlopen", "confidence": 0.1},
    ]
    _, messages = _run(ActionStartFlow(), tracker)
    assert messages[0]["buttons"][0]["payload"] == "/zorgplicht_termijn_verlopen"


def test_starting_one_flow_inside_another_leaves_the_first():
    tracker = flow_tracker(
        "/flow_thuiszitten", "el_stap", intent="flow_thuiszitten", active_loop="escalatieladder_form"
    )
    events, _ = _run(ActionStartFlow(), tracker)
    assert events[0]["event"] == "active_loop"
    assert events[0]["name"] is None


def test_the_pupil_flow_sets_the_pupil_audience():
    events, _ = _run(ActionStartFlow(), flow_tracker("/flow_hoorrecht", None, intent="flow_hoorrecht"))
    assert {"event": "slot", "name": "audience", "value": "leerling", "timestamp": None} in events


def test_stop_inside_a_flow_forgets_the_answers():
    tracker = flow_tracker(
        "stop", "hr_helpt", {"hr_goed": "gym"}, intent="flow_stop", active_loop="hoorrecht_form"
    )
    events, messages = _run(ActionStopFlow(), tracker)
    assert events[0]["event"] == "active_loop"
    assert events[0]["name"] is None
    assert {"event": "slot", "name": "hr_goed", "value": None, "timestamp": None} in events
    assert "gewist" in messages[0]["text"]


def test_outside_a_flow_the_flows_are_offered():
    _, messages = _run(ActionStopFlow(), flow_tracker("ja", None, intent="affirm"))
    assert len(messages[0]["buttons"]) == 5


def test_step_buttons_follow_the_subject():
    _, messages = _run(_ask("el_stap"), flow_tracker("", "el_stap", {"el_onderwerp": "tlv"}))
    values = [json.loads(b["payload"].removeprefix("/inform"))["keuze"] for b in messages[0]["buttons"]]
    assert values == ["nog_niets", "swv", "bezwaar", "onderwijsconsulent"]


def test_free_text_questions_have_no_buttons():
    _, messages = _run(_ask("hr_goed"), flow_tracker("", "hr_goed"))
    assert messages[0]["buttons"] == []
    assert messages[0]["text"].startswith("Wat gaat er goed")


def test_yes_to_the_offer_of_a_person_is_a_yes():
    tracker = flow_tracker("ja", None, intent="affirm")
    tracker.events.insert(
        0,
        {
            "event": "bot",
            "text": "Wil je met een medewerker praten?",
            "data": {"buttons": [{"title": "Praat met een medewerker", "payload": "/handoff_request"}]},
        },
    )
    events, messages = _run(ActionAnswerWithoutFlow(), tracker)
    # The consent question itself, in the same turn (no follow-up action for the policies to guess after).
    assert events == []
    assert [m["response"] for m in messages] == ["utter_handoff_consent"]


def test_a_bare_answer_without_a_flow_gets_the_flows_offered():
    events, messages = _run(ActionAnswerWithoutFlow(), flow_tracker("15 maart", None))
    assert events == []
    assert len(messages[0]["buttons"]) == 5
