"""Shared fixtures: project paths, the shared folder (dev set), fresh stores."""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def shared_dir() -> Path | None:
    """../shared beside the checkout (or $HUMSTAT_SHARED), when present."""
    path = Path(os.environ.get("HUMSTAT_SHARED", ROOT.parent / "shared"))
    return path if (path / "eval" / "score.py").exists() else None


@pytest.fixture
def shared() -> Path:
    path = shared_dir()
    if path is None:
        pytest.skip("../shared (dev set and scorer) is not beside this checkout; CI has it")
    return path


@pytest.fixture
def store(tmp_path: Path):
    from service.store.db import Store

    s = Store(tmp_path / "humstat.duckdb")
    yield s
    s.close()


@pytest.fixture
def seeded(store):
    """A store holding the two seed articles."""
    from service.articles.readers import read_paths
    from service.ingest import ingest

    report = ingest(store, read_paths([SEEDS]))
    assert report.new == 2 and not report.errors
    return store


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
