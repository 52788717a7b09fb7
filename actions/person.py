"""A person from the steunpunt: first ask (and say what they will see), then
ask the gateway to queue the conversation (web/handoff.py owns the queue)."""

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.swv import load_steunpunt

# Every "Praat met een medewerker" button asks this: the consent question first.
PERSON_PAYLOAD = "/handoff_request"
# The consent buttons carry this choice, so a typed "ja" after them counts too.
CONSENT_CHOICE = "medewerker"


class ActionContactPerson(Action):
    def name(self) -> str:
        return "action_contact_person"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[Dict[str, Any]]:
        steunpunt = load_steunpunt()
        dispatcher.utter_message(
            response="utter_handoff_consent",
            steunpunt=steunpunt.name,
            phone=steunpunt.phone,
            email=steunpunt.email,
        )
        return []


def request_person(dispatcher: CollectingDispatcher) -> List[Dict[str, Any]]:
    """After a "ja" to the consent question: the gateway sees `handoff` and decides
    what happens (the queue in office hours, a callback request outside them),
    and says so itself."""
    dispatcher.utter_message(json_message={"handoff": {"reason": "gevraagd"}})
    return []
