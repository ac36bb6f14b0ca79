"""The cause frame: conflict, else a disaster, an accident or an illness the figure's clause names."""
from __future__ import annotations

import pytest

from service.extract import extract_figures


def causes(text: str) -> list[tuple[str, int, str]]:
    return [(f.metric, f.value, f.cause) for f in extract_figures(text, article_id="t")]


@pytest.mark.parametrize("text,expected", [
    ("Floods displaced 5,000 people in Kachin State.", [("displaced", 5000, "disaster")]),
    ("After a gas leak killed 11 and injured 40 others, hundreds protested.",
     [("killed", 11, "accident"), ("injured", 40, "accident")]),
    ("At least 40 people died of cholera in the camps.", [("killed", 40, "illness")]),
    ("A police constable was accidentally shot dead.", [("killed", 1, "accident")]),
    ("A man in the village died falling from a tree.", [("killed", 1, "accident")]),
    ("At least 10 Rohingya refugees drowned when their boat capsized off Aceh.", [("killed", 10, "accident")]),
    ("Shelling hit a boat, which capsized, killing 5 people.", [("killed", 5, "conflict")]),
    # an act of violence in the same clause keeps it conflict
    ("Militants killed 5 people displaced by floods.", [("killed", 5, "conflict")]),
    ("Junta troops shot dead 3 villagers; floods displaced 2,000 others.",
     [("killed", 3, "conflict"), ("displaced", 2000, "disaster")]),
    # people counted by the status a war gave them stay the war's
    ("Severe flooding left around 200 IDPs in need of assistance.", [("displaced", 200, "conflict")]),
    ("Soldiers killed 12 people in Sagaing.", [("killed", 12, "conflict")]),
    # a disaster or an accident anywhere in a clause without violence, and the words of road
    # accidents, fires of their own and the heat
    ("A landslide in Enga province buried a village, and officials fear more than 2,000 people were killed.",
     [("killed", 2000, "disaster")]),
    ("A bus plunged into a ravine in Dhading district on Friday, killing 14 passengers.", [("killed", 14, "accident")]),
    ("A fire at a garment factory in Dhaka killed 17 workers on Monday.", [("killed", 17, "accident")]),
    ("Heatstroke killed 54 people in Bihar last week.", [("killed", 54, "disaster")]),
    # ... but a fire set or opened is violence, and an illness further off is the occasion
    ("Soldiers opened fire at protesters, killing 5.", [("killed", 5, "conflict")]),
    # a coordination bringing in another count is another clause
    ("In El Fasher, 8 people died of cholera and 4 others were killed by RSF drone strikes.",
     [("killed", 8, "illness"), ("killed", 4, "conflict")]),
    ("Troops set fire to 40 houses and killed 3 villagers.", [("killed", 3, "conflict")]),
    ("At least 4 people were killed when a demonstration over food distribution, part of the support amid "
     "the coronavirus pandemic, turned violent outside the governor's office.", [("killed", 4, "conflict")]),
])
def test_cause_of_a_figure(text: str, expected: list) -> None:
    assert causes(text) == expected


def test_a_sentence_naming_no_cause_takes_the_articles_opening() -> None:
    text = ("Floods hit Kachin State\n\nHeavy floods swept through Myitkyina on Monday. "
            "More than 3,000 people are sheltering in monasteries.")
    assert causes(text) == [("displaced", 3000, "disaster")]
    text = ("Earthquake kills 3,000 in Sagaing\n\nThe earthquake killed 3,000 people. "
            "Junta airstrikes killed 12 people in Sagaing the next day.")
    assert causes(text) == [("killed", 3000, "disaster"), ("killed", 3000, "disaster"), ("killed", 12, "conflict")]


def test_arrests_and_releases_are_done_by_people_whatever_the_occasion() -> None:
    assert causes("Police arrested 6 people for violating the coronavirus restrictions.") == [("detained", 6, "conflict")]
    # and a killing in a protest amid an outbreak is no illness
    assert causes("Police shot dead two protesters amid the coronavirus curfew.") == [("killed", 2, "conflict")]


def test_a_fire_that_broke_out_and_a_fuel_store_that_blew_up_are_accidents() -> None:
    """No one set them: "A fire broke out in Camp 9", "A fuel depot exploded"; a fire after an
    airstrike or one soldiers set stays conflict."""
    from service.extract import extract_figures

    def causes(text: str) -> list[str]:
        return [f.cause for f in extract_figures(text, article_id="t")]

    assert causes("A fuel depot exploded near Stepanakert, killing 218 people.") == ["accident"]
    assert causes("A fire broke out in Camp 9 on 6 April, injuring 27 people.") == ["accident"]
    assert causes("A fire broke out after the airstrike, killing 5 people.") == ["conflict"]
    assert causes("Soldiers set fire to the village, killing 3 people.") == ["conflict"]
