"""Data clients read our URLs directly: HEAD on every GET route, and HTTP Range on Parquet/CSV
answers, tested with the real clients (polars, pyarrow, DuckDB) against a live uvicorn server on
loopback, as a researcher would use them."""
from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from service.store.db import Store
from tests.api.conftest import build_world
from tests.conftest import ROOT

FIGURES = 14  # current figures in build_world (tests/api/conftest.py)
SERIES_POINTS = 2  # killed, all places, by month: March and April 2024


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, new_module_store) -> Iterator[str]:
    """humstat under uvicorn on 127.0.0.1:<free port>, over the API test world (on each backend in turn)."""
    tmp = tmp_path_factory.mktemp("http_clients")
    store = new_module_store("humstat.duckdb", build_world)
    db = store.location  # the file or the DuckLake URL
    store.close()  # the server opens it itself
    port = _free_port()
    env = {**os.environ, "HUMSTAT_DB": str(db), "HUMSTAT_SNAPSHOT_INTERVAL": "3600", "PYTHONPATH": str(ROOT)}
    log = (tmp / "server.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "service.api.app:create_app",
                             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/api/v1/health", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((tmp / "server.log").read_text()) from None
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def _request(url: str, method: str = "GET", headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


@pytest.mark.parametrize("path", [
    "/api/v1/health", "/api/v1/metrics", "/api/v1/places?q=Sagaing", "/api/v1/figures", "/api/v1/articles",
    "/api/v1/series?metric=killed", "/charts/killed?format=csv", "/", "/schema", "/schema/openapi.json",
])
def test_head_answers_on_every_get_route(base: str, path: str) -> None:
    get_status, get_headers, body = _request(base + path)
    status, headers, head_body = _request(base + path, "HEAD")
    assert (status, get_status) == (200, 200)
    assert head_body == b""
    assert headers["content-type"] == get_headers["content-type"]
    if "content-length" in get_headers:
        assert headers["content-length"] == get_headers["content-length"] == str(len(body))


def test_head_on_an_unknown_route_is_404(base: str) -> None:
    assert _request(base + "/api/v1/nope", "HEAD")[0] == 404


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_ranges(base: str, fmt: str) -> None:
    url = f"{base}/api/v1/figures?format={fmt}"
    status, headers, whole = _request(url)
    assert status == 200 and headers["accept-ranges"] == "bytes"
    size = len(whole)
    status, headers, part = _request(url, headers={"Range": "bytes=4-19"})
    assert status == 206 and part == whole[4:20] and headers["content-range"] == f"bytes 4-19/{size}"
    status, headers, part = _request(url, headers={"Range": "bytes=-8"})  # a Parquet footer
    assert status == 206 and part == whole[-8:] and headers["content-range"] == f"bytes {size - 8}-{size - 1}/{size}"
    status, headers, part = _request(url, headers={"Range": f"bytes={size - 3}-{size + 100}"})
    assert status == 206 and part == whole[-3:]
    status, headers, body = _request(url, headers={"Range": f"bytes={size}-"})
    assert status == 416 and headers["content-range"] == f"bytes */{size}"
    assert headers["content-type"].startswith("application/problem+json") and b'"Range"' in body
    # an If-Range naming another answer gets the whole, current one
    status, _, body = _request(url, headers={"Range": "bytes=0-3", "If-Range": 'W/"v0-0000"'})
    assert status == 200 and body == whole
    # JSON is not a file to read in pieces
    status, headers, _ = _request(f"{base}/api/v1/figures", headers={"Range": "bytes=0-3"})
    assert status == 200 and "accept-ranges" not in headers


def test_polars_reads_our_urls(base: str) -> None:
    figures = pl.read_parquet(f"{base}/api/v1/figures?format=parquet")
    assert figures.height == FIGURES and {"figure_id", "value", "place_code"} <= set(figures.columns)
    assert pl.read_csv(f"{base}/api/v1/figures?format=csv").height == FIGURES
    # lazily: only the columns asked for, by range requests against the footer
    values = pl.scan_parquet(f"{base}/api/v1/figures?format=parquet&metric=killed").select("value").collect()
    assert sorted(values["value"].to_list()) == [3, 5, 10, 12, 12, 4000, 4100]
    series = pl.read_parquet(f"{base}/api/v1/series?metric=killed&format=parquet")
    assert series.height == SERIES_POINTS and series["metric"].unique().to_list() == ["killed"]
    assert pl.read_csv(f"{base}/api/v1/series?metric=killed&format=csv").height == SERIES_POINTS


def test_pyarrow_reads_our_urls(base: str) -> None:
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    with urllib.request.urlopen(f"{base}/api/v1/figures?format=parquet", timeout=30) as r:
        table = pq.read_table(io.BytesIO(r.read()))
    assert table.num_rows == FIGURES
    with urllib.request.urlopen(f"{base}/api/v1/series?metric=killed&format=csv", timeout=30) as r:
        assert pacsv.read_csv(r).num_rows == SERIES_POINTS


def test_duckdb_reads_our_urls_with_httpfs(base: str) -> None:
    """DuckDB reads http only through its httpfs extension, which it downloads on first use:
    offline it comes from the PyPI package duckdb-extension-httpfs (not a humstat dependency)."""
    import duckdb

    try:
        import duckdb_extension_httpfs
    except ImportError:
        pytest.skip("duckdb-extension-httpfs is not installed (DuckDB cannot read http without it offline)")
    ext = Path(duckdb_extension_httpfs.__path__[0]) / "extensions" / f"v{duckdb.__version__}" / "httpfs.duckdb_extension"
    con = duckdb.connect()
    con.execute(f"LOAD '{ext}'")
    rows = con.execute(f"SELECT count(*) FROM read_parquet('{base}/api/v1/figures?format=parquet')").fetchone()
    assert rows == (FIGURES,)
    rows = con.execute(f"SELECT count(*) FROM read_csv('{base}/api/v1/series?metric=killed&format=csv')").fetchone()
    assert rows == (SERIES_POINTS,)
