"""Series while writes arrive (#16.1, #16.2): a write recomputes only the (metric, day) partitions it
touched and splices them into the in-memory rows, which then equal a rebuild from scratch; readers
are answered from the last complete version while the next one is prepared, never wait for it, and
never see a torn one."""
from __future__ import annotations

import re
import threading
import time
from datetime import date

import polars as pl
import pytest
from litestar.testing import TestClient

from service.api.app import create_app
from service.config import Settings
from service.query import series as module
from service.query.series import series
from service.store.db import Store
from service.query import figures as q
from service.store.writes import record_review, record_review_read
from tests.api.conftest import TOKEN, add, art, build_world, fig


_BUILD = module._Base.build  # the whole-frame build, kept before a test counts its calls


def _canonical(rows: module._Rows) -> pl.DataFrame:
    # `rep` marks one report per incident (which one is arbitrary): compare the count per incident
    frame = rows.frame
    assert frame.n_chunks() == 1  # a block is one copy, whatever it went through
    if "rep" in frame.columns:
        reps = frame.group_by("incident").agg(pl.col("rep").sum().alias("reps"))
        frame = frame.drop("rep").join(reps, on="incident", how="left", nulls_equal=True)
    return frame.sort("figure_id")


def _assert_same_as_rebuilt(store: Store) -> None:
    base = module._bases[store]
    assert base.version == store.version()
    with store.read() as cur:
        full = _BUILD(base.version, module._input(cur, base.version, None))
    assert sorted(base.by_metric) == sorted(full.by_metric)
    for metric, blocks in full.by_metric.items():
        assert sorted(base.by_metric[metric].blocks, key=str) == sorted(blocks.blocks, key=str), metric
        for key, rows in blocks.blocks.items():
            mine = base.by_metric[metric].blocks[key]
            assert mine.frame.columns == rows.frame.columns
            assert _canonical(mine).equals(_canonical(rows)), (metric, key)
            assert mine.paths == rows.paths and mine.starts == rows.starts and mine.ends == rows.ends, (metric, key)


def test_spliced_rows_equal_a_rebuild_after_every_kind_of_write(new_store) -> None:
    with new_store("live.duckdb") as store:
        build_world(store)
        series(store, metric="killed", place="MMR005")  # the base exists from here on
        calls: list[int] = []
        real = module._Base.build
        module._Base.build = classmethod(lambda cls, v, f: calls.append(v) or real.__func__(cls, v, f))  # type: ignore
        try:
            # a second report of the 2024-03-05 incident (merges across articles) and a new day
            b = art("b1", "2024-03-06", source="DVB")
            add(store, [b], [fig(b, "killed", 9, "MMR005", "2024-03-05", n=0, group_class="unknown"),
                             fig(b, "killed", 2, "MMR005001", "2024-03-22", n=1, group_class="civilians"),
                             fig(b, "displaced", 7_000, "MMR005", "2024-03-20", n=2, as_of="2024-03-20")])
            _assert_same_as_rebuilt(store)
            killed = series(store, metric="killed", place="MMR005", interval="month")
            assert {p.period_start: p.n_incidents for p in killed.points}[date(2024, 3, 1)] == 3
            keys = {f["figure_id"]: f for f in _figures(store)}
            by_value = {(f["metric"], f["value"]): k for k, f in keys.items()}
            # a review moving a figure to another day and metric, one changing its value, a rejection
            revalued: list[bool] = []
            real_revalued = module._revalued
            module._revalued = lambda *a: (r := real_revalued(*a), revalued.append(r is not None))[0]  # type: ignore
            record_review(store, by_value[("killed", 12)], "correct", value=11)
            assert revalued == [True]  # only its amount changed: its row is changed in place
            _assert_same_as_rebuilt(store)
            record_review(store, by_value[("killed", 12)], "confirm")
            _assert_same_as_rebuilt(store)
            module._revalued = real_revalued  # type: ignore[assignment]
            assert revalued == [True, True]
            record_review(store, by_value[("killed", 10)], "correct", metric="injured", event_date_start=date(2024, 3, 9))
            _assert_same_as_rebuilt(store)
            record_review(store, by_value[("killed", 9)], "reject")
            _assert_same_as_rebuilt(store)
            record_review(store, by_value[("displaced", 9_000)], "correct", place_code="MMR005")
            _assert_same_as_rebuilt(store)
            # a figure moved to a quarter that had none of its metric (a new block), then the only
            # figure of a quarter moved out of it (its block goes), then back
            assert module.BLOCK == "1q"
            record_review(store, by_value[("killed", 2)], "correct", event_date_start=date(2024, 7, 3))
            _assert_same_as_rebuilt(store)
            assert date(2024, 7, 1) in module._bases[store].by_metric["killed"].blocks
            record_review(store, by_value[("killed", 2)], "correct", event_date_start=date(2024, 11, 3))
            _assert_same_as_rebuilt(store)
            assert date(2024, 7, 1) not in module._bases[store].by_metric["killed"].blocks
            record_review(store, by_value[("killed", 2)], "correct", event_date_start=date(2024, 3, 22))
            _assert_same_as_rebuilt(store)
            # a changed article (same id, new text): its old figures leave, new ones arrive
            b2 = art("b1", "2024-03-06", source="DVB", text="A changed text about the raid. " * 10)
            add(store, [b2], [fig(b2, "killed", 6, "MMR005001", "2024-03-05", n=0, group_class="civilians")])
            _assert_same_as_rebuilt(store)
            # synthetic figures on a day that has real ones
            s = art("syn", "2024-03-06")
            add(store, [s], [fig(s, "killed", 50, "MMR005001", "2024-03-05", n=0)], synthetic=True)
            _assert_same_as_rebuilt(store)
        finally:
            module._Base.build = real  # type: ignore[method-assign]
        assert calls == []  # every write was spliced, none rebuilt the whole frame


