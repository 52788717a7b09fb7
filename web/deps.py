"""Named dependencies for the routers: what a handler needs, by type."""

from typing import Annotated

from fastapi import Depends, Request

from web.conversations import ConversationStore
from web.rasa_client import RasaClient
from web.settings import Settings, get_settings


def _store(request: Request) -> ConversationStore:
    return request.app.state.store


def _rasa(request: Request) -> RasaClient:
    return request.app.state.rasa


StoreDep = Annotated[ConversationStore, Depends(_store)]
RasaDep = Annotated[RasaClient, Depends(_rasa)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
