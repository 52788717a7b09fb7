"""The public chat API: the contract the widget and outside callers rely on.

POST /api/conversations                      -> 201 {"conversation_id": ...}
POST /api/conversations/{id}/messages {text} -> 200 {"messages": [...], "state": "bot"}
"""

import logging

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from web.deps import RasaDep, SettingsDep, StoreDep
from web.rasa_client import RasaUnavailable
from web.replies import ChatMessage, to_chat_messages

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/api", tags=["chat"])


class ConversationCreated(BaseModel):
    conversation_id: str


class MessageIn(BaseModel):
    text: str


class MessagesOut(BaseModel):
    messages: list[ChatMessage]
    state: str


def _as_typed_text(text: str) -> str:
    """A typed "/intent{...}" would skip Rasa's NLU and set slots directly;
    only payloads of buttons the bot just offered may do that."""
    return text.lstrip("/").strip()


@router.post("/conversations", status_code=201)
async def create_conversation(store: StoreDep) -> ConversationCreated:
    return ConversationCreated(conversation_id=store.create())


@router.post("/conversations/{conversation_id}/messages")
async def post_message(
    conversation_id: str,
    body: MessageIn,
    store: StoreDep,
    rasa: RasaDep,
    settings: SettingsDep,
) -> MessagesOut:
    if not store.exists(conversation_id):
        raise HTTPException(404, "Dit gesprek bestaat niet (meer). Begin een nieuw gesprek.")
    text = body.text.strip()
    if len(text) > settings.max_message_chars:
        raise HTTPException(
            422,
            f"Je bericht is te lang. Houd het korter dan {settings.max_message_chars} tekens, "
            "of stuur het in delen.",
        )
    offered = store.offered_buttons(conversation_id)
    if text in offered:
        to_rasa, shown = text, offered[text]
    else:
        to_rasa = shown = _as_typed_text(text)
    if not to_rasa:
        raise HTTPException(422, "Je bericht is leeg. Typ je vraag en probeer het opnieuw.")

    store.add_message(conversation_id, "user", {"text": shown})
    try:
        replies = to_chat_messages(await rasa.send_message(conversation_id, to_rasa))
    except RasaUnavailable as error:
        logger.error("rasa unavailable: %s", error)
        raise HTTPException(
            503, "Wegwijzer kan je vraag nu even niet beantwoorden. Probeer het over een minuut opnieuw."
        ) from error
    for reply in replies:
        store.add_message(conversation_id, "bot", reply.model_dump())
    return MessagesOut(messages=replies, state="bot")
