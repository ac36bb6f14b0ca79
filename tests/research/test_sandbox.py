"""The hostile-SQL path: every attack refused with a clear 400 problem, the database unchanged."""
from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import duckdb
import pytest
from litestar.testing import TestClient

from service.api.app import create_app
from service.config import Settings
from service.store.db import Store, snapshot_path
from service.store.sandbox import SandboxError, SqlSandbox, check_sql

TIME_LIMIT = 1.0
MAX_ROWS = 100

# (statement, expected problem type) — type None means "any 400 sql-* problem". Each is run through
# GET /api/v1/sql; afterwards the database files and every table are checked unchanged.
ATTACKS: list[tuple[str, str | None]] = [
    # reading files and the network
    ("SELECT * FROM read_csv('/etc/passwd')", "sql-forbidden"),
    ("SELECT * FROM read_csv_auto('/etc/passwd')", "sql-forbidden"),
    ("SELECT * FROM read_csv(['/etc/passwd', '/etc/hosts'])", "sql-forbidden"),
    ("SELECT * FROM read_text('/etc/passwd')", "sql-forbidden"),
    ("SELECT * FROM read_blob('/etc/shadow')", "sql-forbidden"),
    ("SELECT * FROM read_json('/etc/passwd')", "sql-forbidden"),
    ("SELECT * FROM read_json_auto('/etc/passwd')", "sql-forbidden"),
    ("SELECT * FROM read_ndjson_objects('/etc/passwd')", "sql-forbidden"),
    ("SELECT * FROM read_parquet('/tmp/x.parquet')", "sql-forbidden"),
    ("SELECT * FROM parquet_scan('/tmp/x.parquet')", "sql-forbidden"),
    ("SELECT * FROM parquet_metadata('/tmp/x.parquet')", "sql-forbidden"),
    ("SELECT * FROM parquet_schema('/tmp/x.parquet')", "sql-forbidden"),
    ("SELECT * FROM glob('/etc/*')", "sql-forbidden"),
    ("SELECT * FROM glob('*')", "sql-forbidden"),
    ("SELECT * FROM sniff_csv('/etc/passwd')", "sql-forbidden"),
    ("SELECT * FROM 'https://example.com/data.csv'", "sql-forbidden"),
    ("SELECT * FROM read_csv('https://example.com/data.csv')", "sql-forbidden"),
    ("SELECT * FROM '/etc/passwd'", None),
    ("SELECT * FROM duckdb_secrets()", "sql-forbidden"),
    # writing files
    ("COPY (SELECT 1) TO '/tmp/humstat_pwn.csv'", "sql-refused"),
    ("COPY figures TO '/tmp/humstat_pwn.parquet' (FORMAT parquet)", "sql-refused"),
    ("COPY figures FROM '/etc/passwd'", "sql-refused"),
    ("EXPORT DATABASE '/tmp/humstat_pwn_db'", "sql-refused"),
    ("IMPORT DATABASE '/tmp/humstat_pwn_db'", "sql-refused"),
    ("EXPLAIN ANALYZE COPY (SELECT 1) TO '/tmp/humstat_pwn.csv'", "sql-refused"),
    # other databases, extensions, settings
    ("ATTACH '/tmp/humstat_pwn.duckdb' AS pwn", "sql-refused"),
    ("ATTACH ':memory:' AS pwn", "sql-refused"),
    ("DETACH humstat", "sql-refused"),
    ("USE memory", "sql-refused"),
    ("INSTALL httpfs", "sql-refused"),
    ("FORCE INSTALL fts", "sql-refused"),
    ("LOAD httpfs", "sql-refused"),
    ("LOAD '/tmp/evil.duckdb_extension'", "sql-refused"),
    ("SET enable_external_access = true", "sql-refused"),
    ("SET threads = 64", "sql-refused"),
    ("RESET memory_limit", "sql-refused"),
    ("PRAGMA memory_limit = '100GB'", "sql-refused"),
    ("PRAGMA version", "sql-refused"),
    ("CALL pragma_version()", "sql-refused"),
    ("SELECT * FROM sqlite_scan('/tmp/x.db', 't')", None),
    # DDL, DML, transactions, maintenance
    ("CREATE TABLE pwn AS SELECT 1", "sql-refused"),
    ("CREATE TEMP TABLE pwn AS SELECT 1", "sql-refused"),
    ("CREATE OR REPLACE VIEW figures_current AS SELECT 1", "sql-refused"),
    ("CREATE MACRO pwn(x) AS x", "sql-refused"),
    ("CREATE SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')", "sql-refused"),
    ("DROP TABLE figures", "sql-refused"),
    ("ALTER TABLE figures ADD COLUMN pwn INTEGER", "sql-refused"),
    ("INSERT INTO reviews (review_id, figure_key, action, created_at, version) VALUES (9, 'k', 'reject', now(), 1)",
     "sql-refused"),
    ("UPDATE figures SET value = 0", "sql-refused"),
    ("DELETE FROM figures", "sql-refused"),
    ("TRUNCATE figures", "sql-refused"),
    ("CHECKPOINT", "sql-refused"),
    ("VACUUM", "sql-refused"),
    ("BEGIN TRANSACTION", "sql-refused"),
    ("WITH x AS (DELETE FROM figures RETURNING *) SELECT * FROM x", None),
    ("SELECT * FROM query('DROP TABLE figures')", None),
    ("EXPLAIN DELETE FROM figures", "sql-refused"),
    # several statements
    ("SELECT 1; DROP TABLE figures", "sql-refused"),
    ("SELECT 1; SELECT 2", "sql-refused"),
    ("SELECT 1; ATTACH '/tmp/humstat_pwn.duckdb'", "sql-refused"),
    ("-- only a comment", "sql-refused"),
    # queries that would run forever or exhaust memory
    ("SELECT count(*) FROM range(1000000000000)", "sql-timeout"),
    ("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT count(*) FROM t", "sql-timeout"),
    ("SELECT count(*) FROM range(100000) a, range(100000) b, range(100000) c", "sql-timeout"),
    ("SELECT list(range) FROM range(1000000000)", None),
    ("SELECT repeat('x', 100000000) FROM range(100)", None),
]


