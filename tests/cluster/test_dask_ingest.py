"""Distributed extraction (#19.3): `humstat ingest --dask` stores what a plain ingest stores, a worker
killed mid-job loses nothing and duplicates nothing, a re-run adds nothing, and failures name what
failed (the scheduler's address, a failed partition's articles)."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from distributed import Client

from bench.corpus import articles as corpus_articles
from service.articles import readers
from service.articles.model import Article
from service.ingest import ExtractionUnavailable, IngestReport, ingest
from service.store.db import Store

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = 32
PARTITION = 4  # 8 partitions: enough in flight for a kill to land mid-job


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Dev-set-like articles (the dev set's and seeds' texts with numbers varied, bench/corpus.py)."""
    path = tmp_path_factory.mktemp("feed") / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in corpus_articles(ARTICLES, seed=19)))
    return path


def _stored(store: Store) -> list[tuple]:
    with store.read() as cur:
        return cur.execute("SELECT figure_id, article_id, metric, value, low, high, place_code, event_date_start, "
                           "char_start, char_end FROM figures_current ORDER BY ALL").fetchall()


def _counts(store: Store) -> tuple[int, int, int]:
    with store.read() as cur:
        return cur.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM figures), "
                           "current_version()").fetchone()


@pytest.fixture(scope="module")
def plain(feed: Path, tmp_path_factory: pytest.TempPathFactory) -> list[tuple]:
    """What `humstat ingest` without Dask stores from the feed."""
    with Store(tmp_path_factory.mktemp("plain") / "plain.duckdb") as store:
        report = ingest(store, readers.read_paths([feed]), batch_size=PARTITION)
        assert (report.new, report.failed) == (ARTICLES, 0)
        figures = _stored(store)
    assert figures, "the feed has figures to compare"
    return figures


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "service.cli", "ingest", "-q", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_dask_ingest_stores_what_plain_ingest_stores_and_a_rerun_adds_nothing(
        dask_address: str, feed: Path, plain: list[tuple], tmp_path: Path) -> None:
    db = tmp_path / "dask.duckdb"
    first = _cli("--dask", dask_address, "--batch-size", str(PARTITION), "--db", str(db), str(feed))
    assert first.returncode == 0, first.stderr
    assert f"articles: {ARTICLES} new, 0 changed, 0 unchanged, 0 failed" in first.stdout
    with Store(db) as store:
        assert _stored(store) == plain
        before = _counts(store)
    again = _cli("--dask", dask_address, "--batch-size", str(PARTITION), "--db", str(db), str(feed))
    assert again.returncode == 0, again.stderr
    assert f"articles: 0 new, 0 changed, {ARTICLES} unchanged, 0 failed" in again.stdout
    with Store(db) as store:
        assert _counts(store) == before  # no article, figure or dataset version added
        assert _stored(store) == plain


def _worker_pids(client: Client) -> dict[str, int]:
    return client.run(os.getpid)


def test_a_worker_killed_mid_job_loses_nothing_and_duplicates_nothing(
        dask_address: str, feed: Path, plain: list[tuple], tmp_path: Path) -> None:
    with Client(dask_address, timeout=30, set_as_default=False) as client:
        client.wait_for_workers(2, timeout=120)
        pids = _worker_pids(client)
        result: dict[str, IngestReport | BaseException] = {}

        def run() -> None:
            try:
                with Store(tmp_path / "killed.duckdb") as store:
                    result["report"] = ingest(store, readers.read_paths([feed]), batch_size=PARTITION,
                                              dask=dask_address)
                    result["stored"] = _stored(store)
                    result["counts"] = _counts(store)
            except BaseException as exc:  # noqa: BLE001 - re-raised below, in the test's thread
                result["error"] = exc

        job = threading.Thread(target=run)
        job.start()
        killed = None
        deadline = time.monotonic() + 120
        while killed is None and job.is_alive() and time.monotonic() < deadline:
            busy = [addr for addr, keys in client.processing().items()
                    if any(str(k).startswith("humstat-extract") for k in keys)]
            if busy and busy[0] in pids and len(client.processing()) == 2:
                killed = busy[0]
                os.kill(pids[killed], signal.SIGKILL)  # the worker process itself; its nanny restarts it
            time.sleep(0.05)
        job.join(timeout=300)
        assert not job.is_alive(), "the ingest did not finish after the kill"
        assert killed is not None, "no partition was running on a worker to kill"
        if "error" in result:
            raise result["error"]
        report = result["report"]
        assert isinstance(report, IngestReport)
        assert (report.new, report.failed, report.duplicates) == (ARTICLES, 0, 0), report.errors
        assert result["stored"] == plain
        articles, figures, _version = result["counts"]
        assert articles == ARTICLES and figures == len(plain)
        client.wait_for_workers(2, timeout=120)  # the nanny brought it back for the tests after this one
        assert pids[killed] not in _worker_pids(client).values()


