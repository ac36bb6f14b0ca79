"""GET /charts/{metric} in every form, through the app (Litestar's in-process client)."""

from __future__ import annotations

import csv
import io
import re

import msgspec
import pytest

import chart_sample
from service.charts.data import chart_data
from service.charts.figure import build_figure
from service.charts.params import make_params
from service.charts.render import plotly_js_path


def test_json_is_the_plotly_figure(client, sample) -> None:
    r = client.get("/charts/killed", params={"format": "json"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    fig = r.json()
    assert set(fig) == {"data", "layout"}
    assert fig == msgspec.json.decode(
        msgspec.json.encode(build_figure(chart_data(sample, make_params("killed"))))
    )
    assert r.headers["x-dataset-version"] == "4"


def test_html_is_a_self_contained_embeddable_page(client) -> None:
    r = client.get("/charts/killed")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert "frame-ancestors *" in r.headers["content-security-policy"]
    assert "x-frame-options" not in r.headers
    # plotly.js from humstat itself; no script or stylesheet from anywhere else.
    srcs = re.findall(r'(?:src|href)="([^"]+)"', page)
    assets = [s for s in srcs if s.endswith(".js") or ".js?" in s or ".css" in s]
    assert assets and all(s.startswith("/static/") for s in assets), assets
    assert any(re.fullmatch(r"/static/plotly-\d+\.\d+\.\d+\.min\.js", s) for s in srcs)
    assert "cdn" not in page.lower()
    # The figure travels as inert JSON.
    data = re.search(r'<script id="figure-data" type="application/json">(.*?)</script>', page, re.S)
    assert data and msgspec.json.decode(data.group(1))["data"]
    # Live and pinned embed snippets.
    assert (
        "as_of_version=4" in page
        and "&lt;iframe src=&quot;http://testserver.local/charts/killed&quot;" in page
    )


def test_static_plotly_is_the_bundled_file_cached_forever(client) -> None:
    page = client.get("/charts/killed").text
    src = re.search(r'src="(/static/plotly-[^"]+)"', page).group(1)
    r = client.get(src)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript")
    assert r.content == plotly_js_path().read_bytes()
    assert "immutable" in r.headers["cache-control"]
    css = re.search(r'href="(/static/humstat\.css\?h=[0-9a-f]+)"', page).group(1)
    assert client.get(css).status_code == 200
    assert client.get("/static/..%2Fpages.py").status_code == 404
    assert client.get("/static/nothing.js").status_code == 404


def test_frame_ancestors_is_configurable(client, monkeypatch) -> None:
    monkeypatch.setenv("HUMSTAT_FRAME_ANCESTORS", "'self' https://reliefweb.int")
    r = client.get("/charts/injured")
    assert r.headers["content-security-policy"].endswith("frame-ancestors 'self' https://reliefweb.int")


def test_csv_is_the_data_drawn_with_an_hxl_row(client, sample) -> None:
    r = client.get("/charts/killed", params={"format": "csv", "hxl": "true"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="humstat-killed-all-month-v4.csv"' in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.text)))
    header, hxl, *data = rows
    assert hxl[header.index("value")] == "#affected+killed"
    assert [(row[header.index("period_start")], int(row[header.index("value")])) for row in data] == [
        ("2023-01-01", 17),
        ("2023-02-01", 7),
    ]
    fig = client.get("/charts/killed", params={"format": "json"}).json()
    bars = next(t for t in fig["data"] if t["type"] == "bar")
    assert [int(row[header.index("value")]) for row in data] == bars["y"]


def test_metadata(client) -> None:
    r = client.get("/charts/displaced", params={"format": "metadata", "place": "MM"})
    meta = r.json()
    assert meta["title"] == "Internally displaced in Myanmar: reported head-count, Mar 2023 – Apr 2023"
    assert meta["metric"]["definition"].startswith("People who fled their homes")
    assert meta["series_kind"] == "stock" and meta["chart_kind"] == "line"
    assert {s["publisher"] for s in meta["sources"]} == {"UN News", f"Evil {chart_sample.EVIL} Times"}
    assert all(s["url"].startswith("https://example.org/") and s["published"] for s in meta["sources"])
    assert meta["dataset_version"] == 4 and meta["generated_at"]
    assert meta["pinned_url"].endswith("/charts/displaced?place=MM&as_of_version=4")
    assert "version 4" in meta["citation"]


def test_etag_304_and_cache_control(client) -> None:
    r = client.get("/charts/killed", params={"format": "json"})
    assert r.headers["cache-control"] == "public, max-age=30"
    again = client.get(
        "/charts/killed", params={"format": "json"}, headers={"If-None-Match": r.headers["etag"]}
    )
    assert again.status_code == 304 and again.content == b""
    pinned = client.get("/charts/killed", params={"format": "json", "as_of_version": 2})
    assert pinned.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert pinned.headers["x-dataset-version"] == "2"


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/json", "application/json"),
        ("text/csv", "text/csv"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "text/html"),
        (None, "text/html"),
    ],
)
def test_accept_header_chooses_the_form(client, accept: str | None, media: str) -> None:
    headers = {"Accept": accept} if accept else {}
    r = client.get("/charts/killed", headers=headers)
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    assert "Accept" in r.headers["vary"]


def test_also_under_the_api_prefix(client) -> None:
    a = client.get("/api/v1/charts/killed", params={"format": "json"}).json()
    b = client.get("/charts/killed", params={"format": "json"}).json()
    assert a == b


@pytest.mark.parametrize(
    ("query", "status", "parameter"),
    [
        ({"theme": "neon"}, 400, "theme"),
        ({"kind": "pie"}, 400, "kind"),
        ({"format": "gif"}, 400, "format"),
        ({"width": "10"}, 400, "width"),
        ({"as_of_version": "99"}, 404, "as_of_version"),
        ({"colour": "red"}, 400, "colour"),
        ({"from": "yesterday"}, 400, "from"),
    ],
)
def test_bad_requests_are_problems_naming_the_parameter(
    client, query: dict, status: int, parameter: str
) -> None:
    r = client.get("/charts/killed", params=query)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert problem["status"] == status and problem["errors"][0]["parameter"] == parameter


def test_unknown_metric_is_404_listing_metrics(client) -> None:
    r = client.get("/charts/happiness")
    assert r.status_code == 404 and "killed" in r.json()["errors"][0]["valid"]


def test_missing_chromium_is_a_clear_503(client, monkeypatch) -> None:
    from service.charts import render

    monkeypatch.setattr(render, "browser_path", lambda: None)
    monkeypatch.setattr(render, "_renderer", render.Renderer())
    r = client.get("/charts/killed", params={"format": "png", "width": 640})
    assert r.status_code == 503
    problem = r.json()
    assert "Chromium is not installed" in problem["detail"] and r.headers["retry-after"] == "30"
    # The rest of the service is unaffected.
    assert client.get("/charts/killed", params={"format": "json"}).status_code == 200


def test_unknown_place_is_404_and_an_empty_date_range_an_empty_chart(client) -> None:
    r = client.get("/charts/killed", params={"place": "XX-99"})
    assert r.status_code == 404 and r.json()["errors"][0]["parameter"] == "place"
    r = client.get("/charts/killed", params={"format": "csv", "from": "2023-03-01", "to": "2023-01-01"})
    assert r.status_code == 200 and r.text.strip().count("\n") == 0  # header only


def test_openapi_documents_every_form_and_the_valid_values(client) -> None:
    op = client.get("/schema/openapi.json").json()["paths"]["/charts/{metric}"]["get"]
    assert set(op["responses"]["200"]["content"]) == {
        "text/html",
        "application/json",
        "image/png",
        "image/svg+xml",
        "text/csv",
    }
    assert {"304", "400", "404", "503"} <= set(op["responses"])
    params = {p["name"]: p["schema"] for p in op["parameters"]}

    def enum(name: str) -> set:
        schema = params[name]
        options = schema.get("oneOf") or schema.get("anyOf") or [schema]
        return {v for o in options for v in o.get("enum", []) if v is not None}

    assert enum("format") == {"html", "json", "png", "svg", "csv", "metadata"}
    assert enum("theme") == {"light", "dark"} and enum("kind") == {"line", "bar"}
    # one documented name for a date range on every endpoint; from/to are accepted, not documented
    assert "date_from" in params and "date_to" in params and "from" not in params and "to" not in params
