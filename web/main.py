"""create_app(): assembles the gateway from its routers."""

import asyncio
import logging
from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from web.body_limit import BodyLimitMiddleware
from web.callback_intake import CallbackIntake
from web.clock import Clock, ShiftedClock, SystemClock
from web.conversations import ConversationStore
from web.errors import install_error_handlers
from web.handoff import Handoff
from web.handoff_texts import handoff_texts_file
from web.opening_hours import swv_file
from web.pending_turns import PendingTurns, answer_pending_forever
from web.person_request import PersonRequests
from web.rasa_client import RasaClient
from web.rate_limit import RateLimiter
from web.retention import purge_every_hour
from web.routers import (
    chat,
    console,
    health,
    insights,
    live,
    pages,
    staff,
    staff_export,
    staff_login,
    staff_settings,
    widget,
)
from web.safety import SafetyFile
from web.security_headers import SecurityHeadersMiddleware
from web.server_timing import ServerTimingMiddleware
from web.settings import Settings, get_settings
from web.signals import Signals
from web.staff.accounts import Accounts
from web.staff.notes import Notes, StandardTexts
from web.staff.sessions import Sessions
from web.storage import open_database
from web.widget_texts import widget_texts_file

# A chat message is at most a few kB; anything far larger is not a chat message.
MAX_BODY_BYTES = 64 * 1024


def create_app(settings: Settings | None = None, clock: Clock | None = None) -> FastAPI:
    settings = settings or get_settings()
    clock = clock or (ShiftedClock(settings.clock_start) if settings.clock_start else SystemClock())
    swv = swv_file(settings.swv_file)  # one reader for the CORS origins and the handlers

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state = app.state
        state.clock = clock
        state.store = ConversationStore(open_database(settings), clock)
        state.limiter = RateLimiter()
        db = state.store.db
        state.handoff = Handoff(db, clock)
        state.safety = SafetyFile(settings.safety_file)
        state.swv = swv
        state.texts = handoff_texts_file(settings.handoff_texts_file)
        state.widget_texts = widget_texts_file(settings.widget_texts_file)
        state.signals = Signals(db, clock)
        state.callbacks = CallbackIntake(db, state.handoff, clock)
        state.sessions = Sessions(db, Accounts(db, clock), clock)
        state.notes = Notes(db, clock)
        state.standard_texts = StandardTexts(db, state.texts)
        state.person_requests = PersonRequests(
            state.handoff, state.callbacks, state.sessions, state.swv, state.texts, clock
        )
        state.rasa = RasaClient(settings.rasa_urls, settings.rasa_token, settings.rasa_timeout)
        state.pending = PendingTurns(db, clock)
        background = [
            asyncio.create_task(purge_every_hour(state, clock, settings.retention_days)),
            asyncio.create_task(answer_pending_forever(state, settings.pending_retry_seconds)),
        ]
        yield
        for task in background:
            task.cancel()
        await state.rasa.aclose()

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = FastAPI(title="Wegwijzer chat API", version="0.1.0", lifespan=lifespan)
    # On app.state like every other dependency: a dependency override would make
    # FastAPI re-inspect every handler's dependencies on every request (profiled).
    app.state.settings = settings
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(SecurityHeadersMiddleware)
    # SWV websites that embed the widget call the chat API from their own origin
    # (knowledge/swv.yml `websites`; read at start-up). No cookies cross: the
    # conversation id in the URL is the only key.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(swv.get().websites),
        allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["Content-Type", "Last-Event-ID"],
    )
    # Outermost: its clock covers every other layer of the app.
    app.add_middleware(ServerTimingMiddleware)
    app.include_router(chat.router)
    app.include_router(live.router)
    app.include_router(staff_login.router)
    app.include_router(staff.router)
    app.include_router(staff_settings.router)
    app.include_router(staff_export.router)
    app.include_router(insights.router)
    app.include_router(console.router)
    app.include_router(widget.router)
    app.include_router(health.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=pages.STATIC), name="static")
    return app
