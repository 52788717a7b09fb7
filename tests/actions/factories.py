"""Test data for the action tests: article files and trackers."""

from pathlib import Path
from typing import Any, Optional

from rasa_sdk import Tracker

ARTICLE = """---
id: {id}
title: {title}
intents: [{intent}]
audiences: [{audiences}]
sources:
  - title: "Bron {id}"
    ref: "002_1017caeb53e816e6.txt r.1"
status: wet
status_year: 2014
checked: 2026-11-23
related: [{related}]
---
## Kort
Ouderuitleg {id}.

## Meer weten
Meer over {id}.

## Volgende stap
Oudervervolg {id}.
{pupil}"""

PUPIL = """
## Kort (leerling)
Leerlinguitleg {id}.

## Volgende stap (leerling)
Leerlingvervolg {id}.
"""


def write_article(folder: Path, id: str, intent: str, audiences: str = "ouder", related: str = "") -> None:
    pupil = PUPIL.format(id=id) if "leerling" in audiences and "ouder" in audiences else ""
    (folder / f"{id}.md").write_text(
        ARTICLE.format(
            id=id, title=f"Vraag {id}?", intent=intent, audiences=audiences, related=related, pupil=pupil
        ),
        encoding="utf-8",
    )


def tracker(
    text: str = "...",
    intent: Optional[str] = None,
    slots: Optional[dict[str, Any]] = None,
    ranking: Optional[list[tuple[str, float]]] = None,
    events: Optional[list[dict[str, Any]]] = None,
) -> Tracker:
    ranking = ranking or ([(intent, 0.9)] if intent else [])
    latest = {
        "text": text,
        "intent": {"name": intent or ranking[0][0], "confidence": ranking[0][1]},
        "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
    }
    return Tracker(
        sender_id="test",
        slots=slots or {},
        latest_message=latest,
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def flow_tracker(
    text: str,
    requested: Optional[str],
    slots: Optional[dict[str, Any]] = None,
    intent: str = "inform",
    confidence: float = 0.9,
    entities: Optional[list[dict[str, Any]]] = None,
    active_loop: Optional[str] = None,
) -> Tracker:
    """A tracker inside a guided flow, just after the user answered `requested`."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": intent, "confidence": confidence}],
        "entities": entities or [],
    }
    return Tracker(
        sender_id="test",
        slots={**(slots or {}), "requested_slot": requested},
        latest_message=latest,
        events=[{"event": "user", "text": text, "parse_data": latest}],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )
