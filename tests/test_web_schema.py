"""A property-based run of the API's own OpenAPI document (schemathesis): generated
requests to every operation, ingest included, bounded in number; no answer is a server
error or leaves the one error shape."""

from __future__ import annotations

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

import dateline
from clikit import invoke
from conftest import DATA, new_db
from dateline.web import create_app

pytestmark = pytest.mark.slow

EXAMPLES = 25


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    db = new_db(tmp_path_factory.mktemp("schema"), "talks")
    assert invoke("ingest", DATA / "link" / "talks.jsonl", "--db", db).exit_code == 0
    app = create_app(dateline.Settings(db=db, jobs=1))  # ingests run in-process
    with TestClient(app):  # its lifespan opens the store
        yield schemathesis.openapi.from_asgi("/openapi.json", app)


def test_no_request_makes_a_server_error(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 12 and any(op.method.upper() == "POST" for op in operations)
    for operation in operations:

        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def call(case):
            response = case.call()
            case.validate_response(response, checks=(not_a_server_error,))
            if response.status_code >= 400:
                assert set(response.json()) == {"error"}, response.text

        call()
