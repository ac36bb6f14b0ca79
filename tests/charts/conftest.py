"""Chart test fixtures: the hand-made sample store (known answers) and an app over it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import chart_sample
from service.store.db import Store
from tests.conftest import ingest_seeds


@pytest.fixture
def sample(new_store: Callable[..., Store]) -> Store:
    """The chart sample at dataset version 4 (see chart_sample), on each backend in turn."""
    return new_store("charts.duckdb", chart_sample.build)


@pytest.fixture
def seeded(new_store: Callable[..., Store]) -> Store:
    """The two seed articles as the extractor reads them, on each backend in turn."""
    return new_store("seeds.duckdb", ingest_seeds)


@pytest.fixture
def client(sample: Store):
    from litestar.testing import TestClient

    from service.api.app import create_app

    with TestClient(create_app(store=sample)) as c:
        yield c
