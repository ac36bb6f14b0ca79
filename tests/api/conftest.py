"""API fixtures: stores built from hand-made figures, so every right answer is known."""
from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from litestar.testing import TestClient

from service.api.app import create_app
from service.articles.model import Article
from service.articles.readers import make_article
from service.config import Settings
from service.extract.figure import Figure
from service.store.db import Store
from service.store.writes import store_articles

TOKEN = "test-token-0123456789"


def art(article_id: str, published: str | None, *, source: str = "Test News", title: str | None = None,
        text: str | None = None) -> Article:
    """An article whose text is unique to its id (so content hashes never collide)."""
    body = text or (f"{title or article_id} report.\n\n" + f"Report {article_id}: figures below. " * 20)
    return make_article(body, article_id=article_id, title=title or f"Title {article_id}", source=source,
                        url=f"https://news.example/{article_id}", published_value=published)


def fig(article: Article, metric: str, value: int, place: str | None, day: str | None, *, n: int = 0,
        **kw: object) -> Figure:
    """A figure on article `article`; `n` picks a distinct span (the figure key hashes the span)."""
    start = 10 * n
    fields: dict[str, object] = dict(
        article_id=article.article_id, metric=metric, value=value, place_code=place, event_date_start=day,
        event_date_end=day, quote=article.text[start:start + 8], char_start=start, char_end=start + 8,
        country="MM" if place and place.startswith("MM") else None, confidence=0.9, extractor_version="test-1",
        sentence_start=start, sentence_end=start + 8, number_start=start, number_end=start + 2,
        number_text=str(value),
    )
    fields.update(kw)
    return Figure(**fields)  # type: ignore[arg-type]


def add(store: Store, articles: list[Article], figures: list[Figure], *, synthetic: bool = False) -> int:
    """Store articles and figures as one dataset version; returns the version."""
    run = store.new_run("test-1", "ingest", "tests")
    version, _ = store_articles(store, articles, figures, run_id=run, kind="ingest", description="test batch",
                                synthetic=synthetic)
    return version


def build_world(store: Store) -> dict[str, object]:
    """The reference data set most tests use (version 1) and what it should answer."""
    a1 = art("a1", "2024-03-06", source="Irrawaddy", title="Sagaing raid")
    a2 = art("a2", "2024-03-07", source="Myanmar Now", title="Village attacked in Sagaing")
    a3 = art("a3", "2024-04-02", source="Irrawaddy", title="April clashes")
    a4 = art("a4", "2024-02-01", source="RFA", title="Displacement grows")
    a5 = art("a5", "2024-03-15", source="UN News", title="UN update on displacement")
    figures = [
        # one incident (killed, township MMR005001, 2024-03-05, civilians) reported by two articles
        fig(a1, "killed", 10, "MMR005001", "2024-03-05", n=0, group_class="civilians", perpetrator="junta troops",
            claimed_by="local residents"),
        fig(a2, "killed", 12, "MMR005001", "2024-03-05", n=0, group_class="civilians", high=15, qualifier="up to",
            claimed_by="a village administrator"),
        # another incident in Sagaing (a district-level unit below MMR005) the same month
        fig(a2, "killed", 5, "MMR005D001", "2024-03-20", n=1, group_class="state_forces", perpetrator="PDF"),
        # an undated flow: falls back to the article's publication date (2024-04-02)
        fig(a3, "killed", 3, "MMR005", None, n=0, group_class="civilians"),
        # a vague flow: never summed
        fig(a3, "killed", 12, "MMR005", "2024-04-01", n=1, vague=True, qualifier="dozens", low=12, high=99,
            confidence=0.5),
        # a cumulative total of a flow metric: a stock-like series of its own
        fig(a4, "killed", 4000, "MM", "2024-01-31", n=0, cumulative=True, as_of="2024-01-31", since="the coup"),
        fig(a5, "killed", 4100, "MM", "2024-03-14", n=0, cumulative=True, as_of="2024-03-14", since="the coup"),
        # a falling stock in Sagaing region
        fig(a4, "displaced", 100_000, "MMR005", "2024-01-10", n=1, as_of="2024-01-10", claimed_by="UNHCR"),
        fig(a4, "displaced", 150_000, "MMR005", "2024-02-01", n=2, as_of="2024-02-01", claimed_by="OCHA"),
        fig(a5, "displaced", 125_000, "MMR005", "2024-03-10", n=1, as_of="2024-03-10", claimed_by="UNHCR"),
        fig(a5, "displaced", 120_000, "MMR005", "2024-03-12", n=2, as_of="2024-03-12", high=130_000,
            claimed_by="OCHA"),
        # a stock in a township below Sagaing: not part of Sagaing's own stock series
        fig(a5, "displaced", 9_000, "MMR005001", "2024-03-12", n=3, as_of="2024-03-12"),
        # elsewhere (Kachin) and another country
        fig(a1, "injured", 7, "MMR001", "2024-03-01", n=1, group_class="civilians", confidence=0.6),
        fig(a1, "refugees", 40, "TH", "2024-03-02", n=2, country="TH", confidence=0.95),
    ]
    version = add(store, [a1, a2, a3, a4, a5], figures)
    return {"version": version, "articles": [a1, a2, a3, a4, a5], "figures": figures}


@pytest.fixture
def api_store(new_store: Callable[..., Store]) -> Store:
    """The reference world, on each backend in turn (tests/conftest.py: BACKENDS)."""
    return new_store("api.duckdb", build_world)


@pytest.fixture
def client(api_store: Store) -> Iterator[TestClient]:
    app = create_app(Settings(token=TOKEN, db_path=api_store.path), store=api_store)
    with TestClient(app) as c:
        yield c


@pytest.fixture
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
