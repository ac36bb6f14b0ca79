"""The bounded lanes behind SQL, renders and exports (#17.1): at most `workers` running, at most
`queue` waiting, a 503 problem with Retry-After beyond that; a stream holds its slot until it ends."""
from __future__ import annotations

import gc
import threading
import time

import pytest

from service.api.common import ProblemError
from service.api.lanes import Lane, Lanes
from service.config import Settings


def test_full_lane_refuses_at_once_with_retry_after() -> None:
    lane = Lane("sql", workers=1, queue=1, wait_s=5, what="SQL queries")
    lane.acquire()
    waiter_got: list[bool] = []
    waiter = threading.Thread(target=lambda: (lane.acquire(), waiter_got.append(True), lane.release()))
    waiter.start()
    deadline = time.monotonic() + 5
    while lane.waiting < 1:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    started = time.monotonic()
    with pytest.raises(ProblemError) as err:  # one running, one waiting: the third is refused at once
        lane.acquire()
    assert time.monotonic() - started < 0.5
    assert err.value.status == 503 and err.value.headers["Retry-After"].isdigit()
    assert err.value.type.endswith("/sql-busy")
    lane.release()
    waiter.join(5)
    assert waiter_got == [True] and lane.running == 0


def test_waiting_too_long_is_a_503() -> None:
    lane = Lane("render", workers=1, queue=4, wait_s=0.2, what="chart renders")
    with lane.slot():
        with pytest.raises(ProblemError) as err:
            lane.acquire()
    assert err.value.status == 503 and "waited" in err.value.detail
    with lane.slot():  # the slot came back
        pass


@pytest.mark.parametrize("how", ["exhausted", "closed", "never started"])
def test_a_stream_holds_its_slot_until_it_ends(how: str) -> None:
    lane = Lane("export", workers=1, queue=0, wait_s=0.1, what="exports")
    lane.acquire()
    stream = lane.hold_stream(iter([b"a", b"b"]))
    with pytest.raises(ProblemError):
        lane.acquire()  # the stream still holds the only slot
    if how == "exhausted":
        assert b"".join(stream) == b"ab"
    elif how == "closed":
        assert next(stream) == b"a"
        stream.close()  # the client went away
    else:
        del stream
        gc.collect()
    assert lane.running == 0
    lane.acquire()
    lane.release()


def test_settings_size_the_lanes() -> None:
    lanes = Lanes.from_settings(Settings(sql_workers=3, sql_queue=5, render_workers=1, render_queue=2,
                                         export_workers=2, export_queue=0, queue_wait_s=7))
    assert (lanes.sql.workers, lanes.sql.queue, lanes.render.workers, lanes.export.queue) == (3, 5, 1, 0)
    assert lanes.threads_needed() == 3 + 5 + 1 + 2 + 2 + 0 + 40
