"""The privacy statement says what the code does, from the same settings."""

from fastapi.testclient import TestClient

from web.main import create_app


def test_the_statement_follows_the_configured_term(settings, clock):
    settings.retention_days = 45
    with TestClient(create_app(settings, clock)) as client:
        page = client.get("/privacy")
        welcome = client.post("/api/conversations", json={"welcome": True}).json()["messages"]
    assert page.status_code == 200
    assert "Tot 45 dagen na je laatste bericht" in page.text
    assert "[TELEFOON]" in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    # The widget's privacy line links to it.
    assert any(m["text"].endswith("/privacy") for m in welcome)
