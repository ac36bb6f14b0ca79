"""The Litestar application: settings, the store's lifecycle, snapshots, and every controller.

`create_app(settings, store=...)` builds the app. Its lifespan opens the store (read-write; one
writing process per DuckDB file) unless one is passed in, publishes a read-only snapshot for
other processes (researchers' DuckDB/polars sessions, `humstat sql`) whenever the dataset version
moved, at most every `settings.snapshot_interval_s`, and closes the store on shutdown.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar
from litestar.config.compression import CompressionConfig
from litestar.config.cors import CORSConfig
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin, YamlRenderPlugin
from litestar.openapi.spec import Components, Tag

from service.api.common import (
    EXCEPTION_HANDLERS,
    SELF_COMPRESSED,
    HeadAsGet,
    ResponseCache,
    reject_unknown_parameters,
)
from service.api.lanes import Lanes, reserve_threads
from service.api.writers import Writers
from service.config import Settings
from service.store.db import Store, snapshot_path
from service.web import assets

log = logging.getLogger("humstat.api")

API_VERSION = "1.0.0"

DESCRIPTION = """\
Humanitarian figures (killed, injured, displaced, refugees, detained, ...) read from news
articles about armed conflict, each with its provenance: the article, the exact character span
and quote, who claimed it, and the extractor version.

- **Errors** are RFC 9457 problem details (`application/problem+json`) naming the bad parameter
  and what would be valid. Unknown query parameters are an error.
- **Formats**: JSON by default; `format=csv|ndjson|parquet` or the Accept header; CSV can carry an
  HXL hashtag row (`hxl=true`). Exports stream and are never silently truncated.
- **Time travel**: `as_of_version=N` answers with the data as it stood at dataset version N.
- **Caching**: every answer has an `ETag` derived from the dataset version; send it back in
  `If-None-Match` for a `304`.
- **Writes** (`POST`) need `Authorization: Bearer <token>`; they are off unless the service has a
  token (`HUMSTAT_TOKEN`).
"""


class SnapshotPublisher:
    """Publishes the store's read-only snapshot after writes, at most every `interval` seconds."""

    def __init__(self, store: Store, interval: float) -> None:
        self.store = store
        self.interval = max(0.05, interval)
        self.published_version: int | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def publish_if_changed(self) -> bool:
        """Publish when the dataset version moved since the last snapshot (or none exists)."""
        version = self.store.version()
        if version == self.published_version and snapshot_path(self.store.path).exists():
            return False
        self.store.publish_snapshot()
        self.published_version = version
        return True

    def _run(self) -> None:
        # First at start (a copy of a large database takes seconds: not on the startup path),
        # then whenever the version moved, at most every `interval` seconds.
        while True:
            try:
                self.publish_if_changed()
            except Exception:  # a failed snapshot must not stop the service; retried next tick
                log.exception("publishing the read-only snapshot failed")
            if self._stop.wait(self.interval):
                return

    def start(self) -> None:
        if str(self.store.path) == ":memory:" or self.store.read_only:
            return
        self._thread = threading.Thread(target=self._run, name="humstat-snapshots", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            try:  # the last writes before shutdown reach the snapshot too
                self.publish_if_changed()
            except Exception:
                log.exception("publishing the final snapshot failed")


class Checkpointer:
    """Folds the write-ahead log into the database file every `interval` seconds when it is not
    empty, and at shutdown: a checkpoint rewrites the changed tables' indexes whole, so it runs on a
    schedule instead of whenever a few small writes fill DuckDB's default 16 MB log."""

    def __init__(self, store: Store, interval: float) -> None:
        self.store = store
        self.interval = max(1.0, interval)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="humstat-checkpoints", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.store.checkpoint()
            except Exception:  # busy or failing: the log stays valid and is replayed on open
                log.exception("checkpoint failed")

    def start(self) -> None:
        if str(self.store.path) != ":memory:" and not self.store.read_only:
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=60)


class SeriesWarmer:
    """Keeps the in-memory series rows (service.query.series) at the current dataset version,
    rebuilding them in the background soon after a write instead of on the next /series call."""

    def __init__(self, store: Store, interval: float = 0.5) -> None:
        self.store = store
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="humstat-series-warmer", daemon=True)

    def _run(self) -> None:
        from service.query import series

        while not self._stop.wait(self.interval):
            try:
                series.warm(self.store)
            except Exception:  # never fatal: the next /series call builds what it needs
                log.exception("warming the series rows failed")

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)


def _warm_extractor() -> None:
    """Load what extraction needs (gazetteer, parser) once, off the request path."""
    try:
        from service.extract import extract_figures

        extract_figures("On 1 May 2020, two civilians were killed in Yangon.", article_id="warm-up")
    except Exception:  # never fatal: the first POST loads what it needs
        log.exception("warming the extractor failed")


