"""One conversation as a download, for a parent's access request (inzageverzoek):
JSON for the record, plain text to read. Staff only; every text stays text."""

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Response

from web.routers.staff import ConversationView, conversation

router = APIRouter(prefix="/api/medewerker", tags=["medewerker"])

SENDERS = {"user": "Gebruiker", "bot": "Wegwijzer", "medewerker": "Medewerker", "systeem": "Melding"}


def as_text(view: ConversationView) -> str:
    lines = [f"Gesprek {view.id}", f"Status: {view.status}", "", "Berichten:"]
    for message in view.berichten:
        who = SENDERS.get(message.afzender, message.afzender) + (
            f" {message.auteur}" if message.auteur else ""
        )
        lines.append(f"[{message.tijd}] {who}: {message.tekst}")
    lines += ["", "Interne notities:"] + [f"[{n.tijd}] {n.auteur}: {n.tekst}" for n in view.notities]
    lines += ["", "Wie deed wat:"]
    lines += [f"[{t.tijd}] {t.van} -> {t.naar} door {t.door} ({t.reden})" for t in view.overgangen]
    return "\n".join(lines) + "\n"


@router.get("/gesprekken/{conversation_id}/export")
async def export(
    conversation_id: str, view: Annotated[ConversationView, Depends(conversation)], vorm: str = "json"
) -> Response:
    """`conversation` (the console's view) checks the session and that the conversation exists."""
    name = f"wegwijzer-gesprek-{conversation_id[:8]}"
    if vorm == "tekst":
        headers = {"Content-Disposition": f'attachment; filename="{name}.txt"'}
        return Response(as_text(view), media_type="text/plain; charset=utf-8", headers=headers)
    headers = {"Content-Disposition": f'attachment; filename="{name}.json"'}
    body = json.dumps(view.model_dump(), ensure_ascii=False, indent=2)
    return Response(body, media_type="application/json", headers=headers)
