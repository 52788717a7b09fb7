"""Named dependencies for the routers: what a handler needs, by type."""

from typing import Annotated

from fastapi import Depends, Request

from web.conversations import ConversationStore
from web.handoff import Handoff
from web.rasa_client import RasaClient
from web.safety import SafetyFile
from web.settings import Settings, get_settings


def _store(request: Request) -> ConversationStore:
    return request.app.state.store


def _rasa(request: Request) -> RasaClient:
    return request.app.state.rasa


def _handoff(request: Request) -> Handoff:
    return request.app.state.handoff


def _safety(request: Request) -> SafetyFile:
    return request.app.state.safety


StoreDep = Annotated[ConversationStore, Depends(_store)]
RasaDep = Annotated[RasaClient, Depends(_rasa)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
HandoffDep = Annotated[Handoff, Depends(_handoff)]
SafetyDep = Annotated[SafetyFile, Depends(_safety)]
