"""Named dependencies for the routers: what a handler needs, by type. Each is
an object create_app() put on app.state when the gateway started."""

from typing import Annotated, Any

from fastapi import Depends, Request

from web.app_state import AppState
from web.callback_intake import CallbackIntake
from web.clock import Clock
from web.config_file import ConfigFile
from web.conversations import ConversationStore
from web.handoff import Handoff
from web.handoff_texts import HandoffTexts
from web.opening_hours import SwvConfig
from web.pending_turns import PendingTurns
from web.rasa_client import RasaClient
from web.rate_limit import RateLimiter
from web.settings import Settings
from web.signals import Signals
from web.staff.notes import Notes, StandardTexts
from web.widget_texts import WidgetTexts


async def _app_state(request: Request) -> AppState:
    return request.app.state


def _state(name: str) -> Any:
    # async, so FastAPI calls it on the event loop: a plain function would be sent
    # to the thread pool, a thread hop per dependency per request (profiled).
    async def get(request: Request) -> Any:
        return getattr(request.app.state, name)

    return Depends(get)


# The whole state in one dependency, for the handler every user message goes
# through: FastAPI resolves each dependency anew on every request, and that
# handler had twelve (bench/RESULTS.md, "The gateway's CPU per turn, before and after").
AppStateDep = Annotated[AppState, Depends(_app_state)]
StoreDep = Annotated[ConversationStore, _state("store")]
RasaDep = Annotated[RasaClient, _state("rasa")]
SettingsDep = Annotated[Settings, _state("settings")]
HandoffDep = Annotated[Handoff, _state("handoff")]
ClockDep = Annotated[Clock, _state("clock")]
SignalsDep = Annotated[Signals, _state("signals")]
CallbacksDep = Annotated[CallbackIntake, _state("callbacks")]
NotesDep = Annotated[Notes, _state("notes")]
StandardTextsDep = Annotated[StandardTexts, _state("standard_texts")]
SwvDep = Annotated[ConfigFile[SwvConfig], _state("swv")]
TextsDep = Annotated[ConfigFile[HandoffTexts], _state("texts")]
WidgetTextsDep = Annotated[ConfigFile[WidgetTexts], _state("widget_texts")]
LimiterDep = Annotated[RateLimiter, _state("limiter")]
PendingDep = Annotated[PendingTurns, _state("pending")]
