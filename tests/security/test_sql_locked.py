"""Locked means locked: what a researcher's read query may call is an allow-list, checked on
DuckDB's own parse tree; nothing reaches files, settings or the log, and no answer or error
names a path on the server."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient

from service.api.app import create_app
from service.config import Settings
from service.store.db import Store, snapshot_path
from service.store.sandbox import SandboxError, SandboxPool, SqlSandbox, check_sql


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from tests.research.conftest import build

    store = Store(tmp_path_factory.mktemp("locked") / "humstat.duckdb")
    build(store)
    store.publish_snapshot()
    settings = Settings().replace(db_path=store.path, sql_time_limit_s=5.0, snapshot_interval_s=3600.0)
    app = create_app(settings, store=store)
    with TestClient(app) as c:
        c.store = store  # type: ignore[attr-defined]
        yield c
        runner = app.state.get("sql_runner")
        if runner is not None:
            runner.close()
    store.close()


def _sql(client: TestClient, q: str):
    return client.get("/api/v1/sql", params={"q": q})


def _no_paths(client: TestClient, text: str) -> None:
    folder = str(client.store.path.parent)  # type: ignore[attr-defined]
    assert folder not in text, text[:400]
    assert str(Path.home()) + "/" not in text, text[:400]


def test_enable_logging_is_refused_and_other_users_sql_stays_private(client: TestClient) -> None:
    secret = "SELECT 'another users secret' AS s"
    assert _sql(client, secret).status_code == 200
    for q in ("SELECT * FROM enable_logging(['QueryLog'])", "SELECT * FROM enable_logging()",
              "FROM system.main.enable_logging(level := 'trace')", 'SELECT * FROM "ENABLE_LOGGING"()',
              "SELECT * FROM (SELECT 1) t, LATERAL (SELECT * FROM enable_logging())"):
        r = _sql(client, q)
        assert r.status_code == 400, (q, r.text)
        assert r.json()["type"].endswith("/sql-forbidden"), r.text
        assert "enable_logging" in r.json()["detail"]
    for q in ("SELECT * FROM duckdb_logs", "SELECT * FROM duckdb_logs()", "SELECT * FROM duckdb_logs_parsed('QueryLog')"):
        r = _sql(client, q)
        assert r.status_code == 400, (q, r.text)
        assert "another users secret" not in r.text


def test_logging_to_a_file_cannot_break_the_next_query(client: TestClient) -> None:
    for _ in range(3):  # every worker, were it let through
        r = _sql(client, "SELECT * FROM enable_logging(['QueryLog'], storage := 'file', "
                         "storage_path := '/tmp/humstat-pwn-logs')")
        assert r.status_code == 400 and r.json()["type"].endswith("/sql-forbidden")
    for _ in range(4):
        r = _sql(client, "SELECT count(*) AS n FROM figures_current")
        assert r.status_code == 200 and r.json()["data"] == [{"n": 9}], r.text
    assert not Path("/tmp/humstat-pwn-logs").exists()


@pytest.mark.parametrize("template", [
    "SELECT * FROM read_blob('{snap}')", "SELECT size FROM read_blob('{snap}')", "SELECT * FROM glob('{snap}')",
    "SELECT * FROM glob('{folder}/*')", "SELECT count(*) FROM read_duckdb('{snap}', table_name := 'figures')",
    "SELECT * FROM '{snap}'", 'SELECT * FROM "{snap}"', "SELECT * FROM read_text('{snap}')",
    "SELECT * FROM query('SELECT * FROM read_blob(''{snap}'')')", "SELECT * FROM checkpoint()",
    "SELECT * FROM force_checkpoint()", "SELECT * FROM truncate_duckdb_logs()", "SELECT * FROM duckdb_extensions()",
    "SELECT * FROM json_execute_serialized_sql(json_serialize_sql('SELECT 1'))", "SELECT write_log('x')",
])
def test_files_and_instance_functions_are_refused_by_name(client: TestClient, template: str) -> None:
    snap = snapshot_path(client.store.path)  # type: ignore[attr-defined]
    r = _sql(client, template.format(snap=snap, folder=snap.parent))
    assert r.status_code == 400, r.text
    assert r.json()["type"].endswith("/sql-forbidden"), r.text
    assert "DUCK" not in r.text  # not one byte of the file
    _no_paths(client, r.text)


@pytest.mark.parametrize("q", [
    "SELECT * FROM duckdb_settings()", "SELECT * FROM duckdb_databases()", "SELECT * FROM duckdb_databases",
    "SELECT * FROM pragma_database_list", "SELECT * FROM pg_settings", "SELECT * FROM pg_catalog.pg_database",
    "SELECT current_setting('allowed_paths')", "SELECT current_setting('secret_directory')",
    "SELECT replace(value, '/', '|') FROM duckdb_settings()",
])
def test_no_answer_names_a_server_path(client: TestClient, q: str) -> None:
    r = _sql(client, q)
    assert r.status_code == 400, r.text
    _no_paths(client, r.text)


@pytest.mark.parametrize("q", [
    "SELECT * FROM no_such_table", "SELECT * FROM humstat.main.no_such_table", "SELECT nope FROM figures",
    "SELECT * FROM figures_as_of('x')", "SELECT 1/0::INTEGER, error('boom')",
])
def test_errors_name_no_server_path(client: TestClient, q: str) -> None:
    r = _sql(client, q)
    assert r.status_code == 400, r.text
    _no_paths(client, r.text)


@pytest.mark.parametrize("q", [
    "SELECT row_number() OVER (ORDER BY value) AS n, lag(value) OVER () FROM figures_current",
    "SELECT count(*) FROM figures_as_of(1)", "DESCRIBE figures", "SUMMARIZE metrics", "SHOW TABLES",
    "SELECT * FROM duckdb_columns() WHERE table_name = 'figures'", "SELECT * FROM sqlite_master LIMIT 1",
    "SELECT [x * 2 FOR x IN [1, 2]], list_transform([1], x -> x + 1), strftime(DATE '2024-01-01', '%Y')",
    "SELECT * FROM range(3) t(x), unnest([1, 2])", "SELECT * FROM information_schema.tables LIMIT 1",
    "EXPLAIN SELECT * FROM figures_current",
])
def test_ordinary_reads_still_work(client: TestClient, q: str) -> None:
    r = _sql(client, q)
    assert r.status_code == 200, (q, r.text)


def test_the_check_walks_the_whole_tree_without_recursion() -> None:
    deep = "SELECT " + "(" * 5000 + "1" + ")" * 5000
    try:
        check_sql(deep)
    except SandboxError as exc:  # refused (too deep for DuckDB's parser) is fine; a crash is not
        assert exc.code.startswith("sql-")
    hidden = "SELECT 1 WHERE " + " AND ".join(["1 = 1"] * 200) + " AND 1 IN (SELECT 1 FROM enable_logging())"
    with pytest.raises(SandboxError) as err:
        check_sql(hidden)
    assert err.value.code == "sql-forbidden"


def test_sandbox_instance_settings_unchanged_after_attempts(tmp_path: Path) -> None:
    store = Store(tmp_path / "h.duckdb")
    snap = store.publish_snapshot()
    sandbox = SqlSandbox(snap)
    pool = SandboxPool(snap, workers=1)
    try:
        for runner in (sandbox, pool):
            with pytest.raises(SandboxError):
                runner.run("SELECT * FROM enable_logging(['QueryLog'])")
            assert runner.run("SELECT 1 AS x").table.to_pylist() == [{"x": 1}]
        logging = sandbox._instance.con.execute(
            "SELECT value FROM duckdb_settings() WHERE name = 'enable_logging'").fetchone()
        assert logging == ("0",)  # "1" once enable_logging() has run
    finally:
        pool.close()
        sandbox.close()
        store.close()