def test_a_review_of_an_amount_recomputes_its_incident_not_its_block(new_store, monkeypatch) -> None:
    """A correction of an amount costs what it changes (#16.1): the merged amounts of the incident
    it is in are recomputed over that incident's rows, the block keeps its index of places (no
    window over the whole block, no new index: at 5M figures that was ~0.1 s of CPU per review,
    taken from the readers), and the rows equal a rebuild."""
    with new_store("revalue.duckdb") as store:
        build_world(store)
        b = art("b1", "2024-03-06", source="DVB")
        add(store, [b], [fig(b, "killed", 9, "MMR005001", "2024-03-05", n=0, group_class="civilians"),
                         fig(b, "killed", 4, "MMR005001", "2024-03-12", n=1, group_class="civilians")])
        series(store, metric="killed", place="MMR005")  # the base exists from here on
        keys = {(f["metric"], f["value"]): f["figure_id"] for f in _figures(store)}
        before = module._bases[store].by_metric["killed"].blocks[date(2024, 1, 1)]
        windows: list[int] = []
        indexes: list[int] = []
        real_incidents, real_init = module._with_incidents, module._Rows.__init__
        monkeypatch.setattr(module, "_with_incidents", lambda frame: windows.append(frame.height) or real_incidents(frame))
        monkeypatch.setattr(module._Rows, "__init__", lambda self, frame: indexes.append(frame.height) or real_init(self, frame))

        def day(metric: str, place: str, when: date):
            found = series(store, metric=metric, place=place, interval="day", date_from=when, date_to=when)
            return [(p.value, p.low, p.high, p.n_incidents) for p in found.points]

        # the incident of 2024-03-05 has claims 9, 10 and 12 (up to 15) and counts the lowest
        assert day("killed", "MMR005001", date(2024, 3, 5)) == [(9, 9, 15, 1)]
        record_review(store, keys[("killed", 9)], "correct", value=30)  # now 10, 12 and 30
        assert day("killed", "MMR005001", date(2024, 3, 5)) == [(10, 10, 30, 1)]
        record_review(store, keys[("killed", 4)], "correct", value=6, low=5, high=8)  # an incident of its own
        assert day("killed", "MMR005001", date(2024, 3, 12)) == [(6, 5, 8, 1)]
        record_review(store, keys[("displaced", 125_000)], "correct", value=90_000)  # a stock: no incidents
        record_review(store, keys[("killed", 10)], "confirm")
        assert windows == [] and indexes == []  # neither a window over a block nor a new index
        after = module._bases[store].by_metric["killed"].blocks[date(2024, 1, 1)]
        assert after is not before and after.paths is before.paths
        monkeypatch.undo()
        _assert_same_as_rebuilt(store)


