"""GPO-verzoek voorbereiden: does the dispute fit, what the GPO judges, and a
checklist with the parent's own account."""

from datetime import date
from typing import Any, Dict, List

from rasa_sdk.executor import CollectingDispatcher

from actions.flow_definitions import Flow
from actions.flow_result import FlowResultAction, article_step, explain, person_button
from actions.flow_summary import Summary

AUDIENCE = "ouder"


class ActionGpoVerzoekResult(FlowResultAction):
    flow_id = "gpo_verzoek"

    def respond(
        self, flow: Flow, answers: Dict[str, Any], dispatcher: CollectingDispatcher, today: date
    ) -> Summary:
        subject = flow.question("gpo_onderwerp").option(answers["gpo_onderwerp"])
        summary = Summary(flow, answers)
        if subject.extra.get("ends_flow"):
            dispatcher.utter_message(text=flow.text("not_fits"))
            explain(dispatcher, subject.extra["article"], AUDIENCE)
            summary.outcome = [flow.text("not_fits")]
            summary.next_steps = [article_step(subject.extra["article"], AUDIENCE)]
            return summary

        dispatcher.utter_message(text=flow.text("fits"))
        explain(dispatcher, "escalatieladder-gpo", AUDIENCE, sections=("Kort",))
        checklist: List[str] = list(flow.data["checklist"])
        if answers["gpo_besluit"] != "ja":
            checklist.insert(0, flow.text("no_letter"))
        items = "\n".join(f"- {item}" for item in checklist)
        dispatcher.utter_message(text=f"{flow.text('checklist_heading')}\n{items}")
        explain(dispatcher, "escalatieladder-gpo-indienen", AUDIENCE, sections=("Volgende stap",))
        summary.outcome = [flow.text("fits"), flow.text("not_binding")]
        summary.next_steps = [*checklist, article_step("escalatieladder-gpo-indienen", AUDIENCE)]
        return summary

    def closing_buttons(self, flow: Flow, summary: Summary) -> List[Dict[str, str]]:
        return [person_button(flow)]
