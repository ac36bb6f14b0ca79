"""The two-command set-up on a fresh clone: make env, make serve (CI only: it builds a venv)."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(os.environ.get("CI") != "true",
                                reason="builds a fresh clone and its .venv: runs in CI (CI=true) only")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_env_and_serve_on_a_fresh_clone(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "UV_"))}
    built = subprocess.run(["make", "env"], cwd=clone, env=env, capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (clone / ".venv" / "bin" / "humstat").exists()
    port = _free_port()
    db = tmp_path / "served.duckdb"
    server = subprocess.Popen(["make", "serve"], cwd=clone, env={**env, "PORT": str(port), "HUMSTAT_DB": str(db)},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        body = None
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=2) as r:
                    body = r.read().decode()
            except OSError:
                assert server.poll() is None, server.stdout.read()
                time.sleep(0.5)
        assert body is not None, "server did not answer within 180 s"
        assert '"articles"' in body
        assert db.exists()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    shutil.rmtree(clone, ignore_errors=True)
