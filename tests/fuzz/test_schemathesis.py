"""Schemathesis against the OpenAPI schema, in-process: no 5xx answers, every answer matching
the schema (status codes, content types, bodies), malformed uploads refused with 4xx.

Driven through schemathesis' Python API (operation strategies + hypothesis) rather than its
pytest plugin, whose collection hooks do not work with pytest 9.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from schemathesis.specs.openapi.checks import positive_data_acceptance

from service.api.app import create_app
from service.articles.readers import read_paths
from service.config import Settings
from service.ingest import ingest
from service.store.db import Store
from tests.conftest import SEEDS

TOKEN = "schemathesis-token"
EXAMPLES = 25
# Any string fits the schema of a SQL text or named-query parameter, but most strings are not
# valid SQL or values: a 400 there is the right answer, not a rejected valid request.
FREE_TEXT_OPERATIONS = ("/api/v1/sql", "/api/v1/queries/{name}")


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[schemathesis.BaseSchema]:
    db: Path = tmp_path_factory.mktemp("schemathesis") / "s.duckdb"
    store = Store(db)
    ingest(store, read_paths([SEEDS]))
    app = create_app(Settings().replace(db_path=db, token=TOKEN), store=store)
    yield schemathesis.openapi.from_asgi("/schema/openapi.json", app)
    store.close()


def test_every_operation_conforms_to_the_schema(api_schema: schemathesis.BaseSchema) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    failures: list[str] = []
    for operation in operations:
        @given(operation.as_strategy())
        # CI draws the same examples every run (a red CI is reproducible and says the code changed);
        # a developer's run draws new ones and keeps exploring
        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck),
                  derandomize=os.environ.get("CI") == "true")
        def check(case: schemathesis.Case) -> None:
            excluded = [positive_data_acceptance] if case.operation.path in FREE_TEXT_OPERATIONS else []
            response = case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"},
                                              excluded_checks=excluded)
            assert response.status_code < 500

        try:
            check()
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {str(exc)[:1500]}")
    assert not failures, "\n\n".join(failures)
