"""GET /api/v1/figures: every filter, sorting, keyset pagination, formats; /figures/{id}."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import polars as pl
import pytest

from service.store.db import Store
from service.store.writes import record_review
from tests.api.conftest import add, art, fig


def ids_of(client, **params) -> set[str]:
    r = client.get("/api/v1/figures", params=params)
    assert r.status_code == 200, r.text
    return {f["figure_id"] for f in r.json()["data"]}


def values_of(client, params) -> list[int]:
    r = client.get("/api/v1/figures", params=params)
    assert r.status_code == 200, r.text
    return sorted(f["value"] for f in r.json()["data"])


def test_default_page_has_provenance(client) -> None:
    r = client.get("/api/v1/figures")
    body = r.json()
    assert r.status_code == 200 and body["count"] == 14 and body["next"] is None and body["version"] == 1
    one = next(f for f in body["data"] if f["value"] == 7)
    assert one["article_id"] == "a1" and one["article_source"] == "Irrawaddy" and one["quote"]
    assert one["char_end"] - one["char_start"] == 8 and one["metric_kind"] == "flow"
    assert one["review_status"] == "unreviewed" and one["synthetic"] is False


@pytest.mark.parametrize("params,expected", [
    ({"metric": "injured"}, [7]),
    ([("metric", "injured"), ("metric", "refugees")], [7, 40]),
    ({"metric": "killed", "place": "MMR005001"}, [10, 12]),
    ({"metric": "killed", "place": "MMR005"}, [3, 5, 10, 12, 12]),
    ({"place": "MMR001"}, [7]),
    ({"country": "TH"}, [40]),
    ({"metric": "killed", "date_from": "2024-03-06", "date_to": "2024-03-31"}, [5, 4100]),
    ({"metric": "displaced", "date_to": "2024-01-31"}, [100_000]),
    ({"metric": "killed", "published_from": "2024-04-01"}, [3, 12]),
    ({"metric": "killed", "published_to": "2024-02-28"}, [4000]),
    ({"metric": "killed", "group_class": "state_forces"}, [5]),
    ([("metric", "killed"), ("group_class", "state_forces"), ("group_class", "civilians")], [3, 5, 10, 12]),
    ({"perpetrator": "JUNTA"}, [10]),
    ({"claimed_by": "unhcr"}, [100_000, 125_000]),
    ({"metric": "killed", "cumulative": "true"}, [4000, 4100]),
    ({"metric": "killed", "cumulative": "false", "vague": "false"}, [3, 5, 10, 12]),
    ({"vague": "true"}, [12]),
    ({"min_confidence": "0.9"}, None),
    ({"review_status": "confirmed"}, []),
    ({"article_id": "a3"}, [3, 12]),
])
def test_filters(client, params, expected) -> None:
    got = values_of(client, params)
    if expected is None:  # min_confidence: everything but the 0.5 and 0.6 ones
        assert len(got) == 12 and 7 not in got
    else:
        assert got == expected


def test_id_filter_and_one_figure(client) -> None:
    some = sorted(ids_of(client, metric="refugees"))
    assert len(some) == 1
    r = client.get(f"/api/v1/figures/{some[0]}")
    assert r.status_code == 200 and r.json()["value"] == 40
    assert ids_of(client, id=some[0]) == set(some)
    missing = client.get("/api/v1/figures/0000000000000000")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("application/problem+json")


def test_review_status_and_updated_since(client, api_store: Store) -> None:
    target = sorted(ids_of(client, metric="injured"))[0]
    version, _ = record_review(api_store, target, "confirm", note="checked")
    assert ids_of(client, review_status="confirmed") == {target}
    assert ids_of(client, updated_after_version=str(version - 1)) == {target}
    assert ids_of(client, updated_after_version=str(version)) == set()
    assert len(ids_of(client, updated_since="2000-01-01T00:00:00")) == 14
    assert ids_of(client, updated_since="2999-01-01T00:00:00Z") == set()


def test_sorting(client) -> None:
    vals = [f["value"] for f in client.get("/api/v1/figures", params={"sort": "value"}).json()["data"]]
    assert vals == sorted(vals)
    vals = [f["value"] for f in client.get("/api/v1/figures", params={"sort": "-value"}).json()["data"]]
    assert vals == sorted(vals, reverse=True)
    dates = [f["event_date_start"] or "" for f in
             client.get("/api/v1/figures", params={"sort": "event_date"}).json()["data"]]
    assert dates == sorted(dates)
    bad = client.get("/api/v1/figures", params={"sort": "colour"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["parameter"] == "sort"
    assert "-value" in bad.json()["errors"][0]["valid"]


@pytest.mark.parametrize("sort", ["-event_date", "value", "-published", "figure_id", "confidence"])
def test_keyset_pagination_visits_every_figure_once(client, sort) -> None:
    seen: list[str] = []
    url, params = "/api/v1/figures", {"limit": "3", "sort": sort}
    pages = 0
    while True:
        r = client.get(url, params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        seen += [f["figure_id"] for f in body["data"]]
        pages += 1
        if not body["next"]:
            assert "link" not in r.headers
            break
        assert r.headers["link"].endswith('rel="next"') and body["next"] in r.headers["link"]
        params = {"limit": "3", "sort": sort, "next": body["next"]}
    assert len(seen) == len(set(seen)) == 14 and pages == 5


def test_cursor_pins_the_version_under_concurrent_writes(client, api_store: Store) -> None:
    first = client.get("/api/v1/figures", params={"limit": "10", "sort": "figure_id"}).json()
    a = art("new", "2024-05-01")
    add(api_store, [a], [fig(a, "killed", 1, "MMR005", "2024-05-01", n=i) for i in range(5)])
    rest = client.get("/api/v1/figures", params={"limit": "10", "sort": "figure_id", "next": first["next"]}).json()
    assert rest["version"] == first["version"] and rest["count"] == 4 and rest["next"] is None
    assert client.get("/api/v1/figures").json()["count"] == 19


@pytest.mark.parametrize("params,parameter", [
    ({"place": "XX999"}, "place"), ({"as_of_version": "7"}, "as_of_version"), ({"next": "not-a-cursor!"}, "next"),
])
def test_names_of_things_that_do_not_exist_are_404(client, params, parameter) -> None:
    r = client.get("/api/v1/figures", params=params)
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")
    [err] = r.json()["errors"]
    assert err["parameter"] == parameter and err["valid"]


def test_a_cursor_only_works_with_its_own_filters(client) -> None:
    page = client.get("/api/v1/figures", params={"limit": "2", "metric": "killed"}).json()
    r = client.get("/api/v1/figures", params={"limit": "2", "metric": "injured", "next": page["next"]})
    assert r.status_code == 404 and r.json()["errors"][0]["parameter"] == "next"


def test_an_inverted_range_is_empty_not_an_error(client) -> None:
    r = client.get("/api/v1/figures", params={"published_from": "2024-05-01", "published_to": "2024-04-01"})
    assert r.status_code == 200 and r.json()["data"] == []


@pytest.mark.parametrize("params,parameter", [
    ({"limit": "0"}, "limit"), ({"limit": "10001"}, "limit"), ({"limit": "ten"}, "limit"),
    ({"metric": "nope"}, "metric"), ({"group_class": "aliens"}, "group_class"),
    ({"review_status": "rejected"}, "review_status"), ({"min_confidence": "2"}, "min_confidence"),
    ({"date_from": "2024-02-30"}, "date_from"), ({"updated_since": "last week"}, "updated_since"),
    ({"format": "xml"}, "format"), ({"vague": "perhaps"}, "vague"), ({"sort": "colour"}, "sort"),
    ({"foo": "bar"}, "foo"), ({"updated_after_version": "-1"}, "updated_after_version"),
])
def test_bad_parameters_are_named(client, params, parameter) -> None:
    r = client.get("/api/v1/figures", params=params)
    assert r.status_code == 400, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    errors = r.json()["errors"]
    assert parameter in [e["parameter"] for e in errors]
    assert all(e.get("valid") for e in errors if e["parameter"] == parameter)


def test_csv_with_hxl_row(client) -> None:
    r = client.get("/api/v1/figures", params={"metric": "killed", "format": "csv", "hxl": "true"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    header, tags = rows[0], rows[1]
    assert header[0] == "figure_id" and tags[header.index("value")] == "#affected+killed"
    assert tags[header.index("place_code")] == "#loc+code" and tags[header.index("event_date_start")] == "#date+start"
    assert len(rows) == 2 + 7


def test_csv_without_hxl_and_ndjson_and_parquet(client) -> None:
    plain = list(csv.reader(io.StringIO(client.get("/api/v1/figures", params={"format": "csv"}).text)))
    assert plain[1][0] != "#meta+id" and len(plain) == 15
    nd = client.get("/api/v1/figures", params={"format": "ndjson"})
    assert nd.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(x) for x in nd.text.splitlines()]
    assert len(lines) == 14 and {"figure_id", "value", "quote"} <= set(lines[0])
    pq = client.get("/api/v1/figures", params={"format": "parquet"})
    assert pq.headers["content-type"].startswith("application/vnd.apache.parquet")
    df = pl.read_parquet(io.BytesIO(pq.content))
    assert df.height == 14 and df.schema["event_date_start"] == pl.Date


def test_accept_header_negotiation(client) -> None:
    r = client.get("/api/v1/figures", headers={"Accept": "text/csv"})
    assert r.headers["content-type"].startswith("text/csv")
    r = client.get("/api/v1/figures", headers={"Accept": "application/x-ndjson;q=0.9, text/csv;q=0.5"})
    assert r.headers["content-type"].startswith("application/x-ndjson")
    r = client.get("/api/v1/figures", headers={"Accept": "text/csv"}, params={"format": "json"})
    assert r.headers["content-type"].startswith("application/json")
    r = client.get("/api/v1/figures", headers={"Accept": "image/png"})
    assert r.status_code == 406 and r.json()["errors"][0]["parameter"] == "Accept"


def test_exports_stream_everything_and_are_never_truncated(new_store) -> None:
    from litestar.testing import TestClient

    from service.api.app import create_app
    from service.config import Settings

    with new_store("big.duckdb") as st:
        arts = [art(f"b{i}", "2024-01-01") for i in range(30)]
        add(st, arts, [fig(a, "killed", i, "MMR005", "2024-01-02", n=i) for a in arts for i in range(80)])
        with TestClient(create_app(Settings(db_path=st.path), store=st)) as c:
            page = c.get("/api/v1/figures").json()
            assert page["count"] == 1000 and page["next"]  # JSON pages, and says so
            r = c.get("/api/v1/figures", params={"format": "csv"})
            assert len(list(csv.reader(io.StringIO(r.text)))) == 1 + 2400
            nd = c.get("/api/v1/figures", params={"format": "ndjson", "metric": "killed"})
            assert len(nd.text.splitlines()) == 2400
            # an explicit limit pages exports too, with a Link header to the rest
            lim = c.get("/api/v1/figures", params={"format": "csv", "limit": "100"})
            assert len(list(csv.reader(io.StringIO(lim.text)))) == 101 and 'rel="next"' in lim.headers["link"]


def test_synthetic_figures_need_asking(client, api_store: Store) -> None:
    a = art("syn", "2024-03-01")
    add(api_store, [a], [fig(a, "killed", 999, "MMR005", "2024-03-01")], synthetic=True)
    assert 999 not in values_of(client, {"metric": "killed"})
    r = client.get("/api/v1/figures", params={"metric": "killed", "cumulative": "false", "include_synthetic": "true",
                                               "sort": "-value"})
    top = r.json()["data"][0]
    assert top["value"] == 999 and top["synthetic"] is True


def test_as_of_version(client, api_store: Store) -> None:
    a = art("later", "2024-06-01")
    v2 = add(api_store, [a], [fig(a, "injured", 70, "MMR001", "2024-06-01")])
    assert values_of(client, {"metric": "injured"}) == [7, 70]
    assert values_of(client, {"metric": "injured", "as_of_version": str(v2 - 1)}) == [7]
    r = client.get("/api/v1/figures", params={"as_of_version": str(v2 + 1)})
    assert r.status_code == 404 and f"1 to {v2}" in r.json()["errors"][0]["valid"]


def test_two_step_query_equals_figures_as_of(client, api_store: Store) -> None:
    """/figures reads unreviewed figures straight from the table for speed: it must give exactly
    what figures_as_of() gives, reviews (confirm, correct, reject) applied, at every version."""
    with api_store.read() as cur:
        keys = [r[0] for r in cur.execute("SELECT figure_key FROM figures ORDER BY figure_key").fetchall()]
    record_review(api_store, keys[0], "confirm")
    record_review(api_store, keys[1], "correct", value=999, metric="injured", place_code="MMR001",
                  event_date_start=date(2024, 1, 2))
    v3, _ = record_review(api_store, keys[2], "reject")
    record_review(api_store, keys[3], "reject")
    record_review(api_store, keys[3], "confirm")  # un-rejected
    for version in (1, v3, v3 + 2):
        with api_store.read() as cur:
            expected = cur.execute("SELECT figure_id, metric, value, low, high, place_code, event_date_start, "
                                   "event_date_end, review_status, updated_version FROM figures_as_of(?) "
                                   "ORDER BY figure_id", [version]).fetchall()
        body = client.get("/api/v1/figures", params={"as_of_version": str(version), "sort": "figure_id"}).json()
        got = [(f["figure_id"], f["metric"], f["value"], f["low"], f["high"], f["place_code"],
                None if f["event_date_start"] is None else date.fromisoformat(f["event_date_start"]),
                None if f["event_date_end"] is None else date.fromisoformat(f["event_date_end"]),
                f["review_status"], f["updated_version"]) for f in body["data"]]
        assert got == expected, version
    # filters see the reviewed values: the corrected figure is now an injured figure in Kachin
    assert keys[1] in ids_of(client, metric="injured", place="MMR001", date_to="2024-01-31")
    assert keys[1] not in ids_of(client, metric="killed")
