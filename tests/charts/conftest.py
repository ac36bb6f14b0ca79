"""Chart test fixtures: the hand-made sample store (known answers) and an app over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import chart_sample
from service.store.db import Store


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[Store]:
    """The chart sample at dataset version 4 (see chart_sample)."""
    s = chart_sample.build(Store(tmp_path / "charts.duckdb"))
    yield s
    s.close()


@pytest.fixture
def client(sample: Store):
    from litestar.testing import TestClient

    from service.api.app import create_app

    with TestClient(create_app(store=sample)) as c:
        yield c
