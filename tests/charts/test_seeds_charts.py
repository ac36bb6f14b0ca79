"""Charts over the real seed articles, extracted by the real pipeline."""

from __future__ import annotations

import csv
import io

from litestar.testing import TestClient

from service import metrics
from service.api.app import create_app
from service.charts.data import chart_data
from service.charts.params import make_params


def test_every_chart_of_the_seeds_agrees_with_its_sources(seeded) -> None:
    drawn = 0
    with seeded.read() as cur:
        texts = dict(cur.execute("SELECT article_id, text FROM articles_current").fetchall())
    for m in metrics.NAMES:
        data = chart_data(seeded, make_params(m))
        ids = {fid for p in data.series.points for fid in p.figure_ids}
        assert ids == {r.figure_id for r in data.reports}
        for r in data.reports:
            # Provenance: every marker's quote is the exact span of its article.
            assert texts[r.article_id][r.char_start : r.char_end] == r.quote
        drawn += len(data.series.points)
    assert drawn > 0, "the seeds should give at least one chart point"


def test_seed_chart_csv_matches_json(seeded) -> None:
    with TestClient(create_app(store=seeded)) as client:
        fig = client.get("/charts/killed", params={"format": "json"}).json()
        rows = list(csv.DictReader(io.StringIO(client.get("/charts/killed", params={"format": "csv"}).text)))
        page = client.get("/charts/killed")
        home = client.get("/", params={"metric": "killed"})
    bars = next(t for t in fig["data"] if t["type"] == "bar")
    assert [int(r["value"]) for r in rows] == bars["y"] and rows
    assert page.status_code == 200 and home.status_code == 200
