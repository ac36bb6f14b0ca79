"""Ingest's extraction on a Dask cluster (#19.3): partitions of articles go to the workers, their
figures come back, and the ingest process commits them (service.ingest), so any Store backend works.

Dask's own guarantees do the rest: a task whose worker dies is rescheduled on another worker
(up to distributed.scheduler.allowed-failures times), and each future yields one result, which
ingest commits once; a partition committed again (a re-run) is classified unchanged inside its
write and adds nothing. The workers need the same humstat installed (checked per partition by
the extractor version) and never touch the store.
"""
from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from distributed import Client, WorkerPlugin
from distributed.comm import parse_address, parse_host_port

from service.articles.model import Article
from service.extract import EXTRACTOR_VERSION
from service.extract.figure import Figure
from service.ingest import (Extraction, ExtractionUnavailable, PartitionFailed, Results, _extract_safely,
                            warm_extractor)

CONNECT_TIMEOUT_S = 10
WORKERS_TIMEOUT_S = 60
# Task-level retries, for an exception outside the extractor (one article's failure is caught
# and reported as that article's error); a worker's death is retried by the scheduler itself.
RETRIES = 2


class WarmExtractor(WorkerPlugin):
    """Loads the gazetteer and parser once per worker process, when the worker joins (also a
    worker its nanny restarted), not inside the first partition."""

    name = "humstat-warm-extractor"

    async def setup(self, worker) -> None:  # noqa: ANN001 - distributed.Worker
        await asyncio.to_thread(warm_extractor)  # seconds of loading: off the worker's event loop


def extract_partition(articles: list[Article]) -> tuple[str, list[list[Figure] | str]]:
    """Runs on a worker: the extractor version and, per article, its figures or why it failed."""
    return EXTRACTOR_VERSION, [_extract_safely(a) for a in articles]


class DaskExtraction(Extraction):
    """Partitions extracted as Dask tasks; 2 per worker thread queued so none waits for a commit."""

    def __init__(self, client: Client, address: str) -> None:
        super().__init__()
        self.client = client
        self.address = address
        threads = sum(w.get("nthreads", 1) for w in client.scheduler_info(n_workers=-1)["workers"].values())
        self.window = 2 * max(1, threads) + 1
        self.run = uuid.uuid4().hex[:8]
        self.count = 0

    def submit(self, articles: list[Article]) -> Results:
        self.count += 1
        index = self.count
        future = self.client.submit(extract_partition, articles, key=f"humstat-extract-{self.run}-{index}",
                                    retries=RETRIES, pure=False)

        def results() -> list[list[Figure] | str]:
            try:
                version, extracted = future.result()
            except Exception as exc:  # noqa: BLE001 - KilledWorker, a lost scheduler, a worker-side error
                raise PartitionFailed(f"partition {index} ({len(articles)} articles) failed on the Dask "
                                      f"cluster at {self.address}: {type(exc).__name__}: {exc}") from exc
            finally:
                future.release()
            if version != EXTRACTOR_VERSION:
                raise PartitionFailed(f"partition {index}: a Dask worker runs extractor {version}, this "
                                      f"ingest {EXTRACTOR_VERSION}; install the same humstat on the workers")
            return extracted
        return results


@contextmanager
def dask_extraction(address: str) -> Iterator[DaskExtraction]:
    """A client of the scheduler at `address`, with the warm-up plugin on its workers."""
    try:  # checked first: a Client given a malformed address hangs for seconds as it is collected
        parse_host_port(parse_address(address)[1])
    except ValueError as exc:
        raise ExtractionUnavailable(f"{address!r} is not a Dask scheduler address (tcp://HOST:PORT): {exc}") from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ExtractionUnavailable(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        try:
            client.wait_for_workers(1, timeout=WORKERS_TIMEOUT_S)
        except TimeoutError:
            raise ExtractionUnavailable(f"the Dask scheduler at {address} has no workers "
                                        f"(waited {WORKERS_TIMEOUT_S} s)") from None
        try:
            client.register_plugin(WarmExtractor())
        except Exception as exc:  # noqa: BLE001 - whatever the workers raised while loading
            raise ExtractionUnavailable(f"the Dask workers of {address} cannot load humstat's extractor (is the "
                                        f"same humstat installed there?): {type(exc).__name__}: {exc}") from None
        yield DaskExtraction(client, address)
    finally:
        client.close()
