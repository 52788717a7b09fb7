"""Staff accounts and logins for gateway tests."""

from fastapi.testclient import TestClient

PASSWORD = "een-lang-wachtwoord"


def add_account(client: TestClient, username: str, role: str = "consulent", name: str = "") -> None:
    client.app.state.sessions.accounts.create(username, name or username.title(), role, PASSWORD)


def log_in(client: TestClient, username: str = "anna", role: str = "consulent") -> dict:
    """Creates the account when needed and logs in; returns the login reply (with csrf)."""
    if client.app.state.sessions.accounts.get(username) is None:
        add_account(client, username, role)
    response = client.post("/api/medewerker/login", json={"gebruikersnaam": username, "wachtwoord": PASSWORD})
    assert response.status_code == 200, response.text
    return response.json()
