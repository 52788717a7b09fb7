"""Thuiszitten-check: the rights, the steps that fit who is already involved,
and always a person: thuiszitten is a hard case by nature."""

from datetime import date
from typing import Any, Dict, List

from rasa_sdk.executor import CollectingDispatcher

from actions.flow_definitions import Flow
from actions.flow_result import FlowResultAction, explain, person_button
from actions.flow_summary import Summary

AUDIENCE = "ouder"


def steps_for(flow: Flow, answers: Dict[str, Any]) -> List[str]:
    steps = []
    if answers["tz_school"] != "ja":
        steps.append(flow.text("step_school"))
    if answers["tz_leerplicht"] != "ja":
        steps.append(flow.text("step_leerplicht"))
    steps.append(flow.text("step_zorg" if answers["tz_zorg"] == "ja" else "step_no_zorg"))
    steps.append(flow.text("step_steunpunt"))
    return steps


class ActionThuiszittenResult(FlowResultAction):
    flow_id = "thuiszitten"

    def respond(
        self, flow: Flow, answers: Dict[str, Any], dispatcher: CollectingDispatcher, today: date
    ) -> Summary:
        explain(dispatcher, "thuiszitten-eerste-stappen", AUDIENCE, sections=("Kort",))
        outcome = [flow.text("long_absence")] if answers["tz_duur"] == "lang" else []
        steps = steps_for(flow, answers)
        lines = [*outcome, flow.text("rights_heading"), *(f"- {step}" for step in steps)]
        dispatcher.utter_message(text="\n".join(lines))
        dispatcher.utter_message(text=flow.text("person_offer"))
        return Summary(flow, answers, outcome=outcome, next_steps=steps)

    def closing_buttons(self, flow: Flow, summary: Summary) -> List[Dict[str, str]]:
        return [person_button(flow)]
