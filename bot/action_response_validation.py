"""Check the action server's answers against Rasa's schema without re-checking
the schema itself on every call.

Rasa 3.6 validates each action server response with `jsonschema.validate()`,
which first validates the (constant) schema against the JSON Schema
meta-schema. Profiling a chat turn (py-spy, bench/RESULTS.md "Profile") put
that meta-schema check at about 30% of the Rasa server's CPU. `install()`
swaps in a validator built once; the outcome and the error text stay Rasa's.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import Validator
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@cache
def response_validator() -> Validator:
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result with the validator built once."""
    error = best_match(response_validator().iter_errors(result))
    if error is None:
        return True
    # The same hint Rasa adds to a failed validation.
    error.message += (
        ". Failed to validate Action server response from API, make sure your response "
        f"from the Action endpoint is valid. For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result
