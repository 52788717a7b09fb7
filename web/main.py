"""create_app(): assembles the gateway from its routers."""

import logging
from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from web.body_limit import BodyLimitMiddleware
from web.conversations import ConversationStore
from web.errors import install_error_handlers
from web.handoff import Handoff
from web.rasa_client import RasaClient
from web.routers import chat, health, pages
from web.safety import SafetyFile
from web.settings import Settings, get_settings

# A chat message is at most a few kB; anything far larger is not a chat message.
MAX_BODY_BYTES = 64 * 1024


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = ConversationStore(settings.db_path)
        app.state.handoff = Handoff(app.state.store.db)
        app.state.safety = SafetyFile(settings.safety_file)
        app.state.rasa = RasaClient(settings.rasa_url, settings.rasa_token, settings.rasa_timeout)
        yield
        await app.state.rasa.aclose()

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs every request URL at INFO, and Rasa's token travels in the URL.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    app = FastAPI(title="Wegwijzer chat API", version="0.1.0", lifespan=lifespan)
    app.dependency_overrides[get_settings] = lambda: settings
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=MAX_BODY_BYTES)
    app.include_router(chat.router)
    app.include_router(health.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=pages.STATIC), name="static")
    return app
