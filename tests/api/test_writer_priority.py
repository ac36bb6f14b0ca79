"""Writes run below the readers' CPU priority (service.api.writers): a review's and a POSTed
article's work, the series update after the commit included, on a writer thread whose nice value is
HUMSTAT_WRITER_NICE above the process's; the readers' threads keep theirs."""
from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from litestar.testing import TestClient

from service.api.app import create_app
from service.config import Settings
from service.query import series as series_module
from service.store.db import Store
from tests.api.conftest import TOKEN
from tests.api.test_articles import SAMPLE
from tests.api.test_reviews import INJURED

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own nice value is Linux's")


def _here() -> tuple[str, int]:
    """The calling thread's name and nice value."""
    return threading.current_thread().name, os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


@pytest.fixture
def seen(api_store: Store, monkeypatch: pytest.MonkeyPatch) -> dict[str, list[tuple[str, int]]]:
    """Where the after-commit callbacks and the readers' series() ran."""
    seen: dict[str, list[tuple[str, int]]] = {"after_commit": [], "series": []}
    api_store.after_commit.append(lambda store, version, notes: seen["after_commit"].append(_here()))
    series = series_module.series

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen["series"].append(_here())
        return series(*args, **kwargs)

    monkeypatch.setattr(series_module, "series", watched)
    return seen


def _client(store: Store, nice: int) -> Iterator[TestClient]:
    app = create_app(Settings(token=TOKEN, db_path=store.path, writer_nice=nice), store=store)
    with TestClient(app) as c:
        yield c


@pytest.fixture
def client7(api_store: Store) -> Iterator[TestClient]:
    yield from _client(api_store, 7)


@pytest.fixture
def client0(api_store: Store) -> Iterator[TestClient]:
    yield from _client(api_store, 0)


def test_a_review_and_an_article_run_below_the_readers(client7: TestClient, seen: dict, auth: dict) -> None:
    base = os.getpriority(os.PRIO_PROCESS, 0)
    r = client7.post(f"/api/v1/figures/{INJURED}/review", json={"action": "correct", "value": 9}, headers=auth)
    assert r.status_code == 201, r.text
    r = client7.post("/api/v1/articles", json=SAMPLE, headers=auth)
    assert r.status_code == 201, r.text
    assert len(seen["after_commit"]) >= 2
    for name, nice in seen["after_commit"]:  # the series update after each commit runs there too
        assert name.startswith("humstat-writer") and nice == min(19, base + 7)
    # readers, before and after the writes, on threads of the readers' priority
    for _ in range(3):
        assert client7.get("/api/v1/series", params={"metric": "injured", "place": "MMR001"}).status_code == 200
    assert seen["series"] and all(nice == base for _, nice in seen["series"])
    assert _here()[1] == base
    # what the writer thread raised reaches the client as before
    assert client7.post("/api/v1/figures/ffffffffffffffff/review", json={"action": "confirm"},
                        headers=auth).status_code == 404


def test_writer_nice_0_keeps_the_readers_priority(client0: TestClient, seen: dict, auth: dict) -> None:
    base = os.getpriority(os.PRIO_PROCESS, 0)
    r = client0.post(f"/api/v1/figures/{INJURED}/review", json={"action": "confirm"}, headers=auth)
    assert r.status_code == 201, r.text
    assert [nice for _, nice in seen["after_commit"]] == [base]
