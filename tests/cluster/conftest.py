"""Loopback cluster services for the `cluster` tests (#19.6): PostgreSQL, S3 (moto), Dask.

`make test` starts them (.ci/services/cluster.py) and points HUMSTAT_CLUSTER_ENV at their env file;
a developer's `make cluster-up` leaves them in the default folder; `pytest tests/cluster` alone
starts its own and stops them at the end of the session. A service whose programs are absent skips
its tests with the reason, except under CI=true, where it fails them.

Fixtures:
- `cluster_env`  (session) the env file as a dict (addresses, credentials);
- `pg_dsn`       (test)    libpq DSN of a fresh database, dropped afterwards;
- `s3_endpoint`  (test)    endpoint, keys, bucket and a fresh prefix (`url` = s3://bucket/prefix/);
- `dask_address` (session) tcp://127.0.0.1:PORT of a scheduler with two one-thread workers.
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CI = os.environ.get("CI") == "true"


def _services():
    """.ci/services/cluster.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("humstat_ci_cluster", ROOT / ".ci" / "services" / "cluster.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test in this folder is a `cluster` test (`-m "not cluster"` leaves them out)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.cluster)


def _absent(reason: str) -> None:
    if CI:
        pytest.fail(f"CI=true and a cluster service cannot run: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def cluster_env() -> Iterator[dict[str, str]]:
    services = _services()
    given = os.environ.get("HUMSTAT_CLUSTER_ENV")
    if given:  # started by `make test`: it must be there
        path = Path(given)
        if not path.exists():
            pytest.fail(f"HUMSTAT_CLUSTER_ENV={given} does not exist: the cluster services stopped or never started")
        env = services.read_env(path)
        if not services.alive(int(env["HUMSTAT_CLUSTER_PID"])):
            pytest.fail(f"the cluster services of {given} are no longer running")
        yield env
        return
    default = services.DEFAULT_DIR / "cluster.env"  # a developer's `make cluster-up`
    if default.exists():
        env = services.read_env(default)
        if services.alive(int(env["HUMSTAT_CLUSTER_PID"])):
            yield env
            return
    only = [s for s in services.SERVICES if s not in services.missing()]
    if CI and (absent := services.missing()):
        pytest.fail("CI=true and cluster services cannot start: " + "; ".join(absent.values()))
    if not only:
        yield {}
        return
    import tempfile

    run_dir = Path(tempfile.mkdtemp(prefix="humstat-cluster-"))
    try:
        env = services.up(run_dir, owner=os.getpid(), ttl=3600, only=only)
    except services.ServiceError as exc:
        pytest.fail(str(exc))
    try:
        yield env
    finally:
        services.down(run_dir)
        import shutil

        shutil.rmtree(run_dir, ignore_errors=True)


def _need(env: dict[str, str], key: str, service: str) -> str:
    if key not in env:
        _absent(_services().missing().get(service, f"{service} is not among the running cluster services"))
    return env[key]


@pytest.fixture(scope="session")
def dask_address(cluster_env: dict[str, str]) -> str:
    return _need(cluster_env, "HUMSTAT_DASK_SCHEDULER", "dask")


@pytest.fixture
def pg_dsn(cluster_env: dict[str, str]) -> Iterator[str]:
    """A fresh PostgreSQL database owned by `humstat`, dropped after the test."""
    _need(cluster_env, "HUMSTAT_PG_DSN", "postgres")
    bindir, host, port = (Path(cluster_env["HUMSTAT_PG_BIN"]), cluster_env["HUMSTAT_PG_HOST"],
                          cluster_env["HUMSTAT_PG_PORT"])
    name = f"t_{uuid.uuid4().hex[:16]}"
    conn = ["-h", host, "-p", port, "-U", "humstat"]
    subprocess.run([str(bindir / "createdb"), *conn, name], check=True, capture_output=True, timeout=60)
    try:
        yield f"dbname={name} host={host} port={port} user=humstat"
    finally:
        # --force ends sessions a failed test left open, so the drop cannot hang.
        subprocess.run([str(bindir / "dropdb"), *conn, "--force", "--if-exists", name], capture_output=True,
                       timeout=60)


@pytest.fixture
def s3_endpoint(cluster_env: dict[str, str]) -> dict[str, str | bool]:
    """The loopback S3 server and a prefix no other test uses (DuckDB: s3_endpoint=`endpoint`,
    s3_use_ssl=false, s3_url_style='path')."""
    endpoint_url = _need(cluster_env, "HUMSTAT_S3_ENDPOINT", "s3")
    bucket, prefix = cluster_env["HUMSTAT_S3_BUCKET"], f"t-{uuid.uuid4().hex[:16]}"
    return {
        "endpoint_url": endpoint_url,
        "endpoint": endpoint_url.removeprefix("http://"),
        "access_key_id": cluster_env["AWS_ACCESS_KEY_ID"],
        "secret_access_key": cluster_env["AWS_SECRET_ACCESS_KEY"],
        "region": cluster_env["AWS_DEFAULT_REGION"],
        "bucket": bucket,
        "prefix": prefix,
        "url": f"s3://{bucket}/{prefix}/",
        "use_ssl": False,
        "url_style": "path",
    }
