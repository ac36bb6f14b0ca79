"""Counts you can quote: hand-written articles, through extraction and the store, to the series.

Each case is a small real-looking report with the answer a careful ACLED/UCDP analyst would give:
one death is counted once, from mention to claim to incident to series.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from service.articles.readers import make_article
from service.ingest import ingest
from service.query.series import series
from service.store.db import Store


@pytest.fixture
def store(tmp_path: Path):
    s = Store(tmp_path / "counting.duckdb")
    yield s
    s.close()


def load(store: Store, *articles: tuple[str, str, str, str]) -> None:
    """(id, source, published ISO date, text) articles through the real extractor."""
    ingest(store, [make_article(text, article_id=aid, source=source, published_value=pub)
                   for aid, source, pub, text in articles])


def month(store: Store, metric: str, place: str | None, when: str, **kw) -> tuple[int, int | None, int | None] | None:
    s = series(store, metric=metric, place=place, interval="month", **kw)
    got = {p.period_start.isoformat()[:7]: (p.value, p.low, p.high) for p in s.points}
    return got.get(when)


# --- relations within one article (issue point 1)

def test_headline_body_restatement_and_subsets_count_once(store: Store) -> None:
    load(store, ("a1", "Myanmar Now", "2024-03-12",
                 "Junta airstrike kills 11 villagers in Sagaing\n\n"
                 "A junta airstrike killed 11 villagers, including four children, in Sagaing Region on 11 March. "
                 "Relatives buried the 11 bodies the next day."))
    assert month(store, "killed", "MM", "2024-03") == (11, 11, 11)


def test_event_note_closing_total_is_not_added(store: Store) -> None:
    load(store, ("n1", "ACLED-style", "2020-05-07",
                 "On 7 May 2020, in Celaya, Guanajuato, armed men attacked a police patrol. Three officers died. "
                 "3 fatalities."))
    assert month(store, "killed", "MX", "2020-05") == (3, 3, 3)


def test_singular_victims_count_and_restatements_do_not(store: Store) -> None:
    load(store, ("n2", "ACLED-style", "2020-05-08",
                 "On 8 May 2020, in Manaus, Brazil, a man was shot dead by two armed men. The man had charges "
                 "against him. In another event, a woman was killed in Compensa neighborhood."))
    assert month(store, "killed", "BR", "2020-05") == (2, 2, 2)


def test_a_disasters_dead_are_kept_and_left_out_of_the_series(store: Store) -> None:
    load(store, ("f1", "Mizzima", "2024-09-12",
                 "Floods killed 40 people in Taungoo on 10 September 2024. "
                 "Junta airstrikes killed 5 villagers in Sagaing Region on 10 September 2024."))
    assert month(store, "killed", "MM", "2024-09") == (5, 5, 5)
    with store.read() as cur:
        got = cur.execute("SELECT value, cause FROM figures_as_of(current_version()) "
                          "ORDER BY value").fetchall()
    assert got == [(5, "conflict"), (40, "disaster")]


# --- incidents across articles (issue point 2)

def test_three_outlets_on_one_airstrike_are_one_incident(store: Store) -> None:
    text = "A junta airstrike on Pazigyi village in Kanbalu Township, Sagaing Region, on 11 April 2023 killed {n} people."
    load(store,
         ("o1", "The Irrawaddy", "2023-04-12", text.format(n="50")),
         ("o2", "Myanmar Now", "2023-04-12", text.format(n="80")),
         ("o3", "RFA", "2023-04-13", text.format(n="up to 100")))
    # competing claims are never summed: the lowest claim counts, the range spans them all
    assert month(store, "killed", "MM", "2023-04") == (50, 50, 100)
    assert month(store, "killed", "MMR005", "2023-04") == (50, 50, 100)


def test_township_and_region_reports_of_one_attack_are_one_incident(store: Store) -> None:
    load(store,
         ("t1", "Mizzima", "2023-05-03", "Junta troops killed 9 villagers in Myaing Township on 2 May 2023."),
         ("t2", "RFA", "2023-05-04", "Junta troops killed 9 villagers in Magway Region on 2 May 2023."))
    assert month(store, "killed", "MM", "2023-05") == (9, 9, 9)


def test_two_unknown_villages_on_one_day_stay_two_incidents(store: Store) -> None:
    load(store,
         ("s1", "SOHR", "2025-03-09", "Gunmen killed 60 civilians in the village of Al-Mukhtariya on 8 March 2025, in Syria."),
         ("s2", "SNHR", "2025-03-09", "Gunmen killed 31 civilians in the village of Al-Shir on 8 March 2025, in Syria."))
    assert month(store, "killed", "SY", "2025-03") == (91, 91, 91)


def test_killings_without_a_resolved_place_count_in_their_country(store: Store) -> None:
    load(store, ("c1", "Sudan Tribune", "2024-06-02",
                 "Paramilitary fighters killed 12 people at a camp for displaced people in Sudan on 1 June 2024."))
    assert month(store, "killed", "SD", "2024-06") == (12, 12, 12)


def test_same_source_twice_in_one_article_is_two_claims(store: Store) -> None:
    load(store, ("d1", "Reuters", "2024-01-10",
                 "Shelling killed 5 people in Donetsk on 9 January 2024. Separately, shelling killed 3 people "
                 "in Donetsk on 9 January 2024."))
    assert month(store, "killed", "UA", "2024-01") == (8, 8, 8)


# --- the area a stock covers (issue point 3)

def test_a_partial_stock_never_stands_in_for_the_national_one(store: Store) -> None:
    load(store,
         ("u1", "UNHCR", "2024-04-15",
          "More than 10 million people are displaced in Sudan, the UN refugee agency said on 15 April 2024."),
         ("u2", "OCHA", "2024-04-15",
          "Some 130,000 people are displaced in El Fasher, Sudan, as of 15 April 2024."))
    assert month(store, "displaced", "SD", "2024-04")[0] == 10_000_000


def test_an_unknown_township_stock_is_not_the_country_stock(store: Store) -> None:
    load(store,
         ("m1", "Myanmar Now", "2024-02-20", "More than 6,000 IDPs are sheltering in Ywar Thit Kone Tan camp in Myanmar, "
          "a local aid group said on 20 February 2024."),
         ("m2", "UNHCR", "2024-02-05", "As of 5 February 2024, 2.6 million people are internally displaced across Myanmar."))
    assert month(store, "displaced", "MM", "2024-02")[0] == 2_600_000


# --- the table under a chart adds up to the bar (issue point 4)

def test_a_range_counts_its_lower_end_in_the_series_the_views_and_the_chart_table(store: Store) -> None:
    """"Between five and 23 drowned" claims five at the least: the series counts 5 (ACLED's coding),
    not the 14 in the middle that no one stated; the range stays 5-23. The same in a stock, in
    the views, in the named query and in the table under the chart (which says why)."""
    from service.charts.data import chart_data
    from service.charts.params import make_params
    from service.research.catalogue import get

    load(store,
         ("r1", "ACLED-style", "2020-05-02",
          "On 2 May 2020, border guards pushed 57 migrants into the Harirud River near Taybad, Razavi Khorasan "
          "province, Iran. Between five and 23 of them drowned."),
         ("r2", "UNHCR", "2020-05-20",
          "As of 20 May 2020, between 10,000 and 15,000 people were displaced across Iran."))
    assert month(store, "killed", "IR", "2020-05") == (5, 5, 23)
    assert month(store, "displaced", "IR", "2020-05") == (10_000, 10_000, 15_000)
    with store.read() as cur:
        view = cur.execute("SELECT sum(value), sum(low), sum(high) FROM flow_series_monthly WHERE metric = 'killed'").fetchone()
        stock = cur.execute("SELECT value FROM stock_series_monthly WHERE metric = 'displaced'").fetchone()
        q = get("monthly_flow")
        named = cur.execute(q.sql, q.bind({"metric": "killed", "place": "IR", "date_from": "2020-01-01",
                                           "date_to": "2020-12-31"})).fetchone()
    assert view == (5, 5, 23) and stock == (10_000,) and named[1:4] == (5, 5, 23)
    data = chart_data(store, make_params("killed", place="IR"))
    [counted] = [r for r in data.reports if r.role == "counted"]
    assert (counted.value, counted.counts) == (14, 5) == (14, data.series.points[0].value)


def test_deaths_that_raise_a_toll_are_not_counted_again(store: Store) -> None:
    """"The toll rose to 19 after four of the wounded died": the four are inside the 19."""
    load(store, ("t1", "Radio Dabanga", "2024-06-09",
                 "The death toll from Thursday's shelling of the Abu Shouk camp in El Fasher, North Darfur, rose "
                 "to 19 on 8 June 2024 after four of the wounded died in hospital, camp coordinators said."))
    assert month(store, "killed", "SD", "2024-06") == (19, 19, 19)


def test_households_are_not_counted_as_people(store: Store) -> None:
    """"2,300 households (about 11,500 people)": the series of displaced people counts 11,500, and a
    count of families alone is no count of people."""
    load(store,
         ("h1", "OCHA", "2024-03-05",
          "As of 4 March 2024, some 2,300 households (approximately 11,500 people) were displaced across Myanmar."),
         ("h2", "OCHA", "2024-04-05", "As of 4 April 2024, about 3,100 families were displaced across Myanmar."))
    assert month(store, "displaced", "MM", "2024-03") == (11_500, 11_500, 11_500)
    assert month(store, "displaced", "MM", "2024-04") is None


def test_a_region_report_on_a_day_of_several_incidents_inside_it_is_covered_by_them(store: Store) -> None:
    """A region's toll the day two townships in it each had an attack is their sum, not a third
    event; a region report joins the one incident of a day that has one (as before)."""
    load(store,
         ("s1", "RFA", "2024-03-04",
          "Junta air strikes killed 6 people in Myinmu Township and 3 people in Monywa Township on 3 March 2024, "
          "residents said."),
         ("s2", "Mizzima", "2024-03-04",
          "Nine civilians were killed in junta air strikes in Sagaing Region on 3 March 2024, local sources said."),
         ("s3", "DVB", "2024-03-11", "Junta troops killed 4 villagers in Monywa Township on 10 March 2024."),
         ("s4", "Myanmar Now", "2024-03-11", "Five villagers were killed in Sagaing Region on 10 March 2024."))
    assert month(store, "killed", "MM", "2024-03") == (13, 13, 14)


def test_an_unknown_place_is_told_by_its_own_name_not_the_units_after_it(store: Store) -> None:
    load(store,
         ("g1", "AFP", "2024-08-15",
          "Four soldiers were killed in an ambush in El Plateado, Cauca department, on 14 August 2024, the army said."),
         ("g2", "El Tiempo", "2024-08-16",
          "FARC dissidents killed four soldiers in an ambush in El Plateado, Cauca, on 14 August 2024."))
    assert month(store, "killed", "CO", "2024-08") == (4, 4, 4)


def test_a_stock_of_a_region_named_with_a_direction_word_covers_that_region(store: Store) -> None:
    """"North Darfur" is the region itself, not a northern part of a "Darfur"."""
    load(store, ("d1", "OCHA", "2024-11-02",
                 "In North Darfur state alone, 1.7 million people are displaced, OCHA said on 1 November 2024."))
    assert month(store, "displaced", "SD-DN", "2024-11") == (1_700_000, 1_700_000, 1_700_000)


def test_a_report_of_one_class_of_victims_is_a_part_of_another_reports_count_of_all(store: Store) -> None:
    """"Eight civilians were killed" is inside another outlet's "at least 20 people, including 8
    civilians", not a lower claim of that total; within one article, "4 people as well as 2
    policemen" are two claims (6)."""
    load(store,
         ("k1", "Reuters", "2024-02-08",
          "M23 rebels shelled Minova, South Kivu, killing at least 20 people, including 8 civilians, on 7 February 2024."),
         ("k2", "Radio Okapi", "2024-02-08", "Eight civilians were killed by shelling in Minova, South Kivu, on 7 February 2024."),
         ("k3", "ACLED-style", "2024-02-13",
          "On 12 February 2024, at least 4 people as well as 2 policemen were killed when a protest turned violent in "
          "Bukavu, South Kivu."))
    assert month(store, "killed", "CD", "2024-02") == (26, 26, 26)


def test_a_later_toll_update_supersedes_the_first_count_of_the_incident(store: Store) -> None:
    """"The death toll from Thursday's shooting rose to 9" updates the first day's 6: not a lower
    competing claim to keep, and the three who died of their wounds are inside the 9."""
    load(store,
         ("u1", "AP", "2024-03-15", "Gunmen killed 6 people at a bar in Irapuato, Guanajuato, on 14 March 2024, police said."),
         ("u2", "Reuters", "2024-03-17",
          "The death toll from Thursday's shooting at a bar in Irapuato, Guanajuato, rose to 9 after three of the "
          "wounded died, police said."))
    assert month(store, "killed", "MX", "2024-03")[0] == 9
    # a toll revised up by authorities updates it the same way
    load(store,
         ("u3", "El Tiempo", "2024-06-21",
          "FARC dissidents killed 12 people in an attack on Jamundi, Valle del Cauca, on 20 June 2024, the mayor said."),
         ("u4", "Semana", "2024-06-23",
          "Authorities revised the death toll of Thursday's attack in Jamundi to 14, up from the 12 initially reported."))
    assert month(store, "killed", "CO", "2024-06")[0] == 14
    # ... and so does a toll told with the count it rose from
    load(store,
         ("u5", "AFP", "2024-07-09", "A car bomb killed 31 people at a market in Gao, Mali, on 8 July 2024, officials said."),
         ("u6", "Reuters", "2024-07-10", "The toll of Monday's car bombing at a market in Gao rose from 31 to 36, "
                                         "officials said."))
    assert month(store, "killed", "ML", "2024-07")[0] == 36


def test_a_reviewed_range_counts_its_new_lower_end_and_a_corrected_point_its_value(store: Store) -> None:
    """A review that corrects a range's bounds moves what it counts; one that sets a point
    without bounds counts that point. The series kept in memory is updated in place by a review
    (service.query.series._revalued): it must agree with the views, which recompute."""
    from service.store.writes import record_review

    load(store, ("r3", "ACLED-style", "2020-05-02",
                 "On 2 May 2020, in Taybad, Razavi Khorasan province, Iran, between 5 and 23 migrants drowned "
                 "after border guards pushed them into the Harirud River."))
    assert month(store, "killed", "IR", "2020-05") == (5, 5, 23)
    with store.read() as cur:
        key = cur.execute("SELECT figure_id FROM figures_current WHERE metric = 'killed'").fetchone()[0]

    def view() -> tuple[int, int, int]:
        with store.read() as cur:
            return cur.execute("SELECT sum(value), sum(low), sum(high) FROM flow_series_monthly "
                               "WHERE metric = 'killed'").fetchone()

    record_review(store, key, "correct", value=15, low=8, high=23)
    assert month(store, "killed", "IR", "2020-05") == (8, 8, 23) == view()
    record_review(store, key, "correct", value=12)
    assert month(store, "killed", "IR", "2020-05") == (12, 12, 12) == view()


def test_chart_table_adds_up_and_says_what_was_not_added(store: Store) -> None:
    from service.charts.data import chart_data
    from service.charts.params import make_params

    text = "A junta airstrike on Pazigyi village in Kanbalu Township, Sagaing Region, on 11 April 2023 killed {n} people."
    load(store,
         ("o1", "The Irrawaddy", "2023-04-12", text.format(n="50")),
         ("o2", "Myanmar Now", "2023-04-12", text.format(n="80")),
         ("h1", "Myanmar Now", "2023-04-20",
          "Junta airstrike kills 11 villagers in Magway\n\nA junta airstrike killed 11 villagers, including four "
          "children, in Magway Region on 19 April 2023. Relatives buried the 11 bodies the next day."))
    data = chart_data(store, make_params("killed", place="MM"))
    [point] = data.series.points
    counted = [r for r in data.reports if r.role == "counted"]
    assert sum(r.counts for r in counted) == point.value == 61
    assert sorted(r.value for r in data.reports if r.role == "merged") == [80]
    roles = {(r.role, r.value) for r in data.related}
    assert ("restates", 11) in roles and ("part of", 4) in roles
    shown = {r.figure_id for r in data.reports}
    assert all(r.related_to in shown for r in data.related)


def test_unknown_villages_near_one_known_place_stay_apart_and_its_report_joins_one(store: Store) -> None:
    """Two villages the gazetteer does not know, in one township, the same day: two events, even
    though both resolve to the township. A report naming only the township joins the one village
    incident of its day, and never a day with two."""
    load(store,
         ("v1", "Mizzima", "2023-06-03",
          "Junta troops killed 5 villagers in Kyauk Ka village, Kanbalu Township, Sagaing Region, on 2 June 2023."),
         ("v2", "RFA", "2023-06-03",
          "Junta troops killed 7 villagers in Nyaung Pin Thar village, Kanbalu Township, Sagaing Region, on 2 June 2023."),
         ("v3", "Myanmar Now", "2023-06-11",
          "Junta troops killed 4 villagers in Let Pan Hla village, Kanbalu Township, on 10 June 2023."),
         ("v4", "The Irrawaddy", "2023-06-11",
          "Junta troops killed 6 villagers in Kanbalu Township on 10 June 2023."))
    # 5 + 7 on 2 June; on 10 June the township report (6) is the village's incident (4, 4-6)
    assert month(store, "killed", "MM", "2023-06") == (16, 16, 18)


def test_event_notes_of_two_places_the_gazetteer_does_not_know_stay_two_incidents(store: Store) -> None:
    """Two villages of one district, each named with the units it lies in ("X village (District,
    Province)"), and two parts of one city ("Colonia ..."), the same day: four events, not two."""
    load(store,
         ("m1", "ACLED-style", "2020-05-01",
          "On 1 May 2020, suspected Islamic militants attacked Nacoba village (Quissanga, Cabo Delgado) and killed 20 villagers."),
         ("m2", "ACLED-style", "2020-05-01",
          "On 1 May 2020, suspected Islamic militants attacked Natugo village (Quissanga, Cabo Delgado) and killed 14 villagers."),
         ("x1", "ACLED-style", "2020-04-30",
          "On 30 April 2020, in Tijuana, Baja California, a woman was found dead in Colonia La Esperanza. 1 fatality."),
         ("x2", "ACLED-style", "2020-04-30",
          "On 30 April 2020, in Tijuana, Baja California, a man was found dead in Colonia Jardines la Mesa. 1 fatality."))
    assert month(store, "killed", "MZ", "2020-05") == (34, 34, 34)
    assert month(store, "killed", "MX", "2020-04") == (2, 2, 2)


def test_reports_of_two_unknown_places_of_one_country_stay_apart_and_a_shorter_name_joins(store: Store) -> None:
    """A report placed only in its country because the gazetteer does not know its place joins
    the country's one incident of the day only when that incident was written as the same place."""
    load(store,
         ("l1", "ACLED-style", "2020-04-30",
          "On 30 April 2020, police and soldiers clashed in Bomadi LGA, Nigeria, and 1 soldier was shot and killed."),
         ("l2", "ACLED-style", "2020-04-30",
          "On 30 April 2020, troops killed 3 bandits in Kankara LGA, Katsina state."))
    assert month(store, "killed", "NG", "2020-04") == (4, 4, 4)
    load(store,
         ("k1", "Mizzima", "2023-06-03",
          "Junta troops killed 9 villagers in Kyauk Ka village, Kanbalu Township, Sagaing Region, on 2 June 2023."),
         ("k2", "RFA", "2023-06-03", "Junta troops killed 9 villagers in Kyauk Ka, Myanmar, on 2 June 2023."))
    assert month(store, "killed", "MM", "2023-06") == (9, 9, 9)


def test_a_report_dated_by_its_publication_joins_the_event_of_the_days_before(store: Store) -> None:
    # the second outlet gives no date: its report is about the days up to its publication, and the
    # one event of its place in them is the 2 June killing (before, it was a second incident: 22)
    load(store,
         ("w1", "Myanmar Now", "2023-06-03", "Junta troops killed 11 villagers in Myaing Township on 2 June 2023."),
         ("w2", "RFA", "2023-06-04", "Junta troops killed 11 villagers in Myaing Township, residents said."))
    assert month(store, "killed", "MM", "2023-06") == (11, 11, 11)
    # a report published weeks later is about another event
    load(store, ("w3", "RFA", "2023-06-25", "Junta troops killed 4 villagers in Myaing Township, residents said."))
    assert month(store, "killed", "MM", "2023-06") == (15, 15, 15)


def test_local_areas_of_one_province_on_one_day_stay_apart(store: Store) -> None:
    """Event notes name the local place first, then the province, in several ways: "X area in Y
    province", "at X in Y province", "in X zone (Y region)", "the town of X in the countryside of
    Ar-Y". Each local name tells its event apart: the province's day holds every event, not the
    lowest one."""
    load(store,
         ("s1", "ACLED-style", "2020-05-02",
          "On 2 May 2020, IS militants attacked a PMF brigade at Mukeshefah in Saladin province, where 6 fighters "
          "were killed."),
         ("s2", "ACLED-style", "2020-05-02",
          "On 2 May 2020, IS snipers killed 1 PMF fighter in Tall Ad Dhahab in Saladin province."),
         ("s3", "ACLED-style", "2020-05-02",
          "On 2 May 2020, an IED killed 2 soldiers in the Ghareza area in the limits of Samarra, Saladin province."),
         ("r1", "ACLED-style", "2020-05-01",
          "On 1 May 2020, Turkish forces clashed with QSD fighters in Ein Issa area in Ar-Raqqa province. "
          "4 QSD fighters were killed."),
         ("r2", "ACLED-style", "2020-05-01",
          "On 1 May 2020, gunmen opened fire on QSD fighters in the town of Mansura in the western countryside "
          "of Ar-Raqqa, killing 1 QSD fighter."),
         ("e1", "ACLED-style", "2020-05-03",
          "On 3 May 2020, inter-clan violence erupted in Afdere zone (Somali region), leaving 5 people dead."),
         ("e2", "ACLED-style", "2020-05-03",
          "On 3 May 2020, police shot and killed a civilian in Goday, Shabelle Zone (Somali region)."))
    assert month(store, "killed", "IQ-SD", "2020-05") == (9, 9, 9)
    assert month(store, "killed", "SY-RA", "2020-05") == (5, 5, 5)
    assert month(store, "killed", "ET-SO", "2020-05") == (6, 6, 6)


def test_parts_of_one_city_on_one_day_stay_apart(store: Store) -> None:
    """A city's parts written as compounds ("Mogadishu-Hodan district") or as camps named before
    what they are for are places of their own inside the city: two events, not the lower one."""
    load(store,
         ("b1", "ACLED-style", "2020-05-07",
          "On 7 May 2020, an IED detonated near a police checkpoint in Mogadishu-Dharkenley district "
          "(Dharkenley, Banadir), killing 3 people."),
         ("b2", "ACLED-style", "2020-05-07",
          "On 7 May 2020, Al Shabaab militants shot and killed a soldier in Mogadishu-Hodan district (Hodan, Banadir)."),
         ("i1", "ACLED-style", "2020-05-04",
          "On 4 May 2020, a girl was killed by gunmen in Mazen refugee camp in the outskirts of Kelly in the "
          "northern countryside of Idleb."),
         ("i2", "ACLED-style", "2020-05-04",
          "On 4 May 2020, a landmine exploded in the outskirts of Bara town in Idleb countryside, killing 2 men."))
    assert month(store, "killed", "SO-BN", "2020-05") == (4, 4, 4)
    assert month(store, "killed", "SY-ID", "2020-05") == (3, 3, 3)


def test_a_town_known_without_its_region_counts_in_the_region_written_after_it(store: Store) -> None:
    """The gazetteer holds some towns without their first-level unit (South Sudan's, since its
    states changed); the unit the note writes after the town is where its dead count."""
    load(store, ("ss1", "ACLED-style", "2020-04-29",
                 "On 29 April 2020, four people were killed in revenge attacks between cattle-herding sections in "
                 "the Rumbek area (Lakes state)."))
    assert month(store, "killed", "SS-LK", "2020-04") == (4, 4, 4)


def test_two_sides_killing_at_one_place_on_one_day_are_two_events(store: Store) -> None:
    # different perpetrators are different events (as ACLED codes them), even when neither outlet
    # names a place more precise than the other's; a report naming no one is covered by them
    load(store,
         ("s1", "Premium Times", "2024-07-11",
          "Bandits killed nine villagers in Maradun, Zamfara State, on 10 July 2024, residents said."),
         ("s2", "Daily Trust", "2024-07-11",
          "A Nigerian Air Force airstrike targeting bandits mistakenly killed six civilians in Maradun, "
          "Zamfara State, on 10 July 2024, local leaders said."),
         ("s3", "Channels TV", "2024-07-12",
          "Fifteen civilians were killed in Maradun, Zamfara State, on 10 July 2024, residents said."))
    assert month(store, "killed", "NG-ZA", "2024-07") == (15, 15, 15)
    # and an outlet naming no perpetrator joins the one side named that day
    load(store,
         ("s4", "Mizzima", "2024-05-06",
          "Junta troops killed five villagers during a raid in Kale Township, Sagaing Region, on 5 May 2024."),
         ("s5", "RFA", "2024-05-06",
          "Five villagers were killed in Kale Township, Sagaing Region, on 5 May 2024, residents said."))
    assert month(store, "killed", "MM", "2024-05") == (5, 5, 5)
    # within one article, a third report naming no one is a third event (its relations decide)
    load(store,
         ("s6", "Premium Times", "2024-08-11",
          "Soldiers killed 6 villagers in Gusau, Zamfara State, on 10 August 2024. Bandits killed 3 soldiers in "
          "Gusau, Zamfara State, on 10 August 2024. Two other people were found dead in Gusau, Zamfara State, on "
          "10 August 2024."))
    assert month(store, "killed", "NG-ZA", "2024-08") == (11, 11, 11)


def test_a_countrywide_daily_total_is_covered_by_the_incidents_inside_it(store: Store) -> None:
    # the national roundup sums the governors' reports of that day: not a third event
    load(store,
         ("g1", "Suspilne", "2024-05-11", "Russian shelling killed three civilians in Kharkiv on 10 May 2024, governor Oleh Syniehubov said."),
         ("g2", "Ukrinform", "2024-05-11", "A Russian drone strike killed two civilians in Sumy on 10 May 2024, the regional administration said."),
         ("g3", "Kyiv Independent", "2024-05-11",
          "Russian attacks killed five civilians across Ukraine on 10 May 2024, regional authorities reported."))
    assert month(store, "killed", "UA", "2024-05") == (5, 5, 5)


def test_one_named_victim_is_one_of_another_reports_larger_count(store: Store) -> None:
    load(store,
         ("o1", "El Universal", "2024-06-15", "Gunmen killed two police officers in an ambush in Chilpancingo, Guerrero, on 14 June 2024."),
         ("o2", "Milenio", "2024-06-15",
          "Officer Marco Diaz was killed in an ambush in Chilpancingo, Guerrero, on 14 June 2024, police said."))
    assert month(store, "killed", "MX", "2024-06") == (2, 2, 2)


def test_a_strike_told_as_adding_to_the_wars_toll_is_one_incident_with_its_other_reports(store: Store) -> None:
    load(store,
         ("z1", "Al Jazeera", "2024-08-03",
          "An Israeli strike on a school sheltering displaced families in Gaza City killed 17 people on 3 August 2024, "
          "the Health Ministry said, bringing the overall death toll in Gaza since October 7 to 39,480."),
         ("z2", "WAFA", "2024-08-04",
          "Seventeen people were killed on Saturday when Israeli warplanes bombed a school in Gaza City, medical sources said."))
    assert month(store, "killed", "PS", "2024-08") == (17, 17, 17)


# --- stocks: what a head-count is, and which one stands (issue point 3)

def test_new_displacement_told_for_a_recent_window_never_replaces_the_head_count(store: Store) -> None:
    load(store,
         ("w1", "IOM", "2024-03-05", "As of 3 March 2024, 10.7 million people were internally displaced in Sudan, IOM said."),
         ("w2", "IOM", "2024-03-21", "Clashes displaced about 40,000 people in Sudan over the past week, IOM said."),
         ("w3", "OCHA", "2024-03-28", "Police arrested 30 people in Sudan on Tuesday, OCHA said."))
    assert month(store, "displaced", "SD", "2024-03")[0] == 10_700_000
    assert month(store, "detained", "SD", "2024-03") is None  # arrests of a day are no head-count of detainees


def test_a_possessive_names_the_part_not_the_possessor(store: Store) -> None:
    load(store,
         ("p1", "OCHA", "2024-05-07",
          "As of 6 May 2024, 2.9 million people were displaced in Myanmar, OCHA said."),
         ("p2", "UNHCR", "2024-05-08",
          "As of 6 May 2024, some 900,000 displaced people were in Myanmar's central Dry Zone, UNHCR said."),
         ("p3", "Kyiv Independent", "2024-05-03",
          "In Ukraine's Kharkiv region, 180,000 people are displaced, officials said on 2 May 2024."))
    assert month(store, "displaced", "MM", "2024-05")[0] == 2_900_000  # not the Dry Zone's, a part of it
    assert month(store, "displaced", "UA-63", "2024-05")[0] == 180_000   # Kharkiv's, named after its country
    assert month(store, "displaced", "UA", "2024-05") is None


def test_a_village_stock_is_not_its_townships(store: Store) -> None:
    load(store,
         ("v1", "OCHA", "2024-04-04", "As of 2 April 2024, 45,000 people were displaced in Hpakant Township, Kachin State, OCHA said."),
         ("v2", "Kachin News", "2024-04-20",
          "As of 18 April 2024, about 2,500 displaced people were sheltering in Lone Khin village, Hpakant Township, "
          "volunteers said."))
    assert month(store, "displaced", "MMR001009", "2024-04")[0] == 45_000


def test_a_stock_part_at_its_own_place_is_that_places_stock(store: Store) -> None:
    load(store, ("s1", "OCHA", "2024-05-07",
                 "As of 6 May 2024, 2.9 million people were displaced across Myanmar, including 1.1 million in "
                 "Sagaing Region and 1.5 million children, OCHA said."))
    assert month(store, "displaced", "MM", "2024-05")[0] == 2_900_000
    assert month(store, "displaced", "MM-01", "2024-05")[0] == 1_100_000  # a place of its own
    # the children are a breakdown of the country's stock, never a stock of their own
    assert month(store, "displaced", "MM", "2024-05", group_class="children") is None


def test_on_one_day_a_count_beats_a_rounded_one_and_none_stands_below_a_stated_minimum(store: Store) -> None:
    load(store,
         ("t1", "UNHCR", "2024-07-03", "More than 3 million people were displaced in Myanmar as of 1 July 2024, UNHCR said."),
         ("t2", "OCHA", "2024-07-04", "As of 1 July 2024, 3,042,000 people were internally displaced in Myanmar, OCHA said."),
         ("t3", "IOM", "2024-08-03", "As of 1 August 2024, about 2 million people were displaced in Haiti, IOM said."),
         ("t4", "OCHA", "2024-08-04", "As of 1 August 2024, 2,062,534 people were displaced in Haiti, OCHA said."))
    assert month(store, "displaced", "MM", "2024-07")[0] == 3_042_000  # not "more than 3 million" as 3,000,000
    assert month(store, "displaced", "HT", "2024-08")[0] == 2_062_534  # the count, not the rounded claim


def test_a_round_telling_of_a_head_count_never_stands_for_the_count(store: Store) -> None:
    load(store, ("r1", "UN News", "2024-08-06",
                 "Sudan: 11 million now displaced\n\nThe number of people internally displaced in Sudan has passed "
                 "11 million, IOM said on 5 August 2024. Its latest data show 11,046,000 internally displaced people "
                 "in Sudan as of 4 August 2024."))
    assert month(store, "displaced", "SD", "2024-08")[0] == 11_046_000


def test_a_head_count_stands_on_the_day_its_source_told_it(store: Store) -> None:
    load(store, ("h1", "UNHCR", "2024-05-02",
                 "Uganda is hosting about 1.7 million refugees and Kenya about 800,000, UNHCR said on 30 April 2024."))
    assert month(store, "refugees", "UG", "2024-04")[0] == 1_700_000
    assert month(store, "refugees", "KE", "2024-04")[0] == 800_000
    assert month(store, "refugees", "UG", "2024-05") is None


def test_a_revised_running_total_beats_the_first_count_of_that_day(store: Store) -> None:
    load(store,
         ("c1", "Monitor", "2024-04-03",
          "The monitor said 2,310 civilians had been killed in Sudan since April 2023 as of 31 March 2024."),
         ("c2", "Radio Dabanga", "2024-04-06",
          "The monitor has revised its count to 2,388 civilians killed in Sudan since April 2023 as of "
          "31 March 2024."))
    assert month(store, "killed", "SD", "2024-03", cumulative=True)[0] == 2_388


def test_a_report_over_two_days_is_one_incident_with_a_report_of_its_first_day(store: Store) -> None:
    # "on 3 and 4 March" is the two days of one event: a report of the first day at a village
    # inside the district is the same massacre, its count a competing claim, never added
    load(store,
         ("k1", "Radio Okapi", "2023-03-08",
          "The provincial government said ADF rebels killed 44 civilians in Mukondi, Beni territory, North Kivu, "
          "on 3 March 2023."),
         ("k2", "UN News", "2023-03-09",
          "ADF rebels killed at least 23 civilians in Mukondi and Mausa villages, Beni territory, on 3 and 4 "
          "March 2023, a preliminary UN inquiry found."))
    assert month(store, "killed", "CD-NK", "2023-03") == (23, 23, 44)


def test_an_undated_report_placed_in_its_country_by_an_unknown_name_joins_that_names_incident(store: Store) -> None:
    # the gazetteer knows neither village; one outlet names the province, the other only "northern
    # Mali": the same unknown name in the same country, in the undated report's window, is one event
    load(store,
         ("t1", "Studio Tamani", "2024-09-03",
          "Jihadists killed 14 civilians in Djiguibombo, Mopti region, on 2 September 2024."),
         ("t2", "AFP", "2024-09-04",
          "At least 21 civilians were killed in Djiguibombo, central Mali, local officials said."))
    assert month(store, "killed", "ML", "2024-09") == (14, 14, 21)


def test_a_first_level_units_report_is_covered_by_all_the_incidents_inside_it_that_day(store: Store) -> None:
    # the province's total of the day sums one attack at a place the gazetteer does not know and
    # one at a town it knows: not a third event, and not merged into one of the two
    load(store,
         ("z1", "Radio Okapi", "2024-10-05",
          "CODECO militiamen killed nine civilians in Lopa village, Ituri province, on 4 October 2024."),
         ("z2", "Actualite.cd", "2024-10-05",
          "CODECO militiamen killed five civilians in Bunia, Ituri province, on 4 October 2024, local sources said."),
         ("z3", "AFP", "2024-10-06",
          "CODECO militiamen killed 14 civilians in attacks in Ituri province on 4 October 2024, the army said."))
    assert month(store, "killed", "CD-IT", "2024-10") == (14, 14, 14)


def test_a_claim_the_article_says_is_denied_counts_as_none_to_its_number(store: Store) -> None:
    """"claimed 15 Turkish soldiers died, which has not been confirmed": a claim of 0 to 15 (the
    denial is the lowest claim, as ACLED codes a contested toll), in the series, the view, the
    named query and the chart's table, which says why it counts 0."""
    from service.charts.data import chart_data
    from service.charts.params import make_params
    from service.research.catalogue import get

    load(store, ("t1", "ACLED-style", "2020-05-05",
                 "On 5 May 2020, 3 PKK militants were killed during operations by the Gendarmerie in Dogubeyazit "
                 "district of Agri. HPG also claimed 15 Turkish soldiers died during the clashes, which has not been "
                 "confirmed by any Turkish source."))
    assert month(store, "killed", "TR", "2020-05") == (3, 3, 18)
    with store.read() as cur:
        view = cur.execute("SELECT sum(value), sum(low), sum(high) FROM flow_series_monthly WHERE metric = 'killed'").fetchone()
        q = get("monthly_flow")
        named = cur.execute(q.sql, q.bind({"metric": "killed", "place": "TR", "date_from": "2020-01-01",
                                           "date_to": "2020-12-31"})).fetchone()
        stored = cur.execute("SELECT value, disputed FROM figures_as_of(current_version()) ORDER BY value").fetchall()
    assert view == (3, 3, 18) and named[1:4] == (3, 3, 18)
    assert stored == [(3, False), (15, True)]
    data = chart_data(store, make_params("killed", place="TR"))
    assert sorted((r.value, r.counts, r.disputed) for r in data.reports if r.role == "counted") == [
        (3, 3, False), (15, 0, True)]


# --- roundups and breakdowns told place by place (session 20)

def test_a_roundup_over_the_past_day_is_the_countrys_and_its_oblasts_count_their_own(store: Store) -> None:
    """A lead "killed seven civilians ... over the past day" with no place of its own is the
    country's total, told oblast by oblast after it; a governor's report of the Kherson deaths
    is the same two."""
    load(store,
         ("a1", "Kyiv Independent", "2024-06-10",
          "Russian attacks killed seven civilians and injured 30 over the past day, regional authorities said on "
          "June 10. In Donetsk Oblast, three people were killed. In Kherson Oblast, Russian shelling killed two "
          "people. Two more people were killed in Kharkiv Oblast."),
         ("a2", "Ukrinform", "2024-06-09",
          "Russian shelling killed two residents of Kherson on 9 June 2024, Governor Oleksandr Prokudin said."))
    assert month(store, "killed", "UA", "2024-06") == (7, 7, 7)
    assert month(store, "killed", "UA-65", "2024-06") == (2, 2, 2)
    assert month(store, "injured", "UA-14", "2024-06") is None  # (the 30 are the country's)


def test_a_total_told_place_by_place_meets_another_report_of_one_place(store: Store) -> None:
    """"killed nine people in Dnipropetrovsk Oblast: eight in Dnipro and one in Nikopol" after a
    report of the Dnipro strike's eight: nine in all, not eight to nine."""
    load(store,
         ("a1", "Reuters", "2024-04-19", "A Russian missile strike killed eight people in Dnipro on 19 April 2024, "
                                         "officials said."),
         ("a2", "Ukrinform", "2024-04-20", "Russian attacks killed nine people in Dnipropetrovsk Oblast on 19 April "
                                           "2024: eight in Dnipro and one in Nikopol, the governor said."))
    assert month(store, "killed", "UA-12", "2024-04") == (9, 9, 9)


def test_one_place_written_two_ways_is_one_incident(store: Store) -> None:
    """"Wad al-Nourah village, Al Jazirah State" and "the Wad al-Nourah area of Al Jazirah State"
    the same day: one massacre told by two sources, its claims never summed (lowest 35, highest
    100); two villages of the state that day would stay two."""
    load(store,
         ("a1", "Sudan Tribune", "2024-06-06", "The RSF killed more than 100 civilians in Wad al-Nourah village, "
                                               "Al Jazirah State, on 5 June 2024, the resistance committee said."),
         ("a2", "Reuters", "2024-06-06", "The RSF said it killed 35 people in the Wad al-Nourah area of Al Jazirah "
                                         "State on 5 June 2024."))
    assert month(store, "killed", "SD-GZ", "2024-06") == (35, 35, 100)
