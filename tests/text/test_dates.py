"""Date expressions. Sentences are our own."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.text.dates import (DateMention, estimate_reference_date, find_dates,
                                parse_date_value, stated_publication_date)

REF = date(2024, 3, 20)  # a Wednesday


def one(text: str, ref: date | None = REF) -> DateMention:
    ms = find_dates(text, ref)
    assert len(ms) == 1, ms
    m = ms[0]
    assert text[m.start:m.end] == m.text
    return m


def iv(m: DateMention) -> tuple[str, str, str, bool]:
    return (m.date_start.isoformat(), m.date_end.isoformat(), m.precision, m.relative)


@pytest.mark.parametrize("text,expected", [
    ("Troops arrived on January 4, 2023.", ("2023-01-04", "2023-01-04", "day", False)),
    ("Troops arrived on 4 January 2023.", ("2023-01-04", "2023-01-04", "day", False)),
    ("Troops arrived on Jan. 4, 2023.", ("2023-01-04", "2023-01-04", "day", False)),
    ("Troops arrived on the 4th of January, 2023.", ("2023-01-04", "2023-01-04", "day", False)),
    ("Filed 2023-01-04 by staff.", ("2023-01-04", "2023-01-04", "day", False)),
    ("It began in November 2022.", ("2022-11-01", "2022-11-30", "month", False)),
    ("Aid stopped in 2023.", ("2023-01-01", "2023-12-31", "year", False)),
    ("Fighting grew in late 2023.", ("2023-09-01", "2023-12-31", "range", False)),
    ("Budgets for Q1 2024 were cut.", ("2024-01-01", "2024-03-31", "quarter", False)),
    ("Budgets for the first quarter of 2024 were cut.", ("2024-01-01", "2024-03-31", "quarter", False)),
    ("3,500 were killed in the first three months of 2024.", ("2024-01-01", "2024-03-31", "range", False)),
    ("Raids rose in the final two months of 2023.", ("2023-11-01", "2023-12-31", "range", False)),
    ("Shelling went on from March 1-5, 2024.", ("2024-03-01", "2024-03-05", "range", False)),
    ("Shelling from 28 February to 3 March 2024.", ("2024-02-28", "2024-03-03", "range", False)),
    # the days of one event after "on", joined by "and" (not "18 and 35 March": no "on", no range)
    ("Rebels killed 131 civilians on 29 and 30 November 2022.", ("2022-11-29", "2022-11-30", "range", False)),
])
def test_absolute(text: str, expected: tuple) -> None:
    assert iv(one(text)) == expected
    assert iv(one(text, None)) == expected  # no reference needed


@pytest.mark.parametrize("text,expected", [
    ("On January 4 the camp was shelled.", ("2024-01-04", "2024-01-04", "day", True)),
    ("On March 21 the camp was shelled.", ("2024-03-21", "2024-03-21", "day", True)),  # slack
    ("On March 25 the camp was shelled.", ("2023-03-25", "2023-03-25", "day", True)),
    ("The camp was shelled on Monday.", ("2024-03-18", "2024-03-18", "day", True)),
    ("The camp was shelled on Wednesday.", ("2024-03-20", "2024-03-20", "day", True)),
    ("The camp was shelled last Wednesday.", ("2024-03-13", "2024-03-13", "day", True)),
    ("Raids on Tuesday and Wednesday.", ("2024-03-19", "2024-03-20", "range", True)),
    ("Raids from Saturday to Monday.", ("2024-03-16", "2024-03-18", "range", True)),
    # a count after a day and "and" is no second day: "March 3 and 40 more", "March 3 and 20 more"
    ("Police held 12 people on March 3 and 40 more.", ("2024-03-03", "2024-03-03", "day", True)),
    ("Police held 12 people on March 3 and 20 more.", ("2024-03-03", "2024-03-03", "day", True)),
    ("It was shelled yesterday.", ("2024-03-19", "2024-03-19", "day", True)),
    ("It is calm today.", ("2024-03-20", "2024-03-20", "day", True)),
    ("Clashes broke out last week.", ("2024-03-11", "2024-03-17", "week", True)),
    ("Clashes broke out earlier this week.", ("2024-03-18", "2024-03-20", "week", True)),
    ("Clashes broke out last month.", ("2024-02-01", "2024-02-29", "month", True)),
    ("Clashes broke out this month.", ("2024-03-01", "2024-03-20", "month", True)),
    ("Clashes broke out in March.", ("2024-03-01", "2024-03-31", "month", True)),
    ("Clashes broke out in April.", ("2023-04-01", "2023-04-30", "month", True)),
    ("Clashes broke out in mid-April.", ("2023-04-11", "2023-04-20", "range", True)),
    ("Some 300 fled over the past week.", ("2024-03-13", "2024-03-20", "week", True)),
    ("Some 300 fled over the new year.", ("2023-12-30", "2024-01-02", "range", True)),
    ("Some 300 fled on New Year's Day.", ("2024-01-01", "2024-01-01", "day", True)),
    ("Between March 1 and March 5 the town emptied.", ("2024-03-01", "2024-03-05", "range", True)),
    ("From 1 to 5 March the town emptied.", ("2024-03-01", "2024-03-05", "range", True)),
    ("It happened three years ago.", ("2021-01-01", "2021-12-31", "year", True)),
    ("It happened two days ago.", ("2024-03-18", "2024-03-18", "day", True)),
    # an anniversary: that weekday (or today), years back
    ("Ten years ago on Monday, a bomber killed 42 people.", ("2014-03-18", "2014-03-18", "day", True)),
    ("One year ago today, soldiers killed 12 villagers.", ("2023-03-20", "2023-03-20", "day", True)),
    # a night into a day began the day before
    ("Shelling overnight into 20 March killed four.", ("2024-03-19", "2024-03-20", "range", True)),
])
def test_relative(text: str, expected: tuple) -> None:
    assert iv(one(text)) == expected
    assert find_dates(text, None) == []  # relative: nothing without a reference


def test_by_december_is_not_after_the_reference() -> None:
    m = one("By December, 2,000 had fled.")
    assert iv(m) == ("2023-12-01", "2023-12-31", "month", True) and m.qualifier == "by"
    m = one("By December, 2,000 had fled.", date(2024, 12, 28))
    assert m.date_start == date(2024, 12, 1)


def test_since_keeps_its_own_interval_and_a_qualifier() -> None:
    m = one("Killed since February 2021: 4,000.")
    assert iv(m) == ("2021-02-01", "2021-02-28", "month", False) and m.qualifier == "since"
    m = one("displaced since the 2021 coup")
    assert m.date_start == date(2021, 1, 1) and m.precision == "year" and m.qualifier == "since"
    m = one("As of March 8, 1,857 were detained.")
    assert m.date_start == date(2024, 3, 8) and m.qualifier == "as of"


@pytest.mark.parametrize("text", [
    "Men aged 18 to 35 were conscripted.",
    "Brigade 5 fighters took 12 posts.",
    "Some 1.1 million people are displaced.",
    "A total of (2023) people were arrested.",
    "A total of 2000 people fled.",
    "The 3 May deadline",  # no: a day-month without reference is relative
    "They may march on Sunday",  # lowercase "may"/"march" are verbs; Sunday needs a reference
])
def test_not_dates(text: str) -> None:
    assert find_dates(text, None) == []


def test_non_overlapping_left_to_right() -> None:
    text = "On Monday, March 18, 2024, and again yesterday, troops returned; in 2023 they had left."
    ms = find_dates(text, REF)
    assert [m.text for m in ms] == ["Monday, March 18, 2024", "yesterday", "in 2023"]
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:]))


@pytest.mark.parametrize("value,expected", [
    ("2024-03-20", date(2024, 3, 20)),
    ("2024-03-20T10:00:00Z", date(2024, 3, 20)),
    ("2024-03-20T23:30:00-05:00", date(2024, 3, 20)),
    ("March 20, 2024", date(2024, 3, 20)),
    ("20 March 2024", date(2024, 3, 20)),
    ("Wed, 20 Mar 2024 10:00:00 GMT", date(2024, 3, 20)),
    ("20/03/2024", date(2024, 3, 20)),
    ("03/20/2024", date(2024, 3, 20)),
    ("03/04/2024", None),  # ambiguous
    ("2024-02-30", None),
    ("", None),
    ("yesterday", None),
])
def test_parse_date_value(value: str, expected: date | None) -> None:
    assert parse_date_value(value) == expected


def test_stated_publication_date() -> None:
    text = " date 2024-03-20 Heavy fighting erupted near the border."
    d, s, e = stated_publication_date(text)
    assert d == date(2024, 3, 20) and text[s:e] == "date 2024-03-20"
    text = "Published: March 20, 2024\nFighting erupted."
    d, s, e = stated_publication_date(text)
    assert d == date(2024, 3, 20) and text[s:e] == "Published: March 20, 2024"
    text = "YANGON, March 20, 2024 — Fighting erupted."
    d, s, e = stated_publication_date(text)
    assert d == date(2024, 3, 20) and text[s:e] == "YANGON, March 20, 2024"
    assert stated_publication_date("Fighting erupted on March 20, 2024 in the east.") is None
    assert stated_publication_date("Yesterday, March 4, 2024, troops came.") is None
    assert stated_publication_date("On 4 March 2021, soldiers came.") is None
    d, s_, e = stated_publication_date("8 March 2021 Daily Briefing on detentions")
    assert d == date(2021, 3, 8) and (s_, e) == (0, 12)


def test_estimate_reference_date() -> None:
    text = ("Attacks rose in November 2022 and rebels vowed more in 2023. Over new year "
            "they took two posts. On January 4 a third fell.")
    assert estimate_reference_date(text) == date(2023, 1, 4)
    assert estimate_reference_date("Troops left on 2 May 2021; by June 2021 all had gone.") == date(2021, 5, 2)
    assert estimate_reference_date("No dates at all here.") is None


def test_abbreviated_months_and_qualifiers() -> None:
    m = one("Shelling has not stopped since Oct. 7 in the south.")
    assert iv(m) == ("2023-10-07", "2023-10-07", "day", True) and m.qualifier == "since"
    m = one("Some 5,000 fled between Nov. 5 and 8 last year.".replace(" last year", ""))
    assert iv(m) == ("2023-11-05", "2023-11-08", "range", True)
    m = one("The 2021 military takeover forced many out.")
    assert m.text == "The 2021 military takeover" and m.precision == "year"


def test_rolling_and_calendar_periods() -> None:
    assert iv(one("Five died over the past 24 hours.")) == ("2024-03-19", "2024-03-20", "range", True)
    assert iv(one("Fighting spread earlier this year.")) == ("2024-01-01", "2024-03-20", "year", True)
    assert iv(one("Fighting spread last year.")) == ("2023-01-01", "2023-12-31", "year", True)
    assert iv(one("Troops came on Saturday night.")) == ("2024-03-16", "2024-03-16", "day", True)


def test_person_names_that_look_like_months() -> None:
    # "Mar Mar" is a Burmese given name; no day number follows, so no date.
    assert find_dates("Mar Mar said 30 students were hurt.", REF) == []


def test_estimate_prefers_stated_days_over_forward_looking_ranges() -> None:
    text = "Update of 31 October 2022. Funds are needed until the end of November 2022."
    assert estimate_reference_date(text) == date(2022, 10, 31)
    # a "since" anchor alone still bounds the date from below
    assert estimate_reference_date("Displaced since February 2021.") == date(2021, 2, 1)


def test_datetime_reference_and_values() -> None:
    from datetime import datetime

    m = one("It was shelled yesterday.", datetime(2024, 3, 20, 23, 59))
    assert m.date_start == date(2024, 3, 19)
    assert parse_date_value(datetime(2024, 3, 20, 8)) == date(2024, 3, 20)
    assert parse_date_value(date(2024, 3, 20)) == date(2024, 3, 20)


def test_find_dates_properties_on_arbitrary_text() -> None:
    pytest.importorskip("hypothesis")
    from hypothesis import given, settings, strategies as st

    words = st.sampled_from(["On", "on", "January", "4", "2023", ",", "and", "to", "from",
                             "between", "Monday", "last", "week", "in", "March", "mid-April",
                             "since", "the", "2021", "coup", "Q1", "1.1", "million", "aged",
                             "18", "35", "yesterday", "-", "(", ")", "New", "Year's", "Day"])

    @settings(max_examples=200, deadline=None)
    @given(st.lists(words, max_size=25), st.sampled_from([REF, None]))
    def check(parts: list[str], ref: date | None) -> None:
        text = " ".join(parts)
        ms = find_dates(text, ref)
        for m in ms:
            assert text[m.start:m.end] == m.text
            assert m.date_start <= m.date_end and m.precision in ("day", "week", "month", "quarter", "year", "range")
            assert ref is not None or not m.relative
        assert all(a.end <= b.start for a, b in zip(ms, ms[1:]))

    check()


# ---------------------------------------------------------------- the windowed scan is exact
_VOCAB = ["on", "Monday", "March", "4", "4th", "2021", "the", "of", "early", "mid-", "in", "since", "by", "last", "week",
          "month", "year", "ago", "three", "days", "-", "to", "and", "between", "from", "Jan.", "September", "28", "31",
          "people", "the 2021 coup", "Q3", "first quarter", "new year", "New Year's Day", "weekend", "yesterday",
          "this morning", "past 10 days", "2024-03-20", "until", "the end of", "the day before yesterday", "TODAY",
          "Wednesday morning", "over the new year", "second half of last year", "first three months", "months", " " * 12, "\n" * 7, "in" + " " * 33,
          "Junta", "Mayor", "İ", "monthalf"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_VOCAB), max_size=30).map(" ".join), st.sampled_from([None, REF]))
def test_windowed_patterns_find_what_a_whole_text_scan_finds(text: str, ref: date | None) -> None:
    import service.text.dates as D

    memo: dict = {}
    for i, (rx, fn, needs, *_rest) in enumerate(D._PAT_INFO):
        assert [m.span() for m in D._raw(text, i, memo, {})] == [m.span() for m in rx.finditer(text)], fn.__name__


def test_a_word_that_only_starts_like_a_month_is_no_date_wherever_it_falls() -> None:
    """Patterns are searched in windows around their anchor words; a window that cut a word in
    two once read "by Mayor" as "by May". Every offset puts the cut somewhere else."""
    from service.text.dates import find_dates

    filler = "the army came back and people fled to the hills with their cattle and then "
    for n in range(10, 75):
        text = f"In March {filler[:n]} by Mayor Tun's order, early Junta rule and Marchers' Road."
        found = [m.text for m in find_dates(text, REF)]
        assert found == ["In March"], (n, found)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_VOCAB + ["Last", "This", "Over", "New", "Year", "PAST", "Q3", "JAN"]), max_size=20)
       .map(" ".join), st.sampled_from([None, REF]))
def test_the_cheap_date_hint_never_hides_a_date(text: str, ref: date | None) -> None:
    from service.text.dates import find_dates, may_hold_date

    if find_dates(text, ref):
        assert may_hold_date(text)
