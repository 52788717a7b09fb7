"""Turn Rasa's bot messages into the public chat API's messages."""

from typing import Any

from pydantic import BaseModel


class Button(BaseModel):
    title: str
    payload: str


class Source(BaseModel):
    title: str
    ref: str


class SummaryAnswer(BaseModel):
    label: str
    value: str


class Summary(BaseModel):
    """The end of a guided flow, for download now and the consultant later."""

    flow: str
    title: str
    date: str
    answers: list[SummaryAnswer] = []
    outcome: list[str] = []
    next_steps: list[str] = []
    shared_with_steunpunt: bool = False
    text: str


class ChatMessage(BaseModel):
    # Set once stored: orders the transcript, and lets the widget skip a
    # message it already has when the live stream sends it too.
    id: int | None = None
    text: str
    buttons: list[Button] = []
    sources: list[Source] = []
    summary: Summary | None = None


class TranscriptMessage(ChatMessage):
    """A message in the history: who wrote it ("user", "bot", "medewerker",
    "systeem"), the consultant's name, and when."""

    sender: str
    author: str | None = None
    created_at: str


def to_chat_messages(rasa_messages: list[dict[str, Any]]) -> list[ChatMessage]:
    """Rasa sends an answer's text and its custom payload (sources, a flow's
    summary) as two messages; the API gives each text message its own."""
    messages: list[ChatMessage] = []
    for item in rasa_messages:
        if isinstance(item.get("text"), str):
            buttons = [
                Button(title=str(b.get("title", "")), payload=str(b.get("payload", "")))
                for b in item.get("buttons") or []
                if isinstance(b, dict)
            ]
            messages.append(ChatMessage(text=item["text"], buttons=buttons))
        custom = item.get("custom")
        if isinstance(custom, dict) and messages:
            if custom.get("sources"):
                messages[-1].sources = [Source(**s) for s in custom["sources"]]
            if isinstance(custom.get("summary"), dict):
                messages[-1].summary = Summary(**custom["summary"])
    return messages


def handoff_reason(rasa_messages: list[dict[str, Any]]) -> str | None:
    """Why the bot asks for a person (actions/person.request_person), if it does."""
    for item in rasa_messages:
        custom = item.get("custom")
        if isinstance(custom, dict) and isinstance(custom.get("handoff"), dict):
            return str(custom["handoff"].get("reason") or "gevraagd")[:100]
    return None
