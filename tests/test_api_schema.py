"""The OpenAPI document tells the truth: schemathesis calls every API operation with generated
parameters, valid and not, and checks each answer against the document (status codes, content
types, response schemas, headers) and that no answer is a server error."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

import newsdesk
from newsdesk.store import Store
from newsdesk.web.app import create_app

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _empty_store() -> Path:
    # the document does not depend on what is stored; pytest's fixtures do not exist yet at collection
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-schema-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    Store(folder / "empty.db").close()
    return folder / "empty.db"


schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(_empty_store()))


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, sample_bytes: bytes) -> FastAPI:
    path = tmp_path_factory.mktemp("schema") / "schema.db"
    with Store(path) as store:
        store.add(
            [
                newsdesk.extract(sample_bytes, facts=True),
                newsdesk.extract((FIXTURES / "hostile-article.html").read_bytes(), facts=True),
            ]
        )
    return create_app(path)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_api_operation_answers_as_its_document_says(case: schemathesis.Case, app: FastAPI) -> None:
    if (case.query or {}).get("mode") != "fts":
        case.call_and_validate(app=app)
        return
    # the advanced mode takes FTS5 syntax as typed: text it cannot read is the documented 400, in our words
    response = case.call_and_validate(app=app, excluded_checks=[positive_data_acceptance])
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        message = response.json()["error"]["message"]
        # an FTS5 query it cannot read, or (a generated negative case) a parameter it cannot take
        assert any(words in message for words in ("cannot be read", "invalid parameters", "no date on the calendar"))
