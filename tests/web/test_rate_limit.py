"""A flood of messages gets a calm Dutch 429 with Retry-After; other
conversations go on; after a minute the same conversation may talk again."""

from web.rate_limit import RateLimiter


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_flood_in_one_conversation_is_slowed_down(client, conversation):
    time = FakeTime()
    client.app.state.limiter = RateLimiter(time)
    url = f"/api/conversations/{conversation}/messages"
    codes = [client.post(url, json={"text": f"bericht {n}"}).status_code for n in range(25)]
    assert codes == [200] * 20 + [429] * 5
    refused = client.post(url, json={"text": "nog een"})
    assert refused.json()["detail"].startswith("Je stuurt veel berichten snel achter elkaar")
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    other = client.post("/api/conversations").json()["conversation_id"]
    assert client.post(f"/api/conversations/{other}/messages", json={"text": "hoi"}).status_code == 200
    time.now += 61
    assert client.post(url, json={"text": "weer rustig"}).status_code == 200


def test_one_address_cannot_open_endless_conversations(client):
    client.app.state.limiter = RateLimiter(FakeTime())
    codes = [client.post("/api/conversations").status_code for _ in range(32)]
    assert codes == [201] * 30 + [429] * 2
