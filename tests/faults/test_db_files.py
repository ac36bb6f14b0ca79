"""A damaged database file is refused with one clear line, never read as an empty database."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from service.store.db import Store, StoreError, check_database_file
from tests.research.conftest import build

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dbfiles") / "good.duckdb"
    with Store(path) as s:
        build(s)
    return path


def _damaged(good: Path, tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.duckdb"
    raw = good.read_bytes()
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "truncated":
        path.write_bytes(raw[: len(raw) // 3])
    else:
        data = bytearray(raw)
        for i in range(0, len(data), 4096):
            data[i:i + 64] = os.urandom(64)
        path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("kind,words", [("empty", "empty (0 bytes)"), ("truncated", "truncated"),
                                        ("corrupt", "not a valid")])
def test_store_refuses_a_damaged_file(good: Path, tmp_path: Path, kind: str, words: str) -> None:
    path = _damaged(good, tmp_path, kind)
    size = path.stat().st_size
    for read_only in (False, True):
        with pytest.raises(StoreError) as err:
            Store(path, read_only=read_only)
        assert words in str(err.value) and str(path) in str(err.value)
        assert "\n" not in str(err.value)
    with pytest.raises(StoreError):
        check_database_file(path)
    assert path.exists() and path.stat().st_size == size  # never deleted or rewritten


def _humstat(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "service.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("kind", ["empty", "truncated", "corrupt"])
@pytest.mark.parametrize("command", [["serve", "--port", "0"], ["ingest", "seeds"], ["sql", "SELECT 1"]])
def test_cli_says_it_in_one_line(good: Path, tmp_path: Path, kind: str, command: list[str]) -> None:
    path = _damaged(good, tmp_path, kind)
    proc = _humstat(*command, "--db", str(path))
    assert proc.returncode != 0
    err = [line for line in proc.stderr.splitlines() if line.strip() and not line.startswith("INFO")]
    assert len(err) == 1 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert path.name in err[0]
