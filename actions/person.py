"""How to reach a person at the steunpunt (until the live hand-off is built)."""

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.swv import load_steunpunt


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
            response="utter_contact_person",
            steunpunt=steunpunt.name,
            phone=steunpunt.phone,
            email=steunpunt.email,
            hours=steunpunt.hours,
        )
        return []
