"""Shared fixtures: project paths, the shared folder (dev set), fresh stores, and the two store
backends (#19.1): a DuckDB file and a DuckLake on the loopback cluster services.

Cluster services (PostgreSQL, S3 on moto, Dask; .ci/services/cluster.py): `make test` starts them
and points HUMSTAT_CLUSTER_ENV at their env file; a developer's `make cluster-up` leaves them in the
default folder; otherwise the first test that needs them starts its own for the session. A service
whose programs are absent skips its tests with the reason, except under CI=true, where it fails them.

Backends: a test that takes `new_store` (or a fixture built on it: api_store, research_store, the
charts' sample) runs once per backend, [file] and [lake]; the lake run is marked `cluster`
(`-m "not cluster"` leaves it out) and stores on a fresh PostgreSQL catalog with Parquet in a folder.
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, NoReturn

import pytest

if TYPE_CHECKING:
    from service.store.db import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CI = os.environ.get("CI") == "true"


def shared_dir() -> Path | None:
    """../shared beside the checkout (or $HUMSTAT_SHARED), when present."""
    path = Path(os.environ.get("HUMSTAT_SHARED", ROOT.parent / "shared"))
    return path if (path / "eval" / "score.py").exists() else None


def _children() -> dict[int, list[int]]:
    """ppid -> child pids, read from /proc (psutil is not installed)."""
    out: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "(comm)": state, ppid, ...
        if fields[0] != "Z":
            out.setdefault(int(fields[1]), []).append(int(entry.name))
    return out


def descendants(pid: int) -> set[int]:
    """Live (non-zombie) descendants of `pid`."""
    tree, found, todo = _children(), set(), [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def gone(pid: int) -> bool:
    """True when `pid` no longer runs (absent, or a zombie waiting to be reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat[stat.rindex(")") + 2:].split()[0] == "Z"


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")[:160]
    except OSError:
        return "?"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The suite leaves nothing behind: every process it started has ended by now.

    multiprocessing's forkserver and resource tracker are asked to stop (they would end with
    this process anyway); anything else still running is a leak: it is killed, named, and the
    run fails.
    """
    import signal
    import time

    if not Path("/proc/self/stat").exists():  # pragma: no cover - not Linux
        return
    from multiprocessing import forkserver, resource_tracker

    for stop in (forkserver._forkserver._stop, resource_tracker._resource_tracker._stop):
        try:
            stop()
        except Exception:  # noqa: BLE001 - best effort: not started, or already gone
            pass
    deadline = time.monotonic() + 10  # servers and pools shut down by tests may still be exiting
    left = descendants(os.getpid())
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = descendants(os.getpid())
    if not left:
        return
    names = {pid: _cmdline(pid) for pid in sorted(left)}
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    lines = [f"the test suite left {len(names)} process(es) running (now killed):"]
    lines += [f"  {pid}: {cmd}" for pid, cmd in names.items()]
    if reporter is not None:
        reporter.ensure_newline()
        reporter.write_line("\n".join(lines), red=True)
    else:  # pragma: no cover
        print("\n".join(lines), file=sys.stderr)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def shared() -> Path:
    path = shared_dir()
    if path is None:
        pytest.skip("../shared (dev set and scorer) is not beside this checkout; CI has it")
    return path


# ---------------------------------------------------------------- the loopback cluster services


def cluster_services() -> ModuleType:
    """.ci/services/cluster.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("humstat_ci_cluster", ROOT / ".ci" / "services" / "cluster.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def service_absent(reason: str) -> NoReturn:
    """Skip a test whose cluster service cannot run here; under CI (which has them all) fail it."""
    if CI:
        pytest.fail(f"CI=true and a cluster service cannot run: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def cluster_env() -> Iterator[dict[str, str]]:
    """The running services' env file as a dict (addresses, credentials); {} when none can start."""
    services = cluster_services()
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
    import shutil
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
        shutil.rmtree(run_dir, ignore_errors=True)


def need_service(env: dict[str, str], key: str, service: str) -> str:
    """env[key], or skip (fail under CI) saying why `service` is not running."""
    if key not in env:
        service_absent(cluster_services().missing().get(service, f"{service} is not among the running cluster services"))
    return env[key]


def drop_database(cluster_env: dict[str, str], name: str) -> None:
    """Drop a test's PostgreSQL database; best effort (the cluster's folder goes when it stops)."""
    import time

    conn = ["-h", cluster_env["HUMSTAT_PG_HOST"], "-p", cluster_env["HUMSTAT_PG_PORT"], "-U", "humstat"]
    # A plain drop ends an autovacuum worker on the database (PostgreSQL does that itself), which
    # --force refuses to ("must be a member of the role..."); --force ends the sessions a failed
    # test left open, which a plain drop waits for and then refuses.
    for attempt in range(6):
        force = ["--force"] if attempt % 2 else []
        done = subprocess.run([str(Path(cluster_env["HUMSTAT_PG_BIN"]) / "dropdb"), *conn, *force, "--if-exists",
                               name], capture_output=True, timeout=60)
        if done.returncode == 0:
            return
        time.sleep(0.2)


@contextmanager
def fresh_database(cluster_env: dict[str, str]) -> Iterator[str]:
    """A new PostgreSQL database owned by `humstat` (libpq DSN), dropped afterwards."""
    need_service(cluster_env, "HUMSTAT_PG_DSN", "postgres")
    bindir, host, port = (Path(cluster_env["HUMSTAT_PG_BIN"]), cluster_env["HUMSTAT_PG_HOST"],
                          cluster_env["HUMSTAT_PG_PORT"])
    name, conn = f"t_{uuid.uuid4().hex[:16]}", ["-h", host, "-p", port, "-U", "humstat"]
    subprocess.run([str(bindir / "createdb"), *conn, name], check=True, capture_output=True, timeout=60)
    try:
        yield f"dbname={name} host={host} port={port} user=humstat"
    finally:
        drop_database(cluster_env, name)


def lake_url(dsn: str) -> str:
    """The store setting of a DuckLake whose catalog is the PostgreSQL database `dsn`."""
    return f"ducklake:postgres:{dsn}"


@pytest.fixture
def pg_dsn(cluster_env: dict[str, str]) -> Iterator[str]:
    """libpq DSN of a fresh database, dropped after the test."""
    with fresh_database(cluster_env) as dsn:
        yield dsn


# ---------------------------------------------------------------- stores on either backend

# The backends a store fixture runs its tests on: the lake's runs need the cluster services.
BACKENDS = ("file", pytest.param("lake", marks=pytest.mark.cluster))

Builder = Callable[["Store"], object]


class LakeTemplates:
    """One built lake per builder for the session, copied for each test (`createdb -T`).

    Opening a new DuckLake costs ~2 s (the catalog's tables, the schema, the gazetteer's places
    written as Parquet) and building a test world ~0.6 s more; a copy of the built catalog opens in
    ~0.6 s, which keeps the lake runs within the suite's time budget. Each builder still writes its
    world through the lake's own write path (once), every test's own writes go to its copy, and
    tests/cluster covers creating a lake. The copies share the template's data folder: the Parquet
    files the build wrote are only read (a copy's writes add files of their own), so none of the
    tests using this may compact or clean up a lake (`maintain`): those stay in tests/cluster.
    """

    def __init__(self, cluster_env: dict[str, str], folder: Path) -> None:
        self.env, self.folder = cluster_env, folder
        self.built: dict[str, tuple[str, Path]] = {}  # builder -> (template database, data folder)
        self.databases: list[str] = []

    def _pg(self, program: str, *args: str) -> None:
        env = self.env
        conn = ["-h", env["HUMSTAT_PG_HOST"], "-p", env["HUMSTAT_PG_PORT"], "-U", "humstat"]
        subprocess.run([str(Path(env["HUMSTAT_PG_BIN"]) / program), *conn, *args], check=True, capture_output=True,
                       timeout=60)

    def _dsn(self, name: str) -> str:
        return f"dbname={name} host={self.env['HUMSTAT_PG_HOST']} port={self.env['HUMSTAT_PG_PORT']} user=humstat"

    @contextmanager
    def copy(self, build: Builder) -> Iterator[Store]:
        """A Store on a fresh copy of the lake `build` made (built on first use)."""
        from service.store.db import Store

        need_service(self.env, "HUMSTAT_PG_DSN", "postgres")
        key = f"{build.__module__}.{build.__qualname__}"
        if key not in self.built:
            name, data = f"tpl_{uuid.uuid4().hex[:12]}", self.folder / f"lake-{len(self.built)}"
            self._pg("createdb", name)
            self.databases.append(name)
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("HUMSTAT_DATA_PATH", str(data))
                mp.delenv("HUMSTAT_LOCAL_DIR", raising=False)
                with Store(lake_url(self._dsn(name))) as template:  # closed: a template takes no sessions
                    build(template)
            self.built[key] = (name, data)
        template_name, data = self.built[key]
        name = f"t_{uuid.uuid4().hex[:16]}"
        self._pg("createdb", "-T", template_name, name)
        try:
            with pytest.MonkeyPatch.context() as mp:
                # the catalog names the template's data folder: its copies keep it
                mp.setenv("HUMSTAT_DATA_PATH", str(data))
                mp.delenv("HUMSTAT_LOCAL_DIR", raising=False)
                s = Store(lake_url(self._dsn(name)))
                try:
                    yield s
                finally:
                    s.close()
        finally:
            drop_database(self.env, name)

    def drop(self) -> None:
        for name in self.databases:
            drop_database(self.env, name)


@pytest.fixture(scope="session")
def lake_templates(cluster_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[LakeTemplates]:
    templates = LakeTemplates(cluster_env, tmp_path_factory.mktemp("lake-templates"))
    yield templates
    templates.drop()


@contextmanager
def open_store(backend: str, folder: Path, name: str, build: Builder | None,
               request: pytest.FixtureRequest) -> Iterator[Store]:
    """A Store on `backend` holding what `build` writes (empty without it): the DuckDB file
    folder/name, or a DuckLake with a PostgreSQL catalog and its Parquet in a folder (the S3 path
    has tests of its own in tests/cluster). The services are asked for only on the lake, so file
    runs never start them."""
    from service.store.db import Store

    if backend == "file":
        with Store(folder / name) as s:
            if build is not None:
                build(s)
            yield s
        return
    assert backend == "lake", backend
    if build is not None:
        with request.getfixturevalue("lake_templates").copy(build) as s:
            yield s
        return
    with fresh_database(request.getfixturevalue("cluster_env")) as dsn, pytest.MonkeyPatch.context() as mp:
        # read when the Store opens (Settings); this process's published snapshot goes to a
        # temporary folder of the Store's own, removed when it closes
        mp.setenv("HUMSTAT_DATA_PATH", str(folder / (Path(name).stem + ".lake")))
        mp.delenv("HUMSTAT_LOCAL_DIR", raising=False)
        with Store(lake_url(dsn)) as s:
            yield s


# Tests whose store fixture runs on both backends but that are about the DuckDB file itself: the
# lake has no run of them (function -> why).
FILE_ONLY: dict[str, str] = {
    "tests/research/test_docs.py::test_the_documented_notebook_command_runs":
        "README's notebook command names a DuckDB file (HUMSTAT_DB) that the kernel opens read-only",
    "tests/research/test_cli_sql.py::test_works_while_a_writer_holds_the_file":
        "a DuckDB file takes one writer and `humstat sql` falls back to its snapshot; a lake has many",
}


# Tests the lake leaves out for time alone (run them with --lake-all): the lake behaviour they
# check is checked by a cheaper test that runs on it (function -> which, and the lake's cost).
LAKE_SLOW: dict[str, str] = {
    "tests/api/test_concurrency.py::test_readers_never_see_a_torn_write":
        "test_series_live's burst of writes, and tests/cluster's replicas + ingest + reviews; 17-28 s on the lake",
    "tests/api/test_conventions.py::test_iso_3166_2_codes_resolve_for_every_country_the_gazetteer_knows":
        "test_places_search and test_place_search_prefers_the_corpus_country; 60 place look-ups, 11-19 s",
    "tests/api/test_hxl.py::test_one_tag_per_column_and_one_list_separator_across_endpoints":
        "test_every_hxl_csv_passes_the_libhxl_validator and the hxlvalidate export; 9-10 s",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--lake-all", action="store_true",
                     help="run every parameter case of the two-backend tests on the DuckLake too (see BACKENDS)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The lake runs one case of each test function, unless --lake-all.

    Every test that takes a store fixture runs on both backends, but a test's own parameter cases
    (the URLs, filters, bad inputs it tries) vary the request, not the storage: one case already
    reads and writes through the lake, and the rest cost the lake ~1.4 s each (a copy of the
    catalog, the slower reads) without reaching other store code. LAKE_SLOW (below) leaves out
    three more for time. Measured on the shared 2-core machine (load ~7): every case of the then
    250 lake runs, 5.8 min; this subset, 182 lake runs beside 389 file runs of tests/api,
    tests/research and tests/charts, 3.4 min (the file runs: ~4.6 min).
    `pytest --lake-all -m cluster tests/api tests/research tests/charts` runs every case.
    """
    every_case = config.getoption("--lake-all")
    # (a module's shared store, module_backend, is built once per backend: all its cases run)
    seen: set[str] = set()
    keep, drop = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and "lake" in (callspec.params.get("backend"), callspec.params.get("module_backend")):
            function = item.nodeid.split("[")[0]
            # Browser tests (marked `browser`) check how Chromium draws a chart; what it draws from
            # comes from the same code as tests/charts/test_chart_data.py, which runs on the lake.
            browser = item.get_closest_marker("browser") is not None
            if browser or function in FILE_ONLY or (not every_case and (function in LAKE_SLOW or (
                    function in seen and callspec.params.get("backend") == "lake"))):
                drop.append(item)
                continue
            seen.add(function)
        keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """"file" or "lake": the backend this run of the test stores on."""
    return request.param


@pytest.fixture
def new_store(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Callable[..., Store]]:
    """new_store(name, build=None) -> a Store on this run's backend holding what build(store)
    wrote, closed after the test. Pass the builder rather than calling it on the store: on the
    lake, a copy of one built catalog is much faster than building again."""
    from contextlib import ExitStack

    with ExitStack() as stack:
        def make(name: str = "humstat.duckdb", build: Builder | None = None) -> Store:
            return stack.enter_context(open_store(backend, tmp_path, name, build, request))
        yield make


@pytest.fixture(scope="module", params=BACKENDS)
def module_backend(request: pytest.FixtureRequest) -> str:
    """"file" or "lake", for stores a module's tests share (every case runs on both: built once)."""
    return request.param


@pytest.fixture(scope="module")
def new_module_store(module_backend: str, tmp_path_factory: pytest.TempPathFactory,
                     request: pytest.FixtureRequest) -> Iterator[Callable[..., Store]]:
    """new_store for a module-scoped fixture: the stores live until the module's tests end."""
    from contextlib import ExitStack

    folder = tmp_path_factory.mktemp("store")
    with ExitStack() as stack:
        def make(name: str = "humstat.duckdb", build: Builder | None = None) -> Store:
            return stack.enter_context(open_store(module_backend, folder, name, build, request))
        yield make


@pytest.fixture
def store(tmp_path: Path):
    from service.store.db import Store

    s = Store(tmp_path / "humstat.duckdb")
    yield s
    s.close()


def ingest_seeds(store: Store) -> Store:
    """Ingest the two seed articles (extracted by the extractor) into `store`."""
    from service.articles.readers import read_paths
    from service.ingest import ingest

    report = ingest(store, read_paths([SEEDS]))
    assert report.new == 2 and not report.errors
    return store


@pytest.fixture
def seeded(store):
    """A store holding the two seed articles (a DuckDB file; the chart and research suites have
    their own `seeded` on both backends)."""
    return ingest_seeds(store)


@contextmanager
def database_held_open(path: Path, seconds: int = 120) -> Iterator[None]:
    """Another process holding `path` open for writing, as `humstat serve` does."""
    holder = subprocess.Popen([sys.executable, "-c",
                               "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); "
                               f"time.sleep({seconds})", str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        yield
    finally:
        holder.kill()
        holder.wait()
