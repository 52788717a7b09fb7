"""Outside office hours, or with nobody free: the gateway asks for the question
and a way back (here in the chat, phone, e-mail), checks the contact details
and files a callback request for when the steunpunt is open.

The gateway runs these few steps itself, so the phone number or e-mail address
never reaches Rasa's tracker; the consultant sees it on the intake card.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from web.clock import Clock, stamp
from web.contact import normalise_email, normalise_phone
from web.handoff import Handoff
from web.handoff_texts import HandoffTexts
from web.replies import Button, ChatMessage
from web.storage.database import Database

QUESTION, METHOD, CONTACT = "vraag", "manier", "contact"
CHAT, PHONE, EMAIL = "chat", "telefoon", "email"
STOP_PAYLOAD = "/terugbellen_stop"
METHOD_PAYLOADS = {f"/terugbellen_{method}": method for method in (CHAT, PHONE, EMAIL)}
STOP_WORDS = {"stop", "toch niet", "nee", "laat maar", "annuleer", "stoppen"}
METHOD_WORDS = {CHAT: ("chat", "hier"), PHONE: ("bel", "telefo"), EMAIL: ("mail",)}


@dataclass(frozen=True)
class Callback:
    question: str
    method: str
    contact: str | None
    due_at: str


def _method_in(text: str) -> str | None:
    if text in METHOD_PAYLOADS:
        return METHOD_PAYLOADS[text]
    lowered = text.lower()
    found = [method for method, words in METHOD_WORDS.items() if any(w in lowered for w in words)]
    return found[0] if len(found) == 1 else None


class CallbackIntake:
    def __init__(self, db: Database, handoff: Handoff, clock: Clock) -> None:
        self.db, self.handoff, self.clock = db, handoff, clock
        db.add_columns("conversations", {"intake": str})
        db.create_table(
            "callbacks",
            {"conversation_id": str, "question": str, "method": str, "contact": str, "created_at": str,
             "due_at": str},
            pk="conversation_id",
        )  # fmt: skip

    def _step(self, conversation_id: str) -> dict | None:
        row = self.db.execute("select intake from conversations where id = ?", [conversation_id]).fetchone()
        return json.loads(row[0]) if row and row[0] else None

    def _save(self, conversation_id: str, step: dict | None) -> None:
        self.db.update("conversations", conversation_id, {"intake": json.dumps(step) if step else None})

    def is_active(self, conversation_id: str) -> bool:
        return self._step(conversation_id) is not None

    def start(
        self, conversation_id: str, reason: str, opening: str, due: datetime, when: str, texts: HandoffTexts
    ) -> list[ChatMessage]:
        """`opening` is the first message (closed now, or nobody free); `when`
        says when to expect an answer ("vanaf morgen om 9.00 uur")."""
        self._save(conversation_id, {"step": QUESTION, "reason": reason, "due": stamp(due), "when": when})
        stop = Button(title=texts.say("stoppen"), payload=STOP_PAYLOAD)
        return [ChatMessage(text=opening), ChatMessage(text=texts.say("vraag"), buttons=[stop])]

    def answer(self, conversation_id: str, text: str, texts: HandoffTexts, link: str) -> list[ChatMessage]:
        """One user reply during the intake; the next question, or the confirmation.
        `link` reopens this conversation later (for an answer in the chat)."""
        step = self._step(conversation_id) or {}
        stop = Button(title=texts.say("stoppen"), payload=STOP_PAYLOAD)
        if text == STOP_PAYLOAD or text.lower().strip(" .!") in STOP_WORDS:
            self._save(conversation_id, None)
            return [ChatMessage(text=texts.say("gestopt"))]
        if step.get("step") == QUESTION:
            if len(text.strip()) < 2:
                return [ChatMessage(text=texts.say("vraag_leeg"), buttons=[stop])]
            self._save(conversation_id, {**step, "step": METHOD, "question": text.strip()})
            return [self._ask_method(texts)]
        if step.get("step") == METHOD:
            method = _method_in(text)
            if method is None:
                return [ChatMessage(text=texts.say("manier_onbekend")), self._ask_method(texts)]
            if method == CHAT:
                return self._file(conversation_id, step, CHAT, None, texts, link)
            self._save(conversation_id, {**step, "step": CONTACT, "method": method})
            ask = "vraag_telefoon" if method == PHONE else "vraag_email"
            return [ChatMessage(text=texts.say(ask), buttons=[stop])]
        method = step.get("method", PHONE)
        contact = normalise_phone(text) if method == PHONE else normalise_email(text)
        if contact is None:
            invalid = "telefoon_ongeldig" if method == PHONE else "email_ongeldig"
            return [ChatMessage(text=texts.say(invalid), buttons=[stop])]
        return self._file(conversation_id, step, method, contact, texts, link)

    def _ask_method(self, texts: HandoffTexts) -> ChatMessage:
        buttons = [
            Button(title=texts.say(f"manier_{method}"), payload=payload)
            for payload, method in METHOD_PAYLOADS.items()
        ]
        return ChatMessage(text=texts.say("manier"), buttons=buttons)

    def _file(
        self,
        conversation_id: str,
        step: dict,
        method: str,
        contact: str | None,
        texts: HandoffTexts,
        link: str,
    ) -> list[ChatMessage]:
        self.db.upsert(
            "callbacks",
            {"conversation_id": conversation_id, "question": step.get("question", ""), "method": method,
             "contact": contact, "created_at": stamp(self.clock.now()), "due_at": step["due"]},
        )  # fmt: skip
        due = datetime.fromisoformat(step["due"])
        self.handoff.request_callback(conversation_id, step.get("reason", "gevraagd"), due)
        self._save(conversation_id, None)
        return [ChatMessage(text=texts.say(f"bevestigd_{method}", wanneer=step["when"], link=link))]

    def get(self, conversation_id: str) -> Callback | None:
        rows = self.db.rows_where("callbacks", "conversation_id = ?", [conversation_id])
        if not rows:
            return None
        row = rows[0]
        return Callback(row["question"], row["method"], row["contact"], row["due_at"])
