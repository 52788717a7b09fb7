"""The public chat API: the contract the widget and outside callers rely on.

POST /api/conversations [{start}]            -> 201 {"conversation_id": ..., "messages": [...]}
POST /api/conversations/{id}/messages {text} -> 200 {"messages": [...], "state": "bot" | "wachtrij" | ...}

`state` says who owns the conversation (web/handoff.py): while a person does
("wachtrij", "medewerker") the bot does not answer and `messages` is empty.
A message about danger gets the help lines at once, whatever the state.

`start` names a guided flow (knowledge/flows/<start>.yml): the conversation
opens in that flow, as a deep link /?start=<flow> does.
"""

import logging
import re

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from web.deps import HandoffDep, RasaDep, SafetyDep, SettingsDep, StoreDep
from web.handoff import BOT, CLOSED, HUMAN_STATES, QUEUED, URGENT, Handoff, TransitionRefused
from web.rasa_client import RasaClient, RasaUnavailable
from web.replies import ChatMessage, handoff_reason, to_chat_messages

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/api", tags=["chat"])


class ConversationStart(BaseModel):
    start: str | None = None


class ConversationCreated(BaseModel):
    conversation_id: str
    messages: list[ChatMessage] = []


class MessageIn(BaseModel):
    text: str


class MessagesOut(BaseModel):
    messages: list[ChatMessage]
    state: str
    # 1 = next in line; only while waiting for a consultant.
    queue_position: int | None = None


def _as_typed_text(text: str) -> str:
    """A typed "/intent{...}" would skip Rasa's NLU and set slots directly;
    only payloads of buttons the bot just offered may do that."""
    return text.lstrip("/").strip()


_FLOW_NAME = re.compile(r"[a-z][a-z_]{0,39}")


async def _bot_turn(
    store: StoreDep, rasa: RasaDep, handoff: HandoffDep, conversation_id: str, to_rasa: str
) -> list[ChatMessage]:
    try:
        rasa_messages = await rasa.send_message(conversation_id, to_rasa)
    except RasaUnavailable as error:
        logger.error("rasa unavailable: %s", error)
        raise HTTPException(
            503, "Wegwijzer kan je vraag nu even niet beantwoorden. Probeer het over een minuut opnieuw."
        ) from error
    replies = to_chat_messages(rasa_messages)
    for reply in replies:
        store.add_message(conversation_id, "bot", reply.model_dump())
    reason = handoff_reason(rasa_messages)
    if reason is not None:
        handoff.request_person(conversation_id, reason)
    return replies


@router.post("/conversations", status_code=201, response_model_exclude_none=True)
async def create_conversation(
    store: StoreDep,
    rasa: RasaDep,
    settings: SettingsDep,
    handoff: HandoffDep,
    body: ConversationStart | None = None,
) -> ConversationCreated:
    start = body.start if body else None
    if start is not None and not (
        _FLOW_NAME.fullmatch(start) and (settings.flows_dir / f"{start}.yml").is_file()
    ):
        raise HTTPException(422, "Dit stappenplan bestaat niet. Begin het gesprek zonder stappenplan.")
    conversation_id = store.create()
    messages = await _bot_turn(store, rasa, handoff, conversation_id, f"/flow_{start}") if start else []
    return ConversationCreated(conversation_id=conversation_id, messages=messages)


@router.post("/conversations/{conversation_id}/messages", response_model_exclude_none=True)
async def post_message(
    conversation_id: str,
    body: MessageIn,
    store: StoreDep,
    rasa: RasaDep,
    settings: SettingsDep,
    handoff: HandoffDep,
    safety: SafetyDep,
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
    rules = safety.rules()
    if rules.is_urgent(shown):
        # Help lines first and whatever else happens; then a person, at the front of the queue.
        help_lines = ChatMessage(text=rules.reply)
        store.add_message(conversation_id, "bot", help_lines.model_dump())
        try:
            handoff.request_person(conversation_id, "veiligheid", URGENT)
        except TransitionRefused:  # a consultant changed the state this very moment
            logger.warning("urgent conversation not queued: state changed meanwhile")
        await _log_to_rasa(rasa, conversation_id, to_rasa)
        return _out(handoff, conversation_id, [help_lines])
    state = handoff.state(conversation_id)
    if state in HUMAN_STATES:
        # A person owns the conversation: the bot stays silent, the transcript stays complete.
        await _log_to_rasa(rasa, conversation_id, to_rasa)
        return _out(handoff, conversation_id, [])
    if state == CLOSED:
        handoff.move(conversation_id, BOT, "gebruiker", "nieuw bericht na afronding")
    messages = await _bot_turn(store, rasa, handoff, conversation_id, to_rasa)
    return _out(handoff, conversation_id, messages)


def _out(handoff: Handoff, conversation_id: str, messages: list[ChatMessage]) -> MessagesOut:
    """The reply with who owns the conversation now, and the place in the queue when waiting."""
    state = handoff.state(conversation_id)
    position = handoff.position(conversation_id) if state == QUEUED else None
    return MessagesOut(messages=messages, state=state, queue_position=position)


async def _log_to_rasa(rasa: RasaClient, conversation_id: str, text: str) -> None:
    """Best effort: the gateway has stored the message; Rasa's copy can lag."""
    try:
        await rasa.log_user_message(conversation_id, text)
    except RasaUnavailable as error:
        logger.warning("could not add a message to Rasa's tracker: %s", error)
