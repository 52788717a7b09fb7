"""Every response, page or API, error or not, carries the security headers."""


def test_every_response_carries_the_security_headers(client, conversation):
    for response in (
        client.get("/"),
        client.get("/medewerker"),
        client.get(f"/api/conversations/{conversation}"),
        client.get("/api/bestaat-niet"),
    ):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-frame-options"] == "DENY"
    assert "default-src 'none'" in client.get("/").headers["content-security-policy"]
    assert client.get(f"/api/conversations/{conversation}").headers["cache-control"] == "no-store"