def test_spliced_rows_equal_a_rebuild_at_the_edges_of_the_recomputed_days(new_store) -> None:
    # A write recomputes the (metric, day) partitions within seven days of what it changed, from
    # the figures of those days and of the seven days around them (an open date reaches that far):
    # a report at the edge whose window reaches outside the partitions recomputed still sees
    # every exact-day report of its window. And figures without any day (an undated figure of an
    # article without a publication date) are recomputed by key.
    with new_store("edges.duckdb") as store:
        build_world(store)
        series(store, metric="killed", place="MMR005")
        calls: list[int] = []
        real = module._Base.build
        module._Base.build = classmethod(lambda cls, v, f: calls.append(v) or real.__func__(cls, v, f))  # type: ignore
        try:
            # an undated report published on 10 June (its window: 7-10 June) and exact-day reports of
            # its place on 7 and 9 June: two exact days, so it keeps its own day
            e1, e2, o = art("e1", "2024-06-11"), art("e2", "2024-06-11"), art("o", "2024-06-10")
            add(store, [e1, e2, o], [fig(e1, "killed", 4, "MMR005001", "2024-06-07", n=0, group_class="civilians"),
                                     fig(e2, "killed", 6, "MMR005001", "2024-06-09", n=0, group_class="civilians"),
                                     fig(o, "killed", 5, "MMR005001", None, n=0, group_class="civilians")])
            _assert_same_as_rebuilt(store)
            # a report on 16 June: the days recomputed are 9-23 June, which hold the undated report
            # and the 9 June one but not the 7 June one
            w = art("w", "2024-06-17")
            add(store, [w], [fig(w, "killed", 2, "MMR005D001", "2024-06-16", n=0, group_class="civilians")])
            _assert_same_as_rebuilt(store)
            rows = module._bases[store].by_metric["killed"].frame
            assert rows.filter(pl.col("article_id") == "o").get_column("flow_day").to_list() == [date(2024, 6, 10)]
            # figures of an article without a publication date: one undated, one dated
            n = art("n", None)
            add(store, [n], [fig(n, "killed", 8, "MMR005001", None, n=0, group_class="civilians"),
                             fig(n, "injured", 3, "MMR005001", "2024-06-09", n=1, group_class="civilians")])
            _assert_same_as_rebuilt(store)
            keys = {(f["metric"], f["value"]): f["figure_id"] for f in _figures(store)}
            record_review(store, keys[("killed", 8)], "correct", value=9)
            _assert_same_as_rebuilt(store)
            record_review(store, keys[("killed", 8)], "correct", event_date_start=date(2024, 6, 8))
            _assert_same_as_rebuilt(store)
            record_review(store, keys[("killed", 8)], "correct", value=7)  # the latest review wins: undated again
            _assert_same_as_rebuilt(store)
            record_review(store, keys[("injured", 3)], "correct", metric="killed")
            _assert_same_as_rebuilt(store)
            record_review(store, keys[("killed", 6)], "reject")
            _assert_same_as_rebuilt(store)
        finally:
            module._Base.build = real  # type: ignore[method-assign]
        assert calls == []


