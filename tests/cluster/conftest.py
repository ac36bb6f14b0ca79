"""Loopback cluster services for the `cluster` tests (#19.6): PostgreSQL, S3 (moto), Dask.

The services themselves (`cluster_env`, `pg_dsn`, fresh databases) are shared with the suites that
run on both backends and live in tests/conftest.py, which says how they start. Here:
- `s3_endpoint`  (test)    endpoint, keys, bucket and a fresh prefix (`url` = s3://bucket/prefix/);
- `dask_address` (session) tcp://127.0.0.1:PORT of a scheduler with two one-thread workers.
"""
from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from tests.conftest import need_service


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test in this folder is a `cluster` test (`-m "not cluster"` leaves them out)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.cluster)


@pytest.fixture(scope="session")
def dask_address(cluster_env: dict[str, str]) -> str:
    return need_service(cluster_env, "HUMSTAT_DASK_SCHEDULER", "dask")


@pytest.fixture
def s3_endpoint(cluster_env: dict[str, str]) -> dict[str, str | bool]:
    """The loopback S3 server and a prefix no other test uses (DuckDB: s3_endpoint=`endpoint`,
    s3_use_ssl=false, s3_url_style='path')."""
    endpoint_url = need_service(cluster_env, "HUMSTAT_S3_ENDPOINT", "s3")
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
