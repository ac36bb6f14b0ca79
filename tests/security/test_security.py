"""Security: write tokens, body size limits, no internals in errors, path traversal refused."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient

from service.api.app import create_app
from service.articles.readers import read_paths
from service.config import Settings
from service.ingest import ingest
from service.store.db import Store
from tests.conftest import SEEDS

TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("security") / "sec.duckdb"
    with Store(db) as store:
        ingest(store, read_paths([SEEDS]))
    settings = Settings().replace(db_path=db, token=TOKEN, max_article_bytes=20_000)
    with TestClient(create_app(settings)) as c:
        yield c


def _a_figure_id(client: TestClient) -> str:
    return client.get("/api/v1/figures?limit=1").json()["data"][0]["figure_id"]


def _assert_no_internals(body: str, tmp: str | None = None) -> None:
    for leak in ("Traceback", 'File "', "/work/", "site-packages", ".py\"", "duckdb.duckdb"):
        assert leak not in body, (leak, body[:500])
    if tmp:
        assert tmp not in body


@pytest.mark.parametrize("auth", [None, "Bearer wrong-token", "Bearer ", "Basic czNjcmV0", TOKEN,
                                  "Bearer s3cret-token-for-test", "Bearer s3cret-token-for-testsX"])
def test_write_endpoints_refuse_missing_or_wrong_tokens(client: TestClient, auth: str | None) -> None:
    headers = {"Authorization": auth} if auth is not None else {}
    r = client.post("/api/v1/articles", json={"id": "x", "text": "Five people were killed."}, headers=headers)
    assert r.status_code == 401, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    fid = _a_figure_id(client)
    r = client.post(f"/api/v1/figures/{fid}/review", json={"action": "reject"}, headers=headers)
    assert r.status_code == 401
    assert client.get(f"/api/v1/figures/{fid}").status_code == 200  # nothing was rejected


def test_right_token_writes(client: TestClient) -> None:
    r = client.post("/api/v1/articles", json={"id": "ok", "text": "Police arrested 14 students in Yangon."},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text


def test_writes_off_without_a_configured_token(tmp_path: Path) -> None:
    settings = Settings().replace(db_path=tmp_path / "n.duckdb")
    assert settings.token is None
    with TestClient(create_app(settings)) as c:
        r = c.post("/api/v1/articles", json={"text": "Five people were killed."},
                   headers={"Authorization": "Bearer anything"})
    assert r.status_code in (403, 503)
    assert r.headers["content-type"].startswith("application/problem+json")


def test_request_body_size_limit(client: TestClient) -> None:
    big = "Ten people were killed. " * 5000  # 120 kB against a 20 kB article limit
    r = client.post("/api/v1/articles", json={"text": big}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 413, r.text
    _assert_no_internals(r.text)


@pytest.mark.parametrize("body", [b"{not json", b"[]", b'{"text": 5}', b'{"text": ""}', b"\xff\xfe\x00",
                                  b'{"text": "ok", "published": "yesterday-ish"}', b'{"id": {"a": 1}, "text": "x"}'])
def test_malformed_uploads_are_4xx(client: TestClient, body: bytes) -> None:
    r = client.post("/api/v1/articles", content=body,
                    headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert 400 <= r.status_code < 500, (body, r.status_code, r.text)
    assert r.headers["content-type"].startswith("application/problem+json")
    _assert_no_internals(r.text)


@pytest.mark.parametrize("path", [
    "/api/v1/articles/..%2F..%2Fetc%2Fpasswd",
    "/api/v1/articles/../../etc/passwd",
    "/api/v1/places/..%2F..%2Fetc%2Fpasswd",
    "/api/v1/figures/..%2F..%2Fsecret",
    "/static/..%2F..%2F..%2Fetc%2Fpasswd",
    "/static/../../pyproject.toml",
    "/static/%2e%2e/%2e%2e/pyproject.toml",
    "/charts/..%2F..%2Fetc%2Fpasswd",
    "/api/v1/queries/..%2F..%2Fschema",
    "/api/v1/queries/../views",
    "/articles/..%2F..%2Fetc%2Fpasswd",
])
def test_path_traversal_refused(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (400, 404), (path, r.status_code)
    assert "root:" not in r.text and "[project]" not in r.text and "CREATE" not in r.text
    _assert_no_internals(r.text)


@pytest.mark.parametrize("path", [
    "/api/v1/figures?limit=abc", "/api/v1/figures?as_of_version=99999", "/api/v1/series?metric=nope",
    "/api/v1/figures?metric=killed&metric=%00", "/api/v1/articles/does-not-exist", "/api/v1/nowhere",
    "/api/v1/series?metric=killed&interval=fortnight", "/api/v1/figures?sort=;DROP TABLE figures",
])
def test_errors_are_problems_without_internals(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert 400 <= r.status_code < 500, (path, r.status_code)
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert {"type", "title", "status", "detail"} <= set(body)
    _assert_no_internals(r.text)


def test_health_does_not_expose_file_paths(client: TestClient) -> None:
    r = client.get("/api/v1/health")
    assert r.status_code == 200
    _assert_no_internals(r.text, "/tmp/")


def test_sql_endpoint_refuses_file_access(client: TestClient) -> None:
    for q in ("SELECT * FROM read_csv('/etc/passwd')", "COPY figures TO '/tmp/x.csv'", "ATTACH '/tmp/x.db' AS x"):
        r = client.get("/api/v1/sql", params={"q": q})
        assert r.status_code == 400, (q, r.text)
        assert "root:" not in r.text