def test_spliced_rows_equal_a_rebuild_as_open_reports_move_between_days(new_store) -> None:
    # A write recomputes its figures' own days and, where a report whose date is open has a window
    # holding one of them, every day of that window (the report may move to another day of it), from
    # the figures of those days and of every open window reaching them. Each step below moves an
    # open report that nothing in the write names; recomputing the written days alone would leave
    # it where it was (or twice). Far from any open report, only the written day is recomputed.
    with new_store("open.duckdb") as store:
        build_world(store)
        series(store, metric="killed", place="MMR005")
        calls: list[int] = []
        recomputed: list[set[date]] = []
        real, real_partitions = module._Base.build, module._partitions

        def partitions(cur, version, parts, keyed, days):  # type: ignore[no-untyped-def]
            recomputed.append(set(parts.filter(pl.col("metric") == "killed").get_column("flow_day").to_list()))
            return real_partitions(cur, version, parts, keyed, days)

        module._Base.build = classmethod(lambda cls, v, f: calls.append(v) or real.__func__(cls, v, f))  # type: ignore
        module._partitions = partitions  # type: ignore[assignment]
        try:
            def day_of(article_id: str) -> list[date]:
                rows = module._bases[store].by_metric["killed"].frame.filter(pl.col("article_id") == article_id)
                return rows.get_column("flow_day").to_list()

            # a report dated by its publication on 12 September alone (window 9-12) and one dated by a
            # range, 14-20 September, both at one township, with no exact-day report near: own days
            o, r = art("o", "2024-09-12"), art("r", "2024-09-22")
            add(store, [o, r], [fig(o, "killed", 5, "MMR005001", None, n=0, group_class="civilians"),
                                fig(r, "killed", 7, "MMR005001", "2024-09-14", n=0, group_class="civilians",
                                    event_date_end="2024-09-20")])
            _assert_same_as_rebuilt(store)
            assert day_of("o") == [date(2024, 9, 12)] and day_of("r") == [date(2024, 9, 14)]
            # an exact-day report on 10 September: the publication-dated report joins it
            e1 = art("e1", "2024-09-11")
            add(store, [e1], [fig(e1, "killed", 4, "MMR005001", "2024-09-10", n=0, group_class="civilians")])
            _assert_same_as_rebuilt(store)
            assert day_of("o") == [date(2024, 9, 10)]
            # an exact-day report on 18 September: the range joins it; the write's day (18) is not the
            # range's own day (14), which is recomputed with it
            e2 = art("e2", "2024-09-19")
            add(store, [e2], [fig(e2, "killed", 6, "MMR005001", "2024-09-18", n=0, group_class="civilians")])
            _assert_same_as_rebuilt(store)
            assert day_of("r") == [date(2024, 9, 18)]
            # a second exact day in the first window (11 September): the report goes back to its own day
            e3 = art("e3", "2024-09-12")
            add(store, [e3], [fig(e3, "killed", 3, "MMR005001", "2024-09-11", n=0, group_class="civilians")])
            _assert_same_as_rebuilt(store)
            assert day_of("o") == [date(2024, 9, 12)]
            # a write on 13 September: the range's own day (14) is not in the window it reaches (12 from
            # the first window, 9-12), but a report published on 16 September (window 13-16) reaches
            # both, and the range's home (18) lies outside every day recomputed: it must stay there
            p = art("p", "2024-09-16")
            add(store, [p], [fig(p, "killed", 2, "MMR005001", None, n=0, group_class="civilians")])
            _assert_same_as_rebuilt(store)
            e4 = art("e4", "2024-09-14")
            add(store, [e4], [fig(e4, "killed", 1, "MMR005001", "2024-09-13", n=0, group_class="civilians")])
            _assert_same_as_rebuilt(store)
            assert day_of("r") == [date(2024, 9, 18)]
            # a review moving an exact-day report out of the windows, then a rejection in one
            keys = {(f["metric"], f["value"]): f["figure_id"] for f in _figures(store)}
            record_review(store, keys[("killed", 6)], "correct", event_date_start=date(2024, 10, 30))
            _assert_same_as_rebuilt(store)
            record_review(store, keys[("killed", 3)], "reject")
            _assert_same_as_rebuilt(store)
            # far from any open report (and in another place), a write recomputes its own day alone
            recomputed.clear()
            f = art("far", "2024-12-02")
            add(store, [f], [fig(f, "killed", 8, "MMR013", "2024-12-01", n=0, group_class="civilians")])
            _assert_same_as_rebuilt(store)
            assert recomputed == [{date(2024, 12, 1)}]
        finally:
            module._Base.build = real  # type: ignore[method-assign]
            module._partitions = real_partitions  # type: ignore[assignment]
        assert calls == []


