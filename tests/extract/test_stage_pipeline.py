"""The stage order is declared once (service.extract.pipeline.STAGES) and the driver follows it."""
from __future__ import annotations

import dataclasses
from datetime import date

from service.extract import extract_figures
from service.extract.document import Document
from service.extract.pipeline import STAGES, annotate


def test_the_stages_in_order() -> None:
    assert [s.name for s in STAGES] == ["sentences", "candidates", "parse", "links", "frames", "attributes",
                                        "relations"]
    # each stage adds the Document layer of its name; the layers are declared in stage order
    layers = [f.name for f in dataclasses.fields(Document)]
    assert [n for n in layers if n in {s.name for s in STAGES}] == [s.name for s in STAGES]
    assert [s.name for s in STAGES if s.gate] == ["sentences", "candidates", "links"]


def test_each_layer_is_added_by_its_stage() -> None:
    text = "Gunmen killed 12 civilians in Kaya on Monday, the army said. Fatalities: 12."
    doc = Document(text, "a1", date(2024, 6, 1))
    for k, stage in enumerate(STAGES):
        annotate(doc, (stage,))
        assert all((getattr(doc, s.name) is not None) == (j <= k) for j, s in enumerate(STAGES)), stage.name
    assert doc.relations == extract_figures(text, article_id="a1", published=date(2024, 6, 1))
    assert [(f.value, f.relation) for f in doc.relations] == [(12, "independent"), (12, "restates")]


def test_an_article_without_candidates_stops_before_the_parse() -> None:
    doc = annotate(Document("The talks resumed in Geneva.", "a2"))
    assert doc.candidates is not None and not doc.candidates
    assert doc.parse is None and doc.frames is None and doc.relations is None
    assert extract_figures("The talks resumed in Geneva.", article_id="a2") == []
