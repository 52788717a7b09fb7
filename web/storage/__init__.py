"""Where the gateway keeps its data: SQLite by default, PostgreSQL when
`WEGWIJZER_DATABASE_URL` names one (the scaled profile)."""

from web.settings import Settings
from web.storage.database import Database


def open_database(settings: Settings) -> Database:
    if settings.database_url:
        from web.storage.postgres import PostgresDatabase  # only the scaled profile needs the driver

        return PostgresDatabase(settings.database_url)
    from web.storage.sqlite import SQLiteDatabase

    return SQLiteDatabase(settings.db_path)
