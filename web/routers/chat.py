"""The public chat API: the contract the widget and outside callers rely on.

POST /api/conversations [{start}]            -> 201 {"conversation_id": ..., "messages": [...]}
POST /api/conversations/{id}/messages {text} -> 200 {"messages": [...], "state": "bot" | "wachtrij" | ...}
GET  /api/conversations/{id}                 -> 200 {"messages": [...whole history...], "state": ...}
GET  /api/conversations/{id}/events          -> text/event-stream of new messages and state changes

`state` says who owns the conversation (web/handoff.py): while a person does
("wachtrij", "medewerker") the bot does not answer and `messages` is empty;
the consultant's replies arrive on the event stream. A message about danger
gets the help lines at once, whatever the state.

`start` names a guided flow (knowledge/flows/<start>.yml): the conversation
opens in that flow, as a deep link /?start=<flow> does.
"""

import logging
import re

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel

from web.bot_turns import bot_turn, resume_link, store_replies
from web.conversations import SYSTEM, USER, ConversationStore
from web.deps import (
    AppStateDep,
    HandoffDep,
    LimiterDep,
    PendingDep,
    RasaDep,
    SettingsDep,
    StoreDep,
    SwvDep,
    WidgetTextsDep,
)  # fmt: skip
from web.handoff import BOT, CLOSED, HUMAN_STATES, QUEUED, URGENT, Handoff, TransitionRefused
from web.rasa_client import RasaClient, RasaUnavailable
from web.replies import ChatMessage, TranscriptMessage
from web.scrub import scrub

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/api", tags=["chat"])


class ConversationStart(BaseModel):
    start: str | None = None
    # The widget asks for its opening: welcome, privacy notice, "ouder / leerling / onderwijs".
    welcome: bool = False


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


class History(MessagesOut):
    messages: list[TranscriptMessage]
    # Messages the bot has not answered yet: they wait for Rasa and are answered
    # (in order, on the event stream) once it is back.
    waiting_for_bot: int = 0


def _as_typed_text(text: str) -> str:
    """A typed "/intent{...}" would skip Rasa's NLU and set slots directly;
    only payloads of buttons the bot just offered may do that."""
    return text.lstrip("/").strip()


UNAVAILABLE = "Wegwijzer is nu even niet bereikbaar. Probeer het over een minuut opnieuw."
_FLOW_NAME = re.compile(r"[a-z][a-z_]{0,39}")
# Buttons the widget always shows, whatever the bot said last.
ALWAYS_OFFERED = {"/handoff_request": "Praat met een medewerker"}


def _client(request: Request) -> str:
    return request.client.host if request.client else "onbekend"


@router.post("/conversations", status_code=201, response_model_exclude_none=True)
async def create_conversation(
    request: Request, store: StoreDep, settings: SettingsDep, swv: SwvDep, widget_texts: WidgetTextsDep,
    limiter: LimiterDep, body: ConversationStart | None = None,
) -> ConversationCreated:  # fmt: skip
    limiter.check(f"new:{_client(request)}", settings.rate_client_conversations)
    start = body.start if body else None
    if start is not None and not (
        _FLOW_NAME.fullmatch(start) and (settings.flows_dir / f"{start}.yml").is_file()
    ):
        raise HTTPException(422, "Dit stappenplan bestaat niet. Begin het gesprek zonder stappenplan.")
    conversation_id = store.create()
    if start:
        try:
            messages = await bot_turn(
                request.app.state, conversation_id, f"/flow_{start}", str(request.base_url)
            )
        except RasaUnavailable as error:
            logger.error("rasa unavailable: %s", error)
            store.erase(conversation_id)  # nothing was said yet: no half-made conversation
            raise HTTPException(
                503, "Wegwijzer is nu even niet bereikbaar. Probeer het over een minuut opnieuw."
            ) from error
    elif body is not None and body.welcome:
        steunpunt = swv.get().steunpunt["name"]
        privacy_url = f"{str(request.base_url).rstrip('/')}/privacy"
        messages = store_replies(store, conversation_id, widget_texts.get().opening(steunpunt, privacy_url))
    else:
        messages = []
    return ConversationCreated(conversation_id=conversation_id, messages=messages)


def existing(store: ConversationStore, conversation_id: str) -> None:
    if not store.exists(conversation_id):
        raise HTTPException(404, "Dit gesprek bestaat niet (meer). Begin een nieuw gesprek.")


