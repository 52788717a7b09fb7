"""The consultants' API behind the console (/medewerker): see the queue,
take a conversation over, reply, make notes, transfer, close, hand back.

Every change needs the session cookie and the CSRF token; every change to who
owns a conversation goes through web/handoff.py and is recorded there.
"""

import logging
from datetime import datetime

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from web.clock import Clock
from web.conversations import STAFF_SENDER, SYSTEM, ConversationStore
from web.deps import (
    CallbacksDep,
    ClockDep,
    HandoffDep,
    NotesDep,
    RasaDep,
    SignalsDep,
    StoreDep,
    SwvDep,
    TextsDep,
)
from web.handoff import CALLBACK, QUEUED, STAFF, Handoff, QueueEntry, TransitionRefused
from web.intake_card import IntakeCard, build_card
from web.rasa_client import RasaUnavailable
from web.signals import Signals
from web.staff.auth import ActingStaffDep, SessionsDep, StaffDep

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/api/medewerker", tags=["medewerker"])
MAX_TEXT = 4000


class QueueItem(BaseModel):
    id: str
    status: str
    prioriteit: str
    wacht_minuten: int
    alarm: bool
    reden: str
    medewerker: str | None
    onderwerpen: list[str]
    laatste_bericht: str


class Queue(BaseModel):
    wachtend: list[QueueItem]
    in_behandeling: list[QueueItem]
    gepland: list[QueueItem]
    alarm_na_minuten: int


class TranscriptLine(BaseModel):
    id: int
    afzender: str
    auteur: str | None
    tekst: str
    tijd: str
    bronnen: list[str]


class Note(BaseModel):
    auteur: str
    tekst: str
    tijd: str


class Transition(BaseModel):
    van: str
    naar: str
    door: str
    reden: str
    tijd: str


class ConversationView(BaseModel):
    id: str
    status: str
    medewerker: str | None
    kaart: IntakeCard
    berichten: list[TranscriptLine]
    notities: list[Note]
    overgangen: list[Transition]


class Text(BaseModel):
    tekst: str = Field(min_length=1, max_length=MAX_TEXT)


class TransferTo(BaseModel):
    # A colleague's user name; none: back into the queue for whoever is free.
    aan: str | None = None


class Outcome(BaseModel):
    uitkomst: str


