"""Asking for a person: first the consent question (with the steunpunt's
contact details from knowledge/swv.yml), then, on "ja", the hand-off request
the gateway acts on; "nee" keeps the bot."""

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions.flow_control import ActionAnswerWithoutFlow
from actions.person import ActionContactPerson, request_person
from actions.settings import settings
from tests.actions.factories import flow_tracker, tracker


def test_the_consent_question_names_the_steunpunt_and_its_contact_details():
    dispatcher = CollectingDispatcher()
    ActionContactPerson().run(dispatcher, tracker(intent="handoff_request"), {})
    [message] = dispatcher.messages
    steunpunt = yaml.safe_load((settings.knowledge_dir / "swv.yml").read_text())["steunpunt"]
    assert message["response"] == "utter_handoff_consent"
    assert message["phone"] == steunpunt["phone"]
    assert message["email"] == steunpunt["email"]


def test_the_request_tells_the_gateway():
    dispatcher = CollectingDispatcher()
    request_person(dispatcher)
    [message] = dispatcher.messages
    assert message["text"] is None  # the gateway words what happens next
    assert message["response"] is None
    assert message["custom"] == {"handoff": {"reason": "gevraagd"}}


def after_consent_question(text: str, intent: str):
    consent = yaml.safe_load((settings.knowledge_dir.parent / "bot" / "domain" / "handoff.yml").read_text())
    buttons = consent["responses"]["utter_handoff_consent"][0]["buttons"]
    events = flow_tracker(text, None, intent=intent)
    events.events.insert(0, {"event": "bot", "text": "Wil je dat?", "data": {"buttons": buttons}})
    dispatcher = CollectingDispatcher()
    return ActionAnswerWithoutFlow().run(dispatcher, events, {}), dispatcher.messages


@pytest.mark.parametrize("text", ["ja", "ja graag"])
def test_yes_to_the_consent_question_requests_a_person(text):
    events, messages = after_consent_question(text, "affirm")
    assert events == []
    assert [m["custom"] for m in messages] == [{"handoff": {"reason": "gevraagd"}}]


def test_no_to_the_consent_question_keeps_the_bot():
    events, messages = after_consent_question("nee", "deny")
    assert events == []
    assert [m["response"] for m in messages] == ["utter_handoff_declined"]