@router.post("/conversations/{conversation_id}/messages", response_model_exclude_none=True)
async def post_message(
    request: Request, conversation_id: str, body: MessageIn, services: AppStateDep
) -> MessagesOut:
    # Every user message comes through here: one dependency, not one per service.
    store, rasa, settings, handoff = services.store, services.rasa, services.settings, services.handoff
    callbacks, texts, limiter = services.callbacks, services.texts, services.limiter
    pending = services.pending
    existing(store, conversation_id)
    limiter.check(f"conversation:{conversation_id}", settings.rate_conversation_messages)
    limiter.check(f"messages:{_client(request)}", settings.rate_client_messages)
    text = body.text.strip()
    if len(text) > settings.max_message_chars:
        raise HTTPException(
            422,
            f"Je bericht is te lang. Houd het korter dan {settings.max_message_chars} tekens, "
            "of stuur het in delen.",
        )
    offered = {**ALWAYS_OFFERED, **store.offered_buttons(conversation_id)}
    clicked = text in offered
    typed = text if clicked else _as_typed_text(text)
    if not typed:
        raise HTTPException(422, "Je bericht is leeg. Typ je vraag en probeer het opnieuw.")
    # Identifiers (BSN, IBAN, phone, e-mail, address, birth date) never reach the
    # transcript or Rasa's tracker; only the callback questions below see them.
    to_rasa, shown = (text, offered[text]) if clicked else (scrub(typed),) * 2

    store.add_message(conversation_id, USER, {"text": shown}, clicked=clicked)
    rules = services.safety.rules()
    if rules.is_urgent(typed):
        # Help lines first and whatever else happens; then a person, at the front of the queue.
        help_lines = store_replies(store, conversation_id, [ChatMessage(text=rules.reply)])
        try:
            handoff.request_person(conversation_id, "veiligheid", URGENT)
        except TransitionRefused:  # a consultant changed the state this very moment
            logger.warning("urgent conversation not queued: state changed meanwhile")
        await _log_to_rasa(rasa, conversation_id, to_rasa)
        return status_with(handoff, conversation_id, help_lines)
    if callbacks.is_active(conversation_id):
        # The gateway's own few questions for a callback; the contact details stay out of Rasa.
        link = resume_link(str(request.base_url), conversation_id)
        replies = callbacks.answer(conversation_id, typed, texts.get(), link)
        return status_with(handoff, conversation_id, store_replies(store, conversation_id, replies))
    state = handoff.state(conversation_id)
    if state in HUMAN_STATES:
        # A person owns the conversation: the bot stays silent, the transcript stays complete.
        await _log_to_rasa(rasa, conversation_id, to_rasa)
        return status_with(handoff, conversation_id, [])
    if state == CLOSED:
        handoff.move(conversation_id, BOT, "gebruiker", "nieuw bericht na afronding")
    base_url = str(request.base_url)
    if pending.waiting(conversation_id):
        # Earlier messages still wait for Rasa: this one waits behind them, in order.
        pending.add(conversation_id, to_rasa, base_url)
        return status_with(handoff, conversation_id, [])
    try:
        messages = await bot_turn(services, conversation_id, to_rasa, base_url)
    except RasaUnavailable as error:
        logger.error("rasa unavailable, the turn waits: %s", error)
        pending.add(conversation_id, to_rasa, base_url)
        notice = ChatMessage(text=texts.get().say("niet_bereikbaar"))
        notice.id = store.add_message(conversation_id, SYSTEM, notice.model_dump(exclude={"id"}))
        messages = [notice]
    return status_with(handoff, conversation_id, messages)


@router.delete("/conversations/{conversation_id}", status_code=204)
async def erase(conversation_id: str, store: StoreDep, rasa: RasaDep) -> None:
    """ "Gesprek wissen": gone from the gateway, and Rasa's tracker emptied."""
    existing(store, conversation_id)
    store.erase(conversation_id)
    try:
        await rasa.forget(conversation_id)
    except RasaUnavailable as error:
        logger.error("rasa's tracker not emptied after a deletion: %s", error)


@router.get("/conversations/{conversation_id}", response_model_exclude_none=True)
def history(conversation_id: str, store: StoreDep, handoff: HandoffDep, pending: PendingDep) -> History:
    """The whole conversation, for a reload or a second tab."""
    existing(store, conversation_id)
    out = status_with(handoff, conversation_id, [])
    messages = [TranscriptMessage(**vars(m)) for m in store.messages(conversation_id)]
    return History(
        messages=messages,
        state=out.state,
        queue_position=out.queue_position,
        waiting_for_bot=pending.count(conversation_id),
    )


def status_with(handoff: Handoff, conversation_id: str, messages: list[ChatMessage]) -> MessagesOut:
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
