"""A user said yes to a person: join the queue when the steunpunt is open and a
consultant is there, otherwise leave a callback request (web/callback_intake.py).
Either way the user is told honestly what happens next and when."""

from datetime import timedelta

from web.callback_intake import CallbackIntake
from web.clock import Clock
from web.config_file import ConfigFile
from web.handoff import Handoff
from web.handoff_texts import HandoffTexts
from web.opening_hours import SwvConfig
from web.replies import ChatMessage
from web.staff.sessions import Sessions


class PersonRequests:
    def __init__(
        self,
        handoff: Handoff,
        intake: CallbackIntake,
        sessions: Sessions,
        swv: ConfigFile[SwvConfig],
        texts: ConfigFile[HandoffTexts],
        clock: Clock,
    ) -> None:
        self.handoff, self.intake, self.sessions = handoff, intake, sessions
        self.swv, self.texts, self.clock = swv, texts, clock

    def request(self, conversation_id: str, reason: str, link: str) -> list[ChatMessage]:
        config, texts, now = self.swv.get(), self.texts.get(), self.clock.now()
        hours = config.hours
        if hours.is_open(now) and self.sessions.online(timedelta(minutes=config.queue.available_minutes)):
            self.handoff.request_person(conversation_id, reason)
            return [ChatMessage(text=texts.say("in_wachtrij")), self.waiting_message(conversation_id)]
        if hours.is_open(now):
            due, when = now, texts.say("zo_snel_mogelijk")
            opening = texts.say("niemand_beschikbaar", wanneer=when)
        else:
            next_opening = hours.next_opening(now)
            due = next_opening or now
            when = (
                texts.say("vanaf", moment=hours.describe_moment(next_opening, now))
                if next_opening
                else texts.say("zo_snel_mogelijk")
            )
            opening = texts.say("gesloten", openingstijden=hours.describe_week(), wanneer=when)
        return self.intake.start(conversation_id, reason, opening, due, when, texts)

    def waiting_message(self, conversation_id: str) -> ChatMessage:
        """The place in the queue and, only when there is data for it, the usual wait."""
        texts = self.texts.get()
        position = self.handoff.position(conversation_id) or 1
        typical = self.handoff.typical_wait()
        wait = (
            texts.say("wachttijd_bekend", minuten=max(1, round(typical)))
            if typical is not None
            else texts.say("wachttijd_onbekend")
        )
        return ChatMessage(text=f"{texts.say('positie', positie=position)} {wait}")
