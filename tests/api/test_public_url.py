"""HUMSTAT_PUBLIC_URL and the Host header: absolute links (embed snippets, citations, chart
metadata, Link headers) use the configured public URL, else the request's own host, and the
response cache never hands one client's Host to another (cache poisoning)."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from service.api.app import create_app
from service.config import Settings
from service.store.db import Store

FORGED = "evil.example"
# Every answer that writes an absolute link: the embed page (snippets), chart metadata (citation),
# the home page (embed link), and a paged figures answer (Link header).
LINKED = ["/charts/killed?place=MMR005", "/charts/killed?place=MMR005&format=metadata",
          "/?metric=killed&place=MMR005", "/api/v1/figures?limit=1", "/api/v1/figures?limit=1&format=csv"]


def _text(r) -> str:  # noqa: ANN001 - a test client response
    return r.text + " " + r.headers.get("link", "")


@pytest.mark.parametrize("url", LINKED)
def test_a_forged_host_never_reaches_another_client(client: TestClient, url: str) -> None:
    forged = client.get(url, headers={"Host": FORGED})
    assert forged.status_code == 200, forged.text
    assert FORGED in _text(forged)  # without HUMSTAT_PUBLIC_URL, links use the request's host ...
    normal = client.get(url)
    assert normal.status_code == 200
    assert FORGED not in _text(normal)  # ... but only for that request, never from the cache
    assert "testserver" in _text(normal)


@pytest.fixture
def public_client(api_store: Store) -> Iterator[TestClient]:
    settings = Settings(db_path=api_store.path, public_url="https://data.example.org/humstat/")
    with TestClient(create_app(settings, store=api_store)) as c:
        yield c


@pytest.mark.parametrize("url", LINKED)
def test_public_url_decides_every_absolute_link(public_client: TestClient, url: str) -> None:
    r = public_client.get(url, headers={"Host": FORGED})
    assert r.status_code == 200, r.text
    assert FORGED not in _text(r) and "testserver" not in _text(r)
    assert "https://data.example.org/humstat/" in _text(r)


def test_public_url_in_snippet_citation_and_link_header(public_client: TestClient) -> None:
    meta = public_client.get("/charts/killed?place=MMR005&format=metadata").json()
    assert meta["pinned_url"].startswith("https://data.example.org/humstat/charts/killed?")
    assert "https://data.example.org/humstat/charts/killed?" in meta["citation"]
    page = public_client.get("/charts/killed?place=MMR005").text
    assert 'src=&quot;https://data.example.org/humstat/charts/killed?' in page  # the iframe snippet
    link = public_client.get("/api/v1/figures?limit=1").headers["link"]
    assert link.startswith("<https://data.example.org/humstat/api/v1/figures?") and 'rel="next"' in link


@pytest.mark.parametrize("bad", ["data.example.org", "ftp://x.org", "https://", "https://x.org/a b"])
def test_a_malformed_public_url_fails_at_start(bad: str) -> None:
    with pytest.raises(ValueError, match="HUMSTAT_PUBLIC_URL"):
        Settings(public_url=bad)
