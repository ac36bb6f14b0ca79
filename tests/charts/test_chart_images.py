"""PNG and SVG through kaleido and Debian's Chromium: type, size, not blank, renderer kept alive."""

from __future__ import annotations

import struct
import threading

import pytest
from chart_browser import require_chromium
from png_pixels import ink

from service.charts import render

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _needs_chromium() -> None:
    require_chromium()


def test_png_has_the_requested_size_and_is_not_blank(client) -> None:
    r = client.get("/charts/killed", params={"format": "png", "width": 800, "height": 450})
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    assert r.content[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", r.content[16:24])
    assert (width, height) == (800, 450)
    assert 10_000 < len(r.content) < 2_000_000
    share, colours = ink(r.content)
    assert share > 0.03 and colours > 8
    assert 'filename="humstat-killed-all-month-v4.png"' in r.headers["content-disposition"]


def test_svg_is_an_svg_with_the_title_and_escaped_text(client) -> None:
    r = client.get("/charts/displaced", params={"format": "svg", "place": "MM", "theme": "dark"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    svg = r.text
    assert svg.lstrip().startswith("<svg") and 5_000 < len(r.content) < 2_000_000
    assert 'width="900"' in svg and 'height="500"' in svg
    assert "Internally displaced in Myanmar" in svg
    assert "<img" not in svg  # the hostile publisher name is text, escaped, in the source note
    assert "&#60;img src=x" in svg or "&lt;img src=x" in svg


def test_accept_image_chooses_an_image(client) -> None:
    r = client.get("/charts/injured", headers={"Accept": "image/png"})
    assert r.headers["content-type"] == "image/png"


def test_renderer_stays_alive_between_requests_and_threads(client) -> None:
    client.get("/charts/killed", params={"format": "png", "width": 700})
    r = render.renderer()
    starts = r.starts
    assert r.running
    fig = client.get("/charts/killed", params={"format": "json"}).json()
    out: list[bytes] = []
    errors: list[BaseException] = []

    def work(fmt: str) -> None:
        try:
            out.append(r.render(fig, fmt, 600, 400))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=("png" if i % 2 else "svg",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors and len(out) == 6
    assert sum(b.startswith(b"\x89PNG") for b in out) == 3 and sum(b"<svg" in b[:200] for b in out) == 3
    assert r.starts == starts  # no new Chromium: the same renderer served every request