def test_an_unreachable_scheduler_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("service.ingest_dask.CONNECT_TIMEOUT_S", 2)  # refused at once; Dask retries until then
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{s.getsockname()[1]}"  # nobody listens once closed
    with Store(tmp_path / "none.duckdb") as store, pytest.raises(ExtractionUnavailable, match=address):
        ingest(store, readers.read_paths([ROOT / "seeds"]), dask=address)


class Unimportable(str):
    """Defined only here: a worker cannot unpickle it, so the partition holding it always fails."""


def test_a_partition_that_fails_on_the_cluster_names_its_articles(dask_address: str, tmp_path: Path) -> None:
    seeds = [a for a in readers.read_paths([ROOT / "seeds"]) if isinstance(a, Article)]
    poisoned = [seeds[0].__copy__()]
    poisoned[0].title = Unimportable("boom")
    with Store(tmp_path / "failed.duckdb") as store:
        report = ingest(store, [*poisoned, seeds[1]], batch_size=1, dask=dask_address)
        assert report.new == 1 and report.failed == 1
        error = report.errors[0]
        assert error.origin == seeds[0].origin_path
        assert "partition 1 (1 articles) failed on the Dask cluster" in error.message
        assert _counts(store)[0] == 1  # the other partition was committed


def test_dask_ingest_into_a_lake_on_postgres_and_s3_stores_what_plain_ingest_stores(
        dask_address: str, feed: Path, plain: list[tuple], pg_dsn: str, s3_endpoint: dict,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The driver commits through the Store, so the DuckLake backend takes Dask's partitions too."""
    url = f"ducklake:postgres:{pg_dsn}"
    for key, value in {"HUMSTAT_DATA_PATH": s3_endpoint["url"], "AWS_ENDPOINT_URL": s3_endpoint["endpoint_url"],
                       "AWS_ACCESS_KEY_ID": s3_endpoint["access_key_id"],
                       "AWS_SECRET_ACCESS_KEY": s3_endpoint["secret_access_key"],
                       "AWS_REGION": s3_endpoint["region"]}.items():
        monkeypatch.setenv(key, value)
    run = _cli("--dask", dask_address, "--batch-size", str(2 * PARTITION), "--store", url, str(feed))
    assert run.returncode == 0, run.stderr
    assert f"articles: {ARTICLES} new, 0 changed, 0 unchanged, 0 failed" in run.stdout
    with Store(url) as store:
        assert _stored(store) == plain
    import boto3

    s3 = boto3.client("s3", endpoint_url=s3_endpoint["endpoint_url"], region_name=s3_endpoint["region"],
                      aws_access_key_id=s3_endpoint["access_key_id"],
                      aws_secret_access_key=s3_endpoint["secret_access_key"])
    listed = s3.list_objects_v2(Bucket=s3_endpoint["bucket"], Prefix=s3_endpoint["prefix"] + "/")
    assert any(o["Key"].endswith(".parquet") for o in listed.get("Contents", [])), "the lake's data is on S3"


def test_partitions_in_flight_keep_the_order_of_revisions(dask_address: str, tmp_path: Path) -> None:
    """A stored article changed by one partition and changed back by the next, both in flight at
    once: the later content wins, as in a plain ingest (the second was classified 'unchanged'
    before the first committed)."""
    text_a = "On 2 May 2024, 7 people were killed in Hpakant, Kachin State, residents said."
    text_b = "On 2 May 2024, 9 people were killed in Hpakant, Kachin State, residents said."
    first, feed = tmp_path / "a.jsonl", tmp_path / "feed.jsonl"
    first.write_text(json.dumps({"id": "x", "text": text_a}) + "\n")
    feed.write_text("".join(json.dumps(r) + "\n" for r in [{"id": "x", "text": text_b}, {"id": "x", "text": text_a}]))
    answers = []
    for name, how in (("plain", {}), ("dask", {"dask": dask_address})):
        with Store(tmp_path / f"{name}.duckdb") as store:
            ingest(store, readers.read_paths([first]))
            report = ingest(store, readers.read_paths([feed]), batch_size=1, **how)
            assert report.failed == 0
            with store.read() as cur:
                answers.append(cur.execute("SELECT revision, text FROM articles WHERE version_to IS NULL").fetchall())
    assert answers[0] == answers[1] == [(3, text_a)]
