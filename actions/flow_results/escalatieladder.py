"""Escalatieladder-wegwijzer: the route for this kind of dispute, with the
user's position marked and the next concrete step."""

from datetime import date
from typing import Any, Dict, List, Optional

from rasa_sdk.executor import CollectingDispatcher

from actions.flow_definitions import Flow, Option
from actions.flow_result import FlowResultAction, article_step, explain, person_button
from actions.flow_summary import Summary

AUDIENCE = "ouder"
NOTHING_YET = "nog_niets"


def ladder(flow: Flow, subject: str) -> List[Option]:
    """The steps for this subject, in order (the options of the step question)."""
    steps = flow.question("el_stap").options_for({"el_onderwerp": subject})
    return [step for step in steps if step.value != NOTHING_YET]


def next_step(steps: List[Option], last_taken: str) -> Optional[Option]:
    done = [s.value for s in steps].index(last_taken) + 1 if last_taken != NOTHING_YET else 0
    return steps[done] if done < len(steps) else None


def ladder_lines(flow: Flow, steps: List[Option], upcoming: Optional[Option]) -> List[str]:
    """Steps before the next one are done; after the last step all are."""
    lines = []
    reached_next = False
    for step in steps:
        if step == upcoming:
            line, reached_next = flow.text("step_next", stap=step.label), True
        elif not reached_next:
            line = flow.text("step_done", stap=step.label)
        else:
            line = flow.text("step_later", stap=step.label)
            if step.extra.get("optional"):
                line = flow.text("step_optional", regel=line)
        lines.append(line)
    return lines


class ActionEscalatieladderResult(FlowResultAction):
    flow_id = "escalatieladder"

    def respond(
        self, flow: Flow, answers: Dict[str, Any], dispatcher: CollectingDispatcher, today: date
    ) -> Summary:
        subject = flow.question("el_onderwerp").option(answers["el_onderwerp"])
        steps = ladder(flow, subject.value)
        upcoming = next_step(steps, answers["el_stap"])
        lines = ladder_lines(flow, steps, upcoming)
        heading = flow.text("ladder_heading", onderwerp=subject.label)
        dispatcher.utter_message(text="\n".join([heading, *lines, "", flow.text("steunpunt_line")]))
        summary = Summary(flow, answers, outcome=[heading, *lines])

        notes = [flow.text(f"{subject.value}_note")] if f"{subject.value}_note" in flow.texts else []
        if upcoming is None:
            dispatcher.utter_message(text=flow.text("last_step"), buttons=[person_button(flow)])
            summary.next_steps = [flow.text("last_step"), *notes]
            return summary

        dispatcher.utter_message(text=flow.text("next_step", stap=upcoming.label))
        explain(dispatcher, upcoming.extra["article"], AUDIENCE)
        details = [flow.text("bring", wat=upcoming.extra["bring"])]
        if upcoming.extra.get("optional"):
            details.append(flow.text("optional_note"))
        dispatcher.utter_message(text="\n\n".join(details + notes))
        summary.next_steps = [
            flow.text("next_step", stap=upcoming.label),
            article_step(upcoming.extra["article"], AUDIENCE),
            *details,
            *notes,
        ]
        return summary

    def closing_buttons(self, flow: Flow, summary: Summary) -> List[Dict[str, str]]:
        return [person_button(flow)]
