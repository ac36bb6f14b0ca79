"""A store built from hand-made figures, so every answer the research tests check is known.

Incidents (killed unless said otherwise):
- 2021-04-30, MM (country-wide): 20
- 2022-01-05, MMR005 (Sagaing): reported as 10 by The Irrawaddy and 12 by Myanmar Now (one
  incident: the series count 10); 4 injured the same day
- 2022-02-01, MMR013 (Yangon): 7; and a stock of 5,000 displaced in Sagaing as of that day
- 2023-02-20, MMR013: 3; plus "dozens" (vague, never summed) in Sagaing and a cumulative total
  of 1,500 killed since the coup (a stock-like total, never summed)
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

import pytest

from service.articles.model import Article
from service.extract.figure import Figure
from service.store.db import Store
from service.store.writes import store_articles
from tests.conftest import ingest_seeds

EXPECTED_KILLED_MONTHLY_MM = {"2021-04-01": 20, "2022-01-01": 10, "2022-02-01": 7, "2023-02-01": 3}

# (article id, source, published, [(sentence, quote, figure fields)])
ARTICLES = [
    ("a1", "The Irrawaddy", date(2022, 1, 10), [
        ("Junta troops killed 10 villagers in Sagaing on 5 January.", "killed 10 villagers",
         dict(metric="killed", value=10, place_code="MMR005", country="MM", event_date_start="2022-01-05",
              event_date_end="2022-01-05", group_class="civilians", claimed_by="residents")),
        ("Four people were injured in the same raid.", "Four people were injured",
         dict(metric="injured", value=4, place_code="MMR005", country="MM", event_date_start="2022-01-05",
              event_date_end="2022-01-05", group_class="civilians")),
    ]),
    ("a2", "Myanmar Now", date(2022, 1, 11), [
        ("Twelve villagers were killed in Sagaing on 5 January, locals said.", "Twelve villagers were killed",
         dict(metric="killed", value=12, place_code="MMR005", country="MM", event_date_start="2022-01-05",
              event_date_end="2022-01-05", group_class="civilians", claimed_by="locals")),
    ]),
    ("a3", "Radio Free Asia", date(2022, 2, 3), [
        ("Seven protesters were killed in Yangon on 1 February.", "Seven protesters were killed",
         dict(metric="killed", value=7, place_code="MMR013", country="MM", event_date_start="2022-02-01",
              event_date_end="2022-02-01", group_class="civilians")),
        ("About 5,000 people remain displaced in Sagaing, the UN said.", "5,000 people remain displaced",
         dict(metric="displaced", value=5000, place_code="MMR005", country="MM", as_of="2022-02-01",
              qualifier="about", claimed_by="the UN")),
    ]),
    ("a4", "The Irrawaddy", date(2023, 3, 1), [
        ("Three men were killed in Yangon on 20 February.", "Three men were killed",
         dict(metric="killed", value=3, place_code="MMR013", country="MM", event_date_start="2023-02-20",
              event_date_end="2023-02-20", group_class="civilians")),
        ("Dozens were killed in Sagaing the next day.", "Dozens were killed",
         dict(metric="killed", value=12, vague=True, place_code="MMR005", country="MM",
              event_date_start="2023-02-21", event_date_end="2023-02-21")),
        ("AAPP says 1,500 people have been killed since the coup.", "1,500 people have been killed",
         dict(metric="killed", value=1500, cumulative=True, since="the coup", country="MM", place_code="MM",
              as_of="2023-03-01", claimed_by="AAPP")),
    ]),
    ("a5", "Mizzima", date(2021, 5, 1), [
        ("Soldiers killed 20 people across the country on 30 April.", "killed 20 people",
         dict(metric="killed", value=20, place_code="MM", country="MM", event_date_start="2021-04-30",
              event_date_end="2021-04-30", group_class="civilians")),
    ]),
]


# What the extractor's place resolution would add for these codes (ISO 3166-2 and MIMU p-code).
ADMIN1 = {"MMR005": ("MM-01", "MMR005"), "MMR013": ("MM-06", "MMR013")}


def build(store: Store) -> int:
    """Write ARTICLES into `store` (one dataset version) and return that version."""
    articles, figures = [], []
    for article_id, source, published, sentences in ARTICLES:
        text = " ".join(s for s, _, _ in sentences)
        articles.append(Article(
            article_id=article_id, text=text, extraction_text=text,
            content_hash=hashlib.sha256(text.encode()).hexdigest(), title=f"Report {article_id}", source=source,
            url=f"https://example.org/{article_id}", published=published, published_method="metadata",
            origin_path=f"test:{article_id}"))
        for sentence, quote, fields in sentences:
            if fields.get("place_code") in ADMIN1:
                fields = {**fields, "admin1": ADMIN1[fields["place_code"]][0],
                          "admin1_pcode": ADMIN1[fields["place_code"]][1]}
            start = text.index(quote)
            s_start = text.index(sentence)
            figures.append(Figure(article_id=article_id, quote=quote, char_start=start, char_end=start + len(quote),
                                  sentence_start=s_start, sentence_end=s_start + len(sentence), confidence=0.9,
                                  extractor_version="test-1", number_text=quote, **fields))
    run_id = store.new_run("test-1", "ingest", "tests/research")
    version, _ = store_articles(store, articles, figures, run_id=run_id, kind="ingest",
                                description="hand-made research fixture")
    return version


@pytest.fixture
def research_store(new_store: Callable[..., Store]) -> Store:
    """A store holding the hand-made figures, with its snapshot published, on each backend in turn."""
    s = new_store("humstat.duckdb", build)
    s.publish_snapshot()
    return s


@pytest.fixture
def seeded(new_store: Callable[..., Store]) -> Store:
    """The two seed articles as the extractor reads them, on each backend in turn."""
    return new_store("humstat.duckdb", ingest_seeds)
