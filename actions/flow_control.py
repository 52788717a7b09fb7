"""Start, ask, stop: the actions around each guided flow's form.

Every question is asked by an `action_ask_<slot>` action, made here from the
flow files, so an editor changes a question without retraining.
"""

import json
from abc import ABC, abstractmethod
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_article import knowledge_base
from actions.flow_answers import CHOICE_ENTITY
from actions.flow_definitions import Flow, Question, flow_book
from actions.person import CONSENT_CHOICE, PERSON_PAYLOAD, ActionContactPerson, request_person


def option_buttons(question: Question, slots: Dict[str, Any]) -> List[Dict[str, str]]:
    return [
        {"title": option.label, "payload": "/inform" + json.dumps({CHOICE_ENTITY: option.value})}
        for option in question.options_for(slots)
    ]


def offer_flows(dispatcher: CollectingDispatcher) -> None:
    """No flow to continue: ask what the user needs and offer every flow."""
    buttons = [flow.start_button for flow in flow_book.all()]
    dispatcher.utter_message(text=flow_book.shared_text("no_flow"), buttons=buttons)


def explanation_button(flow: Flow, tracker: Tracker) -> List[Dict[str, str]]:
    """Someone who only wanted an explanation gets it with one click while the
    flow waits: the article offering this flow that the question was most
    likely about, else the flow's first article."""
    offering = {i for a in knowledge_base.articles() if a.flow == flow.id for i in a.intents}
    ranking = [r.get("name") for r in tracker.latest_message.get("intent_ranking") or []]
    likely = next((name for name in ranking if name in offering), None)
    if likely is None and flow.articles and (first := knowledge_base.get(flow.articles[0])) and first.intents:
        likely = first.intents[0]
    return [{"title": flow.text("explain_button"), "payload": f"/{likely}"}] if likely else []


def reset_events(flow: Flow) -> List[EventType]:
    return [SlotSet(slot, None) for slot in flow.slots] + [SlotSet("requested_slot", None)]


class AskQuestion(Action, ABC):
    """Asks one question of a flow, with its answer buttons."""

    @property
    @abstractmethod
    def slot(self) -> str: ...

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        flow = flow_book.by_slot(self.slot)
        question = flow.question(self.slot)
        dispatcher.utter_message(text=question.ask, buttons=option_buttons(question, tracker.slots))
        return []


# One concrete ask action per question in knowledge/flows/; rasa_sdk registers
# every concrete Action subclass it finds.
ASK_ACTIONS = [
    type(f"Ask_{slot}", (AskQuestion,), {"slot": slot}) for flow in flow_book.all() for slot in flow.slots
]


class ActionStartFlow(Action):
    """Clears earlier answers, says what the flow does; the rule then runs its form."""

    def name(self) -> str:
        return "action_start_flow"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        intent = tracker.get_intent_of_latest_message(skip_fallback_intent=False) or ""
        flow = flow_book.get(intent.removeprefix("flow_"))
        if flow is None:
            offer_flows(dispatcher)
            return []
        # Another flow may be running: leave it before starting this one.
        events: List[EventType] = [ActiveLoop(None)] if tracker.active_loop_name else []
        events += reset_events(flow)
        if flow.audience == "leerling":
            events.append(SlotSet("audience", "leerling"))
        dispatcher.utter_message(text=flow.intro, buttons=explanation_button(flow, tracker))
        return events


class ActionStopFlow(Action):
    """ "Stop" inside a flow forgets its answers; outside one it offers the flows."""

    def name(self) -> str:
        return "action_stop_flow"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        flow = flow_book.by_form(tracker.active_loop_name)
        if flow is None:
            offer_flows(dispatcher)
            return []
        dispatcher.utter_message(text=flow.text("stopped"))
        return [ActiveLoop(None), *reset_events(flow)]


def _last_bot_payloads(tracker: Tracker) -> List[str]:
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return [b.get("payload") for b in (event.get("data") or {}).get("buttons") or []]
    return []


class ActionAnswerWithoutFlow(Action):
    """A bare "ja", "nee", "terug" or date with no flow running. A "ja" to the
    offer of a person is taken as yes, and so is a "ja" or "nee" to the consent
    question before a hand-off; anything else gets the flows offered."""

    def name(self) -> str:
        return "action_answer_without_flow"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        intent = tracker.get_intent_of_latest_message(skip_fallback_intent=False)
        payloads = _last_bot_payloads(tracker)
        # Run here rather than as a FollowupAction: after a follow-up the policies
        # have no rule for what comes next and Rasa's fallback would add a reply.
        if intent == "affirm" and PERSON_PAYLOAD in payloads:
            return ActionContactPerson().run(dispatcher, tracker, domain)
        if any(CONSENT_CHOICE in (payload or "") for payload in payloads):
            # The answer to "Wil je dat?" about a consultant taking over.
            if intent == "affirm":
                return request_person(dispatcher)
            if intent == "deny":
                dispatcher.utter_message(response="utter_handoff_declined")
                return []
        offer_flows(dispatcher)
        return []
