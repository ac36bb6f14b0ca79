"""The number-expression parser: every form reporters use, with UCDP-style bounds."""
from __future__ import annotations

import pytest

from service.text.numbers import find_numbers, parse_number


def counts(text: str):
    return [(n.text, n.value, n.low, n.high, n.qualifier, n.vague) for n in find_numbers(text) if n.kind == "count"]


@pytest.mark.parametrize("text,value", [
    ("1,234", 1234), ("(17)", 17), ("1.1 million", 1_100_000), ("1.4M", 1_400_000), ("3.1m", 3_100_000),
    ("seven", 7), ("twenty-three", 23), ("a hundred", 100), ("two thousand", 2000), ("Forty", 40),
    ("one hundred and twenty", 120), ("12,000", 12000), ("2.5 thousand", 2500),
    ("2 lakh", 200_000), ("1.5 lakh", 150_000), ("two lakh", 200_000), ("3 crore", 30_000_000),
])
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text,expected", [
    ("more than 90 soldiers", ("more than 90", 90, 91, None, "more than", False)),
    ("over 12,000 refugees", ("over 12,000", 12000, 12001, None, "more than", False)),
    ("at least 40 people", ("at least 40", 40, 40, None, "at least", False)),
    ("around 2,730 people", ("around 2,730", 2730, None, None, "about", False)),
    ("some 206,000 people", ("some 206,000", 206000, None, None, "about", False)),
    ("approximately 100 students", ("approximately 100", 100, None, None, "about", False)),
    ("nearly 50 people", ("nearly 50", 50, None, None, "nearly", False)),
    ("nearly half a million people", ("nearly half a million", 500_000, None, None, "nearly", False)),
    ("a quarter of a million people", ("a quarter of a million", 250_000, None, None, None, False)),
    ("three-quarters of a million", ("three-quarters of a million", 750_000, None, None, None, False)),
    ("at most 12 people", ("at most 12", 12, None, 12, "up to", False)),
    ("almost 800 people", ("almost 800", 800, None, None, "nearly", False)),
    ("close to 3,000 refugees", ("close to 3,000", 3000, None, None, "nearly", False)),
    ("up to 100 people", ("up to 100", 100, None, 100, "up to", False)),
    ("as many as 1,052 refugees", ("as many as 1,052", 1052, None, 1052, "up to", False)),
    ("between 20 and 30 people", ("between 20 and 30", 25, 20, 30, "between", False)),
    ("20 to 30 people", ("20 to 30", 25, 20, 30, "between", False)),
    ("10-15 dead", ("10-15", 12, 10, 15, "between", False)),
    ("an estimated 1.8 million people", ("an estimated 1.8 million", 1_800_000, None, None, None, False)),
    ("1.1 to 1.3 million people", ("1.1 to 1.3 million", 1_200_000, 1_100_000, 1_300_000, "between", False)),
    ("between 1 and 1.5 lakh people", ("between 1 and 1.5 lakh", 125_000, 100_000, 150_000, "between", False)),
    ("forty-odd fighters", ("forty-odd", 40, 40, None, "at least", False)),
    ("200 odd people", ("200 odd", 200, 200, None, "at least", False)),
])
def test_qualifiers_and_ranges(text: str, expected: tuple) -> None:
    assert counts(text)[0] == expected


@pytest.mark.parametrize("text,value", [
    ("dozens of people", 12), ("hundreds were arrested", 100), ("thousands fled", 1000),
    ("tens of thousands of civilians", 10_000), ("hundreds of thousands of people", 100_000),
    ("scores of villagers", 20), ("millions displaced", 1_000_000), ("lakhs of people", 100_000),
])
def test_vague_amounts_are_flagged_with_conservative_values(text: str, value: int) -> None:
    (n,) = [n for n in find_numbers(text)]
    assert n.vague and n.value == value and n.low == value


@pytest.mark.parametrize("text,expected", [
    ("At least two dozen people were killed", ("At least two dozen", 24, 24, None, "at least", False)),
    ("half a dozen soldiers", ("half a dozen", 6, None, None, None, False)),
    ("more than three dozen homes", ("more than three dozen", 36, 37, None, "more than", False)),
    ("2 dozen people", ("2 dozen", 24, None, None, None, False)),
    ("about a dozen", ("about a dozen", 12, None, None, "about", False)),
])
def test_a_number_of_dozens_is_a_multiple_of_twelve(text: str, expected: tuple) -> None:
    assert counts(text) == [expected]


@pytest.mark.parametrize("text,value", [
    ("About 350 000 people were displaced.", 350_000), ("The fighting displaced 1 000 families.", 1000),
    ("1\u00a0204 killed", 1204), ("1\u202f500\u202f000 displaced", 1_500_000),
])
def test_thousands_grouped_by_spaces(text: str, value: int) -> None:
    assert [n.value for n in find_numbers(text) if n.kind == "count"] == [value]


