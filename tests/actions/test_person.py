"""action_contact_person gives the steunpunt's contact details from knowledge/swv.yml."""

import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions.person import ActionContactPerson
from actions.settings import settings
from tests.actions.factories import tracker


def test_contact_details_come_from_the_swv_file():
    dispatcher = CollectingDispatcher()
    ActionContactPerson().run(dispatcher, tracker(intent="handoff_request"), {})
    [message] = dispatcher.messages
    steunpunt = yaml.safe_load((settings.knowledge_dir / "swv.yml").read_text())["steunpunt"]
    assert message["response"] == "utter_contact_person"
    assert message["phone"] == steunpunt["phone"]
    assert message["email"] == steunpunt["email"]
