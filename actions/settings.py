"""The action server's one settings object; nothing else reads the environment."""

from pathlib import Path

from pydantic import BaseSettings

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    knowledge_dir: Path = ROOT / "knowledge"
    # The school support profiles (python -m actions.sop import FILE).
    sop_db: Path = ROOT / "var" / "sop.db"

    class Config:
        env_prefix = "WEGWIJZER_"


settings = Settings()