def _figures(store: Store) -> list[dict]:
    with store.read() as cur:
        return cur.execute("SELECT figure_id, metric, value FROM figures_current").pl().to_dicts()


def test_readers_are_answered_from_the_last_version_while_the_next_is_prepared(api_store: Store,
                                                                               monkeypatch) -> None:
    before = series(api_store, metric="killed", place="MMR005")
    real = module._advanced
    preparing = threading.Event()

    def slow(cur, base, version, known=None):  # a write whose series update takes a second
        preparing.set()
        time.sleep(1.0)
        return real(cur, base, version, known)

    monkeypatch.setattr(module, "_advanced", slow)
    a = art("late", "2024-03-09")
    writer = threading.Thread(target=add, args=(api_store, [a], [fig(a, "killed", 4, "MMR005001", "2024-03-29")]))
    writer.start()
    assert preparing.wait(10)
    t0 = time.perf_counter()
    during = series(api_store, metric="killed", place="MMR005")
    waited = time.perf_counter() - t0
    writer.join()
    after = series(api_store, metric="killed", place="MMR005")
    assert waited < 0.5, waited  # answered from the previous version, not after the update
    assert during.version == before.version and during.points == before.points
    assert after.version == before.version + 1 and after.points != before.points


def test_readers_during_a_burst_of_writes_never_wait_and_never_see_a_torn_version(api_store: Store,
                                                                                  monkeypatch) -> None:
    real = module._advanced

    def slow(cur, base, version, known=None):  # each write's series update takes two seconds
        time.sleep(2.0)
        return real(cur, base, version, known)

    monkeypatch.setattr(module, "_advanced", slow)
    app = create_app(Settings(token=TOKEN, db_path=api_store.path), store=api_store)
    ids = [f["figure_id"] for f in _figures(api_store) if f["metric"] == "killed"]
    answers: list[tuple[int, float, list]] = []
    stop = threading.Event()
    with TestClient(app) as client:
        client.get("/api/v1/series", params={"metric": "killed"})  # builds the in-memory rows

        def reader(n: int) -> None:
            i = 0
            while not stop.is_set():
                i += 1
                t0 = time.perf_counter()
                # a different range each time: never the response cache, always a computed answer
                r = client.get("/api/v1/series", params={"metric": "killed", "interval": "day",
                                                         "date_from": f"2023-{1 + (n + i) % 12:02d}-01"})
                took = time.perf_counter() - t0
                assert r.status_code == 200
                body = r.json()
                assert r.headers["X-Dataset-Version"] == str(body["version"])
                answers.append((body["version"], took, body["points"], body["date_from"]))
                time.sleep(0.01)

        readers = [threading.Thread(target=reader, args=(n,)) for n in range(3)]
        for t in readers:
            t.start()
        time.sleep(0.3)
        for k in range(3):
            r = client.post(f"/api/v1/figures/{ids[k % len(ids)]}/review", json={"action": "correct", "value": 20 + k},
                            headers={"Authorization": f"Bearer {TOKEN}"})
            assert r.status_code == 201, r.text
        time.sleep(0.3)
        stop.set()
        for t in readers:
            t.join()
    versions = sorted({v for v, *_ in answers})
    assert len(versions) >= 2, versions  # readers saw the versions move while they read
    worst = max(took for _, took, *_ in answers)
    # each update took 2 s: a reader that waited for one would take about that (the margin is for
    # a busy machine: the reader's own query, and the 2-core box shared with other work)
    assert worst < 1.2, worst
    seen = {(version, date_from): points for version, _, points, date_from in answers}
    for (version, date_from), points in seen.items():  # every answer is one whole version
        again = series(api_store, metric="killed", interval="day", date_from=date.fromisoformat(date_from),
                       as_of_version=version)
        assert points == [_point(p) for p in again.points]


def _point(p) -> dict:
    import msgspec

    return msgspec.json.decode(msgspec.json.encode(p))


