"""One FormValidationAction per guided flow: read the answer to the question
just asked, check it, and let side questions, "stop" and "terug" through.

The form rejects a message when no slot was filled; Rasa's rules then answer
it (a side question, "stop", a request for a person) and return to the form.
"""

from abc import abstractmethod
from datetime import date, timedelta
from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import clock
from actions.dutch_dates import format_date
from actions.flow_answers import (
    is_control,
    is_side_question,
    looks_like_correction,
    parse_answer,
    wants_back,
)
from actions.flow_definitions import Flow, Question, flow_book

# A registration date further back than this is a typo, not a real case.
MAX_DATE_AGE = timedelta(days=2 * 365)
MAX_TEXT_CHARS = 600


def display_value(question: Question, value: Any) -> str:
    """How an answer reads back to the user and in the summary."""
    if question.kind in ("yes_no", "choice"):
        option = question.option(value)
        return option.label if option else str(value)
    if question.kind == "date":
        return format_date(date.fromisoformat(value))
    return str(value)


def check_value(flow: Flow, question: Question, value: Any, today: date) -> tuple:
    """(the value to keep, or None; the text explaining why not)."""
    if value is None:
        return None, None
    if question.kind in ("yes_no", "choice"):
        if question.option(value) is None:
            return None, flow.text(f"invalid_{question.kind}")
        return value, None
    if question.kind == "date":
        try:
            day = date.fromisoformat(str(value))
        except ValueError:
            return None, flow.text("invalid_date")
        if day > today:
            return None, flow.text("date_future", datum=format_date(day))
        if day < today - MAX_DATE_AGE:
            return None, flow.text("date_too_old", datum=format_date(day))
        return value, None
    text = " ".join(str(value).split())
    if len(text) < 2:
        return None, flow.text("invalid_text")
    return text[:MAX_TEXT_CHARS], None


class FlowValidationAction(FormValidationAction):
    """Subclasses name their flow; everything else comes from its flow file."""

    # Abstract, so rasa_sdk registers only the subclasses as actions.
    @property
    @abstractmethod
    def flow_id(self) -> str: ...

    def name(self) -> str:
        return f"validate_{self.flow_id}_form"

    def flow(self) -> Flow:
        flow = flow_book.get(self.flow_id)
        if flow is None:
            raise LookupError(f"knowledge/flows/{self.flow_id}.yml ontbreekt")
        return flow

    async def required_slots(
        self,
        domain_slots: List[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[str]:
        """All questions, unless an answer ends the flow early (`ends_flow` in the
        flow file): no written registration, a dispute the GPO does not handle."""
        for index, question in enumerate(self.flow().questions):
            option = question.option(tracker.get_slot(question.slot))
            if option is not None and option.extra.get("ends_flow"):
                return domain_slots[: index + 1]
        return domain_slots

    def _previous(self, requested: str, needed: List[str], values: Dict[str, Any]) -> str:
        before = needed[: needed.index(requested)] if requested in needed else needed
        filled = [slot for slot in before if values.get(slot) is not None]
        return filled[-1] if filled else requested

    def _corrections(
        self, flow: Flow, message: Dict[str, Any], requested: str, values: Dict[str, Any]
    ) -> Dict[str, Any]:
        """ "Nee wacht, het was 10 maart": a new value for an earlier date or choice."""
        if not looks_like_correction(message.get("text") or ""):
            return {}
        changed = {}
        for question in flow.questions:
            if (
                question.slot == requested
                or values.get(question.slot) is None
                or question.kind not in ("date", "choice")
            ):
                continue
            value = parse_answer(message, question, values, clock.today())
            if value is not None and value != values[question.slot]:
                changed[question.slot] = value
        return changed

    async def get_extraction_events(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[EventType]:
        flow = self.flow()
        message = tracker.latest_message
        requested = tracker.get_slot("requested_slot")
        question = flow.question(requested)
        if question is None or is_control(message, question):
            return []
        needed = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        if wants_back(message, question):
            dispatcher.utter_message(text=flow.text("back"))
            return [SlotSet(self._previous(requested, needed, tracker.slots), None)]
        corrections = self._corrections(flow, message, requested, tracker.slots)
        if corrections:
            return [SlotSet(slot, value) for slot, value in corrections.items()]
        value = parse_answer(message, question, tracker.slots, clock.today())
        # Free text always "parses"; for it the question form decides.
        if (value is None or question.kind == "text") and is_side_question(message, question):
            return []
        # An unreadable answer is kept as typed; validation explains what we need.
        return [SlotSet(requested, value if value is not None else message.get("text"))]

    async def get_validation_events(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[EventType]:
        flow = self.flow()
        requested = tracker.get_slot("requested_slot")
        events: List[EventType] = []
        for slot, value in tracker.slots_to_validate().items():
            question = flow.question(slot)
            if question is None:
                continue
            kept, problem = check_value(flow, question, value, clock.today())
            if problem:
                dispatcher.utter_message(text=problem)
            elif kept is not None and slot != requested:
                dispatcher.utter_message(
                    text=flow.text("corrected", label=question.label, waarde=display_value(question, kept))
                )
            events.append(SlotSet(slot, kept))
        checked = {**tracker.slots, **{event["name"]: event["value"] for event in events}}
        events.extend(self.dependent_resets(flow, checked))
        return events

    def dependent_resets(self, flow: Flow, values: Dict[str, Any]) -> List[EventType]:
        """An answer no longer offered after an earlier one changed is asked again."""
        resets = []
        for question in flow.questions:
            option = question.option(values.get(question.slot))
            if option is not None and not option.applies(values):
                resets.append(SlotSet(question.slot, None))
        return resets


class ValidateZorgplichtTermijnForm(FlowValidationAction):
    flow_id = "zorgplicht_termijn"


class ValidateEscalatieladderForm(FlowValidationAction):
    flow_id = "escalatieladder"


class ValidateGpoVerzoekForm(FlowValidationAction):
    flow_id = "gpo_verzoek"


class ValidateHoorrechtForm(FlowValidationAction):
    flow_id = "hoorrecht"


class ValidateThuiszittenForm(FlowValidationAction):
    flow_id = "thuiszitten"
