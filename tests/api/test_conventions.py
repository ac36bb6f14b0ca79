"""Web conventions and the service endpoints: health, metrics, places, ETag/304, Cache-Control,
CORS, gzip, problem details for 404/405/500, unknown parameters, the OpenAPI schema."""
from __future__ import annotations

import csv
import io

import pytest

from service.store.db import Store
from tests.api.conftest import add, art, fig

# Every API endpoint and a valid request to it: the conventions below are checked on each.
GETS = [
    "/api/v1/health", "/api/v1/metrics", "/api/v1/places?q=Sagaing", "/api/v1/places/MMR005",
    "/api/v1/articles", "/api/v1/articles/a1", "/api/v1/figures", "/api/v1/series?metric=killed",
]


def test_health(client) -> None:
    r = client.get("/api/v1/health")
    body = r.json()
    assert r.status_code == 200 and body["status"] == "ok" and body["version"] == 1
    assert body["counts"] == {"articles": 5, "figures": 14, "reviews": 0, "synthetic_figures": 0}
    assert body["extractor_versions"] == ["test-1"] and body["writes_enabled"] is True
    assert r.headers["cache-control"] == "no-store"


def test_metrics(client) -> None:
    body = client.get("/api/v1/metrics").json()
    assert set(body) == {"version", "count", "data"} and body["count"] == len(body["data"])  # the list envelope
    by_name = {m["name"]: m for m in body["data"]}
    assert by_name["killed"]["kind"] == "flow" and by_name["displaced"]["kind"] == "stock"
    assert by_name["killed"]["hxl"] == "#affected+killed" and by_name["killed"]["definition"]
    rows = list(csv.reader(io.StringIO(client.get("/api/v1/metrics", params={"format": "csv", "hxl": "true"}).text)))
    assert rows[0][:2] == ["name", "label"] and rows[1][0] == "#indicator+code"


def test_places_search(client) -> None:
    page = client.get("/api/v1/places", params={"q": "sagaing"}).json()
    assert set(page) == {"version", "count", "limit", "data"} and page["count"] == len(page["data"])
    body = page["data"]
    assert body[0]["code"] == "MMR005" and body[0]["parent_name"] == "Myanmar"
    assert {"code", "name", "level", "aliases", "parent_code", "lat", "lon", "path"} <= set(body[0])
    town = client.get("/api/v1/places", params={"q": "Kyaikmayaw"}).json()["data"]  # an alias
    assert town and town[0]["code"] == "MMR011002" and town[0]["lat"]
    states = client.get("/api/v1/places", params={"level": "admin1", "country": "MM", "limit": "100"}).json()["data"]
    assert 14 <= len(states) <= 20 and all(p["level"] == "admin1" for p in states)
    kids = client.get("/api/v1/places", params={"parent": "MMR005", "limit": "100"}).json()["data"]
    assert kids and all(p["parent_code"] == "MMR005" for p in kids)
    assert client.get("/api/v1/places", params={"level": "planet"}).status_code == 400
    assert client.get("/api/v1/places/MMR005").json()["name"] == "Sagaing Region"
    assert client.get("/api/v1/places/XX999").status_code == 404


