"""The ACLED evaluation's own logic on tiny hand-made inputs (no ../shared data needed):
name folding, admin1 resolution and matching, the series comparison and its WAPE."""
from __future__ import annotations

import io
from datetime import date

import polars as pl
import pytest

from service.extract import acled_eval as A


def test_fold_key_folds_accents_case_types_and_articles() -> None:
    assert A.fold_key("Donetsk Oblast") == A.fold_key("donetsk") == "donetsk"
    assert A.fold_key("Ağrı") == "agri"
    assert A.fold_key("Ar-Raqqa") == "raqqa"
    assert A.fold_key("Mexico City") == "mexico city"          # "city" names a different unit
    assert A.fold_key("State") == "state"                       # nothing else left: kept
    assert A.fold_key("Al-Hasakah province", strip_types=False) == "al hasakah province"
    assert A.whole_state("Shan-North") == "Shan" and A.whole_state("Bago-East") == "Bago"
    assert A.whole_state("Kachin") is None


@pytest.fixture(scope="module")
def table() -> pl.DataFrame:
    return A.admin1_table({"UA", "MM", "SY", "AF", "SL", "YE"})


def test_resolve_admin1_tiers(table: pl.DataFrame) -> None:
    places = pl.DataFrame({
        "cc": ["UA", "MM", "MM", "SY", "AF", "SL", "YE", "UA", None],
        "admin1": ["Donetsk", "Shan-North", "Bago-West", "Ar-Raqqa", "Urozgan", "Western", "Sanaa", "Nowhere", "X"],
    })
    got = dict(zip(places["admin1"], A.resolve_admin1(places, table)["a1_code"]))
    assert got["Donetsk"] == "UA-14"          # name without its type word
    assert got["Shan-North"] == "MMR015"      # MIMU sub-state unit
    assert got["Bago-West"] == "MMR008"
    assert got["Ar-Raqqa"] == "SY-RA"         # article dropped
    assert got["Urozgan"] == "AF-URU"         # spelled nearly alike
    assert got["Western"] == "SL-W"           # first words of "Western Area", not "Eastern"
    assert got["Sanaa"] == "YE-SN"            # a unit's own name beats another unit's alias
    assert got["Nowhere"] is None and got["X"] is None
    iso = dict(zip(places["admin1"], A.resolve_admin1(places, table)["a1_iso"]))
    assert iso["Shan-North"] == "MM-17"


def test_place_matches_rule(table: pl.DataFrame) -> None:
    events = A.resolve_admin1(pl.DataFrame({
        "event_id": ["e1", "e2", "e3", "e4", "e5", "e6"],
        "cc": ["UA", "MM", "UA", "SY", "UA", "UA"],
        "admin1": ["Donetsk", "Shan-North", "Luhansk", "Ar-Raqqa", "Donetsk", "Donetsk"],
    }), table)
    preds = pl.DataFrame({
        "article_id": ["e1", "e1", "e2", "e3", "e4", "e5", "e6", "e6"],
        "metric": ["killed", "killed", "killed", "killed", "killed", "injured", "killed", "killed"],
        "char_start": [50, 10, 5, 5, 5, 5, 1, 9],
        "country": ["UA", None, "MM", "UA", "SY", "UA", None, "UA"],
        "admin1": ["UA-14", None, "MM-17", "UA-14", None, "UA-14", None, "UA-14"],
        "location": [None, None, "Lashio", "Donetsk", "Raqqa province", None, None, None],
    })
    got = {r["event_id"]: (r["country_ok"], r["admin1_ok"]) for r in A.place_matches(
        events.select("event_id", "cc", "admin1", "a1_iso"), preds, table).iter_rows(named=True)}
    assert got["e1"] == (True, True)    # the first killed figure without a place is passed over
    assert got["e2"] == (True, True)    # Shan-North lies in MM-17, Shan State
    assert got["e3"] == (True, False)   # Donetsk is not Luhansk
    assert got["e4"] == (True, True)    # no admin1, but the location names Raqqa
    assert "e5" not in got              # no killed figure: not counted
    assert got["e6"] == (True, True)


def test_compare_and_wape() -> None:
    truth = pl.DataFrame({"code": ["AF", "AF", "MX"], "month": [date(2020, 4, 1), date(2020, 5, 1), date(2020, 5, 1)],
                          "true": [10, 20, 5]})
    pred = pl.DataFrame({"code": ["AF", "MX", "YE"], "month": [date(2020, 5, 1), date(2020, 5, 1), date(2020, 5, 1)],
                         "pred": [18, 5, 3]})
    both = A.compare(truth, pred)
    assert both.height == 4                         # a month only one side has counts 0 on the other
    assert A.wape(both) == pytest.approx((10 + 2 + 0 + 3) / 35)
    assert A.wape(both.filter(pl.col("code") == "YE")) is None   # no true deaths: undefined


def test_monthly_truth_sums_per_place_and_month() -> None:
    ev = pl.DataFrame({"cc": ["AF", "AF", "AF", None], "fatalities": [1, 2, 4, 8],
                       "day": [date(2020, 4, 27), date(2020, 4, 30), date(2020, 5, 2), date(2020, 5, 2)]})
    got = A.monthly_truth(ev, "cc").sort("month")
    assert got.rows() == [("AF", date(2020, 4, 1), 3), ("AF", date(2020, 5, 1), 4)]


def test_product_series_through_ingest() -> None:
    """The series side end to end: articles ingested into a memory store, the product's
    monthly series read back per place and compared with a hand-made truth."""
    from service.articles.readers import make_article
    from service.ingest import ingest
    from service.store.db import open_store

    arts = [
        make_article("On 3 May 2020, gunmen killed four civilians in Kandahar, Afghanistan.",
                     article_id="a1", published_value="2020-05-03"),
        make_article("On 28 April 2020, an airstrike killed two civilians in Kandahar, Afghanistan.",
                     article_id="a2", published_value="2020-04-28"),
    ]
    store = open_store(":memory:")
    try:
        ingest(store, arts)
        pred = A.product_series(store, ["AF", "AF-KAN"])
    finally:
        store.close()
    af = {m: v for c, m, v in pred.rows() if c == "AF"}
    assert af == {date(2020, 5, 1): 4, date(2020, 4, 1): 2}
    truth = pl.DataFrame({"code": ["AF", "AF"], "month": [date(2020, 4, 1), date(2020, 5, 1)], "true": [2, 5]})
    assert A.wape(A.compare(truth, pred.filter(pl.col("code") == "AF"))) == pytest.approx(1 / 7)


def test_run_skips_without_the_slice(tmp_path) -> None:
    out = io.StringIO()
    assert A.run(tmp_path, out=out) is None
    assert out.getvalue().count("\n") == 1 and "skipped" in out.getvalue()
