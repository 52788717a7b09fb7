"""The consultant's intake card: what the bot already knows and did, on one card,
so nobody has to read a whole transcript before saying hello."""

from typing import Any

from pydantic import BaseModel

from web.callback_intake import CallbackIntake
from web.conversations import ConversationStore
from web.handoff import URGENT, Handoff
from web.signals import ARTICLE, NEEDS_PERSON, SCHOOL, TOPIC, Signals

TOPIC_LABELS = {
    "zorgplicht": "Zorgplicht en aanmelden",
    "escalatieladder": "Oneens met de school",
    "opp": "OPP",
    "tlv": "TLV en speciaal onderwijs",
    "thuiszitten": "Thuiszitten",
    "ondersteuning": "Ondersteuning op school",
    "zorg": "Zorg en jeugdhulp",
    "leerling": "Vragen van leerlingen",
    "steunpunt": "Over het steunpunt",
}
AUDIENCE_LABELS = {"ouder": "ouder", "leerling": "leerling", "professional": "werkt in het onderwijs"}
CONTACT_LABELS = {"chat": "in de chat", "telefoon": "bellen", "email": "mailen"}
# How many of the user's own messages the card quotes.
OWN_WORDS = 3


class FlowResult(BaseModel):
    title: str
    text: str


class IntakeCard(BaseModel):
    audience: str
    priority: str
    reason: str
    consent: str
    contact: str
    topics: list[str]
    articles: list[str]
    needs_person: list[str]
    schools: list[str]
    flows: list[FlowResult]
    own_words: list[str]


def _audience(tracker: dict[str, Any] | None) -> str:
    if tracker is None:
        return "onbekend (de chatbot is nu niet bereikbaar)"
    slot = (tracker.get("slots") or {}).get("audience")
    return AUDIENCE_LABELS.get(slot, "niet gezegd")


def build_card(
    conversation_id: str,
    store: ConversationStore,
    handoff: Handoff,
    signals: Signals,
    callbacks: CallbackIntake,
    tracker: dict[str, Any] | None,
) -> IntakeCard:
    found = signals.of(conversation_id)
    messages = store.messages(conversation_id)
    reasons = [
        t["reason"]
        for t in handoff.history(conversation_id)
        if t["to_state"] in ("wachtrij", "terugbelverzoek")
    ]
    reason = reasons[-1] if reasons else ""
    callback = callbacks.get(conversation_id)
    own_words = [m.text for m in messages if m.in_own_words][-OWN_WORDS:]
    if callback is not None and callback.question:
        own_words = [callback.question]
    if reason == "veiligheid":
        consent = "niet gevraagd: bericht over onveiligheid, hulplijnen zijn gegeven"
    elif reason:
        consent = "ja, de gebruiker vroeg zelf om een medewerker"
    else:
        consent = "nog niet gevraagd"
    if callback is None:
        contact = "hier in de chat"
    else:
        contact = CONTACT_LABELS.get(callback.method, callback.method)
        if callback.contact:
            contact += f": {callback.contact}"
    return IntakeCard(
        audience=_audience(tracker),
        priority="urgent" if handoff.priority(conversation_id) == URGENT else "normaal",
        reason=reason,
        consent=consent,
        contact=contact,
        topics=[TOPIC_LABELS.get(t, t) for t in found.get(TOPIC, [])],
        articles=found.get(ARTICLE, []),
        needs_person=found.get(NEEDS_PERSON, []),
        schools=found.get(SCHOOL, []),
        flows=[
            FlowResult(title=m.summary.get("title", ""), text=m.summary.get("text", ""))
            for m in messages
            if m.summary
        ],
        own_words=own_words,
    )
