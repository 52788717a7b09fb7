"""One turn of the bot: ask Rasa, keep what the turn was about, let the gateway
act on a request for a person, store the replies. Used by the chat API and by
the retry of turns that waited for Rasa (web/pending_turns.py)."""

from web.app_state import AppState
from web.conversations import BOT_SENDER, ConversationStore
from web.rasa_client import RasaUnavailable
from web.replies import ChatMessage, handoff_reason, to_chat_messages


def resume_link(base_url: str, conversation_id: str) -> str:
    """Opens this conversation again later, e.g. to read a consultant's answer."""
    return f"{base_url.rstrip('/')}/?gesprek={conversation_id}"


def store_replies(
    store: ConversationStore, conversation_id: str, messages: list[ChatMessage]
) -> list[ChatMessage]:
    with store.db.transaction():  # one commit for the whole reply
        for message in messages:
            message.id = store.add_message(conversation_id, BOT_SENDER, message.model_dump(exclude={"id"}))
    return messages


async def bot_turn(state: AppState, conversation_id: str, to_rasa: str, base_url: str) -> list[ChatMessage]:
    """Raises RasaUnavailable when Rasa does not answer; nothing is stored then."""
    rasa_messages = await state.rasa.send_message(conversation_id, to_rasa)
    if not rasa_messages:
        # Every turn of ours says something; silence means an action failed
        # (the action server is down): treat it as no answer, so it is retried.
        raise RasaUnavailable("empty reply")
    with state.store.db.transaction():  # what the turn was about and its replies: one commit
        state.signals.record_turn(conversation_id, to_rasa, rasa_messages)
        replies = to_chat_messages(rasa_messages)
        reason = handoff_reason(rasa_messages)
        if reason is not None:
            # The gateway decides: the queue in office hours, a callback request otherwise.
            replies += state.person_requests.request(
                conversation_id, reason, resume_link(base_url, conversation_id)
            )
        return store_replies(state.store, conversation_id, replies)
