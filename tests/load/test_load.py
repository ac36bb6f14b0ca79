"""Bounded load on loopback: concurrent readers on /series, /figures and /charts while ingests
and reviews write. Zero errors, no torn reads, and the figures counted before and after match
what was written. A fixed number of requests with a time bound; it stops by itself."""
from __future__ import annotations

import hashlib
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx

from tests.conftest import ROOT, SEEDS

TOKEN = "load-test-token"
READERS = 6
MAX_REQUESTS_PER_READER = 3000  # hard bound; readers stop earlier once the writer is done
READ_PAUSE_S = 0.005  # readers pace themselves so they are still reading when the first write lands
REQUESTS_AFTER_WRITES = 5
ARTICLES_WRITTEN = 12
TIME_BOUND_S = 240


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _all_figures(client: httpx.Client) -> tuple[int, int]:
    """(version, number of current figures), following the keyset cursor."""
    url, total, version = "/api/v1/figures?limit=10000", 0, None
    while url:
        r = client.get(url)
        r.raise_for_status()
        body = r.json()
        version = body["version"] if version is None else version
        total += len(body["data"])
        url = f"/api/v1/figures?limit=10000&next={body['next']}" if body["next"] else None
    return version, total


def test_concurrent_readers_while_writing(tmp_path: Path) -> None:
    db = tmp_path / "load.duckdb"
    subprocess.run([sys.executable, "-m", "service.cli", "ingest", str(SEEDS), "--db", str(db), "-q"], cwd=ROOT,
                   check=True, capture_output=True)
    port = _free_port()
    env = {**os.environ, "HUMSTAT_TOKEN": TOKEN, "HUMSTAT_SNAPSHOT_INTERVAL": "1"}
    server = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--db", str(db), "--port", str(port)],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(300):
                try:
                    if client.get("/api/v1/health").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            _, before = _all_figures(client)
            seed_ids = [f["figure_id"] for f in client.get("/api/v1/figures?limit=100").json()["data"]]
        assert before > 0 and len(seed_ids) >= 4

        errors: list[str] = []
        seen: dict[tuple[str, int], set[str]] = defaultdict(set)  # (route, version) -> body digests
        written = {"figures": 0, "rejected": 0}
        lock = threading.Lock()
        stop_at = started + TIME_BOUND_S
        writer_done = threading.Event()

        def reader(n: int) -> None:
            rng = random.Random(n)
            routes = ["/api/v1/series?metric=killed&place=MM&interval=month",
                      "/api/v1/figures?metric=killed&limit=500",
                      "/charts/killed?format=json&place=MM"]
            after = 0
            with httpx.Client(base_url=base, timeout=30) as c:
                for _ in range(MAX_REQUESTS_PER_READER):
                    if writer_done.is_set():
                        after += 1
                        if after > REQUESTS_AFTER_WRITES:
                            return
                    if time.monotonic() > stop_at:
                        errors.append("time bound reached")
                        return
                    route = rng.choice(routes)
                    time.sleep(READ_PAUSE_S)
                    r = c.get(route)
                    if r.status_code != 200:
                        errors.append(f"{route}: {r.status_code} {r.text[:200]}")
                        continue
                    if route.startswith("/api/v1/"):
                        body = r.json()
                        digest = hashlib.sha256(repr(body.get("data", body.get("points"))).encode()).hexdigest()
                        with lock:
                            seen[(route, body["version"])].add(digest)

        def writer() -> None:
            try:
                write()
            finally:
                writer_done.set()

        def write() -> None:
            headers = {"Authorization": f"Bearer {TOKEN}"}
            with httpx.Client(base_url=base, timeout=60, headers=headers) as c:
                for i in range(ARTICLES_WRITTEN):
                    text = (f"Soldiers killed {i + 3} villagers in Hpakant Township, Kachin State, on Monday, "
                            f"residents said. Another {i + 20} people were injured. Load test article {i}.")
                    r = c.post("/api/v1/articles", json={"id": f"load{i}", "text": text, "published": "2024-06-05"})
                    if r.status_code not in (200, 201):
                        errors.append(f"POST /articles: {r.status_code} {r.text[:200]}")
                        continue
                    with lock:
                        written["figures"] += len(r.json()["figures"])
                for j, fid in enumerate(seed_ids[:4]):
                    action = "reject" if j % 2 else "confirm"
                    r = c.post(f"/api/v1/figures/{fid}/review", json={"action": action, "note": "load test"})
                    if r.status_code not in (200, 201):
                        errors.append(f"review: {r.status_code} {r.text[:200]}")
                    elif action == "reject":
                        with lock:
                            written["rejected"] += 1

        threads = [threading.Thread(target=reader, args=(n,)) for n in range(READERS)]
        threads.append(threading.Thread(target=writer))
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=TIME_BOUND_S + 30)
        assert not any(t.is_alive() for t in threads), "load test did not stop within its time bound"

        assert errors == []
        torn = {key: len(d) for key, d in seen.items() if len(d) > 1}
        assert torn == {}, f"different answers for the same route and dataset version: {torn}"
        assert len({v for _, v in seen}) > 1, "readers never saw a write land"
        with httpx.Client(base_url=base, timeout=30) as client:
            _, after = _all_figures(client)
        assert written["figures"] > 0
        assert after == before + written["figures"] - written["rejected"]
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
