"""The attributes stage alone, over the layers the stages before it add."""
from __future__ import annotations

from datetime import date

from service.extract import attributes
from service.extract.document import Document
from service.extract.pipeline import STAGES, annotate


def _attributed(text: str, published: date | None = date(2024, 3, 20)) -> list[attributes.Attributed]:
    before = tuple(s for s in STAGES[:[s.name for s in STAGES].index("attributes")])
    doc = annotate(Document(text, "a1", published), before)
    return attributes.attribute(doc.sentences, doc.links, doc.frames, article_id="a1")


def test_a_figure_per_link_with_group_place_source_and_date() -> None:
    text = "On Monday, soldiers killed 12 civilians in Mindat Township, local sources said."
    (a,) = _attributed(text)
    f = a.figure
    assert (f.metric, f.value, f.group, f.group_class) == ("killed", 12, "civilians", "civilians")
    assert (f.location, f.country, f.claimed_by, f.perpetrator) == ("Mindat Township", "MM", "local sources", "soldiers")
    assert f.event_date_start == "2024-03-18" and not f.cumulative
    assert text[f.char_start:f.char_end] == f.quote == "killed 12 civilians"
    assert f.confidence == 0.95 and a.origin.how == "a"


def test_refugees_cross_a_border_displaced_stay() -> None:
    figs = [a.figure for a in _attributed(
        "Some 5,000 people fled into Thailand. Another 2,000 people were displaced inside Kayin State.")]
    assert [(f.metric, f.value) for f in figs] == [("refugees", 5000), ("displaced", 2000)]


def test_running_total_since_and_its_breakdown_carry() -> None:
    figs = [a.figure for a in _attributed(
        "Since the 2021 coup, the junta has killed 6,000 civilians, including 700 children.")]
    assert [(f.value, f.cumulative, f.since) for f in figs] == [(6000, True, "the 2021 coup"),
                                                               (700, True, "the 2021 coup")]
    assert [f.group for f in figs] == ["civilians", "children"]


def test_an_incident_toll_is_no_running_total() -> None:
    (a,) = _attributed("The death toll from Monday's attack rose to 12.")
    assert a.figure.value == 12 and not a.figure.cumulative


def test_one_figure_per_number_and_metric_in_text_order() -> None:
    figs = [a.figure for a in _attributed("Troops killed 3 people and wounded 9. Police arrested 4.")]
    assert [(f.metric, f.value) for f in figs] == [("killed", 3), ("injured", 9), ("detained", 4)]
    assert [f.char_start for f in figs] == sorted(f.char_start for f in figs)


def test_the_group_ends_before_a_second_verb_phrase_or_a_time_span() -> None:
    """Who: "people", not "people and forced" ("killed 20,000 people and forced two million to flee")
    nor "people between 7 and 14 February"; "children aged between five and 14" keeps its ages."""
    groups = [a.figure.group for a in _attributed(
        "The insurgency has killed more than 20,000 people and forced over two million to flee their homes.")]
    assert groups[0] == "people"
    (a,) = _attributed("Clashes displaced an estimated 135,000 people between 7 and 14 February.")
    assert a.figure.group == "people"
    (a,) = _attributed("The strike killed 19 children aged between five and 14.")
    assert a.figure.group == "children aged between five and 14"
