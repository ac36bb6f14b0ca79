"""/series lists at most `ids_per_point` figure ids a point (default 100), so that an answer's size
follows its points, not the figures behind them; a point with more says so and links every one of
its figures (GET /api/v1/series/figures), which pages through exactly the point's n_reports."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from urllib.parse import urlencode

import pytest
from litestar.testing import TestClient

from service.api.app import create_app
from service.config import Settings
from service.query.series import series
from service.store.db import Store
from tests.api.conftest import TOKEN, add, art, build_world, fig

N_MARCH = 150  # killed figures in Sagaing's township MMR005001 in March 2024, on top of the world's


def _crowded_world(store: Store) -> None:
    build_world(store)
    articles = [art(f"c{i}", f"2024-03-{i % 28 + 1:02d}", title=f"Crowded {i}") for i in range(30)]
    figures = [fig(a, "killed", 1 + k, "MMR005001", f"2024-03-{(5 * i + k) % 28 + 1:02d}", n=k + 2)
               for i, a in enumerate(articles) for k in range(5)]
    add(store, articles, figures)


@pytest.fixture
def crowded(new_store: Callable[..., Store]) -> Store:
    return new_store("crowded.duckdb", _crowded_world)


@pytest.fixture
def crowded_client(crowded: Store) -> Iterator[TestClient]:
    app = create_app(Settings(token=TOKEN, db_path=crowded.path), store=crowded)
    with TestClient(app) as c:
        yield c


def _parameter(r) -> str:
    return r.json()["errors"][0]["parameter"]


def _march(body: dict) -> dict:
    return next(p for p in body["points"] if p["period_start"] == "2024-03-01")


def _follow(client: TestClient, url: str, **params: object) -> tuple[list[str], list[dict]]:
    """Every figure id of a figures_url, page by page (the pages' bodies too)."""
    ids: list[str] = []
    pages = []
    if params:  # added to the link's own query (httpx's params= would replace it)
        url += ("&" if "?" in url else "?") + urlencode(params)
    r = client.get(url)
    while True:
        assert r.status_code == 200, r.text
        body = r.json()
        pages.append(body)
        ids += [f["figure_id"] for f in body["data"]]
        if not body["next"]:
            return ids, pages
        r = client.get(r.headers["link"].split(">")[0].lstrip("<"))


def test_all_ids_when_the_cap_is_large_enough(crowded_client: TestClient, crowded: Store) -> None:
    whole = series(crowded, metric="killed", place="MMR005", interval="month")  # the query layer: every id
    march = next(p for p in whole.points if p.period_start == date(2024, 3, 1))
    assert march.n_reports == N_MARCH + 3 and len(march.figure_ids) == march.n_reports
    body = crowded_client.get("/api/v1/series", params={"metric": "killed", "place": "MMR005",
                                                        "ids_per_point": 10_000}).json()
    point = _march(body)
    assert point["figure_ids"] == march.figure_ids == sorted(march.figure_ids)
    assert point["figure_ids_truncated"] is False and point["figures_url"] is None


def test_a_point_with_more_figures_than_the_cap_lists_the_first_and_links_them_all(
        crowded_client: TestClient, crowded: Store) -> None:
    every = next(p for p in series(crowded, metric="killed", place="MMR005", interval="month").points
                 if p.period_start == date(2024, 3, 1)).figure_ids
    body = crowded_client.get("/api/v1/series", params={"metric": "killed", "place": "MMR005"}).json()
    point = _march(body)
    assert point["n_reports"] == len(every) == N_MARCH + 3
    assert point["figure_ids"] == every[:100]  # the default cap: the first 100 in id order
    assert point["figure_ids_truncated"] is True
    april = next(p for p in body["points"] if p["period_start"] == "2024-04-01")
    assert april["figure_ids_truncated"] is False and april["figures_url"] is None and len(april["figure_ids"]) == 1
    # the link pages through exactly the point's figures, each once, in id order
    ids, pages = _follow(crowded_client, point["figures_url"], limit=40)
    assert len(pages) == 4 and [p["count"] for p in pages] == [40, 40, 40, 33]
    assert ids == every
    assert {p["version"] for p in pages} == {body["version"]}
    assert all(f["metric"] == "killed" for p in pages for f in p["data"])


def test_the_cap_is_a_parameter(crowded_client: TestClient) -> None:
    get = crowded_client.get
    one = _march(get("/api/v1/series", params={"metric": "killed", "place": "MMR005", "ids_per_point": 7}).json())
    assert len(one["figure_ids"]) == 7 and one["figure_ids_truncated"] is True
    none = _march(get("/api/v1/series", params={"metric": "killed", "place": "MMR005", "ids_per_point": 0}).json())
    assert none["figure_ids"] == [] and none["figure_ids_truncated"] is True and none["n_reports"] == N_MARCH + 3
    assert none["n_articles"] == one["n_articles"] == 32 and none["value"] == one["value"]
    for bad in ("-1", "10001", "many"):
        r = get("/api/v1/series", params={"metric": "killed", "ids_per_point": bad})
        assert r.status_code == 400 and _parameter(r) == "ids_per_point", r.text


def test_a_stock_point_links_its_figures_only(client: TestClient) -> None:
    # Sagaing's displaced in March: two figures of the region itself (the township's is not its)
    body = client.get("/api/v1/series", params={"metric": "displaced", "place": "MMR005", "ids_per_point": 1}).json()
    march = _march(body)
    assert march["n_reports"] == 2 and len(march["figure_ids"]) == 1 and march["figure_ids_truncated"]
    ids, _ = _follow(client, march["figures_url"])
    assert len(ids) == 2 and ids[0] == march["figure_ids"][0]
    figures = client.get("/api/v1/figures", params=[("id", i) for i in ids]).json()["data"]
    assert {f["place_code"] for f in figures} == {"MMR005"} and {f["value"] for f in figures} == {125_000, 120_000}


def test_the_link_keeps_its_version_after_a_write(crowded_client: TestClient, auth: dict[str, str]) -> None:
    point = _march(crowded_client.get("/api/v1/series", params={"metric": "killed", "place": "MMR005"}).json())
    gone = point["figure_ids"][0]
    r = crowded_client.post(f"/api/v1/figures/{gone}/review", json={"action": "reject"}, headers=auth)
    assert r.status_code == 201, r.text
    before, _ = _follow(crowded_client, point["figures_url"])
    assert len(before) == point["n_reports"] and gone in before
    now = _march(crowded_client.get("/api/v1/series", params={"metric": "killed", "place": "MMR005"}).json())
    after, _ = _follow(crowded_client, now["figures_url"])
    assert len(after) == now["n_reports"] == point["n_reports"] - 1 and gone not in after


def test_series_figures_parameters(crowded_client: TestClient) -> None:
    get = crowded_client.get
    # any day of the period names its point
    march = _march(get("/api/v1/series", params={"metric": "killed", "place": "MMR005", "ids_per_point": 10_000}).json())
    ids, _ = _follow(crowded_client, "/api/v1/series/figures", metric="killed", place="MMR005", period_start="2024-03-17")
    assert ids == march["figure_ids"] and len(ids) == march["n_reports"]
    # no point there: an empty page
    r = get("/api/v1/series/figures", params={"metric": "killed", "place": "MMR005", "period_start": "2020-01-01"})
    assert r.status_code == 200 and r.json()["data"] == [] and r.json()["next"] is None
    # a date range inside the period: only its days' figures, as the series' own point has them
    params = {"metric": "killed", "place": "MMR005", "date_from": "2024-03-10", "date_to": "2024-03-20"}
    point = _march(get("/api/v1/series", params={**params, "ids_per_point": 10_000}).json())
    ids, _ = _follow(crowded_client, "/api/v1/series/figures", period_start="2024-03-01", **params)
    assert ids == point["figure_ids"] and 0 < len(ids) < N_MARCH
    # a cursor of another point is refused
    first = get("/api/v1/series/figures", params={"metric": "killed", "place": "MMR005",
                                                  "period_start": "2024-03-01", "limit": 10}).json()
    r = get("/api/v1/series/figures", params={"metric": "killed", "place": "MMR005D001",
                                              "period_start": "2024-03-01", "next": first["next"]})
    assert r.status_code == 404 and _parameter(r) == "next"


def test_series_figures_at_the_calendars_edges(crowded_client: TestClient) -> None:
    """A period that would end after 9999-12-31 ends there: an empty page, not an error."""
    for day in ("9999-12-31", "0001-01-01"):
        for interval in ("day", "week", "month", "quarter", "year"):
            r = crowded_client.get("/api/v1/series/figures",
                                   params={"metric": "killed", "period_start": day, "interval": interval})
            assert r.status_code == 200 and r.json()["data"] == [], (day, interval, r.text)
