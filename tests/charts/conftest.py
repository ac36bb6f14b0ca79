"""Chart test fixtures: the hand-made sample store (known answers) and an app over it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import chart_sample
from service.store.db import Store


@pytest.fixture
def sample(new_store: Callable[..., Store]) -> Store:
    """The chart sample at dataset version 4 (see chart_sample), on each backend in turn."""
    return new_store("charts.duckdb", chart_sample.build)


@pytest.fixture
def client(sample: Store):
    from litestar.testing import TestClient

    from service.api.app import create_app

    with TestClient(create_app(store=sample)) as c:
        yield c