@pytest.mark.parametrize("url", GETS)
def test_etag_304_and_cache_control(client, url) -> None:
    r = client.get(url)
    assert r.status_code == 200
    if url.endswith("health"):
        return  # not cacheable: it reports the live state
    etag = r.headers["etag"]
    assert etag.startswith('W/"v1-') and "max-age" in r.headers["cache-control"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag


def test_etag_changes_with_the_dataset_version_and_format(client, api_store: Store) -> None:
    e1 = client.get("/api/v1/figures").headers["etag"]
    assert client.get("/api/v1/figures", params={"format": "csv"}).headers["etag"] != e1
    a = art("n", "2024-07-01")
    add(api_store, [a], [fig(a, "killed", 2, "MMR005", "2024-07-01")])
    r = client.get("/api/v1/figures", headers={"If-None-Match": e1})
    assert r.status_code == 200 and r.headers["etag"].startswith('W/"v2-') and r.json()["count"] == 15


def test_pinned_versions_are_immutable(client) -> None:
    r = client.get("/api/v1/series", params={"metric": "killed", "as_of_version": "1"})
    assert "immutable" in r.headers["cache-control"]


def test_response_cache_is_never_stale(client, api_store: Store) -> None:
    first = client.get("/api/v1/series", params={"metric": "killed", "place": "MMR005"}).json()
    cached = client.get("/api/v1/series", params={"metric": "killed", "place": "MMR005"}).json()
    assert cached == first
    assert client.app.state.response_cache.hits >= 1
    a = art("n2", "2024-03-20")
    add(api_store, [a], [fig(a, "killed", 100, "MMR005", "2024-03-25")])
    after = client.get("/api/v1/series", params={"metric": "killed", "place": "MMR005"}).json()
    assert after["version"] == first["version"] + 1 and after["points"][0]["value"] == 115


def test_cors_for_get(client) -> None:
    r = client.get("/api/v1/figures", headers={"Origin": "https://example.org"})
    assert r.headers["access-control-allow-origin"] in ("*", "https://example.org")
    pre = client.options("/api/v1/figures", headers={"Origin": "https://example.org",
                                                     "Access-Control-Request-Method": "GET"})
    assert pre.status_code in (200, 204) and "GET" in pre.headers["access-control-allow-methods"]
    post = client.options("/api/v1/articles", headers={"Origin": "https://example.org",
                                                       "Access-Control-Request-Method": "POST"})
    assert "POST" not in post.headers.get("access-control-allow-methods", "")


def test_cors_origins_are_configurable(api_store: Store) -> None:
    from litestar.testing import TestClient

    from service.api.app import create_app
    from service.config import Settings

    settings = Settings(db_path=api_store.path, cors_origins=("https://ok.example",))
    with TestClient(create_app(settings, store=api_store)) as c:
        ok = c.get("/api/v1/metrics", headers={"Origin": "https://ok.example"})
        assert ok.headers["access-control-allow-origin"] == "https://ok.example"
        other = c.get("/api/v1/metrics", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_gzip(client) -> None:
    r = client.get("/api/v1/figures", headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip" and r.json()["count"] == 14


@pytest.mark.parametrize("url", GETS)
def test_unknown_parameters_are_an_error_everywhere(client, url) -> None:
    sep = "&" if "?" in url else "?"
    r = client.get(url + sep + "bogus=1")
    assert r.status_code == 400 and r.headers["content-type"].startswith("application/problem+json")
    [err] = r.json()["errors"]
    assert err["parameter"] == "bogus" and err["valid"]


def test_404_405_problems(client) -> None:
    r = client.get("/api/v1/nothing-here")
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["status"] == 404 and r.json()["instance"] == "/api/v1/nothing-here"
    r = client.delete("/api/v1/figures")
    assert r.status_code == 405 and r.headers["content-type"].startswith("application/problem+json")


def test_500_is_a_problem_without_internals(client, monkeypatch) -> None:
    from service.query import figures as q

    def boom(store):
        raise RuntimeError("secret /srv/humstat/data/humstat.duckdb exploded")

    monkeypatch.setattr(q, "health", boom)
    r = client.get("/api/v1/health")
    assert r.status_code == 500 and r.headers["content-type"].startswith("application/problem+json")
    assert "secret" not in r.text and "/srv" not in r.text and "Traceback" not in r.text
    assert r.json()["title"] == "Internal server error"


def test_openapi_schema_documents_every_endpoint_and_parameter(client) -> None:
    schema = client.get("/schema/openapi.json").json()
    paths = schema["paths"]
    ours = ["/api/v1/health", "/api/v1/metrics", "/api/v1/places", "/api/v1/places/{code}", "/api/v1/articles",
            "/api/v1/articles/{article_id}", "/api/v1/figures", "/api/v1/figures/{figure_id}",
            "/api/v1/figures/{figure_id}/review", "/api/v1/figures/{figure_id}/reviews", "/api/v1/series"]
    for path in ours:
        assert path in paths, path
        for method, op in paths[path].items():
            assert op.get("summary") and op.get("description"), (path, method)
            for p in op.get("parameters", []):
                assert p.get("description"), (path, method, p["name"])
    series_doc = " ".join(paths["/api/v1/series"]["get"]["description"].split())
    assert "never summed" in series_doc and "merged" in series_doc
    names = {p["name"] for p in paths["/api/v1/figures"]["get"]["parameters"]}
    assert {"metric", "place", "next", "format", "as_of_version", "updated_since", "id"} <= names
    assert client.get("/schema").status_code == 200


def test_iso_3166_2_codes_resolve_for_every_country_the_gazetteer_knows(client, api_store) -> None:
    """MM-01..MM-18 (Myanmar's states are stored under MIMU p-codes) and every other admin1 code."""
    with api_store.read() as cur:
        isos = sorted({r[0] for r in cur.execute(
            "SELECT DISTINCT admin1 FROM places WHERE level = 'admin1' AND admin1 IS NOT NULL").fetchall()})
    # ISO 3166-2:MM has no MM-08..MM-10 (never assigned): the other fifteen are every state/region
    mm = [f"MM-{n:02d}" for n in [*range(1, 8), *range(11, 19)]]
    assert set(mm) <= set(isos) and len(isos) > 1000
    for code in mm + isos[::97]:
        r = client.get(f"/api/v1/places/{code}")
        assert r.status_code == 200, code
        assert client.get("/api/v1/figures", params={"place": code, "limit": 1}).status_code == 200, code
    assert client.get("/api/v1/places/MM-01").json()["code"] == "MMR005"
    sagaing = client.get("/api/v1/figures", params={"place": "MM-01", "metric": "killed"}).json()["count"]
    assert sagaing == client.get("/api/v1/figures", params={"place": "MMR005", "metric": "killed"}).json()["count"] > 0
    assert client.get("/api/v1/series", params={"metric": "killed", "place": "mm-01"}).status_code == 200
    assert client.get("/charts/killed", params={"place": "MM-01", "format": "csv"}).status_code == 200


def test_place_search_prefers_the_corpus_country(client) -> None:
    """Kani is a Sagaing township and a town in Japan: in a Myanmar corpus the township comes first."""
    found = client.get("/api/v1/places", params={"q": "Kani"}).json()["data"]
    assert found[0]["code"] == "MMR005017" and found[0]["level"] == "township"
    assert any(p["country"] == "JP" for p in found)


def test_date_from_and_date_to_on_every_endpoint(client) -> None:
    """date_from/date_to is the documented name everywhere; /charts and / also take from/to."""
    march = {"date_from": "2024-03-01", "date_to": "2024-03-31"}
    for url, extra in [("/api/v1/figures", {}), ("/api/v1/series", {"metric": "killed"}),
                       ("/charts/killed", {"format": "json"}), ("/api/v1/charts/killed", {"format": "json"})]:
        ranged = client.get(url, params={**march, **extra})
        assert ranged.status_code == 200, (url, ranged.text)
        assert ranged.text != client.get(url, params=extra).text, url  # the range did filter
    chart_new = client.get("/charts/killed", params={**march, "format": "csv"}).text
    chart_old = client.get("/charts/killed", params={"from": "2024-03-01", "to": "2024-03-31", "format": "csv"}).text
    assert chart_new == chart_old
    assert client.get("/", params=march).status_code == 200
    clash = client.get("/charts/killed", params={"date_from": "2024-03-01", "from": "2024-02-01"})
    assert clash.status_code == 400 and clash.json()["errors"][0]["parameter"] == "date_from"
    bad = client.get("/charts/killed", params={"date_from": "yesterday"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["parameter"] == "date_from"
    links = client.get("/charts/killed", params={**march, "format": "metadata"}).json()["pinned_url"]
    assert "date_from=2024-03-01" in links and "from=" not in links.replace("date_from=", "")
