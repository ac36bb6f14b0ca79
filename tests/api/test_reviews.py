"""POST /api/v1/figures/{id}/review and the audit trail: reviewed values everywhere, rejected
figures nowhere, reviews surviving re-extraction."""
from __future__ import annotations

import hashlib

import pytest

from service.store.db import Store
from service.store.writes import replace_figures
from tests.api.conftest import fig


def key(article_id: str, n: int, metric: str) -> str:
    return hashlib.md5(f"{article_id}:{10 * n}:{10 * n + 8}:{metric}".encode()).hexdigest()[:16]


INJURED = key("a1", 1, "injured")      # 7 injured in Kachin
A1_KILLED = key("a1", 0, "killed")     # 10 killed, the shared incident


def review(client, auth, figure_id: str, **body):
    return client.post(f"/api/v1/figures/{figure_id}/review", json=body, headers=auth)


def test_confirm(client, auth) -> None:
    r = review(client, auth, INJURED, action="confirm", note="matches the UN report", reviewer="ana")
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["review"]["action"] == "confirm" and body["review"]["reviewer"] == "ana"
    assert body["figure"]["review_status"] == "confirmed" and body["figure"]["value"] == 7
    assert client.get(f"/api/v1/figures/{INJURED}").json()["review_status"] == "confirmed"


def test_correct_changes_figures_series_and_articles(client, auth) -> None:
    r = review(client, auth, INJURED, action="correct", value=9, low=8, high=11, place_code="MMR005",
               event_date_start="2024-03-02", note="wrong township")
    assert r.status_code == 201, r.text
    f = r.json()["figure"]
    assert (f["value"], f["low"], f["high"], f["place_code"], f["event_date_start"]) == (9, 8, 11, "MMR005",
                                                                                          "2024-03-02")
    assert f["review_status"] == "corrected" and f["admin1_pcode"] == "MMR005"
    assert client.get("/api/v1/series", params={"metric": "injured", "place": "MMR001"}).json()["points"] == []
    [p] = client.get("/api/v1/series", params={"metric": "injured", "place": "MMR005"}).json()["points"]
    assert p["value"] == 9 and p["period_start"] == "2024-03-01"
    art = client.get("/api/v1/articles/a1").json()
    assert next(x for x in art["figures"] if x["figure_id"] == INJURED)["value"] == 9


def test_correct_the_metric(client, auth) -> None:
    r = review(client, auth, INJURED, action="correct", metric="killed")
    assert r.status_code == 201 and r.json()["figure"]["metric"] == "killed"
    assert [f["value"] for f in client.get("/api/v1/figures", params={"metric": "injured"}).json()["data"]] == []


def test_reject_removes_everywhere_and_trail_is_kept(client, auth) -> None:
    before = client.get("/api/v1/health").json()["version"]
    r = review(client, auth, INJURED, action="reject", note="not conflict related")
    assert r.status_code == 201 and r.json()["figure"] is None and r.json()["version"] == before + 1
    assert client.get(f"/api/v1/figures/{INJURED}").status_code == 404
    assert client.get("/api/v1/figures", params={"metric": "injured"}).json()["data"] == []
    assert client.get("/api/v1/series", params={"metric": "injured", "place": "MMR001"}).json()["points"] == []
    assert all(f["figure_id"] != INJURED for f in client.get("/api/v1/articles/a1").json()["figures"])
    # the data as it stood before the reject still has it
    old = client.get(f"/api/v1/figures/{INJURED}", params={"as_of_version": str(before)})
    assert old.status_code == 200
    # un-reject: a later confirm is in force; the trail keeps both, oldest first
    assert review(client, auth, INJURED, action="confirm", note="it was, after all").status_code == 201
    trail = client.get(f"/api/v1/figures/{INJURED}/reviews").json()
    assert [x["action"] for x in trail["data"]] == ["reject", "confirm"]
    assert client.get(f"/api/v1/figures/{INJURED}").json()["review_status"] == "confirmed"


def test_reviews_survive_reextraction(client, auth, api_store: Store) -> None:
    assert review(client, auth, A1_KILLED, action="correct", value=13).status_code == 201
    with api_store.read() as cur:
        a1 = cur.execute("SELECT text FROM articles WHERE article_id = 'a1'").fetchone()[0]
    from service.articles.readers import make_article

    article = make_article(a1, article_id="a1", published_value="2024-03-06")
    run = api_store.new_run("test-2", "reextract", "tests")
    # a new extractor version finds the same figures (same spans and metrics: same keys)
    replace_figures(api_store, ["a1"], {"a1": 1}, [
        fig(article, "killed", 10, "MMR005001", "2024-03-05", n=0, extractor_version="test-2"),
        fig(article, "injured", 7, "MMR001", "2024-03-01", n=1, extractor_version="test-2"),
    ], run_id=run, description="reextract a1")
    f = client.get(f"/api/v1/figures/{A1_KILLED}").json()
    assert f["extractor_version"] == "test-2" and f["value"] == 13 and f["review_status"] == "corrected"


