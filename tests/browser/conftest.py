"""Browser tests: a real uvicorn server on a free port with a seeded temporary database, and
Debian's headless Chromium driven by playwright (never `playwright install`: no downloads).

Without Chromium they skip with the reason, except in CI (CI=true), where a missing browser
fails: `make test` installs it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "charts"))

import chart_sample  # noqa: E402
from chart_browser import require_chromium  # noqa: E402

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, base: str, db: Path) -> None:
        self.base = base
        self.db = db


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """humstat served by uvicorn on 127.0.0.1:<free port> over the chart sample database."""
    tmp = tmp_path_factory.mktemp("browser")
    db = chart_sample.build_file(tmp / "humstat.duckdb")
    port = _free_port()
    env = {**os.environ, "HUMSTAT_DB": str(db), "HUMSTAT_SNAPSHOT_INTERVAL": "3600", "PYTHONPATH": str(ROOT)}
    log = (tmp / "server.log").open("wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "service.api.app:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/charts/killed?format=json", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                raise RuntimeError(
                    "the test server did not start:\n" + (tmp / "server.log").read_text()[-3000:]
                )
            time.sleep(0.2)
        yield Server(base, db)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory):
    """Headless Chromium (Debian's) through playwright, with a fresh profile."""
    path = require_chromium()
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=path,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1100, "height": 800},
        )
        try:
            yield ctx
        finally:
            ctx.close()


class PageWatch:
    """A page plus everything that went wrong on it: console errors, CSP violations, outside requests."""

    def __init__(self, page, base: str) -> None:
        self.page = page
        self.errors: list[str] = []
        self.outside: list[str] = []
        host = base.split("//", 1)[1]
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on(
            "request",
            lambda req: self.outside.append(req.url)
            if req.url.startswith("http") and host not in req.url
            else None,
        )
        page.on("dialog", lambda d: (self.errors.append(f"dialog opened: {d.message}"), d.dismiss()))


@pytest.fixture
def watch(browser, server) -> Iterator[PageWatch]:
    page = browser.new_page()
    w = PageWatch(page, server.base)
    try:
        yield w
    finally:
        page.close()
