"""What create_app() puts on app.state, as a type, so code handed the app's
state (a chat turn, the retries of waiting turns) is checked like any other."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # these modules import the chat turn, which imports this one
    from web.callback_intake import CallbackIntake
    from web.clock import Clock
    from web.config_file import ConfigFile
    from web.conversations import ConversationStore
    from web.handoff import Handoff
    from web.handoff_texts import HandoffTexts
    from web.opening_hours import SwvConfig
    from web.pending_turns import PendingTurns
    from web.person_request import PersonRequests
    from web.rasa_client import RasaClient
    from web.rate_limit import RateLimiter
    from web.safety import SafetyFile
    from web.settings import Settings
    from web.signals import Signals
    from web.staff.notes import Notes, StandardTexts
    from web.staff.sessions import Sessions
    from web.widget_texts import WidgetTexts


class AppState(Protocol):
    settings: Settings
    clock: Clock
    store: ConversationStore
    limiter: RateLimiter
    handoff: Handoff
    safety: SafetyFile
    swv: ConfigFile[SwvConfig]
    texts: ConfigFile[HandoffTexts]
    widget_texts: ConfigFile[WidgetTexts]
    signals: Signals
    callbacks: CallbackIntake
    sessions: Sessions
    notes: Notes
    standard_texts: StandardTexts
    person_requests: PersonRequests
    rasa: RasaClient
    pending: PendingTurns