def _fingerprint(store: Store) -> dict:
    path = store.path
    with store.read() as cur:
        tables = {name: cur.execute(f"SELECT count(*), hash(list(t ORDER BY ALL)) FROM {name} AS t").fetchone()
                  for (name,) in cur.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'"
                                             ).fetchall()}
        views = sorted(r[0] for r in cur.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall())
    snap = snapshot_path(path)
    return {"tables": tables, "views": views, "snapshot": hashlib.sha256(snap.read_bytes()).hexdigest()}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from tests.research.conftest import build

    folder = tmp_path_factory.mktemp("attacks")
    store = Store(folder / "humstat.duckdb")
    build(store)
    store.publish_snapshot()
    settings = Settings().replace(db_path=store.path, sql_time_limit_s=TIME_LIMIT, sql_max_rows=MAX_ROWS,
                                  snapshot_interval_s=3600.0)
    app = create_app(settings, store=store)
    with TestClient(app) as c:
        c.store = store  # type: ignore[attr-defined]
        yield c
        runner = app.state.get("sql_runner")
        if runner is not None:
            runner.close()
    store.close()


def test_attack_list_is_long_enough() -> None:
    assert len(ATTACKS) >= 30


def test_every_attack_is_refused_and_the_database_is_unchanged(client) -> None:
    before = _fingerprint(client.store)
    stray = [Path("/tmp/humstat_pwn.csv"), Path("/tmp/humstat_pwn.parquet"), Path("/tmp/humstat_pwn.duckdb"),
             Path("/tmp/humstat_pwn_db")]
    for p in stray:
        assert not p.exists(), f"leftover {p} from an earlier run"
    outcomes = {}
    for sql, expected in ATTACKS:
        started = time.monotonic()
        r = client.get("/api/v1/sql", params={"q": sql})
        took = time.monotonic() - started
        body = r.json()
        outcomes[sql] = (r.status_code, body.get("type"))
        assert r.status_code == 400, f"{sql!r} answered {r.status_code}: {r.text[:300]}"
        assert r.headers["content-type"].startswith("application/problem+json")
        assert body["type"].startswith("https://humstat.org/problems/sql-"), (sql, body)
        if expected:
            assert body["type"].endswith("/" + expected), (sql, body)
        assert body["detail"] and "Traceback" not in body["detail"]
        assert str(client.store.path.parent) not in r.text, "a server path leaked into the answer"
        # interrupted by the time limit (plus the worker's grace and a loaded machine's delays),
        # never left running: a runaway query would run for minutes
        assert took < TIME_LIMIT + 15, (sql, took)
    for p in stray:
        assert not p.exists(), f"{p} was written"
    assert _fingerprint(client.store) == before
    # and the service still answers
    r = client.get("/api/v1/sql", params={"q": "SELECT count(*) AS n FROM figures_current"})
    assert r.status_code == 200 and r.json()["data"] == [{"n": 9}]


