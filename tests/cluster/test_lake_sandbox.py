"""The SQL sandbox stays safe on a DuckLake (#19.4): the attack tests of tests/security run here
against a lake-backed service, and the lake's own files, deleted rows and DuckLake snapshots stay
out of reach.

Why it holds: the sandbox never attaches the lake. A lake-backed service publishes the lake's
current rows into a local folder of its own (the file backend's snapshot: Parquet partitions and a
catalog of views, service/store/lake.py), and the sandbox reads that folder only, as it does for a
DuckDB file. It has no DuckLake extension, no catalog credentials, and no path into
HUMSTAT_DATA_PATH, where old Parquet still holds deleted and expired rows (DuckLake needs
`allowed_directories` over that folder to read its own files, which would let SQL read them raw).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient

from service.api.app import create_app
from service.config import Settings
from service.store.db import Store
from tests.conftest import fresh_database, lake_url
# The attack tests, collected again here with this module's lake-backed `client`.
from tests.security.test_security import (  # noqa: F401
    test_errors_are_problems_without_internals,
    test_health_does_not_expose_file_paths,
    test_path_traversal_refused,
    test_sql_endpoint_refuses_file_access,
)
from tests.security.test_sql_locked import (  # noqa: F401
    test_enable_logging_is_refused_and_other_users_sql_stays_private,
    test_errors_name_no_server_path,
    test_files_and_instance_functions_are_refused_by_name,
    test_logging_to_a_file_cannot_break_the_next_query,
    test_no_answer_names_a_server_path,
    test_ordinary_reads_still_work,
)


@pytest.fixture(scope="module")
def client(cluster_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from tests.research.conftest import build

    data = tmp_path_factory.mktemp("lake-sandbox") / "data"
    with fresh_database(cluster_env) as dsn, pytest.MonkeyPatch.context() as mp:
        mp.setenv("HUMSTAT_DATA_PATH", str(data))
        mp.delenv("HUMSTAT_LOCAL_DIR", raising=False)
        store = Store(lake_url(dsn))
        build(store)
        # rows the lake deleted: an update rewrites every figure (DuckLake: delete + insert, the
        # old images stay in their Parquet files) and a store_meta value is replaced; then the
        # inlined rows are written out as files and the DuckLake snapshots expired
        store.maintain("1 week", "1 hour")
        for value in ("old secret", "new value"):
            store.transact("test", "rows DuckLake deletes", lambda tx, value=value: (
                tx.con.execute("UPDATE figures SET confidence = confidence"),
                tx.con.execute("DELETE FROM store_meta WHERE key = 'probe'"),
                tx.con.execute("INSERT INTO store_meta VALUES ('probe', ?)", [value])))
        store.maintain("0 seconds", "1 hour")
        store.publish_snapshot()
        settings = Settings().replace(db_path=store.path, sql_time_limit_s=5.0, snapshot_interval_s=3600.0)
        app = create_app(settings, store=store)
        try:
            with TestClient(app) as c:
                c.store = store  # type: ignore[attr-defined]
                c.data = data  # type: ignore[attr-defined]
                c.dsn = dsn  # type: ignore[attr-defined]
                yield c
                runner = app.state.get("sql_runner")
                if runner is not None:
                    runner.close()
        finally:
            store.close()


def _sql(client: TestClient, q: str):  # noqa: ANN202
    return client.get("/api/v1/sql", params={"q": q})


def test_the_lake_holds_parquet_the_sandbox_must_not_read(client: TestClient) -> None:
    files = list(client.data.rglob("*.parquet"))  # type: ignore[attr-defined]
    assert files  # the attacks below aim at real files


@pytest.mark.parametrize("template", [
    "SELECT * FROM read_parquet('{data}/**/*.parquet')", "SELECT count(*) FROM '{data}/main/figures/*.parquet'",
    "SELECT * FROM glob('{data}/**')", "SELECT * FROM read_blob('{file}')", "SELECT * FROM parquet_metadata('{file}')",
    "SELECT * FROM read_parquet('{file}')", "SELECT * FROM read_parquet('../' || '*/data/**/*.parquet')",
])
def test_the_lakes_own_files_are_out_of_reach(client: TestClient, template: str) -> None:
    data = client.data  # type: ignore[attr-defined]
    file = sorted(data.rglob("*.parquet"))[0]
    r = _sql(client, template.format(data=data, file=file))
    assert r.status_code == 400, r.text
    assert str(data) not in r.text


@pytest.mark.parametrize("q", [
    "SELECT * FROM ducklake_snapshots('lake')", "SELECT * FROM lake.main.figures", "SELECT * FROM lake.figures",
    "SELECT * FROM figures AT (VERSION => 1)", "SELECT * FROM ducklake_table_changes('lake', 'main', 'figures', 0, 99)",
    "SELECT * FROM __ducklake_metadata_lake.main.ducklake_snapshot", "SELECT * FROM ducklake_list_files('lake', 'figures')",
    "ATTACH 'ducklake:postgres:dbname=humstat host=127.0.0.1' AS l2", "SELECT * FROM postgres_scan('', 'public', 'x')",
    "LOAD ducklake",
])
def test_duckLake_catalog_snapshots_and_time_travel_are_out_of_reach(client: TestClient, q: str) -> None:
    r = _sql(client, q)
    assert r.status_code == 400, (q, r.text)
    assert client.dsn not in r.text  # type: ignore[attr-defined]


def test_the_sandbox_sees_the_lakes_current_rows_only(client: TestClient) -> None:
    """Every row the sandbox reads is a row the lake holds now: the rows DuckLake deleted (the
    images of figures before they were superseded, a replaced store_meta value) are not there."""
    store: Store = client.store  # type: ignore[attr-defined]
    with store.read() as cur:
        lake_rows = cur.execute("SELECT count(*), count(*) FILTER (WHERE version_to IS NULL) FROM figures").fetchone()
        meta = sorted(cur.execute("SELECT key, value FROM store_meta").fetchall())
    r = _sql(client, "SELECT count(*) AS n, count(*) FILTER (WHERE version_to IS NULL) AS live FROM figures")
    assert r.status_code == 200, r.text
    assert r.json()["data"] == [{"n": lake_rows[0], "live": lake_rows[1]}]
    r = _sql(client, "SELECT key, value FROM store_meta ORDER BY key")
    assert [tuple(row.values()) for row in r.json()["data"]] == meta
    assert ("probe", "new value") in meta and "old secret" not in r.text


def test_the_snapshot_the_sandbox_reads_is_local(client: TestClient) -> None:
    from service.store.db import snapshot_path

    snap = snapshot_path(client.store.path)  # type: ignore[attr-defined]
    data = Path(client.data)  # type: ignore[attr-defined]
    assert snap.exists() and data not in snap.parents and snap.parent not in data.parents