def _minutes_since(moment: str | None, now: datetime) -> int:
    return max(0, int((now - datetime.fromisoformat(moment)).total_seconds() // 60)) if moment else 0


def _item(
    entry: QueueEntry, store: ConversationStore, signals: Signals, clock: Clock, alarm: int
) -> QueueItem:
    waited = _minutes_since(entry.queued_at, clock.now())
    found = signals.of(entry.conversation_id)
    last_user = [m.text for m in store.messages(entry.conversation_id) if m.in_own_words]
    return QueueItem(
        id=entry.conversation_id,
        status=entry.state,
        prioriteit=entry.priority or "normaal",
        wacht_minuten=waited,
        alarm=entry.state in (QUEUED, CALLBACK) and waited >= alarm,
        reden=entry.reason or "",
        medewerker=entry.assignee,
        onderwerpen=found.get("onderwerp", []),
        laatste_bericht=(last_user[-1] if last_user else "")[:160],
    )


@router.get("/wachtrij")
def queue(
    session: StaffDep, handoff: HandoffDep, store: StoreDep, signals: SignalsDep, clock: ClockDep, swv: SwvDep
) -> Queue:
    alarm = swv.get().queue.alarm_minutes

    def items(entries: list[QueueEntry]) -> list[QueueItem]:
        return [_item(entry, store, signals, clock, alarm) for entry in entries]

    return Queue(
        wachtend=items(handoff.queue()),
        in_behandeling=items(handoff.owned()),
        gepland=items(handoff.scheduled()),
        alarm_na_minuten=alarm,
    )


def _existing(store: ConversationStore, conversation_id: str) -> None:
    if not store.exists(conversation_id):
        raise HTTPException(404, "Dit gesprek bestaat niet (meer).")


@router.get("/gesprekken/{conversation_id}")
async def conversation(
    conversation_id: str,
    session: StaffDep,
    store: StoreDep,
    handoff: HandoffDep,
    signals: SignalsDep,
    callbacks: CallbacksDep,
    notes: NotesDep,
    rasa: RasaDep,
) -> ConversationView:
    _existing(store, conversation_id)
    try:
        tracker = await rasa.tracker(conversation_id)
    except RasaUnavailable:
        tracker = None
    card = build_card(conversation_id, store, handoff, signals, callbacks, tracker)
    lines = [
        TranscriptLine(
            id=m.id,
            afzender=m.sender,
            auteur=m.author,
            tekst=m.text,
            tijd=m.created_at,
            bronnen=[s.get("title", "") for s in m.sources],
        )
        for m in store.messages(conversation_id)
    ]
    moves = [
        Transition(van=t["from_state"], naar=t["to_state"], door=t["actor"], reden=t["reason"], tijd=t["at"])
        for t in handoff.history(conversation_id)
    ]
    return ConversationView(
        id=conversation_id,
        status=handoff.state(conversation_id),
        medewerker=handoff.assignee(conversation_id),
        kaart=card,
        berichten=lines,
        notities=[Note(**n) for n in notes.of(conversation_id)],
        overgangen=moves,
    )


def _refused(error: TransitionRefused, message: str) -> HTTPException:
    logger.info("refused: %s", error)
    return HTTPException(409, message)


def _must_own(handoff: Handoff, conversation_id: str, username: str) -> None:
    if handoff.state(conversation_id) != STAFF or handoff.assignee(conversation_id) != username:
        raise HTTPException(409, "Neem het gesprek eerst over. Misschien heeft een collega het al.")


@router.post("/gesprekken/{conversation_id}/oppakken", status_code=204)
def claim(
    conversation_id: str, session: ActingStaffDep, store: StoreDep, handoff: HandoffDep, texts: TextsDep
) -> None:
    _existing(store, conversation_id)
    try:
        handoff.claim(conversation_id, session.account.username)
    except TransitionRefused as error:
        raise _refused(error, "Dit gesprek is al opgepakt of wacht niet meer.") from error
    store.add_message(
        conversation_id, SYSTEM, {"text": texts.get().say("overgenomen", naam=session.account.name)}
    )


@router.post("/gesprekken/{conversation_id}/berichten", status_code=201)
async def reply(
    conversation_id: str,
    body: Text,
    session: ActingStaffDep,
    store: StoreDep,
    handoff: HandoffDep,
    rasa: RasaDep,
) -> dict[str, int]:
    _existing(store, conversation_id)
    _must_own(handoff, conversation_id, session.account.username)
    text = body.tekst.strip()
    message_id = store.add_message(conversation_id, STAFF_SENDER, {"text": text}, author=session.account.name)
    try:
        await rasa.log_staff_message(conversation_id, text, session.account.username)
    except RasaUnavailable as error:  # the gateway's transcript has it; Rasa's copy can lag
        logger.warning("could not add a staff message to Rasa's tracker: %s", error)
    return {"id": message_id}


@router.post("/gesprekken/{conversation_id}/notities", status_code=201)
def add_note(
    conversation_id: str, body: Text, session: ActingStaffDep, store: StoreDep, notes: NotesDep
) -> None:
    _existing(store, conversation_id)
    notes.add(conversation_id, session.account.name, body.tekst.strip())


@router.post("/gesprekken/{conversation_id}/overdragen", status_code=204)
def transfer(
    conversation_id: str,
    body: TransferTo,
    session: ActingStaffDep,
    store: StoreDep,
    handoff: HandoffDep,
    texts: TextsDep,
    sessions: SessionsDep,
) -> None:
    _existing(store, conversation_id)
    _must_own(handoff, conversation_id, session.account.username)
    say = texts.get().say
    if body.aan is None:
        try:
            handoff.move(
                conversation_id, QUEUED, session.account.username, "terug in de wachtrij", assignee=None
            )
        except TransitionRefused as error:
            raise _refused(error, "Overdragen lukte niet: het gesprek is intussen veranderd.") from error
        store.add_message(conversation_id, SYSTEM, {"text": say("terug_in_wachtrij")})
        return
    colleague = sessions.accounts.get(body.aan)
    if colleague is None:
        raise HTTPException(422, "Deze collega bestaat niet.")
    try:
        handoff.transfer(conversation_id, session.account.username, colleague.username)
    except TransitionRefused as error:
        raise _refused(error, "Overdragen lukte niet: het gesprek is intussen veranderd.") from error
    store.add_message(conversation_id, SYSTEM, {"text": say("overgedragen", naam=colleague.name)})


@router.post("/gesprekken/{conversation_id}/afsluiten", status_code=204)
def close(
    conversation_id: str,
    body: Outcome,
    session: ActingStaffDep,
    store: StoreDep,
    handoff: HandoffDep,
    texts: TextsDep,
) -> None:
    _existing(store, conversation_id)
    if body.uitkomst not in texts.get().outcomes:
        raise HTTPException(422, "Kies een uitkomst uit de lijst.")
    state = handoff.state(conversation_id)
    if state != CALLBACK:  # a callback request (phone, e-mail) can be closed once handled
        _must_own(handoff, conversation_id, session.account.username)
    try:
        handoff.close(conversation_id, session.account.username, body.uitkomst)
    except TransitionRefused as error:
        raise _refused(error, "Afsluiten lukte niet: het gesprek is intussen veranderd.") from error
    store.add_message(conversation_id, SYSTEM, {"text": texts.get().say("afgesloten")})


@router.post("/gesprekken/{conversation_id}/teruggeven", status_code=204)
def hand_back(
    conversation_id: str, session: ActingStaffDep, store: StoreDep, handoff: HandoffDep, texts: TextsDep
) -> None:
    _existing(store, conversation_id)
    _must_own(handoff, conversation_id, session.account.username)
    try:
        handoff.hand_back(conversation_id, session.account.username)
    except TransitionRefused as error:
        raise _refused(error, "Teruggeven lukte niet: het gesprek is intussen veranderd.") from error
    store.add_message(conversation_id, SYSTEM, {"text": texts.get().say("teruggegeven")})