def test_sandbox_settings_are_locked(tmp_path: Path) -> None:
    # duckdb_settings() is refused to researchers (allowed_paths names the server's files), so
    # the settings are read on the sandbox's own instance.
    store = Store(tmp_path / "h.duckdb")
    sandbox = SqlSandbox(store.publish_snapshot())
    try:
        rows = sandbox._instance.con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN "
            "('enable_external_access', 'lock_configuration', 'autoinstall_known_extensions', "
            "'autoload_known_extensions', 'allow_community_extensions') ORDER BY name").fetchall()
    finally:
        sandbox.close()
        store.close()
    assert dict(rows) == {"allow_community_extensions": "false", "autoinstall_known_extensions": "false",
                          "autoload_known_extensions": "false", "enable_external_access": "false",
                          "lock_configuration": "true"}


def test_a_billion_rows_are_truncated_not_cut_silently(client) -> None:
    r = client.get("/api/v1/sql", params={"q": "SELECT * FROM range(1000000000) AS t(n)"})
    assert r.status_code == 200
    body = r.json()
    assert body["truncated"] is True and body["truncated_reason"] == "rows"
    assert body["row_count"] == MAX_ROWS == len(body["data"])
    assert body["data"][-1] == {"n": MAX_ROWS - 1}


def test_exactly_the_cap_is_not_truncated(client) -> None:
    body = client.get("/api/v1/sql", params={"q": f"SELECT * FROM range({MAX_ROWS})"}).json()
    assert body["truncated"] is False and body["row_count"] == MAX_ROWS


def test_callers_may_lower_the_row_cap_but_not_raise_it(client) -> None:
    body = client.get("/api/v1/sql", params={"q": "SELECT * FROM range(50)", "max_rows": 5}).json()
    assert body["row_count"] == 5 and body["truncated"] is True
    body = client.get("/api/v1/sql", params={"q": "SELECT * FROM range(1000)", "max_rows": 100000}).json()
    assert body["row_count"] == MAX_ROWS and body["max_rows"] == MAX_ROWS


def test_callers_may_lower_the_time_limit_but_not_raise_it(client) -> None:
    slow = "SELECT count(*) FROM range(1000000000000)"
    started = time.monotonic()
    r = client.get("/api/v1/sql", params={"q": slow, "time_limit": 1000})
    assert r.status_code == 400 and r.json()["type"].endswith("/sql-timeout")
    assert time.monotonic() - started < TIME_LIMIT + 10  # (not the 1000 s asked for)
    assert f"{TIME_LIMIT:g} s" in r.json()["detail"]
    r = client.get("/api/v1/sql", params={"q": slow, "time_limit": 0.2})
    assert r.status_code == 400 and "0.2 s" in r.json()["detail"]


def test_csv_and_parquet_answers_say_when_truncated(client) -> None:
    r = client.get("/api/v1/sql", params={"q": "SELECT * FROM range(1000)", "format": "csv"})
    assert r.status_code == 200 and r.headers["x-truncated"] == "true" and r.headers["x-row-count"] == str(MAX_ROWS)
    assert len(r.text.strip().splitlines()) == MAX_ROWS + 1
    r = client.get("/api/v1/sql", params={"q": "SELECT * FROM range(10)", "format": "parquet"})
    assert r.headers["x-truncated"] == "false"


def test_byte_cap_truncates(tmp_path: Path) -> None:
    store = Store(tmp_path / "h.duckdb")
    snap = store.publish_snapshot()
    sandbox = SqlSandbox(snap, max_rows=10_000, max_bytes=100_000)
    try:
        answer = sandbox.run("SELECT repeat('x', 1000) AS s FROM range(5000)")
    finally:
        sandbox.close()
        store.close()
    assert answer.truncated and answer.truncated_reason == "bytes"
    assert 0 < answer.table.num_rows < 100
    assert answer.table.nbytes <= 100_000


def test_the_parse_itself_cannot_read_files(tmp_path: Path) -> None:
    # DuckDB's parser reads <dir>/schema.sql for IMPORT DATABASE; it must never get that far.
    (tmp_path / "schema.sql").write_text("SELECT 'secret-content'")
    for sql in (f"IMPORT DATABASE '{tmp_path}'", f"SELECT 1; IMPORT DATABASE '{tmp_path}'"):
        with pytest.raises(SandboxError) as err:
            check_sql(sql)
        assert "secret-content" not in err.value.detail