@pytest.mark.parametrize("body,status,parameter", [
    ({"action": "confirm", "value": 3}, 422, "value"),
    ({"action": "correct"}, 422, "action"),
    ({"action": "correct", "metric": "nope"}, 400, None),
    ({"action": "correct", "value": 5, "low": 6}, 422, "low"),
    ({"action": "correct", "value": 5, "high": 4}, 422, "high"),
    ({"action": "correct", "low": 4}, 422, "value"),
    ({"action": "correct", "place_code": "XX999"}, 422, "place_code"),
    ({"action": "correct", "event_date_start": "2024-03-05", "event_date_end": "2024-03-01"}, 422, "event_date_end"),
    ({"action": "approve"}, 400, None),
    ({"action": "correct", "value": -1}, 400, None),
])
def test_invalid_reviews(client, auth, body, status, parameter) -> None:
    r = review(client, auth, INJURED, **body)
    assert r.status_code in (status, 422), r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    if parameter:
        assert r.json()["errors"][0]["parameter"] == parameter
    assert client.get(f"/api/v1/figures/{INJURED}/reviews").json()["data"] == []


def test_unknown_figure_and_token(client, auth) -> None:
    assert review(client, auth, "0000000000000000", action="confirm").status_code == 404
    assert client.get("/api/v1/figures/0000000000000000/reviews").status_code == 404
    r = client.post(f"/api/v1/figures/{INJURED}/review", json={"action": "confirm"})
    assert r.status_code == 401


def test_more_than_convention_agrees_with_the_extractor(client, auth) -> None:
    """The extractor stores "more than 90" as value 90, low 91; a review may keep that shape
    (low exactly value + 1 on a "more than" figure) but nothing looser, and not on other figures."""
    text = "More than 90 civilians were killed in Kani Township on May 1, residents said."
    r = client.post("/api/v1/articles", headers=auth,
                    json={"id": "more-than", "published": "2024-05-02", "text": text})
    assert r.status_code == 201, r.text
    figure = next(f for f in r.json()["figures"] if f["metric"] == "killed")
    assert (figure["value"], figure["low"], figure["qualifier"]) == (90, 91, "more than")
    fid = figure["figure_id"]
    # the extractor's own numbers, sent back as a correction, are accepted
    ok = review(client, auth, fid, action="correct", value=figure["value"], low=figure["low"])
    assert ok.status_code == 201, ok.text
    assert (ok.json()["figure"]["value"], ok.json()["figure"]["low"]) == (90, 91)
    # "more than 95" as a reviewer would type it
    assert review(client, auth, fid, action="correct", value=95, low=96).status_code == 201
    bad = review(client, auth, fid, action="correct", value=95, low=97)
    assert bad.status_code == 422 and bad.json()["errors"][0]["parameter"] == "low"
    assert "96" in bad.json()["errors"][0]["valid"]
    # a figure without that qualifier keeps the strict rule
    strict = review(client, auth, INJURED, action="correct", value=7, low=8)
    assert strict.status_code == 422 and strict.json()["errors"][0]["valid"] == "at most 7"


def test_the_answer_is_the_review_as_the_trail_lists_it_without_reading_the_trail(client, auth, monkeypatch) -> None:
    """A review's answer comes back from its own write (#16.1: a read of the whole trail after it
    was one more query per review, with its own transaction), and is the trail's last entry."""
    from service.query import figures as q

    def no_trail(*_a, **_k):
        raise AssertionError("the review's answer read the trail")

    with monkeypatch.context() as m:
        m.setattr(q, "reviews", no_trail)
        r = review(client, auth, INJURED, action="correct", value=9, low=8, high=11, note="recount", reviewer="bo")
        assert r.status_code == 201, r.text
    answer = r.json()["review"]
    trail = client.get(f"/api/v1/figures/{INJURED}/reviews").json()["data"]
    assert answer == trail[-1]
    assert (answer["action"], answer["value"], answer["low"], answer["high"], answer["reviewer"]) == \
        ("correct", 9, 8, 11, "bo")
    assert answer["version"] == r.json()["version"]


@pytest.mark.parametrize("body", [
    {"action": "correct", "value": 9, "low": 8, "high": 11},
    {"action": "correct", "place_code": "MMR005", "event_date_start": "2024-03-02"},
    {"action": "correct", "metric": "killed"},
    {"action": "confirm", "note": "as reported"},
])
def test_the_answers_figure_comes_from_the_write_and_is_the_figure_at_its_version(client, auth, monkeypatch,
                                                                                  body) -> None:
    """A review's answer carries the figure as read inside its own write at the new version (#16.1:
    read again after the commit it was a figures_as_of() statement of its own, ~25 ms a review at 5M
    figures; the series update after the commit takes its amounts from the same row): the same
    figure GET /figures/{id} gives at that version."""
    from service.query import figures as q

    def no_read(*_a, **_k):
        raise AssertionError("the review's answer read the figure after the write")

    with monkeypatch.context() as m:
        m.setattr(q, "figure", no_read)
        r = review(client, auth, INJURED, **body)
        assert r.status_code == 201, r.text
    answer = r.json()
    again = client.get(f"/api/v1/figures/{INJURED}", params={"as_of_version": answer["version"]})
    assert again.status_code == 200 and answer["figure"] == again.json()
    rejected = review(client, auth, INJURED, action="reject")
    assert rejected.status_code == 201 and rejected.json()["figure"] is None
