"""No 500s from bad input: every hostile or careless request gets a 4xx problem, and parameters
that could be read two ways are refused rather than guessed."""
from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient

from service.api.app import create_app
from service.config import Settings
from service.store.db import Store
from tests.api.conftest import TOKEN, build_world

AUTH = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = Store(tmp_path_factory.mktemp("bad-input") / "api.duckdb")
    build_world(store)
    store.publish_snapshot()
    app = create_app(Settings(token=TOKEN, db_path=store.path, snapshot_interval_s=3600.0), store=store)
    with TestClient(app) as c:
        yield c
        runner = app.state.get("sql_runner")
        if runner is not None:
            runner.close()
    store.close()


def _problem(r, *statuses: int) -> dict:
    assert r.status_code in (statuses or range(400, 500)), (r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/problem+json"), r.text[:300]
    body = r.json()
    assert {"type", "title", "status", "detail"} <= set(body)
    return body


def _cursor(obj: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


def _real_cursor(client: TestClient, path: str) -> dict:
    token = client.get(path).json()["next"]
    payload = token.rpartition(".")[0] or token
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


@pytest.mark.parametrize("path", ["/api/v1/figures?limit=1", "/api/v1/articles?limit=1"])
@pytest.mark.parametrize("change", [{"k": [1]}, {"k": {"a": 1}}, {"k": "not-a-date"}, {"i": 5}, {"i": [1]},
                                    {"i": 2**80}, {"k": 2**80}])
def test_forged_cursors_are_refused_not_run(client: TestClient, path: str, change: dict) -> None:
    forged = {**_real_cursor(client, path), **change}
    for token in (_cursor(forged), _cursor(forged) + ".AAAAAAAAAAAAAAAA"):
        r = client.get(path, params={"next": token})
        _problem(r, 404)


def test_a_real_cursor_still_pages(client: TestClient) -> None:
    first = client.get("/api/v1/figures?limit=2").json()
    second = client.get("/api/v1/figures", params={"limit": 2, "next": first["next"]})
    assert second.status_code == 200, second.text
    assert {f["figure_id"] for f in first["data"]}.isdisjoint(f["figure_id"] for f in second.json()["data"])


@pytest.mark.parametrize("path", [
    "/api/v1/figures?as_of_version=2147483648", "/api/v1/series?metric=killed&as_of_version=2147483648",
    "/api/v1/figures?as_of_version=99999999999999999999999",
    "/api/v1/sql?q=SELECT%201&time_limit=nan", "/api/v1/sql?q=SELECT%201&time_limit=inf",
    "/api/v1/queries/monthly_flow?metric=killed&time_limit=nan",
    "/api/v1/queries/monthly_flow?metric=killed&max_rows=1e3",
])
def test_out_of_range_and_non_finite_numbers(client: TestClient, path: str) -> None:
    _problem(client.get(path), 400)


@pytest.mark.parametrize("path,parameter", [
    ("/api/v1/figures?limit=5&limit=6", "limit"), ("/api/v1/sql?q=SELECT%201&q=SELECT%202", "q"),
    ("/api/v1/figures?format=csv&format=json", "format"), ("/api/v1/figures?limit=1e3", "limit"),
    ("/api/v1/figures?limit=5.0", "limit"), ("/api/v1/sql?q=SELECT%201&max_rows=1e3", "max_rows"),
    ("/api/v1/figures?format=csv&hxl=maybe", "hxl"), ("/api/v1/sql?q=SELECT%201&format=csv&hxl=yes", "hxl"),
    ("/api/v1/queries/monthly_flow?metric=killed&format=csv&hxl=maybe", "hxl"),
    ("/api/v1/queries/monthly_flow?metric=killed&metric=injured", "metric"),
])
def test_ambiguous_parameters_are_refused_not_guessed(client: TestClient, path: str, parameter: str) -> None:
    body = _problem(client.get(path), 400)
    assert any(e.get("parameter") == parameter for e in body.get("errors", [])), body


def test_repeatable_parameters_still_repeat(client: TestClient) -> None:
    r = client.get("/api/v1/figures?metric=killed&metric=injured&limit=1000")
    assert r.status_code == 200
    assert {f["metric"] for f in r.json()["data"]} == {"killed", "injured"}
    assert client.get("/api/v1/figures?format=csv&hxl=true").status_code == 200
    assert client.get("/api/v1/figures?format=csv&hxl=0").status_code == 200


def _fid(client: TestClient) -> str:
    return client.get("/api/v1/figures?limit=1").json()["data"][0]["figure_id"]


@pytest.mark.parametrize("body", [
    b'{"action": "correct", "value": 99999999999999999999999}',
    b'{"action": "correct", "value": 18446744073709551616}',
    b'{"action": "correct", "value": -9223372036854775809}',
])
def test_review_values_beyond_64_bits(client: TestClient, body: bytes) -> None:
    fid = _fid(client)
    before = client.get(f"/api/v1/figures/{fid}").json()
    _problem(client.post(f"/api/v1/figures/{fid}/review", content=body, headers=AUTH), 400, 422)
    assert client.get(f"/api/v1/figures/{fid}").json() == before


@pytest.mark.parametrize("route", ["review", "/api/v1/sql", "/api/v1/articles"])
@pytest.mark.parametrize("body", [
    b'{"text": "ten killed \xff", "sql": "SELECT \xff", "action": "reject"}',
    b"[" * 1_000_000 + b"]" * 1_000_000,
    b'{"sql": "SELECT 1", "text": "x", "action": "reject", "note": ' + b"[" * 5000 + b"]" * 5000 + b"}",
])
def test_json_bodies_that_no_decoder_can_take(client: TestClient, route: str, body: bytes) -> None:
    path = f"/api/v1/figures/{_fid(client)}/review" if route == "review" else route
    _problem(client.post(path, content=body, headers=AUTH), 400)


def test_json_strings_may_hold_brackets_and_long_digit_runs(client: TestClient) -> None:
    sql = "SELECT '" + "[" * 100 + "' AS a, '123456789012345678901234567890' AS b"
    r = client.post("/api/v1/sql", json={"sql": sql})
    assert r.status_code == 200, r.text
    assert r.json()["data"][0]["b"] == "123456789012345678901234567890"


@pytest.mark.parametrize("q", [
    "SELECT 'infinity'::DATE AS d", "SELECT '-infinity'::TIMESTAMP AS t", "SELECT 1::VARINT AS v",
    "SELECT * FROM test_all_types()", "SELECT ['infinity'::DATE] AS l", "SELECT {'a': 'infinity'::TIMESTAMPTZ} AS s",
])
@pytest.mark.parametrize("fmt", ["json", "csv", "ndjson", "parquet"])
def test_sql_answers_polars_cannot_hold_are_never_a_500(client: TestClient, q: str, fmt: str) -> None:
    r = client.get("/api/v1/sql", params={"q": q, "format": fmt})
    assert r.status_code < 500, (r.status_code, r.text[:300])
    if r.status_code != 200:
        _problem(r, 400)


def test_sql_infinities_and_varints_are_answered_truly(client: TestClient) -> None:
    r = client.get("/api/v1/sql", params={"q": "SELECT 'infinity'::DATE AS a, '-infinity'::DATE AS b, "
                                                "DATE '2024-01-02' AS c, (-123456789012345678901234567890)::VARINT AS v, "
                                                "255::VARINT AS w"})
    assert r.status_code == 200, r.text
    assert r.json()["data"] == [{"a": "infinity", "b": "-infinity", "c": "2024-01-02",
                                 "v": "-123456789012345678901234567890", "w": "255"}]


@pytest.mark.parametrize("path", ["/api/v1/figures", "/api/v1/sql", "/api/v1/series", "/api/v1/health"])
def test_options_lists_get(client: TestClient, path: str) -> None:
    r = client.options(path)
    assert r.status_code in (200, 204)
    assert "GET" in {m.strip() for m in r.headers["allow"].split(",")}