@pytest.mark.parametrize("sql", [
    "SELECT 1", "  select 1;", "WITH a AS (SELECT 1 AS x) SELECT * FROM a", "FROM figures_current LIMIT 1",
    "VALUES (1), (2)", "DESCRIBE figures", "SUMMARIZE metrics", "SHOW TABLES", "EXPLAIN SELECT 1",
    "/* why */ -- because\n(SELECT 1) UNION ALL (SELECT 2)", "TABLE metrics",
])
def test_read_queries_are_allowed(sql: str) -> None:
    assert check_sql(sql) == sql


def test_bind_parameters_post(client) -> None:
    r = client.post("/api/v1/sql", json={"sql": "SELECT value FROM figures_current WHERE metric = $m AND value > $v "
                                                "ORDER BY value", "params": {"m": "killed", "v": 11}})
    assert r.status_code == 200, r.text
    assert [row["value"] for row in r.json()["data"]] == [12, 12, 20, 1500]
    r = client.post("/api/v1/sql", json={"sql": "SELECT $missing"})
    assert r.status_code == 400 and r.json()["type"].endswith("/sql-parameters")


def test_sql_injection_through_parameters_is_just_a_value(client) -> None:
    r = client.post("/api/v1/sql", json={"sql": "SELECT count(*) AS n FROM figures_current WHERE metric = $m",
                                         "params": {"m": "killed' OR 1=1; DROP TABLE figures; --"}})
    assert r.status_code == 200 and r.json()["data"] == [{"n": 0}]


def test_the_writer_is_unaffected_and_sees_no_lock(client) -> None:
    # The sandbox reads the snapshot through its own DuckDB instance: writes go on.
    store = client.store
    with store.write("test", "a write while the sandbox is open") as tx:
        assert tx.version >= 2
    with pytest.raises(duckdb.Error):
        duckdb.connect(str(store.path), read_only=True)  # still the writer's file, as expected


def test_a_dead_worker_is_replaced(tmp_path: Path) -> None:
    from service.store.sandbox import SandboxPool

    store = Store(tmp_path / "h.duckdb")
    snap = store.publish_snapshot()
    pool = SandboxPool(snap, workers=1, time_limit_s=2)
    try:
        assert pool.run("SELECT 1 AS x").table.to_pylist() == [{"x": 1}]
        worker = pool._idle.queue[0]
        worker.process.kill()  # e.g. the kernel's OOM killer
        worker.process.wait()
        assert pool.run("SELECT 2 AS x").table.to_pylist() == [{"x": 2}]
        # a query that overruns is stopped; the pool answers the next one
        with pytest.raises(SandboxError) as err:
            pool.run("SELECT count(*) FROM range(1000000000000)", time_limit_s=0.5)
        assert err.value.code == "sql-timeout"
        assert pool.run("SELECT 3 AS x").table.to_pylist() == [{"x": 3}]
    finally:
        pool.close()
        store.close()


def test_memory_outside_duckdbs_limit_is_capped(tmp_path: Path) -> None:
    # repeat() over a vector allocates outside DuckDB's buffer pool: the worker's OS limit stops it.
    from service.store.sandbox import SandboxPool

    store = Store(tmp_path / "h.duckdb")
    snap = store.publish_snapshot()
    pool = SandboxPool(snap, workers=1, time_limit_s=30, memory_limit="256MB")
    try:
        started = time.monotonic()
        with pytest.raises(SandboxError) as err:
            pool.run("SELECT repeat('x', 100000000) FROM range(100)")
        assert err.value.code in ("sql-memory", "sql-timeout")
        assert time.monotonic() - started < 20
        assert pool.run("SELECT 4 AS x").table.to_pylist() == [{"x": 4}]
    finally:
        pool.close()
        store.close()


def test_workers_follow_a_newer_snapshot(tmp_path: Path) -> None:
    from service.store.sandbox import SandboxPool
    from tests.research.conftest import build

    store = Store(tmp_path / "h.duckdb")
    snap = store.publish_snapshot()
    pool = SandboxPool(snap, workers=1)
    try:
        assert pool.run("SELECT count(*) AS n FROM figures_current").table.to_pylist() == [{"n": 0}]
        build(store)
        store.publish_snapshot()  # replaces the file the worker has open
        answer = pool.run("SELECT count(*) AS n FROM figures_current")
        assert answer.table.to_pylist() == [{"n": 9}] and answer.version == 1 == pool.version
    finally:
        pool.close()
        store.close()


