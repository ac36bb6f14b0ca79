"""The home page and the article page (HTML), and span highlighting."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import chart_sample
from service.web.pages import highlight, safe_url, script_json


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> _Tags:
    p = _Tags()
    p.feed(page)
    return p


def test_home_page_shows_chart_table_and_choices(client) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "frame-ancestors 'self'" in r.headers["content-security-policy"]
    page = r.text
    assert page.count('<tr id="row-') == 4
    tags = parse(page).tags
    metric_options = [
        a["value"] for t, a in tags if t == "option" and a.get("value") in ("killed", "displaced", "detained")
    ]
    assert metric_options == ["killed", "displaced", "detained"]
    place_options = [a["value"] for t, a in tags if t == "option" and a.get("value", "").startswith("MM")]
    assert {"MM", "MMR005", "MMR003", "MMR013"} <= set(place_options)
    assert 'href="/articles/a2#fig-' in page
    assert "status-confirmed" in page


def test_home_page_form_with_empty_fields(client) -> None:
    r = client.get(
        "/",
        params={
            "metric": "displaced",
            "place": "MM",
            "interval": "",
            "group_class": "",
            "from": "",
            "to": "",
        },
    )
    assert r.status_code == 200
    assert r.text.count('<tr id="row-') == 2
    assert "<img" not in r.text  # the hostile publisher and quote are escaped
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in r.text


def test_home_page_bad_choices_are_problems(client) -> None:
    assert client.get("/", params={"from": "2023-13-01"}).status_code == 400
    assert client.get("/", params={"metric": "nope"}).status_code == 404
    assert client.get("/", params={"place": "XX-99"}).status_code == 404


def test_article_page_marks_every_span(client) -> None:
    r = client.get("/articles/a1")
    assert r.status_code == 200
    page = r.text
    marks = re.findall(
        r'<mark[^>]*data-figures="([^"]+)"[^>]*><a href="#fig-[0-9a-f]+">(.*?)</a></mark>', page
    )
    assert [text for _, text in marks] == [
        "killed ",
        "12 civilians in Sagaing Region",
        ", residents said. The strike also wounded more than 20 people",
    ]
    assert len(marks[1][0].split()) == 2  # the overlapping piece belongs to both figures
    assert page.count('<tr id="fig-') == 2


def test_article_page_shows_rejected_figures_and_review_status(client) -> None:
    page = client.get("/articles/a3").text
    assert 'class="status-rejected"' in page and 'class="status-confirmed"' in page
    assert re.search(
        r'class="[^"]*status-rejected[^"]*"[^>]*><a href="#fig-[0-9a-f]+">9 more were killed</a>', page
    )


def test_article_page_escapes_hostile_text(client) -> None:
    page = client.get("/articles/a5").text
    assert "<img" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page


def test_unknown_article_is_404(client) -> None:
    r = client.get("/articles/nope")
    assert r.status_code == 404 and r.json()["errors"][0]["parameter"] == "article_id"


def test_highlight_cuts_overlapping_and_nested_spans() -> None:
    text = "abcdefghij"
    html_ = highlight(text, [(1, 5, "f1", "x"), (3, 8, "f2", "y"), (3, 8, "f3", "y"), (0, 2, "f4", "z")])
    visible = re.sub(r"<[^>]+>", "", html_)
    assert visible == text  # nothing lost or repeated
    pieces = re.findall(r'data-figures="([^"]+)"><a href="#fig-(\w+)">([^<]*)</a>', html_)
    assert pieces == [
        ("f4", "f4", "a"),
        ("f1 f4", "f1", "b"),
        ("f1", "f1", "c"),
        ("f1 f2 f3", "f1", "de"),
        ("f2 f3", "f2", "fgh"),
    ]
    for fid in ("f1", "f2", "f3", "f4"):
        assert html_.count(f'id="span-{fid}"') == 1


def test_highlight_escapes_and_clamps() -> None:
    text = "<b>5 killed</b> & more"
    out = highlight(text, [(3, 11, "f", "m"), (20, 99, "g", "m"), (5, 5, "empty", "m")])
    assert "<b>" not in out and "&lt;b&gt;" in out and "&amp; mo<mark" in out
    assert 'data-figures="g"><a href="#fig-g">re</a>' in out
    assert "empty" not in out


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://a.org/x", True),
        ("http://a.org", True),
        ("javascript:alert(1)", False),
        (" JAVASCRIPT:alert(1)", False),
        ("data:text/html,x", False),
        (None, False),
    ],
)
def test_only_web_links(url: str | None, ok: bool) -> None:
    assert (safe_url(url) is not None) == ok


def test_script_json_cannot_close_the_script() -> None:
    raw = script_json({"q": "</script><script>alert(1)</script>", "a": "&"})
    assert "</script" not in raw and "<" not in raw and "&" not in raw


def test_sample_quotes_are_exact_spans() -> None:
    arts, figs = chart_sample.articles_v1()
    texts = {a.article_id: a.text for a in arts}
    for f in figs:
        assert texts[f.article_id][f.char_start : f.char_end] == f.quote
