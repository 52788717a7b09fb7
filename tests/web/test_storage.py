"""The storage interface behaves the same on SQLite and PostgreSQL: the gateway's
modules never know which engine they run on."""

import pytest

from tests.web.conftest import fresh_postgres_database
from web.bot_turns import store_replies
from web.conversations import ConversationStore
from web.replies import ChatMessage


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


def test_a_transaction_inside_another_joins_it(open_database):
    database, other = open_database(), open_database()
    _notes(database)
    with database.transaction():
        with database.transaction():
            database.insert("notes", {"conversation_id": "a", "text": "binnen"})
        # The inner one ended, but only the outer one commits.
        assert other.count_where("notes", "1 = 1") == 0
        database.insert("notes", {"conversation_id": "a", "text": "buiten"})
    assert other.count_where("notes", "1 = 1") == 2

    def failing_after_an_inner_one() -> None:
        with database.transaction():
            database.insert("notes", {"conversation_id": "a", "text": "buiten"})
            with database.transaction():
                database.insert("notes", {"conversation_id": "a", "text": "binnen"})
            raise RuntimeError("stopped after the inner one")

    with pytest.raises(RuntimeError):
        failing_after_an_inner_one()
    assert other.count_where("notes", "1 = 1") == 2
    # After a rollback the next transaction is an outermost one again.
    with database.transaction():
        database.insert("notes", {"conversation_id": "b", "text": "daarna"})
    assert other.count_where("notes", "1 = 1") == 3


def test_a_bot_reply_is_stored_with_one_commit(open_database, monkeypatch):
    """Every commit waits for the disk: a turn's rows go in together (issue 9's
    gateway profile: SQLite commits were half of the gateway's time per turn)."""
    database = open_database()
    store = ConversationStore(database)
    conversation = store.create()
    run, statements = database._run, []
    monkeypatch.setattr(database, "_run", lambda sql, params: statements.append(sql) or run(sql, params))
    replies = [ChatMessage(text=t) for t in ("Een", "Twee", "Drie")]
    store_replies(store, conversation, replies)
    database.insert_all("signals_demo", [])  # nothing to insert: no transaction (no table needed)
    assert statements.count("commit") == 1
    assert [m.text for m in store.messages(conversation)] == ["Een", "Twee", "Drie"]
    assert [m.id for m in store.messages(conversation)] == [r.id for r in replies]


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


def test_sqlite_commits_to_its_log_without_waiting_for_the_disk(tmp_path):
    from web.storage.sqlite import SQLiteDatabase

    database = SQLiteDatabase(tmp_path / "gateway.db")
    assert database.execute("pragma journal_mode").rows == [("wal",)]
    assert database.execute("pragma synchronous").rows == [(1,)]  # NORMAL
    database.close()


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
