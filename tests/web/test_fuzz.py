"""Random and malformed requests at every public endpoint: never a 5xx, never a
stack trace; a 4xx always explains itself in Dutch (gateway with a Rasa stand-in)."""

import json
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=200),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=10,
)
bodies = st.one_of(
    json_values.map(lambda value: json.dumps(value).encode()),
    st.binary(max_size=300),
    st.builds(lambda text: json.dumps({"text": text}).encode(), st.text(max_size=3000)),
    st.builds(lambda start: json.dumps({"start": start}).encode(), st.text(max_size=60)),
)
content_types = st.sampled_from(["application/json", "text/plain", "application/octet-stream", ""])
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def assert_calm(response) -> None:
    assert response.status_code < 500, response.text
    assert "Traceback" not in response.text
    if response.status_code >= 400 and response.headers.get("content-type", "").startswith(
        "application/json"
    ):
        assert isinstance(response.json()["detail"], str)


@FUZZ
@given(body=bodies, content_type=content_types)
def test_sending_messages(client, conversation, body, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    assert_calm(client.post(f"/api/conversations/{conversation}/messages", content=body, headers=headers))


@FUZZ
@given(body=bodies, content_type=content_types)
def test_starting_conversations(client, body, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    assert_calm(client.post("/api/conversations", content=body, headers=headers))


@FUZZ
@given(conversation=st.text(max_size=80), method=st.sampled_from(["GET", "DELETE", "POST"]))
def test_unknown_or_strange_conversation_ids(client, conversation, method):
    response = client.request(method, f"/api/conversations/{quote(conversation, safe='')}", content=b"{}")
    assert_calm(response)


@FUZZ
@given(body=bodies)
def test_staff_login(client, body):
    assert_calm(
        client.post("/api/medewerker/login", content=body, headers={"Content-Type": "application/json"})
    )
