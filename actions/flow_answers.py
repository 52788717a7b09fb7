"""Read the user's answer to a flow question from their message.

Buttons send `/inform{"keuze": "<value>"}`; people type "ja hoor",
"weet ik niet", "15-3" or a sentence. Whether a message is an answer at all,
or a side question the form should let the rules answer, is decided here too.
"""

import re
from datetime import date
from typing import Any, Dict, Optional, Tuple

from actions.dutch_dates import parse_duration_days, parse_past_date
from actions.flow_definitions import Option, Question
from actions.text import normalise

CHOICE_ENTITY = "keuze"
# Intents of messages that answer a question rather than ask one.
ANSWER_INTENTS = {"inform", "affirm", "deny", "nlu_fallback"}
# Messages that steer the conversation itself; the rules handle them.
CONTROL_INTENTS = {"flow_stop", "handoff_request", "article_more", "bot_challenge", "bot_capabilities"}
CONTROL_CONFIDENCE = 0.5
# A pupil's "stil zitten" scored 0.49 for "stop": free text needs more certainty.
TEXT_CONTROL_CONFIDENCE = 0.8
# Another flow starts mid-flow only from its button, never from a typed answer.
FLOW_START_CONFIDENCE = 0.95
# Below this an unreadable answer is treated as a failed answer, not a question.
SIDE_QUESTION_CONFIDENCE = 0.6

_UNKNOWN = re.compile(
    r"\b(weet (ik )?(het )?niet|geen (flauw )?idee|twijfel|misschien|idk|niet zeker|onbekend)\b"
)
_YES = re.compile(
    r"^(ja+|jazeker|jawel|jep|jup|yes|yep|klopt|zeker|ok|oke|okay|prima|graag|doe maar|dat klopt)\b"
)
_NO = re.compile(r"^(nee+|neen|nope|no|niet|nog niet|liever niet|helaas niet|nooit)\b")
_BACK = re.compile(
    r"^(terug|ga terug|vorige vraag|vorige|oeps|foutje)\b|\b(vorige antwoord|antwoord (aan)?passen)\b"
)
_CORRECTION = re.compile(r"\b(eigenlijk|ik bedoel|bedoel ik|sorry|correctie|wacht|toch|vergist|verkeerd)\b")
_QUESTION_WORDS = re.compile(
    r"^(wat|wie|waar|wanneer|waarom|hoe|hoeveel|welke?|mag|moet|kan|kun|kunnen|is|zijn|heeft|hebben)\b"
)


def chosen_value(message: Dict[str, Any]) -> Optional[str]:
    for entity in message.get("entities") or []:
        if entity.get("entity") == CHOICE_ENTITY:
            return str(entity.get("value"))
    return None


def _intent(message: Dict[str, Any]) -> tuple:
    intent = message.get("intent") or {}
    return intent.get("name"), float(intent.get("confidence") or 0.0)


def _control_confidence(question: Question) -> float:
    return TEXT_CONTROL_CONFIDENCE if question.kind == "text" else CONTROL_CONFIDENCE


def is_control(message: Dict[str, Any], question: Question) -> bool:
    name, confidence = _intent(message)
    if name and name.startswith("flow_") and name not in ("flow_stop", "flow_back"):
        return confidence >= FLOW_START_CONFIDENCE
    return name in CONTROL_INTENTS and confidence >= _control_confidence(question)


def wants_back(message: Dict[str, Any], question: Question) -> bool:
    name, confidence = _intent(message)
    if name == "flow_back" and confidence >= _control_confidence(question):
        return True
    return bool(_BACK.search(normalise(message.get("text") or "")))


def looks_like_question(text: str) -> bool:
    cleaned = normalise(text)
    return cleaned.endswith("?") or bool(_QUESTION_WORDS.match(cleaned))


def is_side_question(message: Dict[str, Any], question: Question) -> bool:
    """An article question asked in the middle of a flow: answer it, then ask again."""
    name, confidence = _intent(message)
    if name in ANSWER_INTENTS or confidence < SIDE_QUESTION_CONFIDENCE:
        return False
    text = message.get("text") or ""
    if question.kind == "text":
        # A button payload ("/opp_uitleg") is never the user's own words.
        return text.startswith("/") or (not question.questions_are_answers and looks_like_question(text))
    return True


def parse_yes_no(message: Dict[str, Any]) -> Optional[str]:
    text = normalise(message.get("text") or "")
    if _UNKNOWN.search(text):
        return "onbekend"
    if _YES.match(text):
        return "ja"
    if _NO.match(text):
        return "nee"
    name, confidence = _intent(message)
    if confidence >= SIDE_QUESTION_CONFIDENCE and name in ("affirm", "deny"):
        return "ja" if name == "affirm" else "nee"
    return None


def _keyword_positions(keyword: str, text: str) -> list:
    pattern = re.escape(keyword[:-1]) if keyword.endswith("*") else re.escape(keyword) + r"\b"
    return [m.start() for m in re.finditer(r"\b" + pattern, text)]


def parse_choice(message: Dict[str, Any], options: Tuple[Option, ...]) -> Optional[str]:
    """The option whose keywords occur most often; on a tie, the one named first."""
    text = normalise(message.get("text") or "")
    best: Optional[tuple] = None
    for option in options:
        positions = [p for k in option.keywords for p in _keyword_positions(k, text)]
        if positions:
            score = (-len(positions), min(positions))
            if best is None or score < best[0]:
                best = (score, option.value)
    return best[1] if best else None


def parse_duration(text: str, options: Tuple[Option, ...], today: date) -> Optional[str]:
    """For options with a `max_days` (and a last one without): how long it has lasted."""
    if not any("max_days" in o.extra for o in options):
        return None
    days = parse_duration_days(text, today)
    if days is None:
        return None
    return next((o.value for o in options if days <= o.extra.get("max_days", days)), None)


def parse_answer(
    message: Dict[str, Any], question: Question, slots: Dict[str, Any], today: date
) -> Optional[Any]:
    """The value the message gives for this question, or None if it gives none."""
    options = question.options_for(slots)
    chosen = chosen_value(message)
    if chosen is not None and any(o.value == chosen for o in options):
        return chosen
    text = (message.get("text") or "").strip()
    if question.kind == "yes_no":
        return parse_yes_no(message)
    if question.kind == "choice":
        return parse_duration(text, options, today) or parse_choice(message, options)
    if question.kind == "date":
        parsed = parse_past_date(text, today)
        return parsed.isoformat() if parsed else None
    return text or None


def looks_like_correction(text: str) -> bool:
    return bool(_CORRECTION.search(normalise(text)))
