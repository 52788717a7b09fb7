"""The gateway's one settings object; nothing else reads the environment."""

from datetime import datetime
from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WEGWIJZER_")

    # Where the gateway keeps its own SQLite file (conversations, transcripts).
    var_dir: Path = ROOT / "var"
    # A PostgreSQL URL (postgresql://user:password@host:port/db) replaces that file:
    # the scaled profile. Empty: SQLite in var_dir.
    database_url: str = ""
    # One Rasa server, or several separated by commas (the scaled profile).
    rasa_url: str = "http://127.0.0.1:5005"
    # Shared secret for Rasa's HTTP API and the gateway channel; scripts/services.py
    # generates it once and keeps it in var/.
    rasa_token: str = ""
    actions_url: str = "http://127.0.0.1:5055"
    # Seconds to wait for one bot turn before telling the user to try again.
    rasa_timeout: float = 30.0
    max_message_chars: int = 2000
    # Days a conversation is kept after its last message (web/retention.py); a callback
    # request that is not yet handled is kept until it is, then the same term runs.
    retention_days: int = 30
    # Seconds between retries of messages that waited for Rasa (web/pending_turns.py).
    pending_retry_seconds: float = 3.0
    # Rate limits per minute (web/rate_limit.py): messages in one conversation, and
    # per client address new conversations and messages.
    rate_conversation_messages: int = 20
    rate_client_conversations: int = 30
    rate_client_messages: int = 120
    # The guided flows a deep link (/?start=<flow>) may start: one file each.
    flows_dir: Path = ROOT / "knowledge" / "flows"
    # Help lines and the patterns of a message about danger (web/safety.py).
    safety_file: Path = ROOT / "knowledge" / "veiligheid.yml"
    # The SWV: steunpunt contact, opening hours, queue alarm (web/opening_hours.py).
    swv_file: Path = ROOT / "knowledge" / "swv.yml"
    # What the gateway says around a hand-over; outcomes and standard texts.
    handoff_texts_file: Path = ROOT / "knowledge" / "overdracht.yml"
    # The widget's welcome, privacy notice and first choice.
    widget_texts_file: Path = ROOT / "knowledge" / "widget.yml"
    # Tests only: the gateway's clock starts at this moment (and then runs on),
    # e.g. a Saturday night to see the callback route. Unset: the real time.
    clock_start: datetime | None = None

    @property
    def rasa_urls(self) -> list[str]:
        return [url.strip().rstrip("/") for url in self.rasa_url.split(",") if url.strip()]

    @property
    def db_path(self) -> Path:
        return self.var_dir / "gateway.db"


@lru_cache
def get_settings() -> Settings:
    return Settings()