def test_a_review_of_an_amount_needs_no_changed_partitions(new_store, monkeypatch) -> None:
    """A review changing amounts only is found from the reviews since the last version and updated
    in place (#16.1): series_changed.sql, which names the partitions any write may have changed (~10
    ms a review at 5M figures), is not run; a review of more than amounts still is, and both equal
    a rebuild."""
    with new_store("review-sql.duckdb") as store:
        build_world(store)
        series(store, metric="killed", place="MMR005")  # the base exists from here on
        keys = {(f["metric"], f["value"]): f["figure_id"] for f in _figures(store)}
        loaded: list[str] = []
        real_load = module.sqlfiles.load
        monkeypatch.setattr(module.sqlfiles, "load", lambda name: loaded.append(name) or real_load(name))
        record_review(store, keys[("killed", 12)], "correct", value=11)
        assert "service/series_revalued" in loaded and "service/series_changed" not in loaded
        _assert_same_as_rebuilt(store)
        loaded.clear()
        record_review(store, keys[("killed", 12)], "confirm")  # its amounts back to the stored ones
        assert "service/series_changed" not in loaded
        _assert_same_as_rebuilt(store)
        loaded.clear()
        record_review(store, keys[("killed", 12)], "correct", place_code="MMR005")
        assert "service/series_changed" in loaded  # a place: its partitions are recomputed
        _assert_same_as_rebuilt(store)
        loaded.clear()
        record_review(store, keys[("killed", 12)], "correct", value=13)  # the place correction is no longer in force
        assert "service/series_changed" in loaded
        _assert_same_as_rebuilt(store)


def test_a_review_that_read_its_figure_in_its_write_is_not_read_again(new_store, monkeypatch) -> None:
    """The series update after a review takes the figure's amounts, metric and start from the row
    its write read (writes.record_review_read, as POST /figures/{id}/review calls it; #16.1): after
    the commit neither the reviews since (series_reviews_only.sql) nor the figure through
    figures_as_of() is read, and the rows equal a rebuild, for a review of amounts and for one of
    more (which is recomputed as before); a write that read nothing is updated as before."""
    with new_store("review-known.duckdb") as store:
        build_world(store)
        series(store, metric="killed", place="MMR005")  # the base exists from here on
        keys = {(f["metric"], f["value"]): f["figure_id"] for f in _figures(store)}
        loaded: list[str] = []
        statements: list[str] = []
        real_load = module.sqlfiles.load
        monkeypatch.setattr(module.sqlfiles, "load", lambda name: loaded.append(name) or real_load(name))
        store.after_commit.insert(0, lambda *_a: loaded.append("<committed>"))
        real_revalued = module._revalued

        def revalued(cur, *a):
            class Seen:
                def execute(self, sql, *p):
                    statements.append(sql)
                    return cur.execute(sql, *p)
            return real_revalued(Seen(), *a)

        monkeypatch.setattr(module, "_revalued", revalued)

        def reviewed(fid: str, action: str, **kw) -> list[str]:
            loaded.clear()
            statements.clear()
            version, _, row = record_review_read(store, fid, action, **kw,
                                                 read_figure=lambda cur, at: q.figure_row_at(cur, fid, at))
            after = loaded[loaded.index("<committed>"):]
            assert row == q.figure(store, fid, as_of_version=version)[0]
            _assert_same_as_rebuilt(store)
            return after

        killed = keys[("killed", 12)]
        after = reviewed(killed, "correct", value=11)
        assert "service/series_revalued" in after and "service/series_reviews_only" not in after
        assert "service/series_changed" not in after and "service/api_figures_rows" not in after
        assert statements and not any("figures_as_of" in re.sub(r"--[^\n]*", "", s) for s in statements)
        after = reviewed(killed, "confirm")  # its amounts back to the stored ones
        assert "service/series_reviews_only" not in after and "service/series_changed" not in after
        after = reviewed(killed, "correct", place_code="MMR005")  # a place: its partitions are recomputed
        assert "service/series_changed" in after and "service/series_reviews_only" not in after
        after = reviewed(killed, "correct", value=13)  # the place correction is no longer in force
        assert "service/series_changed" in after
        loaded.clear()
        record_review(store, killed, "correct", value=14)  # read nothing in its write: as before
        assert "service/series_reviews_only" in loaded and "service/series_changed" not in loaded
        _assert_same_as_rebuilt(store)
