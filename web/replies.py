"""Turn Rasa's bot messages into the public chat API's messages."""

from typing import Any

from pydantic import BaseModel


class Button(BaseModel):
    title: str
    payload: str


class Source(BaseModel):
    title: str
    ref: str


class ChatMessage(BaseModel):
    text: str
    buttons: list[Button] = []
    sources: list[Source] = []


def to_chat_messages(rasa_messages: list[dict[str, Any]]) -> list[ChatMessage]:
    """Rasa sends an answer's text and its custom payload (sources) as two
    messages; the API gives each text message its own sources and buttons."""
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
        if isinstance(custom, dict) and messages and custom.get("sources"):
            messages[-1].sources = [Source(**s) for s in custom["sources"]]
    return messages