def create_app(settings: Settings | None = None, *, store: Store | None = None,
               publish_snapshots: bool | None = None) -> Litestar:
    """The humstat web application (API, charts, SQL, web pages).

    With `store`, the caller owns it (tests, benchmarks): it is neither closed nor, unless
    publish_snapshots=True, snapshotted.
    """
    from service.api.controllers import CONTROLLERS

    settings = settings or Settings()
    given_store = store

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        own = given_store is None
        reserve_threads(app.state.lanes)  # slow work never takes the threads fast answers need
        app.state.writers = Writers(settings.writer_nice)  # writes at a lower CPU priority than reads
        s = given_store if given_store is not None else Store(settings.db_path, memory_limit=settings.duckdb_memory_limit,
                                                              checkpoint_wal=settings.checkpoint_wal)
        app.state.store = s
        app.state.response_cache = ResponseCache()
        publisher = SnapshotPublisher(s, settings.snapshot_interval_s)
        app.state.snapshots = publisher
        publishing = own if publish_snapshots is None else publish_snapshots
        if publishing:
            publisher.start()
        warmer = SeriesWarmer(s)
        warmer.start()
        if own and settings.token:
            # writes are on: the first POST would otherwise pay for the gazetteer and the parser
            # (about 2 s); a read-only server never loads them
            threading.Thread(target=_warm_extractor, name="humstat-extractor-warmer", daemon=True).start()
        checkpointer = Checkpointer(s, settings.checkpoint_interval_s)
        if own:
            checkpointer.start()
        try:
            yield
        finally:
            app.state.writers.shutdown()  # before the last publish and the close: no write after them
            warmer.stop()
            checkpointer.stop()
            runner = app.state.get("sql_runner")
            if runner is not None:  # the SQL worker processes started on the first /sql call
                runner.close()
            from service.charts import render

            render.shutdown()  # the Chromium behind PNG/SVG, when a request started it
            if publishing:
                publisher.stop()
            if own:
                s.close()

    def provide_store(state: State) -> Store:
        return state.store

    def provide_settings(state: State) -> Settings:
        return state.settings

    app = Litestar(
        route_handlers=list(CONTROLLERS),
        lifespan=[lifespan],
        state=State({"settings": settings, "lanes": Lanes.from_settings(settings)}),
        dependencies={
            "store": Provide(provide_store, sync_to_thread=False),
            "settings": Provide(provide_settings, sync_to_thread=False),
        },
        before_request=reject_unknown_parameters,
        exception_handlers=EXCEPTION_HANDLERS,  # type: ignore[arg-type]
        cors_config=CORSConfig(allow_origins=list(settings.cors_origins) or ["*"],
                               allow_methods=["GET", "HEAD", "OPTIONS"],
                               allow_headers=["Accept", "If-None-Match", "Content-Type", "Range", "If-Range"],
                               expose_headers=["ETag", "Link", "X-Dataset-Version", "X-Next-Cursor",
                                               "Accept-Ranges", "Content-Range", "Content-Length"],
                               max_age=600),
        compression_config=CompressionConfig(backend="gzip", minimum_size=500, gzip_compress_level=5,
                                             exclude_opt_key=SELF_COMPRESSED),
        openapi_config=OpenAPIConfig(
            title="humstat API",
            version=API_VERSION,
            description=DESCRIPTION,
            path="/schema",
            # Swagger UI from files humstat serves itself (service/web/static, licence beside them):
            # the docs must render offline, and a CDN's moving "@latest" is neither.
            render_plugins=[SwaggerRenderPlugin(path="/swagger", js_url=assets.swagger_ui_url("bundle.js"),
                                                css_url=assets.swagger_ui_url("css"),
                                                standalone_preset_js_url=assets.swagger_ui_url("preset.js"),
                                                favicon='<link rel="icon" href="data:,">'),
                            JsonRenderPlugin(), YamlRenderPlugin()],
            tags=[
                Tag(name="service", description="Health and reference data"),
                Tag(name="figures", description="Figures with provenance"),
                Tag(name="series", description="Time series with flow/stock semantics"),
                Tag(name="articles", description="Articles and ingestion"),
                Tag(name="reviews", description="Human review of figures"),
            ],
            components=Components(),
        ),
        # Bodies beyond this are refused with 413 before parsing; POST /articles checks the text's own
        # limit (settings.max_article_bytes) and names it. JSON escaping can double a text's size.
        request_max_body_size=2 * settings.max_article_bytes + 65536,
        debug=False,
    )
    # HEAD on every GET route (Litestar routes HEAD only where declared): outside routing and CORS
    app.asgi_handler = HeadAsGet(app.asgi_handler)  # type: ignore[assignment]
    return app
