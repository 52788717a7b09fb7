"""The action server's one settings object; nothing else reads the environment."""

from pathlib import Path

from pydantic import BaseSettings

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    knowledge_dir: Path = ROOT / "knowledge"

    class Config:
        env_prefix = "WEGWIJZER_"


settings = Settings()
