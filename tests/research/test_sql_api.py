"""GET/POST /api/v1/sql and /api/v1/queries/{name}: formats, known answers, parameters, freshness."""
from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import polars as pl
import pytest
from litestar.testing import TestClient

from service.api.app import create_app
from service.config import Settings
from service.store.db import Store
from tests.research.conftest import EXPECTED_KILLED_MONTHLY_MM, build


def _client(new_store: Callable[..., Store]):
    # In-process sandbox here (fast to start); test_sandbox.py runs the worker processes.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HUMSTAT_SQL_WORKERS", "0")
        store = new_store("humstat.duckdb", build)  # on each backend in turn (tests/conftest.py)
        settings = Settings().replace(db_path=store.path, snapshot_interval_s=0.0)
        app = create_app(settings, store=store)
        with TestClient(app) as c:
            c.store = store  # type: ignore[attr-defined]
            yield c
            runner = app.state.get("sql_runner")
            if runner is not None:
                runner.close()
        store.close()


@pytest.fixture(scope="module")
def client(new_module_store):
    """Shared by the tests that only read."""
    yield from _client(new_module_store)


@pytest.fixture
def fresh_client(new_store):
    """For the tests that write."""
    yield from _client(new_store)


def test_get_json_answer_shape(client) -> None:
    r = client.get("/api/v1/sql", params={"q": "SELECT metric, sum(value) AS total FROM figures_current "
                                               "WHERE NOT cumulative GROUP BY metric ORDER BY metric"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["columns"] == ["metric", "total"]
    # HUGEINT sums arrive as integers, not strings
    assert body["data"] == [{"metric": "displaced", "total": 5000}, {"metric": "injured", "total": 4},
                            {"metric": "killed", "total": 10 + 12 + 7 + 3 + 12 + 20}]
    assert body["truncated"] is False and body["row_count"] == 3
    assert body["version"] == 1 and body["source"] == "snapshot"
    assert r.headers["etag"] and r.headers["x-dataset-version"] == "1"
    again = client.get("/api/v1/sql", params={"q": "SELECT 1"}, headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 200  # a different query: different ETag
    same = client.get(r.request.url, headers={"If-None-Match": r.headers["etag"]})
    assert same.status_code == 304


def test_csv_with_hxl_row_and_parquet(client) -> None:
    q = "SELECT figure_id, metric, value, place_code FROM figures_current ORDER BY figure_id"
    r = client.get("/api/v1/sql", params={"q": q, "format": "csv", "hxl": "true"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    lines = r.text.splitlines()
    assert lines[0] == "figure_id,metric,value,place_code"
    assert lines[1] == "#meta+id,#indicator+code,#affected+num,#loc+code"
    assert len(lines) == 2 + 9
    r = client.get("/api/v1/sql", params={"q": q}, headers={"Accept": "application/vnd.apache.parquet"})
    assert r.headers["content-type"] == "application/vnd.apache.parquet"
    df = pl.read_parquet(io.BytesIO(r.content))
    assert df.height == 9 and df.columns == ["figure_id", "metric", "value", "place_code"]


def test_odd_types_and_duplicate_names_survive_every_format(client) -> None:
    q = ("SELECT 1 AS a, 2 AS a, INTERVAL 3 DAY AS i, '\\xAA'::BLOB AS b, MAP {'k': 1} AS m, [1, 2] AS l, "
         "{'x': 1} AS s, 1.5::DECIMAL(10, 2) AS d, DATE '2024-01-02' AS day")
    body = client.get("/api/v1/sql", params={"q": q}).json()
    assert body["columns"] == ["a", "a_1", "i", "b", "m", "l", "s", "d", "day"]
    row = body["data"][0]
    assert row["a"] == 1 and row["a_1"] == 2 and row["l"] == [1, 2] and row["s"] == {"x": 1}
    assert row["d"] == 1.5 and row["day"] == "2024-01-02" and row["b"] == "qg=="
    for fmt in ("csv", "parquet", "ndjson"):
        assert client.get("/api/v1/sql", params={"q": q, "format": fmt}).status_code == 200


def test_post_with_params(client) -> None:
    r = client.post("/api/v1/sql?format=csv", json={"sql": "SELECT ? + 1 AS n", "params": [41]})
    assert r.status_code == 200 and r.text.splitlines() == ["n", "42"]
    assert r.headers["cache-control"] == "no-store"
    r = client.post("/api/v1/sql", json={"sql": "SELECT 1", "bogus": 1})
    assert r.status_code in (400, 422)
    r = client.post("/api/v1/sql", json={"sql": "DROP TABLE figures"})
    assert r.status_code == 400 and r.json()["errors"][0]["parameter"] == "sql"


def test_syntax_and_unknown_table_errors_are_problems(client) -> None:
    r = client.get("/api/v1/sql", params={"q": "SELEC 1"})
    assert r.status_code == 400 and r.json()["type"].endswith("/sql-syntax")
    r = client.get("/api/v1/sql", params={"q": "SELECT * FROM no_such_table"})
    assert r.status_code == 400 and r.json()["type"].endswith("/sql-error")
    assert "no_such_table" in r.json()["detail"]
    r = client.get("/api/v1/sql")
    assert r.status_code == 400
    r = client.get("/api/v1/sql", params={"q": "SELECT 1", "max_rows": 0})
    assert r.status_code == 400


def test_catalogue_lists_every_named_query(client) -> None:
    body = client.get("/api/v1/queries").json()
    names = [q["name"] for q in body["data"]]
    assert "monthly_flow" in names and len(names) >= 5
    for q in body["data"]:
        assert q["title"] and q["description"] and q["sql"] and q["url"] == f"/api/v1/queries/{q['name']}"


def test_monthly_flow_known_answer(client) -> None:
    r = client.get("/api/v1/queries/monthly_flow", params={"metric": "killed", "place": "MM"})
    assert r.status_code == 200, r.text
    body = r.json()
    got = {row["period"]: row["value"] for row in body["data"]}
    assert got == EXPECTED_KILLED_MONTHLY_MM
    assert body["query"] == "monthly_flow" and body["parameters"]["place"] == "MM"
    # a state selects only its own incidents; repeated reports of one incident count once (10, not 22)
    sagaing = client.get("/api/v1/queries/monthly_flow", params={"place": "MMR005"}).json()["data"]
    assert [(r["period"], r["value"], r["high"], r["n_reports"]) for r in sagaing] == [("2022-01-01", 10, 12, 2)]
    dated = client.get("/api/v1/queries/monthly_flow", params={"date_from": "2022-01-01", "date_to": "2022-12-31"})
    assert {r["period"] for r in dated.json()["data"]} == {"2022-01-01", "2022-02-01"}


def test_named_query_formats_and_errors(client) -> None:
    r = client.get("/api/v1/queries/conflicting_reports", params={"format": "csv"})
    assert r.status_code == 200
    assert "Myanmar Now: 12" in r.text and "The Irrawaddy: 10" in r.text
    r = client.get("/api/v1/queries/monthly_flow", params={"date_from": "yesterday"})
    assert r.status_code == 400 and r.json()["errors"][0]["parameter"] == "date_from"
    r = client.get("/api/v1/queries/monthly_flow", params={"nope": "1"})
    assert r.status_code == 400 and "nope" in r.json()["detail"]
    r = client.get("/api/v1/queries/figure_provenance")
    assert r.status_code == 400 and r.json()["errors"][0]["parameter"] == "figure_id"
    r = client.get("/api/v1/queries/does_not_exist")
    assert r.status_code == 404


def test_figure_provenance_points_at_the_quote(client) -> None:
    fid = client.get("/api/v1/sql", params={"q": "SELECT figure_id FROM figures_current WHERE value = 7"}).json()
    figure_id = fid["data"][0]["figure_id"]
    row = client.get("/api/v1/queries/figure_provenance", params={"figure_id": figure_id}).json()["data"][0]
    assert row["quote"] == "Seven protesters were killed" and row["article_source"] == "Radio Free Asia"
    text = client.get("/api/v1/sql", params={"q": f"SELECT text FROM articles WHERE article_id = '{row['article_id']}'"}
                      ).json()["data"][0]["text"]
    assert text[row["char_start"]:row["char_end"]] == row["quote"]


def test_answers_follow_new_writes(fresh_client) -> None:
    client = fresh_client
    # The sandbox reads the snapshot; a write makes a newer one (interval 0 here) and it is re-opened.
    q = "SELECT count(*) AS n, current_version() AS v FROM figures_current"
    assert client.get("/api/v1/sql", params={"q": q}).json()["data"] == [{"n": 9, "v": 1}]
    store = client.store
    with store.write("review", "reject one figure") as tx:
        tx.con.execute("INSERT INTO reviews (review_id, figure_key, action, created_at, version) "
                       "SELECT 1, figure_key, 'reject', now(), ? FROM figures WHERE value = 3", [tx.version])
    body = client.get("/api/v1/sql", params={"q": q}).json()
    assert body["data"] == [{"n": 8, "v": 2}] and body["version"] == 2


def test_time_travel_through_the_macro(fresh_client) -> None:
    client = fresh_client
    store = client.store
    with store.write("review", "reject") as tx:
        tx.con.execute("INSERT INTO reviews (review_id, figure_key, action, created_at, version) "
                       "SELECT 1, figure_key, 'reject', now(), ? FROM figures WHERE value = 20", [tx.version])
    q = "SELECT (SELECT count(*) FROM figures_as_of(1)) AS then, (SELECT count(*) FROM figures_current) AS now"
    assert client.get("/api/v1/sql", params={"q": q}).json()["data"] == [{"then": 9, "now": 8}]


def test_dates_bind_as_dates(client) -> None:
    r = client.get("/api/v1/queries/largest_incidents", params={"date_from": date(2022, 1, 1).isoformat(),
                                                               "limit": 2})
    rows = r.json()["data"]
    assert [row["value"] for row in rows] == [12, 10]