def _idle_pid(pool) -> int:
    return pool._idle.queue[0].process.pid


def _gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.parametrize("sql,limits,code", [
    # DuckDB's own limit: the worker's heap keeps what the query took
    ("SELECT length(list(repeat(chr(65 + (i % 20)::INT), 100000000))::VARCHAR) FROM range(40) t(i)",
     {"memory_limit": "200MB", "time_limit_s": 30}, "sql-memory"),
    # interrupted at its time limit inside the worker
    ("SELECT count(*) FROM range(1000000000000)", {"time_limit_s": 0.5}, "sql-timeout"),
])
def test_a_worker_that_hit_a_cap_serves_no_one_else(tmp_path: Path, sql: str, limits: dict, code: str) -> None:
    """#17.2: the next person's query runs in a fresh process, and fails only for its own reasons."""
    from service.store.sandbox import SandboxPool

    store = Store(tmp_path / "h.duckdb")
    snap = store.publish_snapshot()
    pool = SandboxPool(snap, workers=1, threads=1, **limits)
    try:
        assert pool.run("SELECT 1 AS x").table.to_pylist() == [{"x": 1}]
        first = _idle_pid(pool)
        with pytest.raises(SandboxError) as err:
            pool.run(sql)
        assert err.value.code == code
        assert pool.run("SELECT 2 AS x").table.to_pylist() == [{"x": 2}]
        assert _idle_pid(pool) != first and _gone(first)
        with pytest.raises(SandboxError) as err:  # a later user's mistake is named as theirs
            pool.run("SELECT * FROM no_such_table")
        assert err.value.code == "sql-error" and "no_such_table" in err.value.detail
        assert "memory" not in err.value.detail and "took longer" not in err.value.detail
    finally:
        pool.close()
        store.close()


def test_a_worker_that_dies_mid_query_is_not_reported_as_memory(tmp_path: Path) -> None:
    import signal
    import threading

    from service.store.sandbox import SandboxPool

    store = Store(tmp_path / "h.duckdb")
    snap = store.publish_snapshot()
    pool = SandboxPool(snap, workers=1, threads=1, time_limit_s=20)
    try:
        pool.run("SELECT 1")
        pid = _idle_pid(pool)
        threading.Timer(1.0, os.kill, (pid, signal.SIGTERM)).start()  # e.g. an operator, a crash
        with pytest.raises(SandboxError) as err:
            pool.run("SELECT count(*) FROM range(1000000000000)")
        assert err.value.code == "sql-worker-died" and err.value.status == 503
        assert "SIGTERM" in err.value.detail and "memory" not in err.value.detail
        assert pool.run("SELECT 3 AS x").table.to_pylist() == [{"x": 3}]
        assert pid not in pool.worker_pids() and len(pool.worker_pids()) == 1
    finally:
        pool.close()
        store.close()
    assert not pool.worker_pids()


def test_an_answer_over_the_cap_never_reaches_the_main_process(tmp_path: Path) -> None:
    # The main process reads at most `answer_cap` bytes per answer (#17.7): a longer message
    # (a worker whose own cap is higher, or that misbehaves) is a 422 problem, never read into
    # memory; the worker is replaced and the next query is answered.
    from service.store.sandbox import SandboxPool, answer_cap_for

    assert answer_cap_for(64 * 2**20) < 100 * 2**20
    store = Store(tmp_path / "h.duckdb")
    snap = store.publish_snapshot()
    pool = SandboxPool(snap, workers=1, time_limit_s=10, max_rows=100_000)
    try:
        pool.answer_cap = 50_000  # the worker's own byte cap stays 64 MiB
        small = pool.run("SELECT 1 AS x")
        assert small.table.to_pylist() == [{"x": 1}]
        with pytest.raises(SandboxError) as err:
            pool.run("SELECT range AS x, repeat('a', 20) AS y FROM range(50000)")
        assert err.value.code == "sql-answer-too-large" and err.value.status == 422
        assert "50,000 bytes" in err.value.detail
        assert pool.run("SELECT 2 AS x").table.to_pylist() == [{"x": 2}]
    finally:
        pool.close()
        store.close()
