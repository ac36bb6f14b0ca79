"""The embed page, the home page and the article page in headless Chromium: the plot really
draws (SVG nodes, a screenshot that is not blank), nothing loads from outside humstat, hostile
text stays text, and article spans are highlighted exactly."""

from __future__ import annotations

import http.server
import threading

import pytest
from png_pixels import ink

import chart_sample

pytestmark = pytest.mark.browser


def _wait_plotted(page) -> None:
    page.wait_for_selector("body[data-plotted='1']", timeout=20_000)


def _not_blank(png: bytes) -> None:
    share, colours = ink(png)
    assert share > 0.02, f"only {share:.1%} of the screenshot differs from the background"
    assert colours > 8, f"only {colours} colours in the screenshot"


def test_embed_page_draws_bars_band_and_report_markers(watch, server) -> None:
    page = watch.page
    page.goto(server.base + "/charts/killed")
    _wait_plotted(page)
    assert page.locator("#chart svg.main-svg").count() >= 1
    # Two months of killed (Jan 17, Feb 7) as bars; four reports behind them as markers.
    assert page.locator("#chart .barlayer .point").count() == 2
    assert page.locator("#chart .scatterlayer .trace .points path").count() == 4
    title = page.locator("#chart .gtitle").first.text_content() or ""
    assert "Killed in all places, per month" in title
    note = page.locator("#chart .annotation-text").first.text_content() or ""
    assert "dataset version 4" in note and "claims as reported" in note
    _not_blank(page.locator("#chart").screenshot())
    assert watch.errors == []
    assert watch.outside == [], f"requests left humstat: {watch.outside}"


def test_embed_page_stock_line_with_range_band_dark_theme(watch, server) -> None:
    page = watch.page
    page.goto(server.base + "/charts/displaced?place=MM&theme=dark")
    _wait_plotted(page)
    # Band (high, low with fill) + line + report markers.
    assert page.locator("#chart .scatterlayer .trace").count() == 4
    assert page.locator("#chart .scatterlayer .js-fill").count() >= 1
    bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert bg == "rgb(23, 25, 29)"
    _not_blank(page.locator("#chart").screenshot())
    assert watch.errors == []


def test_hover_shows_hostile_quote_as_text(watch, server) -> None:
    page = watch.page
    page.goto(server.base + "/charts/displaced?place=MM")
    _wait_plotted(page)
    # Hover the April report (last trace: the report markers); its publisher and quote hold an <img>.
    page.evaluate("""() => {
        const gd = document.getElementById('chart');
        const curve = gd.data.length - 1;
        const point = gd.data[curve].y.indexOf(1100000);
        Plotly.Fx.hover(gd, [{curveNumber: curve, pointNumber: point}]);
    }""")
    label = page.locator("#chart .hoverlayer .hovertext").first
    label.wait_for(timeout=5000)
    text = label.text_content() or ""
    assert '<img src=x onerror="alert(1)">' in text
    assert "about 1.1 million" in text and "UN" not in text.split("Evil")[0]
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert watch.errors == []


def test_embed_page_works_inside_a_foreign_iframe(watch, server) -> None:
    """A report on another origin embeds the chart: CSP frame-ancestors lets it in."""
    host_page = (
        f'<!doctype html><title>report</title><iframe id="f" src="{server.base}/charts/killed?kind=line" '
        'style="width:800px;height:600px;border:0"></iframe>'
    ).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(host_page)

        def log_message(self, *args: object) -> None:
            pass

    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=other.serve_forever, daemon=True)
    thread.start()
    try:
        page = watch.page
        page.goto(f"http://127.0.0.1:{other.server_address[1]}/report.html")
        frame = page.frame_locator("#f")
        frame.locator("body[data-plotted='1']").wait_for(timeout=20_000)
        assert frame.locator("#chart svg.main-svg").count() >= 1
        assert frame.locator("#chart .scatterlayer .trace").count() >= 2
        assert watch.errors == []
    finally:
        other.shutdown()
        other.server_close()


def test_embed_snippets_live_and_pinned(watch, server) -> None:
    page = watch.page
    page.goto(server.base + "/charts/killed")
    _wait_plotted(page)
    live = page.locator("#embed-live").input_value()
    pinned = page.locator("#embed-pinned").input_value()
    assert live.startswith("<iframe") and f'{server.base}/charts/killed"' in live
    assert "as_of_version=4" in pinned
    # The pinned chart draws the same bars.
    src = pinned.split('src="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    page.goto(src)
    _wait_plotted(page)
    assert page.locator("#chart .barlayer .point").count() == 2


def test_home_page_chart_table_and_links(watch, server) -> None:
    page = watch.page
    page.goto(server.base + "/")
    _wait_plotted(page)
    assert page.locator("#chart svg.main-svg").count() >= 1
    assert page.locator("table.figures tbody tr").count() == 4
    assert page.locator("table.figures .status-confirmed").count() == 1
    _not_blank(page.locator("#chart").screenshot())
    # Choosing another metric and place through the form.
    page.select_option("select[name=metric]", "displaced")
    page.select_option("select[name=place]", "MM")
    page.click("form.pick button[type=submit]")
    _wait_plotted(page)
    assert "metric=displaced" in page.url and "place=MM" in page.url
    assert page.locator("table.figures tbody tr").count() == 2
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    # Open the article of a figure: its span is highlighted.
    page.locator("table.figures a[href^='/articles/a4']").first.click()
    page.wait_for_selector(".article-text mark")
    assert (
        page.locator(".article-text mark").first.text_content()
        == "1,200,000 people were internally displaced in Myanmar"
    )
    assert watch.errors == []
    assert watch.outside == []


def test_article_page_highlights_exact_and_overlapping_spans(watch, server) -> None:
    page = watch.page
    page.goto(server.base + "/articles/a1")
    marks = page.locator(".article-text mark")
    texts = marks.all_text_contents()
    killed_quote = "killed 12 civilians in Sagaing Region"
    injured_quote = (
        "12 civilians in Sagaing Region, residents said. The strike also wounded more than 20 people"
    )
    # The two spans overlap: the pieces cover exactly the union, the shared piece marked as overlap.
    assert (
        "".join(texts)
        == chart_sample.A1[
            chart_sample.A1.index(killed_quote) : chart_sample.A1.index(injured_quote) + len(injured_quote)
        ]
    )
    overlap = page.locator(".article-text mark.overlap").all_text_contents()
    assert overlap == ["12 civilians in Sagaing Region"]
    # A mark links to its figure's row; the row links back to the span.
    page.locator(".article-text mark").first.locator("a").click()
    assert page.url.split("#", 1)[1].startswith("fig-")
    assert page.locator("tr:target").count() == 1
    assert watch.errors == []


def test_article_page_shows_rejected_and_keeps_hostile_text_inert(watch, server) -> None:
    page = watch.page
    page.goto(server.base + "/articles/a3")
    assert page.locator("tr.status-rejected").count() == 1
    assert page.locator("tr.status-confirmed").count() == 1
    assert page.locator(".article-text mark.status-rejected").text_content() == "9 more were killed"
    page.goto(server.base + "/articles/a5")
    assert chart_sample.EVIL in (page.locator(".article-text").text_content() or "")
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert watch.errors == []
