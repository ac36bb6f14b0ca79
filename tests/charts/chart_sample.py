"""A tiny store built from hand-made figures, so every chart's right answer is known.

Version 1: four articles (killed in January and February 2023 in Sagaing and Kayin, one
incident reported twice; displaced head-counts in March). Version 2: one more article
(displaced falls in April; a hostile publisher name and quote to prove escaping). Then a
review confirms one figure (version 3) and rejects another (version 4).

Known answers at the current version (4):
- killed, Myanmar, month: Jan 2023 = 12 (Sagaing, reported by A1 and A2, merged: min 12)
  + 5 (Kayin, "at least 5") = 17; Feb 2023 = 7 (Yangon). The Feb 3 figure of 9 is rejected.
- displaced, MM: Mar 2023 = 1,200,000; Apr 2023 = 1,100,000 (range 1,000,000-1,200,000).
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from service.articles.model import Article
from service.extract.figure import Figure
from service.store.db import Store
from service.store.writes import store_articles

EVIL = '<img src=x onerror="alert(1)">'

A1 = (
    "Junta airstrike kills 12 civilians in Sagaing village\n\n"
    "An airstrike on 14 January 2023 killed 12 civilians in Sagaing Region, residents said. "
    "The strike also wounded more than 20 people.\n"
)
A2 = (
    "Shelling in Kayin State\n\n"
    "At least 5 people were killed by shelling in Kayin State on 19 January 2023. "
    "Separately, 12 civilians were killed in the Sagaing airstrike of 14 January 2023.\n"
)
A3 = (
    "Raids in Yangon\n\n"
    "Seven people were killed in Yangon on 2 February 2023, and 9 more were killed on 3 February 2023.\n"
)
A4 = (
    "UN: displacement in Myanmar\n\n"
    "As of 1 March 2023, 1,200,000 people were internally displaced in Myanmar, the UN said.\n"
)
A5 = (
    "Displacement update\n\n"
    f"Residents said {EVIL} about 1.1 million people remained displaced in Myanmar as of 1 April 2023.\n"
)


def make_article(
    text: str, *, article_id: str, source: str, url: str, published_value: str, title: str | None = None
) -> Article:
    """An Article as the readers would make it (built directly: no dependence on their heuristics)."""
    return Article(
        article_id=article_id,
        text=text,
        extraction_text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        title=title or text.splitlines()[0],
        source=source,
        url=url,
        published=date.fromisoformat(published_value),
        published_method="metadata",
    )


def _fig(article_id: str, text: str, quote: str, metric: str, value: int, **kw: object) -> Figure:
    start = text.index(quote)
    return Figure(
        article_id=article_id,
        metric=metric,
        value=value,
        quote=quote,
        char_start=start,
        char_end=start + len(quote),
        number_text=str(kw.pop("number_text", value)),
        sentence_start=start,
        sentence_end=start + len(quote),
        extractor_version="test",
        confidence=0.9,
        **kw,
    )  # type: ignore[arg-type]


def articles_v1() -> tuple[list, list[Figure]]:
    arts = [
        make_article(
            A1,
            article_id="a1",
            source="Myanmar Now",
            url="https://example.org/a1",
            published_value="2023-01-15",
        ),
        make_article(
            A2,
            article_id="a2",
            source="The Irrawaddy",
            url="https://example.org/a2",
            published_value="2023-01-20",
        ),
        make_article(
            A3, article_id="a3", source="RFA", url="https://example.org/a3", published_value="2023-02-04"
        ),
        make_article(
            A4, article_id="a4", source="UN News", url="https://example.org/a4", published_value="2023-03-05"
        ),
    ]
    figs = [
        _fig(
            "a1",
            A1,
            "killed 12 civilians in Sagaing Region",
            "killed",
            12,
            group_class="civilians",
            place_code="MMR005",
            country="MM",
            event_date_start="2023-01-14",
            event_date_end="2023-01-14",
            number_text="12",
        ),
        # Overlaps the figure above: the article page must cope with overlapping spans.
        _fig(
            "a1",
            A1,
            "12 civilians in Sagaing Region, residents said. The strike also wounded more than 20 people",
            "injured",
            21,
            low=21,
            qualifier="more than",
            place_code="MMR005",
            country="MM",
            event_date_start="2023-01-14",
            number_text="more than 20",
        ),
        _fig(
            "a2",
            A2,
            "At least 5 people were killed",
            "killed",
            5,
            low=5,
            qualifier="at least",
            place_code="MMR003",
            country="MM",
            event_date_start="2023-01-19",
            number_text="At least 5",
        ),
        _fig(
            "a2",
            A2,
            "12 civilians were killed in the Sagaing airstrike",
            "killed",
            12,
            group_class="civilians",
            place_code="MMR005",
            country="MM",
            event_date_start="2023-01-14",
            number_text="12",
        ),
        _fig(
            "a3",
            A3,
            "Seven people were killed in Yangon",
            "killed",
            7,
            place_code="MMR013",
            country="MM",
            event_date_start="2023-02-02",
            number_text="Seven",
        ),
        _fig(
            "a3",
            A3,
            "9 more were killed",
            "killed",
            9,
            place_code="MMR013",
            country="MM",
            event_date_start="2023-02-03",
            number_text="9",
        ),
        _fig(
            "a4",
            A4,
            "1,200,000 people were internally displaced in Myanmar",
            "displaced",
            1_200_000,
            place_code="MM",
            country="MM",
            as_of="2023-03-01",
            number_text="1,200,000",
        ),
    ]
    return arts, figs


def articles_v2() -> tuple[list, list[Figure]]:
    arts = [
        make_article(
            A5,
            article_id="a5",
            source=f"Evil {EVIL} Times",
            url="https://example.org/a5",
            title=f"Displacement update {EVIL}",
            published_value="2023-04-03",
        )
    ]
    quote = f"{EVIL} about 1.1 million people remained displaced in Myanmar"
    figs = [
        _fig(
            "a5",
            A5,
            quote,
            "displaced",
            1_100_000,
            low=1_000_000,
            high=1_200_000,
            qualifier="about",
            place_code="MM",
            country="MM",
            as_of="2023-04-01",
            number_text="about 1.1 million",
        )
    ]
    return arts, figs


def figure_id(store: Store, article_id: str, value: int) -> str:
    with store.read() as cur:
        return cur.execute(
            "SELECT figure_id FROM figures_current WHERE article_id = ? AND value = ?", [article_id, value]
        ).fetchone()[0]


def review(store: Store, fid: str, action: str) -> int:
    """Record a review directly (the reviews API is another module's; this is test data)."""
    with store.write("review", f"{action} {fid}") as tx:
        n = tx.con.execute("SELECT coalesce(max(review_id), 0) + 1 FROM reviews").fetchone()[0]
        tx.con.execute(
            "INSERT INTO reviews (review_id, figure_key, action, note, reviewer, created_at, version) "
            "VALUES (?, ?, ?, 'test', 'tester', now(), ?)",
            [n, fid, action, tx.version],
        )
        return tx.version


def build(store: Store) -> Store:
    """Fill `store` with the sample (4 dataset versions)."""
    for batch in (articles_v1(), articles_v2()):
        arts, figs = batch
        run = store.new_run("test", "ingest", "tests/charts")
        store_articles(store, arts, figs, run_id=run, kind="ingest", description="chart sample")
    review(store, figure_id(store, "a3", 7), "confirm")
    review(store, figure_id(store, "a3", 9), "reject")
    return store


def build_file(path: Path) -> Path:
    """A sample database file (for servers started by browser tests)."""
    s = Store(path)
    try:
        build(s)
    finally:
        s.close()
    return path
