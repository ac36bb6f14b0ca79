"""The DuckLake backend behind the same Store (#19.1, #19.2, #19.5): a catalog on the loopback
PostgreSQL, Parquet in a folder or on the loopback S3; the file backend's answers, several
processes, writes committed once, maintenance."""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from litestar.testing import TestClient

from service.api.app import create_app
from service.config import Settings
from service.store import writes
from service.store.db import Store, StoreError
from tests.api.conftest import TOKEN, add, art, build_world, fig
from tests.conftest import lake_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def lake(pg_dsn: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh DuckLake URL (catalog: a new PostgreSQL database; data: a folder of this test)."""
    monkeypatch.setenv("HUMSTAT_DATA_PATH", str(tmp_path / "lake-data"))
    monkeypatch.delenv("HUMSTAT_LOCAL_DIR", raising=False)
    return lake_url(pg_dsn)


def history(store: Store) -> dict[str, object]:
    """The same writes on any backend: the API's reference world, a review of each kind, a changed
    article (a new revision supersedes its figures) and a new article; returns what was written."""
    world = build_world(store)
    with store.read() as cur:
        keys = [k for (k,) in cur.execute("SELECT figure_key FROM figures WHERE metric = 'killed' ORDER BY "
                                          "article_id, char_start").fetchall()]
    writes.record_review(store, keys[0], "confirm", reviewer="t")
    writes.record_review(store, keys[1], "correct", value=11, reviewer="t")
    writes.record_review(store, keys[2], "reject", note="duplicate")
    a1 = world["articles"][0]
    changed = art("a1", "2024-03-06", source="Irrawaddy", title="Sagaing raid", text=a1.text + " Updated.")
    add(store, [changed], [fig(changed, "killed", 14, "MMR005001", "2024-03-05", n=0, group_class="civilians")])
    a6 = art("a6", "2024-05-02", source="RFA")
    add(store, [a6], [fig(a6, "killed", 6, "MMR005D001", "2024-05-01", n=0, group_class="civilians"),
                      fig(a6, "displaced", 3000, "MMR005", "2024-05-01", n=1, as_of="2024-05-01")])
    return world


URLS = [
    "/api/v1/series?metric=killed&place=MMR005",
    "/api/v1/series?metric=killed&place=MMR005&as_of_version=1",
    "/api/v1/series?metric=displaced&place=MMR005&interval=day",
    "/api/v1/series?metric=killed&place=MM&interval=year&cumulative=true",
    "/api/v1/figures?limit=100",
    "/api/v1/figures?limit=100&as_of_version=2",
    "/api/v1/figures?metric=killed&place=MMR005&limit=3",
    "/api/v1/articles?limit=100",
    "/api/v1/sql?q=SELECT count(*) AS n, sum(value) AS v FROM figures_current",
]
VIEWS = ["figures_current", "figures_with_provenance", "flow_series_monthly", "stock_series_monthly", "series_monthly",
         "figure_history", "review_log", "article_sources", "articles_current"]
# When a row was written differs between two runs; everything else must not.
VOLATILE = re.compile(r"(created_at|ingested_at|started_at|finished_at|updated_at|applied_at|elapsed_ms)")


def _stable(value: object) -> object:
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if not VOLATILE.search(k)}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def _answers(store: Store) -> dict[str, object]:
    out: dict[str, object] = {}
    with TestClient(create_app(Settings(token=TOKEN, db_path=store.path, sql_workers=0), store=store)) as client:
        for url in URLS:
            r = client.get(url)
            assert r.status_code == 200, (url, r.text)
            out[url] = _stable(r.json())
        out["version"] = client.get("/api/v1/health").json()["version"]
    with store.read() as cur:
        for view in VIEWS:
            frame = cur.execute(f"SELECT * FROM {view}").pl()  # our view names, not input
            frame = frame.drop([c for c in frame.columns if VOLATILE.search(c)])
            out[view] = sorted(repr(row) for row in frame.rows())
    return out


def test_file_and_lake_answer_the_same(lake: str, tmp_path: Path) -> None:
    with Store(tmp_path / "file.duckdb") as file_store:
        history(file_store)
        expected = _answers(file_store)
    with Store(lake) as lake_store:
        assert lake_store.lake and lake_store.location.startswith("ducklake:postgres:")
        history(lake_store)
        got = _answers(lake_store)
    assert got["version"] == expected["version"] == 6
    for key in expected:
        assert got[key] == expected[key], key
    assert got["/api/v1/series?metric=killed&place=MMR005"] != got["/api/v1/series?metric=killed&place=MMR005&as_of_version=1"]


def test_lake_schema_has_the_file_schema_columns(lake: str, tmp_path: Path) -> None:
    """sql/lake/schema.sql keeps every column of sql/schema.sql (row_id as figure_row), so the
    views and named queries run unchanged."""
    with Store(tmp_path / "f.duckdb") as f, Store(lake) as lk:
        def columns(store: Store) -> set[tuple[str, str, str]]:
            with store.read() as cur:
                return set(cur.execute("SELECT table_name, column_name, data_type FROM duckdb_columns() "
                                       "WHERE database_name = current_database() AND schema_name = 'main' "
                                       "AND table_name IN (SELECT table_name FROM duckdb_tables() "
                                       "WHERE database_name = current_database())").fetchall())
        file_cols = {("figures", "figure_row", t) if c == "row_id" and tb == "figures" else (tb, c, t)
                     for tb, c, t in columns(f)}
        assert columns(lk) - {("lake_head", "writes", "BIGINT")} == file_cols


def test_data_on_s3(pg_dsn: str, s3_endpoint: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    """HUMSTAT_DATA_PATH=s3://bucket/prefix with the AWS_* variables: the Parquet goes to the
    (loopback) object store, and the answers are the same."""
    for key, value in (("AWS_ACCESS_KEY_ID", s3_endpoint["access_key_id"]),
                       ("AWS_SECRET_ACCESS_KEY", s3_endpoint["secret_access_key"]),
                       ("AWS_REGION", s3_endpoint["region"]), ("AWS_ENDPOINT_URL", s3_endpoint["endpoint_url"]),
                       ("HUMSTAT_DATA_PATH", s3_endpoint["url"])):
        monkeypatch.setenv(key, str(value))
    with Store(lake_url(pg_dsn)) as store:
        build_world(store)
        store.maintain("1 week", "1 hour")  # inlined rows written out: Parquet on S3
        with store.read() as cur:
            n, total = cur.execute("SELECT count(*), sum(value) FROM figures_current").fetchone()
            files = cur.execute("SELECT data_file FROM ducklake_list_files('lake', 'figures')").fetchall()
    assert (n, total) == (14, 4000 + 4100 + 100_000 + 150_000 + 125_000 + 120_000 + 9_000 + 10 + 12 + 5 + 3 + 12
                          + 7 + 40)
    assert files and all(f.startswith(s3_endpoint["url"]) for (f,) in files), files


# -- many processes -------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def _post(port: int, path: str, body: dict) -> tuple[int, dict]:
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=json.dumps(body).encode(), method="POST",
                                 headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


@contextmanager
def serving(url: str, env: dict[str, str], n: int) -> Iterator[list[int]]:
    """n `humstat serve` processes on one store, until the block ends."""
    ports, procs = [_free_port() for _ in range(n)], []
    try:
        for port in ports:
            procs.append(subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--store", url, "--port", str(port)],
                                          cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
        deadline = time.monotonic() + 120
        for port, proc in zip(ports, procs):
            while True:
                assert proc.poll() is None, proc.stderr.read().decode()[-3000:]  # type: ignore[union-attr]
                try:
                    if _get(port, "/api/v1/health")[0] == 200:
                        break
                except OSError:
                    pass
                assert time.monotonic() < deadline, "humstat serve did not start in 120 s"
                time.sleep(0.3)
        yield ports
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_two_serve_processes_answer_alike(lake: str, tmp_path: Path) -> None:
    with Store(lake) as store:
        build_world(store)
    env = {**os.environ, "HUMSTAT_TOKEN": TOKEN, "HUMSTAT_LAKE_POLL": "0.2", "HUMSTAT_SQL_WORKERS": "0",
           "HUMSTAT_SNAPSHOT_INTERVAL": "0.5", "PYTHONPATH": str(ROOT)}
    env.pop("HUMSTAT_DB", None)
    with serving(lake, env, 2) as (a, b):
        # writes through either replica: an article through one, a review through the other
        status, body = _post(a, "/api/v1/articles", {"id": "new1", "published": "2024-03-21", "title": "Raid",
                                                     "text": "Soldiers killed 9 villagers in Sagaing Region on "
                                                             "March 20, 2024, residents said."})
        assert status == 201, body
        key = json.loads(_get(b, "/api/v1/figures?limit=1&metric=killed")[1])["data"][0]["figure_id"]
        status, body = _post(b, f"/api/v1/figures/{key}/review", {"action": "correct", "value": 13})
        assert status in (200, 201), body
        deadline = time.monotonic() + 30
        while True:
            versions = [json.loads(_get(p, "/api/v1/health")[1])["version"] for p in (a, b)]
            if versions[0] == versions[1] == 3:
                break
            assert time.monotonic() < deadline, versions
            time.sleep(0.2)
        for path in ("/api/v1/series?metric=killed&place=MMR005", "/api/v1/series?metric=killed&place=MMR005&as_of_version=1",
                     "/api/v1/figures?limit=50", "/api/v1/figures?limit=50&as_of_version=2",
                     "/api/v1/series?metric=displaced&place=MMR005"):
            answers = [_get(p, path) for p in (a, b)]
            assert answers[0][0] == 200, answers[0]
            assert answers[0] == answers[1], path
        # the SQL sandbox of each replica reads its own published snapshot: same rows once published
        q = "/api/v1/sql?q=" + urllib.request.quote("SELECT count(*) AS n, max(version) AS v FROM dataset_versions")
        deadline = time.monotonic() + 30
        while True:
            rows = [json.loads(_get(p, q)[1])["data"] for p in (a, b)]
            if rows[0] == rows[1] == [{"n": 3, "v": 3}]:
                break
            assert time.monotonic() < deadline, rows
            time.sleep(0.3)


def test_replicas_an_ingest_job_and_reviews_at_once(lake: str, tmp_path: Path) -> None:
    """Two replicas take reviews through both while `humstat ingest` commits the seed articles into
    the same lake: every write commits exactly once, versions stay gapless, and both replicas
    then give the same answers as a file store holding the same writes."""
    with Store(lake) as store:
        build_world(store)
        with store.read() as cur:
            n_before = cur.execute("SELECT count(*) FROM articles WHERE version_to IS NULL").fetchone()[0]
    seed_files = sorted(p for p in (ROOT / "seeds").iterdir() if p.suffix in (".md", ".txt", ".html", ".jsonl"))
    env = {**os.environ, "HUMSTAT_TOKEN": TOKEN, "HUMSTAT_LAKE_POLL": "0.2", "HUMSTAT_SQL_WORKERS": "0",
           "HUMSTAT_SNAPSHOT_INTERVAL": "0.5", "PYTHONPATH": str(ROOT)}
    env.pop("HUMSTAT_DB", None)
    with serving(lake, env, 2) as (a, b):
        keys = [f["figure_id"] for f in json.loads(_get(a, "/api/v1/figures?limit=6&metric=killed")[1])["data"]]
        ingest = subprocess.Popen([sys.executable, "-m", "service.cli", "ingest", str(ROOT / "seeds"), "--store", lake,
                                   "-j", "1", "--batch-size", "1"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)
        try:
            for i, key in enumerate(keys * 2):  # reviews through both replicas while the ingest commits
                status, body = _post((a, b)[i % 2], f"/api/v1/figures/{key}/review",
                                     {"action": "confirm", "note": f"r{i}"})
                assert status in (200, 201), body
            _, err = ingest.communicate(timeout=300)
            assert ingest.returncode == 0, err.decode()[-3000:]
        finally:
            if ingest.poll() is None:
                ingest.kill()
        with Store(lake) as store, store.read() as cur:
            versions = cur.execute("SELECT list(version ORDER BY version) FROM dataset_versions").fetchone()[0]
            assert versions == list(range(1, len(versions) + 1))
            assert cur.execute("SELECT count(*), count(DISTINCT note) FROM reviews WHERE note LIKE 'r%'"
                               ).fetchone() == (2 * len(keys), 2 * len(keys))
            n_after = cur.execute("SELECT count(*) FROM articles WHERE version_to IS NULL").fetchone()[0]
            assert n_after - n_before == len(seed_files)  # each seed article committed once
            last = versions[-1]
        deadline = time.monotonic() + 30
        while [json.loads(_get(p, "/api/v1/health")[1])["version"] for p in (a, b)] != [last, last]:
            assert time.monotonic() < deadline, "replicas did not reach the last version"
            time.sleep(0.2)
        for path in ("/api/v1/series?metric=killed&place=MM", "/api/v1/figures?limit=100",
                     f"/api/v1/series?metric=killed&place=MM&as_of_version={last - 1}"):
            answers = [_get(p, path) for p in (a, b)]
            assert answers[0][0] == 200 and answers[0] == answers[1], path


def test_a_conflicting_write_is_retried_and_commits_once(lake: str) -> None:
    """Two processes' writes (here two stores, two DuckLake clients) begin on the same version:
    the one that commits second conflicts, runs again on the newer data, and commits once."""
    first, second = Store(lake), Store(lake)
    try:
        build_world(first)
        with first.read() as cur:
            key = cur.execute("SELECT figure_key FROM figures ORDER BY figure_key LIMIT 1").fetchone()[0]
        began, go, attempts = threading.Event(), threading.Event(), []
        result: dict[str, object] = {}

        def body(tx):  # noqa: ANN001, ANN202 - a write that waits for the other one on its first attempt
            attempts.append(tx.version)
            tx.run_sql("service/record_review", {"figure_key": key, "action": "confirm", "metric": None, "value": None,
                                                 "low": None, "high": None, "place_code": None, "event_date_start": None,
                                                 "event_date_end": None, "note": "slow", "reviewer": "first",
                                                 "version": tx.version})
            if len(attempts) == 1:
                began.set()
                go.wait(30)
            return tx.version

        worker = threading.Thread(target=lambda: result.setdefault("v", first.transact("review", "slow review", body)))
        worker.start()
        assert began.wait(30)
        assert writes.record_review(second, key, "reject", reviewer="second")[0] == 2  # commits first
        go.set()
        worker.join(60)
        assert attempts == [2, 3]  # the first attempt conflicted and ran again on version 2
        assert result["v"] == 3
        with first.read() as cur:
            assert cur.execute("SELECT list(version ORDER BY version) FROM dataset_versions").fetchone()[0] == [1, 2, 3]
            assert cur.execute("SELECT list(reviewer ORDER BY review_id), list(review_id ORDER BY review_id) "
                               "FROM reviews").fetchone() == (["second", "first"], [1, 2])
            # the lake's own history: one DuckLake snapshot per dataset version, named by it
            infos = cur.execute("SELECT list(commit_extra_info::JSON->>'version' ORDER BY snapshot_id) "
                                "FROM ducklake_snapshots('lake') WHERE author = 'humstat'").fetchone()[0]
            assert infos == ["1", "2", "3"]
    finally:
        first.close()
        second.close()


WRITER = r"""
import sys, json
from service.store.db import Store
from service.store import writes
from tests.api.conftest import add, art, fig
store = Store(sys.argv[1])
name, n = sys.argv[2], int(sys.argv[3])
with store.read() as cur:
    keys = [k for (k,) in cur.execute("SELECT figure_key FROM figures ORDER BY figure_key").fetchall()]
for i in range(n):
    if i % 3 == 2:  # an article too: ids and content hashes of its own
        a = art(f"{name}-{i}", "2024-06-01")
        add(store, [a], [fig(a, "killed", i + 1, "MMR005", "2024-06-01", n=0)])
    else:
        writes.record_review(store, keys[i % len(keys)], "confirm", reviewer=f"{name}-{i}")
store.close()
"""


def test_concurrent_writers_commit_each_write_exactly_once(lake: str) -> None:
    with Store(lake) as store:
        build_world(store)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, lake, f"w{j}", "9"], cwd=ROOT, env=env,
                              stderr=subprocess.PIPE) for j in range(3)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()[-3000:]
    with Store(lake) as store, store.read() as cur:
        versions = cur.execute("SELECT list(version ORDER BY version) FROM dataset_versions").fetchone()[0]
        assert versions == list(range(1, 1 + 1 + 27))  # no version lost or taken twice
        reviewers = cur.execute("SELECT list(reviewer ORDER BY reviewer) FROM reviews").fetchone()[0]
        assert reviewers == sorted(f"w{j}-{i}" for j in range(3) for i in range(9) if i % 3 != 2)
        assert cur.execute("SELECT count(*), count(DISTINCT review_id) FROM reviews").fetchone() == (18, 18)
        assert cur.execute("SELECT count(*), count(DISTINCT article_id) FROM articles WHERE article_id LIKE 'w%'"
                           ).fetchone() == (9, 9)
        rows, distinct = cur.execute("SELECT count(*), count(DISTINCT row_id) FROM figures").fetchone()
        assert rows == distinct == 14 + 3 * 3  # row ids are unique too (row_id: figure_row read back)
        runs = cur.execute("SELECT count(*), count(DISTINCT run_id) FROM extraction_runs").fetchone()
        assert runs[0] == runs[1] == 1 + 9


def test_a_writer_killed_mid_commit_leaves_whole_writes_and_the_lake_writable(lake: str) -> None:
    """SIGKILL a writer process in the middle of its stream of commits: every write it committed is
    whole (an article with its figures, a review with its version), nothing half-written is
    visible, versions stay gapless, and the next writer commits on top."""
    with Store(lake) as store:
        build_world(store)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, lake, "k", "300"], cwd=ROOT, env=env,
                            stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        with Store(lake) as watcher:
            while watcher.version() < 6:  # several of its writes committed: it is mid-stream
                assert proc.poll() is None, proc.stderr.read().decode()[-3000:] if proc.stderr else "writer exited"
                assert time.monotonic() < deadline, "the writer committed nothing in 120 s"
                time.sleep(0.05)
        proc.kill()  # SIGKILL: no cleanup, whatever commit it was in is cut
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    with Store(lake) as store:
        with store.read() as cur:
            versions = cur.execute("SELECT list(version ORDER BY version) FROM dataset_versions").fetchone()[0]
            assert versions == list(range(1, len(versions) + 1)) and len(versions) >= 6
            # each committed article has its figure, each figure its article; each review its version
            assert cur.execute("SELECT count(*) FROM articles AS a WHERE article_id LIKE 'k-%' AND NOT EXISTS "
                               "(SELECT 1 FROM figures AS f WHERE f.article_id = a.article_id)").fetchone()[0] == 0
            assert cur.execute("SELECT count(*) FROM figures AS f WHERE NOT EXISTS (SELECT 1 FROM articles AS a "
                               "WHERE a.article_id = f.article_id)").fetchone()[0] == 0
            assert cur.execute("SELECT count(*) FROM reviews WHERE version NOT IN (SELECT version FROM dataset_versions)"
                               ).fetchone()[0] == 0
            key = cur.execute("SELECT figure_key FROM figures ORDER BY figure_key LIMIT 1").fetchone()[0]
        before = store.version()
        assert writes.record_review(store, key, "confirm", reviewer="after the kill")[0] == before + 1


# -- maintenance -----------------------------------------------------------------------------------
def _parquet_files(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.parquet"))


def test_maintain_keeps_the_file_count_bounded(lake: str, tmp_path: Path) -> None:
    """A stream of small writes: without maintenance the lake's files grow with every flush of
    inlined rows; `humstat maintain` (here expiring and deleting at once) keeps them bounded."""
    data = tmp_path / "lake-data"
    counts = []
    with Store(lake) as store:
        build_world(store)
        with store.read() as cur:
            keys = [k for (k,) in cur.execute("SELECT figure_key FROM figures").fetchall()]
        for round_ in range(6):
            for i in range(8):
                writes.record_review(store, keys[(round_ * 8 + i) % len(keys)], "confirm", reviewer=f"r{round_}")
            a = art(f"m{round_}", "2024-07-01")
            add(store, [a], [fig(a, "killed", round_ + 1, "MMR005", "2024-07-01", n=0)])
            report = store.maintain("0 seconds", "0 seconds")
            counts.append(_parquet_files(data))
            assert report["after"]["data_files"] <= report["before"]["data_files"] + 10
        with store.read() as cur:
            assert cur.execute("SELECT count(*) FROM reviews").fetchone()[0] == 48
            assert cur.execute("SELECT count(*) FROM figures_current WHERE article_id LIKE 'm%'").fetchone()[0] == 6
    assert max(counts[2:]) <= counts[1] + 2, counts  # bounded, not growing with the writes
    # the same stream without maintenance: every flush adds files
    with Store(lake) as store:
        before = _parquet_files(data)
        for round_ in range(3):
            writes.record_review(store, keys[0], "confirm", reviewer="x")
            with store._con.cursor() as cur:  # only the flush a maintain would do
                store.backend.prepare(cur, reading=False)
                cur.execute("SELECT count(*) FROM ducklake_flush_inlined_data('lake')").fetchall()
        assert _parquet_files(data) > before


def test_humstat_maintain_and_the_commands_on_a_lake(lake: str, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("HUMSTAT_DB", None)

    def humstat(*args: str) -> str:
        r = subprocess.run([sys.executable, "-m", "service.cli", *args], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=300)
        assert r.returncode == 0, r.stderr[-3000:]
        return r.stdout

    humstat("ingest", "--store", lake, "-q", str(ROOT / "seeds"))
    out = humstat("sql", "--store", lake, "--format", "json", "SELECT count(*) AS n FROM figures_current")
    assert json.loads(out)[0]["n"] > 0
    humstat("reextract", "--store", lake, "--force")
    report = json.loads(humstat("maintain", "--store", lake, "--expire-older-than", "0 seconds",
                                "--delete-older-than", "0 seconds").strip().splitlines()[-1])
    assert report["backend"] == "lake" and report["after"]["data_files"] >= 1
    humstat("export", "--store", lake, "--out", str(tmp_path / "export"))
    package = json.loads((tmp_path / "export" / "datapackage.json").read_text())
    assert any(r["name"] == "figures" for r in package["resources"])
    # HUMSTAT_STORE says the same as --store
    env["HUMSTAT_STORE"] = lake
    assert json.loads(humstat("sql", "--format", "json", "SELECT max(version) AS v FROM dataset_versions"))[0]["v"] == 2


def test_humstat_maintain_on_a_file(tmp_path: Path) -> None:
    db = tmp_path / "f.duckdb"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HUMSTAT_DB": str(db)}
    env.pop("HUMSTAT_STORE", None)
    for args in (["ingest", "-q", str(ROOT / "seeds")], ["maintain"]):
        r = subprocess.run([sys.executable, "-m", "service.cli", *args], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=300)
        assert r.returncode == 0, r.stderr[-3000:]
    report = json.loads(r.stdout.strip().splitlines()[-1])
    assert report["backend"] == "file" and report["checkpointed"]
    assert report["blocks_after"]["total_blocks"] > 0 and not Path(str(db) + ".wal").exists()


# -- settings --------------------------------------------------------------------------------------
@pytest.mark.parametrize("value,says", [
    ("postgres://u@127.0.0.1/humstat", "ducklake:postgres:"),
    ("ducklake:", "no catalog"),
    ("ducklake:sqlite:/tmp/x.sqlite", "only PostgreSQL or a local DuckDB file"),
    ("ducklake:postgres:host=127.0.0.1 user=humstat", "names no database"),
])
def test_a_bad_store_setting_is_one_clear_error(value: str, says: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUMSTAT_DATA_PATH", "/tmp/unused-lake-data")
    r = subprocess.run([sys.executable, "-m", "service.cli", "sql", "SELECT 1"], cwd=ROOT, capture_output=True, text=True,
                       env={**os.environ, "HUMSTAT_STORE": value, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    assert "HUMSTAT_STORE" in r.stderr and value in r.stderr and says in r.stderr, r.stderr


def test_a_lake_without_data_path_or_catalog_says_which(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUMSTAT_DATA_PATH", raising=False)
    with pytest.raises(StoreError, match="needs HUMSTAT_DATA_PATH"):
        Store("ducklake:postgres:dbname=x host=127.0.0.1")
    monkeypatch.setenv("HUMSTAT_DATA_PATH", "ftp://x/y")
    with pytest.raises(StoreError, match="HUMSTAT_DATA_PATH = 'ftp://x/y'"):
        Store("ducklake:postgres:dbname=x host=127.0.0.1")
    monkeypatch.setenv("HUMSTAT_DATA_PATH", "/tmp/unused-lake-data")
    port = _free_port()  # nothing listens there
    with pytest.raises(StoreError, match=rf"ducklake:postgres:dbname=x host=127.0.0.1 port={port} password=\*\*\*: cannot open the DuckLake"):
        Store(f"ducklake:postgres:dbname=x host=127.0.0.1 port={port} password=s3cr3t")
    with pytest.raises(StoreError) as caught:
        Store(f"ducklake:postgres:dbname=x host=127.0.0.1 port={port} password=s3cr3t")
    assert "s3cr3t" not in str(caught.value)