def test_a_year_before_a_space_grouped_number_stays_a_year() -> None:
    got = [(n.text, n.kind) for n in find_numbers("In 2020 100 000 people fled")]
    assert got == [("2020", "year"), ("100 000", "count")]


@pytest.mark.parametrize("text,expected", [
    ("Between 1 and 15 March, some 45,000 people fled", [("some 45,000", 45_000)]),
    ("From 5 to 7 June 200 died", [("200", 200)]),  # no day or year is 200
    ("Since March 1,200 people fled", [("1,200", 1200)]),
    ("On March 1,2024, soldiers killed 4 people", [("4", 4)]),  # a missing space is no "1,202"
])
def test_days_of_a_month_and_counts_beside_them(text: str, expected: list) -> None:
    assert [(n.text, n.value) for n in find_numbers(text) if n.kind == "count"] == expected


def test_two_numbers_joined_by_and_are_not_a_range() -> None:
    got = counts("17 civilians were killed and 39 injured")
    assert [g[1] for g in got] == [17, 39]


@pytest.mark.parametrize("text,kind", [
    ("on January 4", "date"), ("in November 2022", "date"), ("since 2010", "year"), ("the 29th attack", "ordinal"),
    ("at 11 a.m.", "time"), ("22 per cent", "percent"), ("US$643 million", "money"), ("No. 17", "unit_no"),
    ("Brigade 5", "unit_no"), ("MATD-3", "unit_no"), ("a 7.7 magnitude quake", "percent"), ("4 March", "date"),
    # addresses: a Thai village's number, a sector, a block, a kilometre post
    ("in Hutae Kolae, Moo 3, tambon Trobon", "unit_no"), ("in Sector 4", "unit_no"), ("near Km 45", "unit_no"),
])
def test_non_counts_are_classified(text: str, kind: str) -> None:
    kinds = [n.kind for n in find_numbers(text)]
    assert kind in kinds and "count" not in kinds


def test_spans_index_the_text() -> None:
    text = "Officials said more than (1,200) people and about seven children were hurt."
    for n in find_numbers(text):
        assert text[n.start:n.end] == n.text
        assert n.start <= n.num_start <= n.num_end <= n.end


def test_anchor_scan_equals_full_scan() -> None:
    import service.text.numbers as N
    texts = [
        "Save the Children said in a statement that four children were among the dead.",
        "Up to 170 or 180 houses burned; some 3,000 fled, a hundred were hurt and twenty-three died on May 24, 2021.",
        "(1857) people, including (3) sentenced; between 15 and 20 taken; 1.4M displaced; about a dozen missing.",
    ]
    for t in texts:
        N._USE_ANCHORS = True
        a = [(n.start, n.end, n.value, n.kind) for n in N.find_numbers(t)]
        N._USE_ANCHORS = False
        b = [(n.start, n.end, n.value, n.kind) for n in N.find_numbers(t)]
        N._USE_ANCHORS = True
        assert a == b, t


@pytest.mark.parametrize("text", ["200-plus prisoners", "200 plus people", "200+ dead"])
def test_plus_suffix_means_more_than(text: str) -> None:
    (n,) = find_numbers(text)
    assert (n.value, n.low, n.qualifier) == (200, 201, "more than")


def test_the_second_day_of_a_range_after_its_month_is_no_count() -> None:
    # "between September 1 and 7": the 7 is a day; "May 3 and 20 more" keeps its count
    assert [n.value for n in find_numbers("14 civilians were killed between September 1 and 7.") if n.kind == "count"] == [14]
    assert [n.value for n in find_numbers("12 people on May 3 and 20 more on May 5") if n.kind == "count"] == [12, 20]


@pytest.mark.parametrize("text,kind", [
    # a fraction's numerator, a range told in percent, the labels of a list of camps
    ("over two-thirds of the state's population", "fraction"), ("two thirds of the residents", "fraction"),
    ("12 to 13 percent of them children", "percent"), ("in Camps 8E and 10", "unit_no"),
    ("in Wards 3, 4 and 7", "unit_no"),
])
def test_fractions_percent_ranges_and_label_lists_are_no_counts(text: str, kind: str) -> None:
    kinds = [n.kind for n in find_numbers(text)]
    assert kind in kinds and "count" not in kinds


def test_a_verbs_particle_over_is_no_qualifier() -> None:
    """"handed over 13 hostages" hands over 13, not more than 13 ("over 13 hostages" is more than)."""
    (n,) = find_numbers("Hamas handed over 13 hostages.")
    assert (n.text, n.value, n.qualifier, n.low) == ("13", 13, None, None)
    (n,) = find_numbers("Over 13 hostages were freed.")
    assert (n.value, n.qualifier) == (13, "more than")
    # (a count after a list of camps keeps its people: "in camps 300 people")
    assert [n.value for n in find_numbers("Across the camps 300 people were moved.") if n.kind == "count"] == [300]
