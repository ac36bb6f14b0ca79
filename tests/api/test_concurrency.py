"""Many readers while writes go on (no errors, no torn reads), over a real server on loopback;
and the read-only snapshot researchers open while the service runs."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import httpx
import pytest
import uvicorn
from litestar.testing import TestClient

from service.api.app import create_app
from service.config import Settings
from service.store.db import Store, snapshot_path
from service.store.writes import record_review
from tests.api.conftest import TOKEN, add, art, build_world, fig


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live(new_store) -> Iterator[tuple[str, Store]]:
    store = new_store("live.duckdb", build_world)  # on each backend in turn (tests/conftest.py)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(db_path=store.path), store=store),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started:
        assert time.time() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", store
    server.should_exit = True
    thread.join(timeout=20)
    store.close()


def test_readers_never_see_a_torn_write(live) -> None:
    base, store = live
    writes_done = threading.Event()
    problems: list[str] = []
    seen_versions: set[int] = set()

    def writer() -> None:
        try:
            for i in range(15):
                a = art(f"w{i}", "2030-01-02")
                # each write adds two distinct incidents at once: a reader must see both or neither
                day = f"2030-01-{i + 1:02d}"
                add(store, [a], [fig(a, "killed", 1, "MMR005", day, n=0),
                                 fig(a, "killed", 1, "MMR005001", day, n=1)])
                if i % 5 == 0:
                    record_review(store, "0123456789abcdef", "confirm", note="noise write")
        except Exception as exc:  # pragma: no cover - reported below
            problems.append(f"writer: {exc!r}")
        finally:
            writes_done.set()

    def reader(kind: str) -> None:
        with httpx.Client(base_url=base, timeout=30) as c:
            while not writes_done.is_set():
                if kind == "series":
                    r = c.get("/api/v1/series", params={"metric": "killed", "place": "MMR005", "interval": "year",
                                                        "date_from": "2030-01-01"})
                    if r.status_code != 200:
                        problems.append(f"series {r.status_code}: {r.text[:200]}")
                        continue
                    body = r.json()
                    total = sum(p["value"] for p in body["points"])
                    reports = sum(p["n_reports"] for p in body["points"])
                    if total % 2 or reports % 2 or total != reports:
                        problems.append(f"torn series read: {total} / {reports}")
                else:
                    r = c.get("/api/v1/figures", params={"date_from": "2030-01-01", "limit": "10000"})
                    if r.status_code != 200:
                        problems.append(f"figures {r.status_code}: {r.text[:200]}")
                        continue
                    body = r.json()
                    if body["count"] % 2:
                        problems.append(f"torn figures read: {body['count']}")
                if r.headers["x-dataset-version"] != str(body["version"]):
                    problems.append("version header and body disagree")
                seen_versions.add(body["version"])

    threads = [threading.Thread(target=reader, args=(k,)) for k in ("series", "figures") * 4]
    threads.append(threading.Thread(target=writer))
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not problems, problems[:5]
    assert len(seen_versions) > 1  # the readers really overlapped the writes
    final = httpx.get(f"{base}/api/v1/series", params={"metric": "killed", "place": "MMR005", "interval": "year",
                                                       "date_from": "2030-01-01"}).json()
    assert sum(p["value"] for p in final["points"]) == 30


def test_snapshot_is_published_after_writes_and_readable_while_serving(tmp_path: Path) -> None:
    db = tmp_path / "served.duckdb"
    settings = Settings(db_path=db, token=TOKEN, snapshot_interval_s=0.1)
    with TestClient(create_app(settings)) as c:
        snap = snapshot_path(db)
        deadline = time.time() + 20
        while not snap.exists():  # published soon after startup
            assert time.time() < deadline, "no snapshot after startup"
            time.sleep(0.05)
        r = c.post("/api/v1/articles", headers={"Authorization": f"Bearer {TOKEN}"},
                   json={"id": "snap-1", "published": "2024-05-02",
                         "text": "Clashes\n\nAt least 12 civilians were killed in Kani Township on May 1."})
        assert r.status_code == 201
        version = r.json()["version"]
        deadline = time.time() + 20
        while c.get("/api/v1/health").json()["snapshot_version"] != version:
            assert time.time() < deadline, "snapshot not republished"
            time.sleep(0.1)
        # a researcher's process opens the snapshot read-only while the service holds the database
        with duckdb.connect(str(snap), read_only=True) as con:
            assert con.execute("SELECT count(*) FROM articles_current WHERE article_id = 'snap-1'").fetchone()[0] == 1
            assert con.execute("SELECT current_version()").fetchone()[0] == version
        with Store(snap, read_only=True) as ro:
            assert ro.version() == version
        with pytest.raises(duckdb.Error):
            duckdb.connect(str(db), read_only=True)  # the live file is the writer's alone


@pytest.fixture
def live_writable(new_store) -> Iterator[tuple[str, Store]]:
    """A live server on loopback that accepts writes (token), over the reference world."""
    store = new_store("writable.duckdb", build_world)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(db_path=store.path, token=TOKEN), store=store),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started:
        assert time.time() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", store
    server.should_exit = True
    thread.join(timeout=20)
    store.close()


ONE_TEXT = ("Raid on Kani\n\nAt least 12 civilians were killed and 7 injured in Kani Township on May 1, "
            "residents said. About 300 people fled to nearby villages.")


def test_concurrent_posts_of_one_text_each_name_what_was_stored(live_writable) -> None:
    """#17.4: 20 ids, one text, all at once: one article is stored; every answer says which."""
    base, store = live_writable
    n = 20
    start = threading.Barrier(n)
    answers: dict[str, httpx.Response] = {}

    def post(i: int) -> None:
        with httpx.Client(base_url=base, timeout=60) as c:
            start.wait()
            answers[f"same-{i}"] = c.post("/api/v1/articles", headers={"Authorization": f"Bearer {TOKEN}"},
                                          json={"id": f"same-{i}", "published": "2024-05-02", "text": ONE_TEXT})

    threads = [threading.Thread(target=post, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(answers) == n
    stored = httpx.get(f"{base}/api/v1/articles", params={"q": "Raid on Kani"}).json()["data"]
    assert [a["article_id"] for a in stored] == [stored[0]["article_id"]]  # the content is stored once
    winner = stored[0]["article_id"]
    winner_figures = httpx.get(f"{base}/api/v1/articles/{winner}").json()["figures"]
    assert winner_figures
    new = {aid: r for aid, r in answers.items() if r.json().get("status") == "new"}
    assert list(new) == [winner], {aid: (r.status_code, r.json()) for aid, r in answers.items()}
    assert new[winner].status_code == 201 and new[winner].json()["figures"] == winner_figures
    for aid, r in answers.items():
        if aid == winner:
            continue
        body = r.json()
        assert (r.status_code, body["status"], body["duplicate_of"]) == (200, "duplicate", winner), (aid, body)
        assert body["figures"] == winner_figures  # the figures of what is stored, not an empty list
        assert httpx.get(f"{base}/api/v1/articles/{aid}").status_code == 404  # never stored under this id
