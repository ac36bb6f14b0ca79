"""The API docs (/schema) render from files humstat serves itself: no CDN, so they work offline,
and the home page links to them."""
from __future__ import annotations

import re

from litestar.testing import TestClient

ASSET = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")


def test_schema_page_uses_only_same_origin_assets(client: TestClient) -> None:
    for page in ("/schema", "/schema/swagger"):
        r = client.get(page)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        html = r.text
        assert "SwaggerUIBundle(" in html
        urls = ASSET.findall(html)
        scripts = [u for u in urls if u.endswith(".js")]
        assert len(scripts) == 2 and any(u.endswith(".css") for u in urls)
        for url in urls:
            if url.startswith("data:"):
                continue
            # same origin: a path on this server, never a scheme or a protocol-relative host
            assert url.startswith("/") and not url.startswith("//"), url
            asset = client.get(url)
            assert asset.status_code == 200, url
            assert len(asset.content) > 1000 and "immutable" in asset.headers["cache-control"]
        assert "cdn." not in html and "@latest" not in html


def test_swagger_ui_assets_are_the_javascript_and_css_they_claim(client: TestClient) -> None:
    html = client.get("/schema").text
    js = next(u for u in ASSET.findall(html) if "swagger-ui-bundle" in u)
    r = client.get(js)
    assert r.headers["content-type"].startswith("text/javascript") and b"SwaggerUIBundle" in r.content


def test_home_page_links_to_the_api_docs(client: TestClient) -> None:
    home = client.get("/")
    assert home.status_code == 200
    assert 'href="/schema"' in home.text
