"""The summary a flow ends with: shown in the chat, copied or downloaded by
the user, and kept (as structured data) for the consultant console."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Dict, List

from actions.answer_article import knowledge_base
from actions.dutch_dates import format_date
from actions.flow_definitions import Flow
from actions.flow_validation import display_value
from actions.knowledge import Source


def flow_sources(flow: Flow) -> List[Source]:
    """The sources of the articles the flow explains with, each once."""
    seen: Dict[str, Source] = {}
    for article_id in flow.articles:
        article = knowledge_base.get(article_id)
        for source in article.sources if article else ():
            seen.setdefault(source.title, source)
    return list(seen.values())


@dataclass
class Summary:
    flow: Flow
    answers: Dict[str, Any]
    outcome: List[str] = field(default_factory=list)
    next_steps: List[str] = field(default_factory=list)
    shared: bool = False

    def answer_lines(self) -> List[Dict[str, str]]:
        return [
            {"label": q.label, "value": display_value(q, self.answers[q.slot])}
            for q in self.flow.questions
            if self.answers.get(q.slot) is not None
        ]

    def as_text(self, today: date, sources: List[Source]) -> str:
        """Plain text for copying and downloading: no markup, one fact a line."""
        flow = self.flow
        lines = [flow.title, format_date(today), "", flow.text("summary_answers")]
        lines += [f"- {a['label']}: {a['value']}" for a in self.answer_lines()]
        if self.outcome:
            lines += ["", *self.outcome]
        if self.next_steps:
            lines += ["", flow.text("summary_next_steps"), *(f"- {step}" for step in self.next_steps)]
        if sources:
            lines += ["", flow.text("summary_sources"), *(f"- {s.title}" for s in sources)]
        lines += ["", flow.text("summary_footer")]
        return "\n".join(lines).replace("**", "")

    def as_payload(self, today: date, sources: List[Source]) -> Dict[str, Any]:
        return {
            "flow": self.flow.id,
            "title": self.flow.title,
            "date": today.isoformat(),
            "answers": self.answer_lines(),
            "outcome": [line.replace("**", "") for line in self.outcome],
            "next_steps": [step.replace("**", "") for step in self.next_steps],
            "shared_with_steunpunt": self.shared,
            "text": self.as_text(today, sources),
        }
