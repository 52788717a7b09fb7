"""The storage interface behaves the same on SQLite and PostgreSQL: the gateway's
modules never know which engine they run on."""

import pytest

from tests.web.conftest import fresh_postgres_database


def _notes(database) -> None:
    database.create_table(
        "notes", {"id": int, "conversation_id": str, "text": str}, pk="id", indexes=[("conversation_id",)]
    )


def test_rows_are_numbered_changed_and_replaced(open_database):
    database = open_database()
    _notes(database)
    first = database.insert("notes", {"conversation_id": "a", "text": "een"})
    second = database.insert("notes", {"conversation_id": "a", "text": "twee"})
    assert second > first
    assert database.update("notes", first, {"text": "één"}) == 1
    assert [r["text"] for r in database.rows_where("notes", "conversation_id = ?", ["a"], order_by="id")] == [
        "één",
        "twee",
    ]
    database.create_table("callbacks", {"conversation_id": str, "contact": str}, pk="conversation_id")
    database.upsert("callbacks", {"conversation_id": "a", "contact": "06"})
    database.upsert("callbacks", {"conversation_id": "a", "contact": "mail"})
    assert database.rows_where("callbacks") == [{"conversation_id": "a", "contact": "mail"}]
    assert database.delete_where("notes", "id = ?", [second]) == 1
    assert database.count_where("notes", "conversation_id = ?", ["a"]) == 1


def test_a_failed_transaction_leaves_nothing_behind(open_database):
    database = open_database()
    _notes(database)

    def half_done() -> None:
        with database.transaction():
            database.insert("notes", {"conversation_id": "a", "text": "half"})
            raise RuntimeError("stopped halfway")

    with pytest.raises(RuntimeError):
        half_done()
    assert database.count_where("notes", "1 = 1") == 0
    with database.transaction():
        database.insert("notes", {"conversation_id": "a", "text": "heel"})
    # Another connection (another gateway process) sees the committed row.
    assert open_database().count_where("notes", "1 = 1") == 1


def test_a_newer_version_adds_its_columns_to_existing_tables(open_database):
    database = open_database()
    database.create_table("conversations", {"id": str, "state": str}, pk="id")
    database.insert("conversations", {"id": "a", "state": "bot"})
    # Another module (another process) adds what it keeps on the same table.
    other = open_database()
    other.add_columns("conversations", {"priority": str})
    other.update("conversations", "a", {"priority": "urgent"})
    assert database.rows_where("conversations") == [{"id": "a", "state": "bot", "priority": "urgent"}]


def test_every_table_with_a_conversation_is_found(open_database):
    database = open_database()
    _notes(database)
    database.create_table("signals", {"conversation_id": str, "kind": str})
    database.create_table("staff", {"username": str}, pk="username")
    assert sorted(database.tables_with("conversation_id")) == ["notes", "signals"]


def test_postgres_opens_a_lost_connection_again(request):
    from web.storage.postgres import PostgresDatabase

    url = fresh_postgres_database(request)
    database, admin = PostgresDatabase(url), PostgresDatabase(url)
    _notes(database)
    [[pid]] = database.execute("select pg_backend_pid()").rows
    admin.execute("select pg_terminate_backend(?)", [pid])
    # The statement that finds the connection gone fails (the request gets a
    # calm error); the next one runs on a new connection.
    assert not database.is_healthy()
    database.insert("notes", {"conversation_id": "a", "text": "weer verbonden"})
    assert database.count_where("notes", "1 = 1") == 1
