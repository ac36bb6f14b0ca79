"""The extractor on hand-written sentences, one phenomenon per test (no dev-set text here)."""
from __future__ import annotations

from datetime import date

import pytest

from service.extract import EXTRACTOR_VERSION, extract_figures


def figs(text: str, **kw):
    return extract_figures(text, article_id="t", **kw)


def simple(text: str, **kw):
    return [(f.metric, f.value) for f in figs(text, **kw) if not f.vague]


def one(text: str, metric: str, value: int, **kw):
    got = [f for f in figs(text, **kw) if f.metric == metric and f.value == value]
    assert got, (text, simple(text, **kw))
    return got[0]


# ---------------------------------------------------------------- numbers in every form
@pytest.mark.parametrize("text,metric,value", [
    ("Gunmen killed 12 villagers in the market.", "killed", 12),
    ("Seven soldiers were killed in the ambush.", "killed", 7),
    ("Twenty-three people were wounded by shelling.", "injured", 23),
    ("A hundred families fled their homes.", "displaced", 100),
    ("Some 1.2 million people are now internally displaced across the country.", "displaced", 1_200_000),
    ("Police arrested 1,450 protesters across the capital.", "detained", 1450),
    ("Between 20 and 30 villagers were abducted by the militia.", "abducted", 25),
])
def test_number_forms(text: str, metric: str, value: int) -> None:
    one(text, metric, value)


def test_ucdp_bounds_and_gold_qualifiers() -> None:
    f = one("More than 90 fighters were killed in the clashes.", "killed", 90)
    assert (f.low, f.high, f.qualifier) == (91, None, "more than")
    f = one("At least 40 civilians died in the attack.", "killed", 40)
    assert (f.low, f.qualifier) == (40, "at least")
    f = one("Around 2,000 people were killed by the army, the group said.", "killed", 2000)
    assert f.qualifier == "about"
    f = one("Nearly 600 people fled to the border town.", "displaced", 600)
    assert f.qualifier == "nearly"
    f = one("Up to 30 people were feared abducted as the gunmen left.", "abducted", 30)
    assert (f.high, f.qualifier) == (30, "up to")
    f = one("Between 10 and 15 residents were killed overnight.", "killed", 12)
    assert (f.low, f.high, f.qualifier) == (10, 15, "between")


def test_vague_amounts_are_kept_but_marked_vague() -> None:
    got = figs("Dozens of people were killed and hundreds of thousands displaced by the fighting.")
    assert got and all(f.vague for f in got)
    assert {f.value for f in got} == {12, 100_000}
    assert all(f.confidence <= 0.4 for f in got)


# ---------------------------------------------------------------- several figures in a sentence
def test_two_groups_in_one_sentence() -> None:
    text = "More than 90 government soldiers and militia allies and eight rebel fighters were killed, the rebels said."
    a = one(text, "killed", 90)
    b = one(text, "killed", 8)
    assert a.group == "government soldiers and militia allies"
    assert b.group == "rebel fighters"
    assert a.group_class == "state_forces" and b.group_class == "non_state_armed_group"


def test_killed_or_injured_is_one_combined_figure() -> None:
    assert simple("About 45 troops were killed or injured in the raid.") == [("killed_or_injured", 45)]


def test_killed_and_many_injured_is_one_figure() -> None:
    assert simple("Five fighters were killed and many injured when the camp was bombed.") == [("killed", 5)]


@pytest.mark.parametrize("text,expected", [
    ("The blast killed 12 and wounded 30 others.", [("killed", 12), ("injured", 30)]),
    ("The attack left 3 dead and 5 wounded.", [("killed", 3), ("injured", 5)]),
    ("A total of 17 civilians have been killed and 39 injured, the UN said.", [("killed", 17), ("injured", 39)]),
    ("The war has killed at least 40,000 people and displaced 12 million.", [("killed", 40000), ("displaced", 12_000_000)]),
    ("Officials recorded 120 civilian casualties: 40 killed and 80 injured.",
     [("killed_or_injured", 120), ("killed", 40), ("injured", 80)]),
])
def test_coordinated_figures(text: str, expected: list) -> None:
    assert simple(text) == expected


def test_sub_totals_are_separate_figures() -> None:
    got = simple("The strike killed at least 20 people, including five children.")
    assert got == [("killed", 20), ("killed", 5)]
    f = one("The strike killed at least 20 people, including five children.", "killed", 5)
    assert f.group == "children" and f.group_class == "children"


def test_list_items_inherit_the_metric() -> None:
    text = "Some 50,000 people were displaced in the province: 20,000 in Northtown District, 30,000 in Southtown District."
    assert simple(text) == [("displaced", 50000), ("displaced", 20000), ("displaced", 30000)]


# ---------------------------------------------------------------- harm verbs and nouns, voices
@pytest.mark.parametrize("text,metric,value", [
    ("The death toll rose to 45 on Tuesday.", "killed", 45),
    ("The number of people killed in the bombing has reached 61.", "killed", 61),
    ("Soldiers opened fire, killing 12 protesters.", "killed", 12),
    ("Rescuers found 14 bodies in the rubble.", "killed", 14),
    ("There were 114 deaths on Saturday alone.", "killed", 114),
    ("The shelling caused injuries to two children.", "injured", 2),
    ("Some 5,400 new IDPs arrived at the camps.", "displaced", 5400),
    ("About 8,000 refugees crossed into the neighbouring country last week.", "refugees", 8000),
    ("Over 3,000 people fled across the border into Thailand.", "refugees", 3000),
    ("Thirty people were detained and later released.", "detained", 30),
    ("The junta freed 814 prisoners in an amnesty.", "released", 814),
    ("Two aid workers remain missing after the attack.", "missing", 2),
    ("Gunmen kidnapped 19 students from a boarding school.", "abducted", 19),
    ("The army has forcibly recruited 1,000 young men since February.", "conscripted", 1000),
    ("Ten people drowned when the boat capsized.", "killed", 10),
    ("Two hostages were taken to an unknown location.", "abducted", 2),
])
def test_harm_triggers(text: str, metric: str, value: int) -> None:
    one(text, metric, value)


def test_acled_style_event_description() -> None:
    text = "On 3 March 2024, unidentified gunmen killed 4 civilians in Kyaukme town, Shan State."
    f = one(text, "killed", 4, published=date(2024, 3, 10))
    assert f.group == "civilians" and f.group_class == "civilians"
    assert f.perpetrator and "gunmen" in f.perpetrator
    assert f.location and "Kyaukme" in f.location
    assert f.country == "MM"


def test_headline_toll() -> None:
    assert ("killed", 40) in simple("Army air strike on village kills 40: reports\n\nThe strike hit the market.")


# ---------------------------------------------------------------- not figures, ever
@pytest.mark.parametrize("text", [
    "The army plans to enlist 5,000 people a month.",
    "Men aged 18 to 35 must register for service.",
    "He was sentenced to up to five years imprisonment.",
    "The rebels destroyed at least 19 houses and two bridges.",
    "Four fighter jets dropped around 50 bombs on the town.",
    "The fighting began about three years ago, 100 kilometres from the capital.",
    "KNU Brigade 5 said the attack happened in November 2022.",
    "The appeal is only 22 per cent funded, leaving a gap of US$643 million.",
    "Partners reached 3.1 million people with food assistance.",
    "Around 38,000 refugees have returned to their villages.",
    "Protester Ko Ko, 23, told reporters he was afraid.",
    "1,020 people have been issued arrest warrants and are evading arrest.",
    "Of them, 20 were sentenced to death.",
    "The junta has sentenced 7 students to death.",
    "A military court condemned at least 12 activists to death in absentia.",
    "Many of the town's 450 residents fled the village.",
])
def test_non_figures(text: str) -> None:
    assert [f for f in figs(text) if not f.vague] == []


# ---------------------------------------------------------------- who, where, when, who says
def test_perpetrator_from_passive_by_phrase() -> None:
    f = one("Around 2,700 people had been killed by the junta since the coup.", "killed", 2700)
    assert f.perpetrator == "the junta"


def test_attribution_forms() -> None:
    assert one("More than 90 soldiers were killed, according to Karen groups.", "killed", 90).claimed_by == "Karen groups"
    assert one("Forty soldiers were killed, the groups claimed.", "killed", 40).claimed_by == "the groups"
    assert one("The UN said 17 civilians had been killed.", "killed", 17).claimed_by == "The UN"
    assert one("The PDF claimed it had killed at least 43 junta troops.", "killed", 43).claimed_by == "The PDF"


def test_an_apposition_names_the_source_only_when_it_is_one() -> None:
    text = "Militiamen killed 200 people in villages south of Khartoum, a lawyers' group said."
    assert one(text, "killed", 200).claimed_by == "a lawyers' group"
    assert one("Myanmar Now, a news agency, said 80 people were killed.", "killed", 80).claimed_by \
        == "Myanmar Now, a news agency"
    assert one("At least 11 people were shot dead in Nairobi, Amnesty Kenya said.", "killed", 11).claimed_by \
        == "Amnesty Kenya"


def test_beaten_to_death_is_a_killing_unlike_a_death_sentence() -> None:
    assert simple("Soldiers beat 5 villagers to death.") == [("killed", 5)]
    assert simple("The court sentenced 5 villagers to death and jailed 30 others.") == [("detained", 30)]


def test_a_group_never_ends_in_a_preposition() -> None:
    assert one("The clashes forced almost 800 people to flee.", "displaced", 800).group == "people"
    f = one("The attacks killed 134 people and injured 1,200 between May 10 and May 28.", "injured", 1200)
    assert f.group in (None, "people")
    assert one("The junta agreed to release 7,012 prisoners in an amnesty.", "released", 7012).group == "prisoners"


def test_the_rest_of_a_group_after_a_named_victim() -> None:
    f = one("The strike killed Hamas commander Mohammed Deif and 90 others, officials said.", "killed", 90)
    assert f.group == "others" and f.quote.startswith("killed")
    # the named victim is one person more (the dev gold's singular-victim convention)
    assert sorted(simple("Police arrested the party leader and 14 others on Monday.")) == [("detained", 1), ("detained", 14)]
    # the others have a verb of their own: wounded, not killed
    assert sorted(simple("Eight people were killed and 30 others wounded.")) == [("injured", 30), ("killed", 8)]
    assert simple("He met the governor and 12 others.") == []


def test_vague_plurals_are_kept_without_any_digit_in_the_sentence() -> None:
    for text, metric, value in [("Hundreds of people were arrested.", "detained", 100),
                                ("Thousands have fled the fighting.", "displaced", 1000),
                                ("Millions of people have been displaced.", "displaced", 1_000_000)]:
        [f] = figs(text)
        assert (f.metric, f.value, f.vague) == (metric, value, True), text


def test_refugees_are_located_where_they_arrived_not_where_they_came_from() -> None:
    f = one("More than 8,000 people fled from Sudan into Chad.", "refugees", 8000)
    assert (f.location, f.country) == ("Chad", "TD")
    f = one("The number of refugees from Sudan in Chad has reached 600,000.", "refugees", 600_000)
    assert (f.location, f.country) == ("Chad", "TD")


def test_a_breakdown_between_dashes_keeps_its_own_group() -> None:
    f = one("At least 3 people were killed — two women and a child — when a drone struck a house.", "killed", 2)
    assert f.group == "women" and f.group_class == "civilians"
    assert one("Police arrested 40 students in Dhaka.", "detained", 40).group_class == "civilians"
    assert one("Gunmen abducted 287 pupils from a school.", "abducted", 287).group_class == "children"


def test_a_relative_date_opening_the_sentence_is_the_event_date() -> None:
    pub = date(2024, 6, 3)
    f = one("Last month, the military detained 45 young men in Mandalay.", "detained", 45, published=pub)
    assert (f.event_date_start, f.event_date_end) == ("2024-05-01", "2024-05-31")
    f = one("Over new year, 5 people died in clashes in Hpakant.", "killed", 5, published=pub)
    assert (f.event_date_start, f.event_date_end) == ("2023-12-30", "2024-01-02")
    f = one("This week, 12 civilians were killed in shelling.", "killed", 12, published=pub)
    assert f.event_date_start == "2024-06-03"


def test_event_nouns_count_without_being_a_group() -> None:
    for text, metric, value in [("OCHA recorded 35,000 new displacements in Rakhine.", "displaced", 35_000),
                                ("The group documented 40 killings and 12 abductions in May.", "abducted", 12),
                                ("Amnesty documented 13 enforced disappearances.", "missing", 13)]:
        assert one(text, metric, value).group is None, text
    # (killings are counted as incidents, not as the dead: issue #15, "Not conflict casualties")
    assert [f.metric for f in figs("The group documented 40 killings and 12 abductions in May.")] == ["abducted"]
    assert one("UNHCR said 1.3 million Rohingya refugees lived in Bangladesh.", "refugees", 1_300_000).group \
        == "Rohingya refugees"


def test_a_noun_before_the_head_does_not_make_people_things() -> None:
    assert one("JNIM abducted 4 truck drivers near Djibo.", "abducted", 4).group == "truck drivers"
    assert simple("Shelling killed 3 camp residents.") == [("killed", 3)]
    assert simple("The army seized 4 trucks near Djibo.") == []


def test_an_apposition_between_dashes() -> None:
    assert sorted(simple("Nine people — including four children — were killed.")) == [("killed", 4), ("killed", 9)]
    assert one("Nine people - mostly women - were injured.", "injured", 9).group == "people"


def test_the_population_a_fraction_is_taken_of_is_no_figure() -> None:
    assert simple("Half of the 2,000 residents fled.") == []
    assert simple("About 80 per cent of the 300 villagers were displaced.") == []
    assert simple("Some of the 1,000 Rohingya men the military has conscripted have fled.") == [("conscripted", 1000)]


def test_key_figure_bullets_have_no_harm_noun_as_source() -> None:
    got = figs("• 1.2 million people displaced\n• 2,300 civilian deaths verified")
    assert [(f.metric, f.value, f.claimed_by) for f in got] == [("displaced", 1_200_000, None), ("killed", 2300, None)]
    assert got[1].group == "civilians"


def test_an_adjective_or_adverb_is_neither_source_nor_perpetrator() -> None:
    f = one("The military has arrested more than 1,500 people for alleged links to rebels, state media reported.",
            "detained", 1500)
    assert (f.group, f.claimed_by) == ("people", "state media")
    assert one("The regime has forcibly recruited some 14,000 men.", "conscripted", 14_000).perpetrator == "The regime"


def test_at_most_is_an_upper_bound_and_a_bare_number_takes_a_dash_apposition() -> None:
    f = one("At most 12 people were wounded.", "injured", 12)
    assert (f.qualifier, f.low, f.high) == ("up to", None, 12)
    f = one("Nearly 2,000 – mostly women and children – fled to the border.", "displaced", 2000)
    assert f.qualifier == "nearly"


def test_the_possessive_date_is_the_event_and_since_keeps_its_whole_phrase() -> None:
    f = one("The toll from Saturday's attack rose to 41 on Monday.", "killed", 41, published=date(2024, 6, 5))
    assert f.event_date_start == "2024-06-01"
    text = "Since the start of the year, the group has recorded 1,345 civilian deaths."
    assert one(text, "killed", 1345).since == "the start of the year"
    text = "At least 9,000 people have fled to Thailand since fighting erupted last week."
    assert one(text, "refugees", 9000).since == "fighting erupted last week"


def test_since_the_start_of_any_event_keeps_the_event_and_each_figure_its_nearest_since() -> None:
    text = "Nearly 2 million Ukrainians have fled to Poland since the start of the invasion."
    assert one(text, "refugees", 2_000_000).since == "the start of the invasion"
    text = "Some 500 people have been detained since the beginning of the protests, the ministry said."
    assert one(text, "detained", 500).since == "the beginning of the protests"
    text = "At least 9,000 civilians have been killed since the start of Russia's full-scale invasion in February 2022."
    assert one(text, "killed", 9000).since == "the start of Russia's full-scale invasion in February 2022"
    text = ("Armed groups have claimed more than 16,000 civilian and military lives since 2015, according to "
            "the Armed Conflict Location and Event Data project, including more than 5,000 deaths since the start of 2023.")
    assert one(text, "killed", 16_000).since == "2015"
    assert one(text, "killed", 5000).since == "the start of 2023"
    text = "Nearly 18,000 civilians have been displaced since the Brotherhood Alliance began Operation 1027."
    assert one(text, "displaced", 18_000).since == "the Brotherhood Alliance began Operation 1027"


def test_a_count_taken_of_a_larger_one_is_the_predicates() -> None:
    f = one("Four of the five hostages were freed on Saturday; the fifth remains in captivity.", "released", 4)
    assert f.group == "hostages" and f.quote == "Four of the five hostages were freed"
    assert [(g.metric, g.value) for g in figs("Eight of the 20 detainees were released.")] == [("released", 8)]
    # a reduced relative keeps the larger count: the 12 were abducted
    assert [(g.metric, g.value) for g in figs("Three of the 12 people abducted on Monday have escaped.")] == [("abducted", 12)]


def test_nominal_harms_and_raising_verbs_name_their_agent_or_none() -> None:
    text = "Human Rights Watch documented the killing of at least 87 civilians by government forces between January and March."
    f = one(text, "killed", 87)
    assert f.perpetrator == "government forces" and f.claimed_by == "Human Rights Watch"
    assert one("The UN condemned the killing of 12 aid workers.", "killed", 12).perpetrator is None
    text = "The Tigray war, which lasted two years, is estimated to have killed up to 600,000 people."
    assert one(text, "killed", 600_000).perpetrator is None
    text = "Some 3,000 people recently displaced by fighting need shelter."
    f = one(text, "displaced", 3000)
    assert (f.group, f.perpetrator) == ("people", "fighting")


def test_a_capital_that_claims_a_figure_is_not_its_place() -> None:
    f = one("Russian forces abducted at least 19,546 Ukrainian children, according to Kyiv.", "abducted", 19_546)
    assert (f.claimed_by, f.location, f.country) == ("Kyiv", "Ukraine", "UA")
    f = one("Moscow said 30 Ukrainian soldiers were captured near Bakhmut.", "detained", 30)
    assert (f.claimed_by, f.location) == ("Moscow", "Bakhmut")


def test_a_by_phrase_ends_before_the_next_figure() -> None:
    text = ("According to the Assistance Association for Political Prisoners (AAPP), 4,872 people have been killed "
            "by the junta and 26,421 arrested since the coup.")
    assert one(text, "killed", 4872).perpetrator == "the junta"
    assert one(text, "detained", 26_421).claimed_by.endswith("(AAPP)")


def test_a_label_that_counts_things_takes_no_harm() -> None:
    got = figs("Killed: 3 (including 1 child); Injured: 7; Houses burned: 45.")
    assert [(f.metric, f.value) for f in got] == [("killed", 3), ("killed", 1), ("injured", 7)]


def test_soldiers_taken_prisoner_are_captured() -> None:
    f = one("The Arakan Army said it had taken more than 300 junta soldiers prisoner.", "detained", 300)
    assert (f.group, f.low) == ("junta soldiers", 301)


@pytest.mark.parametrize("text,value", [
    ("Fighting has forced 200,000 people from their homes.", 200_000),
    ("Fighting has forced an estimated 200,000 to 250,000 people from their homes.", 225_000),
    ("The violence has driven more than 50,000 people from their homes.", 50_000),
    ("Militants drove 5,000 villagers out of their villages.", 5000),
])
def test_people_forced_or_driven_from_their_homes_are_displaced(text: str, value: int) -> None:
    f = one(text, "displaced", value)
    assert f.group in ("people", "villagers")


def test_forced_from_a_base_is_no_displacement() -> None:
    assert figs("The army forced 300 soldiers from the base.") == []


def test_those_arrested_then_released_are_released() -> None:
    f = one("Nine of those arrested were later released on bail.", "released", 9)
    assert f.quote == "Nine of those arrested were later released"
    f = one("Three of the injured have since died.", "killed", 3)
    assert not f.cumulative  # "have since": an adverb, no running total
    assert [(g.metric, g.value) for g in figs("Two of those detained were students.")] == [("detained", 2)]


def test_a_list_of_casualties_names_each_harm() -> None:
    got = figs("Casualties included 5 dead and 12 injured.")
    assert [(f.metric, f.value) for f in got] == [("killed", 5), ("injured", 12)]


def test_adverbs_and_fronted_participles_are_not_the_subject() -> None:
    assert one("Authorities have so far evacuated 12,000 residents.", "displaced", 12_000).perpetrator == "Authorities"
    f = one("After leaving Dawei City the military then arrested five residents.", "detained", 5)
    assert f.perpetrator == "the military"
    assert one("Ongoing fighting killed 8 people.", "killed", 8).perpetrator == "Ongoing fighting"


def test_scare_quotes_do_not_hide_a_figure() -> None:
    f = one('State media said 15 "terrorists" were killed in clashes.', "killed", 15)
    assert (f.group, f.claimed_by) == ("terrorists", "State media")
    assert one("The army said it killed 15 “terrorists”.", "killed", 15).group == "terrorists"


def test_an_outlet_named_after_its_country_is_a_source() -> None:
    assert one("Myanmar Now reported that 7 villagers were executed.", "killed", 7).claimed_by == "Myanmar Now"
    assert one("Sudan Tribune reported that 40 people were killed.", "killed", 40).claimed_by == "Sudan Tribune"


@pytest.mark.parametrize("text", [
    "The bill would allow authorities to detain up to 500 people without charge.",
    "Militants vowed to kill 20 hostages.",
    "Soldiers tried to arrest 5 men.",
])
def test_powers_threats_and_attempts_are_no_figures(text: str) -> None:
    assert figs(text) == []


@pytest.mark.parametrize("text,expected", [
    ("Over 100 abducted worshippers have been freed.", [("released", 100)]),
    ("The 30 kidnapped students were rescued by troops on Friday.", [("released", 30)]),
    ("Five injured civilians later succumbed to their wounds.", [("killed", 5)]),
    ("At least 12 detained protesters have died in custody.", [("killed", 12)]),
    ("Two of the seven injured soldiers later died in hospital.", [("killed", 2), ("injured", 7)]),
    ("The 12 injured soldiers were evacuated to Yangon.", [("injured", 12)]),
])
def test_what_happened_next_to_people_harmed_before(text: str, expected: list) -> None:
    assert simple(text) == expected


def test_the_earlier_harm_names_the_group() -> None:
    assert one("Over 100 abducted worshippers have been freed.", "released", 100).group == "abducted worshippers"
    assert one("Two of the seven injured soldiers later died.", "killed", 2).group == "soldiers"


@pytest.mark.parametrize("text,expected", [
    ("Twenty-three people were taken to hospital after the blast.", [("injured", 23)]),
    ("Some 3,000 people have been rendered homeless by the fighting.", [("displaced", 3000)]),
    ("The fighting left 6,000 people homeless.", [("displaced", 6000)]),
    ("Twelve bodies were taken to the hospital.", [("killed", 12)]),
    ("The Tatmadaw lost about 200 soldiers in the battle.", [("killed", 200)]),
])
def test_hospital_homeless_and_losses(text: str, expected: list) -> None:
    assert simple(text) == expected


@pytest.mark.parametrize("text", [
    "The court sentenced 29 people to death over the killing of a protester.",
    "UNHCR said it had repatriated 500 refugees from Kenya to Somalia.",
])
def test_convicts_and_returnees_are_no_figures(text: str) -> None:
    assert figs(text) == []


def test_an_auxiliary_or_a_time_adverb_is_no_perpetrator() -> None:
    assert one("The Houthis are holding 13 UN staff.", "detained", 13).perpetrator == "The Houthis"
    assert one("The militants abducted 12 aid workers and later released three of them.", "released", 3).perpetrator is None


@pytest.mark.parametrize("text,perp", [
    ("A junta airstrike on a monastery in Depayin Township, Sagaing Region, on Thursday night killed nine people.", None),
    ("Yesterday troops killed 5 villagers.", "troops"),
    ("Meanwhile soldiers arrested 12 youths.", "soldiers"),
])
def test_a_time_phrase_is_no_perpetrator(text: str, perp) -> None:
    assert figs(text)[0].perpetrator == perp


@pytest.mark.parametrize("group,cls", [
    ("people, including a child", "unknown"), ("civilians including children", "civilians"),
    ("women and children", "civilians"), ("Rohingya men and boys", "civilians"), ("six children", "children"),
    ("child soldiers", "children"),
])
def test_a_group_is_classed_by_who_they_all_are(group: str, cls: str) -> None:
    from service.extract.attributes import group_class

    assert group_class(group) == cls


def test_a_manner_adverb_between_auxiliary_and_verb() -> None:
    text = "Amnesty International said at least 500 people had been extrajudicially executed in the region."
    assert simple(text) == [("killed", 500)]


def test_soldiers_taken_captive_are_detained() -> None:
    f = one("The rebels seized the town and took 2,000 soldiers captive.", "detained", 2000)
    assert f.group == "soldiers"
    assert one("Gunmen took 30 villagers captive.", "abducted", 30).group == "villagers"


@pytest.mark.parametrize("text,value,low,high,qualifier", [
    ("Nearly 2 lakh people have been displaced by the violence.", 200000, None, None, "nearly"),
    ("Over 1.5 lakh people have fled their homes.", 150000, 150001, None, "more than"),
    ("Between 1.1 and 1.3 million people have fled their homes.", 1200000, 1100000, 1300000, "between"),
    ("Forty-odd militants were killed in the operation.", 40, 40, None, "at least"),
])
def test_lakh_decimal_ranges_and_odd(text: str, value: int, low, high, qualifier) -> None:
    f = figs(text)[0]
    assert (f.value, f.low, f.high, f.qualifier) == (value, low, high, qualifier)


def test_more_phrasings_of_losses() -> None:
    f = one("Some 500 families have lost their homes in the fighting.", "displaced", 500)
    assert f.unit == "households"
    assert one("As many as 12 jawans were martyred.", "killed", 12).group_class == "state_forces"
    assert one("Nine more bodies were pulled from the river.", "killed", 9).group is None


def test_a_total_brought_up_has_its_own_start() -> None:
    text = "At least 1,000 people have been killed so far this year, bringing the overall toll since 2015 to 20,000."
    assert one(text, "killed", 1000).since is None
    assert one(text, "killed", 20000).since == "2015"


def test_a_subset_is_not_the_group() -> None:
    f = one("Myanmar junta airstrike kills 40 including children at school", "killed", 40)
    assert f.group is None and f.perpetrator == "Myanmar junta airstrike"


def test_a_group_ends_before_ahead_of_and_similar() -> None:
    assert one("Authorities evacuated 4,000 residents ahead of the offensive.", "displaced", 4000).group == "residents"


def test_reported_killed_and_report_labels_name_no_source() -> None:
    assert one("15 civilians reported killed by shelling.", "killed", 15).claimed_by is None
    got = figs("Incident report: IED strike on a convoy near Gao. 2 peacekeepers killed, 4 wounded.")
    assert [(f.metric, f.value, f.claimed_by) for f in got] == [("killed", 2, None), ("injured", 4, None)]


def test_a_toll_that_passes_a_number() -> None:
    f = one("Israel-Gaza war: Death toll passes 35,000, says Hamas-run health ministry", "killed", 35_000)
    assert f.cumulative and f.claimed_by == "Hamas-run health ministry"


def test_a_semicolon_bounds_the_running_total_clause() -> None:
    got = figs("Over the weekend, clashes killed 8 people; since Friday, 20 have died.", published=date(2024, 6, 5))
    eight, twenty = sorted((f for f in got if f.metric == "killed"), key=lambda f: f.value)
    assert (eight.value, eight.cumulative, eight.event_date_start) == (8, False, "2024-06-01")
    assert (twenty.value, twenty.cumulative, twenty.since) == (20, True, "Friday")


def test_since_and_as_of_keep_the_year_after_a_month() -> None:
    text = "Some 980,000 refugees were in neighbouring countries as of 31 December 2020."
    assert one(text, "refugees", 980_000, published=date(2022, 2, 1)).as_of == "2020-12-31"
    text = "At least 39,000 people have fled to neighbouring countries since 1 February 2021."
    assert one(text, "refugees", 39_000).since == "1 February 2021"
    text = "More than 10 million people have been displaced since April last year, the UN says."
    assert one(text, "displaced", 10_000_000).since == "April last year"


def test_a_subject_too_long_to_bound_is_no_perpetrator() -> None:
    text = ("The Karenni Human Rights Group said the junta's bombing of a camp for displaced people in Demoso "
            "township on Friday killed 4 IDPs.")
    assert one(text, "killed", 4).perpetrator == "the junta's bombing"


def test_fractions_of_a_scale_word() -> None:
    f = one("Nearly half a million people have fled the fighting.", "displaced", 500_000)
    assert (f.qualifier, f.quote.startswith("Nearly half a million")) == ("nearly", True)
    assert simple("A quarter of a million people are displaced.") == [("displaced", 250_000)]
    assert simple("More than three-quarters of a million people fled.") == [("displaced", 750_000)]


def test_the_dead_included_and_a_shared_predicate() -> None:
    assert sorted(simple("The dead included 14 women and 9 children.")) == [("killed", 9), ("killed", 14)]
    f = one("Six children and their teacher were killed when a shell hit the school.", "killed", 6)
    assert f.group == "children"


def test_who_puts_a_toll_on_it_claims_it_and_a_government_may_claim() -> None:
    got = figs("Local sources put the death toll at 25, while the government said 18 people died.")
    assert sorted((f.value, f.claimed_by) for f in got) == [(18, "the government"), (25, "Local sources")]
    f = one("Israel said it had detained more than 4,000 Palestinians in the West Bank.", "detained", 4000)
    assert f.claimed_by == "Israel"


def test_losses_of_people_are_deaths() -> None:
    f = one("The army claimed 5 rebels were killed, while the rebels said they lost only 2 fighters.", "killed", 2)
    assert (f.group, f.claimed_by) == ("fighters", "the rebels")
    assert simple("The army lost 3 tanks and 300 homes were destroyed.") == []


def test_gone_missing() -> None:
    f = one("A total of 1,234 people have gone missing since 2021.", "missing", 1234)
    assert f.cumulative and f.since == "2021"


def test_table_rows_keep_their_own_place_and_army_units_are_no_place() -> None:
    got = figs("Civilian casualties by region: Sagaing 1,204 killed; Magway 512 killed; Mandalay 301 killed.")
    assert [(f.value, f.location) for f in got] == [(1204, "Sagaing"), (512, "Magway"), (301, "Mandalay")]
    assert one("The army's 33rd Light Infantry Division killed 10 villagers.", "killed", 10).location is None


def test_an_apposition_saying_who_they_all_were() -> None:
    assert one("At least 7 people, all civilians, died.", "killed", 7).group_class == "civilians"
    assert one("Twelve people, all of them children, were killed.", "killed", 12).group_class == "children"


def test_armed_group_names_are_classed_as_armed_groups() -> None:
    f = one("Two People's Defence Force members were captured.", "detained", 2)
    assert f.group_class == "non_state_armed_group"


def test_cumulative_totals_since_and_as_of() -> None:
    text = "By December 2022, 1.1 million people had been displaced since the 2021 coup."
    f = one(text, "displaced", 1_100_000, published=date(2023, 1, 6))
    assert f.cumulative and f.since == "the 2021 coup"
    assert f.location == "Myanmar" or f.country in (None, "MM")


def test_place_resolution_and_inheritance() -> None:
    text = ("Fighting broke out in Kyainseikgyi Township, Karen State, on Monday.\n\n"
            "Five soldiers were killed in the clashes.")
    f = one(text, "killed", 5, published=date(2023, 1, 10))
    assert f.location and "Kyainseikgyi" in f.location
    assert f.country == "MM"
    assert f.admin1 == "MM-13"


def test_event_date_resolved_against_publication_date() -> None:
    f = one("On January 4, soldiers killed 7 villagers in Tanai Township, Kachin State.", "killed", 7,
            published=date(2023, 1, 10))
    assert f.event_date_start == "2023-01-04"


# ---------------------------------------------------------------- provenance, order, version
def test_provenance_and_order() -> None:
    text = ("Myanmar Resistance Steps Up Attacks\n\nGunmen killed 12 villagers on Monday. "
            "The next day 30 people were wounded and 4 abducted, witnesses said.")
    got = figs(text)
    assert got
    for f in got:
        assert text[f.char_start:f.char_end] == f.quote
        assert text[f.sentence_start:f.sentence_end].find(f.quote) >= 0
        assert f.extractor_version == EXTRACTOR_VERSION
        assert 0 < f.confidence <= 1
    assert got == sorted(got, key=lambda f: (f.char_start, f.metric))
    assert got[0].quote == "killed 12 villagers"


def test_confidence_orders_explicit_over_inherited() -> None:
    text = "The strike killed at least 20 people, including five children."
    a, b = figs(text)
    assert a.confidence > b.confidence


@pytest.mark.parametrize("text", ["", " ", "\n\n", "killed", "12", "(", "at least", "-" * 100])
def test_degenerate_inputs(text: str) -> None:
    assert isinstance(figs(text), list)


# ---------------------------------------------------------------- other genres
def test_wire_dateline_is_not_the_event_place() -> None:
    text = "DAKAR, Senegal (AP) — Gunmen killed at least 30 people in an attack on a village in central Mali, officials said."
    f = one(text, "killed", 30)
    assert f.location == "Mali" and f.country == "ML"
    assert f.perpetrator == "Gunmen" and f.claimed_by == "officials"


def test_a_dated_dateline_is_neither_the_event_place_nor_its_date() -> None:
    text = "BANGKOK, 25 April — The junta killed 30 villagers in Sagaing Region on 20 April, residents said."
    f = one(text, "killed", 30, published=date(2025, 4, 25))
    assert f.country == "MM" and f.admin1 == "MM-01"
    assert f.event_date_start == "2025-04-20"
    wire = "PORT SUDAN, June 3 (Reuters) - Gunmen killed 40 people in a camp near El Fasher on Sunday, activists said."
    assert one(wire, "killed", 40, published=date(2025, 6, 3)).event_date_start == "2025-06-01"


def test_the_day_a_source_spoke_is_not_the_event_date() -> None:
    text = ("Air strikes last week killed around 90 people, the health minister said on Tuesday. "
            "Activists said on Monday that 19 women were among the dead after an attack on Sunday.")
    pub = date(2022, 1, 25)
    f = one(text, "killed", 90, published=pub)
    assert (f.event_date_start, f.event_date_end) == ("2022-01-17", "2022-01-23")
    assert one(text, "killed", 19, published=pub).event_date_start == "2022-01-23"
    only = "Police said on Monday that 12 people were killed."
    assert one(only, "killed", 12, published=pub).event_date_start == "2022-01-24"  # the only date there is


def test_captives_who_escaped_are_no_new_abduction() -> None:
    f = one("Police said 12 of the abducted had escaped and returned home by Tuesday.", "released", 12)
    assert f.group is None and f.perpetrator is None  # ("by Tuesday" is a deadline, not an agent)
    assert one("Some 40 people were displaced by fighting by the end of May.", "displaced", 40).perpetrator == "fighting"


def test_a_monitor_in_apposition_and_its_base() -> None:
    text = ("The Syrian Observatory for Human Rights, a Britain-based war monitor, said 17 pro-government fighters "
            "and 9 jihadists died in the clashes.")
    for value in (17, 9):
        f = one(text, "killed", value)
        assert f.claimed_by.startswith("The Syrian Observatory for Human Rights")  # (was "17 pro-government ...")
        assert f.country is None  # where the monitor sits is not the scene
    assert one("“Two were killed,” said one resident.", "killed", 2).claimed_by == "one resident"


def test_none_of_them_is_no_figure() -> None:
    assert figs("None of the 30 passengers was hurt.") == []
    assert simple("Three of the 30 passengers were hurt.") == [("injured", 3)]


def test_taken_hostage_without_an_auxiliary() -> None:
    text = "Israel says 1,200 people were killed in the 7 October attack and 251 taken hostage."
    assert simple(text) == [("killed", 1200), ("abducted", 251)]


def test_key_figure_cells_do_not_share_a_group() -> None:
    f = one("KEY FIGURES: 2.3M people displaced | 450K refugees | 1,200 killed", "killed", 1200)
    assert f.group is None  # (was "refugees", the cell before)


def test_a_modal_ends_the_group() -> None:
    assert one("The UN estimates that as many as 2,000 people may have been killed.", "killed", 2000).group == "people"


def test_sitrep_key_figures_line() -> None:
    text = "Key figures: 3.2M people in need | 1.1M IDPs | 72,000 refugees"
    assert simple(text) == [("displaced", 1_100_000), ("refugees", 72000)]


def test_among_the_dead_were() -> None:
    assert simple("Among the dead were 11 children and four women.") == [("killed", 11), ("killed", 4)]


def test_displaced_across_a_country_stays_displaced() -> None:
    assert simple("An estimated 1.9 million people have been displaced across Myanmar.") == [("displaced", 1_900_000)]


@pytest.mark.parametrize("text,expected", [
    ("Nine killed, 14 wounded in suicide bombing at Kabul mosque", [("killed", 9), ("injured", 14)]),
    ("Death toll in hospital strike rises to 471, ministry says", [("killed", 471)]),
    ("UN: 1 million people displaced by fighting in eastern Congo", [("displaced", 1_000_000)]),
    ("Five killed, 3 missing after boat capsizes off Libya", [("killed", 5), ("missing", 3)]),
])
def test_headlines(text: str, expected: list) -> None:
    assert simple(text) == expected


def test_stock_with_of_whom_sub_total() -> None:
    text = "The regime has arrested more than 25,000 people since the coup, of whom 20,000 remain in detention."
    got = figs(text)
    assert [(f.metric, f.value) for f in got] == [("detained", 25000), ("detained", 20000)]
    assert all(f.cumulative for f in got)
    assert got[0].perpetrator == "The regime" and got[0].since == "the coup"


def test_perpetrator_is_the_head_of_the_subject() -> None:
    f = one("A missile strike on the city of Dnipro killed 12 people, the governor said.", "killed", 12)
    assert f.perpetrator == "A missile strike" and f.claimed_by == "the governor"


def test_fleeing_to_another_country_is_a_refugee_figure() -> None:
    assert simple("Over 750,000 people fled to Bangladesh after the crackdown.") == [("refugees", 750000)]
    assert simple("Nearly 69,000 people have arrived in Chad in just over a month.") == [("refugees", 69000)]
    assert simple("Around 5,000 villagers fled to the nearby town after the shelling.") == [("displaced", 5000)]


def test_acronym_sources_are_spelled_out() -> None:
    text = ("The Royal Thai Government (RTG) opened two shelters.\n\n"
            "The RTG reported that close to 3,000 refugees crossed into Mae Sot.")
    f = one(text, "refugees", 3000)
    assert f.claimed_by == "Royal Thai Government (RTG)"
    assert "Mae Sot" in (f.location or "")


def test_a_long_input_gives_every_figure() -> None:
    # (its time per kB against a short article's is measured by bench/text_speed.py)
    para = "On Monday, soldiers killed 12 villagers in Kyaukme town, witnesses said. Markets were closed.\n\n"
    text = para * 2000  # ~190 kB
    got = figs(text)
    assert len(got) == 2000 and {(f.metric, f.value, f.location) for f in got} == {("killed", 12, "Kyaukme town")}


@pytest.mark.parametrize("text,expected", [
    ("Killed: 12; injured: 30; displaced: 5,000.", [("killed", 12), ("injured", 30), ("displaced", 5000)]),
    ("At least 6 were abducted; 2 later escaped.", [("abducted", 6)]),
    ("Among the six deceased, two were children.", [("killed", 6), ("killed", 2)]),
    ("At least 12 people lost their lives in the attack.", [("killed", 12)]),
    ("The toll stood at 57 dead and 120 wounded.", [("killed", 57), ("injured", 120)]),
    ("Twenty-one people are still unaccounted for.", [("missing", 21)]),
    ("Police arrested 3 suspects and seized 20 rifles.", [("detained", 3)]),
    ("The army said it had killed 'over 100 terrorists' in the operation.", [("killed", 100)]),
])
def test_more_phrasings(text: str, expected: list) -> None:
    assert simple(text) == expected


# ---------------------------------------------------------------- fast paths equal the plain regexes
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_CTX_WORDS = ["city", "City", "of", "Yangon", "Township", "village", "Megacity", "Camp", " " * 15, "\n", "since", "the coup",
              "as of", "So far", "nationwide", "across Myanmar", "today", "have been", "still", "according to", "AAPP",
              "UNHCR", "UN", "Human", "Humanitarian", "UNUN", "İ", "ſ", "\u212a", "x", ",", "."]
_ctx_text = st.lists(st.sampled_from(_CTX_WORDS), max_size=25).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_ctx_text)
def test_context_fast_paths(text: str) -> None:
    from service.extract.frames import places as P
    from service.extract.frames import sources as S
    from service.extract.frames import time as T
    from service.extract.frames.fastcase import lc, lowered

    assert [m.span() for m in P._type_of_matches(text, 0, len(text))] == \
        [m.span() for m in P._TYPE_OF_RE.finditer(text)]
    counts = S._hint_counts(text)
    assert all(counts.get(h, 0) == text.count(h) for h in S._ALL_HINTS)
    low = lowered(text)
    if low is not None:
        for rx in (T._CUM_RE, T._DAY_EVENT, T._STOCK_PRESENT, T._ASOF_RE, S._ACCORDING, S._PLACE_SRC):
            assert [m.span() for m in lc(rx).finditer(low)] == [m.span() for m in rx.finditer(text)], rx.pattern


@pytest.mark.parametrize("source,org", [
    ("UNHCR (via ReliefWeb)", "UNHCR"), ("Assistance Association for Political Prisoners (AAPP)", "AAPP"),
    ("OCHA Myanmar (via Progressive Voice)", "OCHA"), ("Human Rights Foundation of Monland (HURFOM)", "HURFOM"),
    ("Human Rights Watch", "Human Rights Watch"), ("The Irrawaddy", None), ("Donare.info (citing UNHCR)", None),
    ("Al Jazeera (UNHCR)", None), ("UN News", None), ("Reuters", None), (None, None),
])
def test_publisher_monitor(source, org) -> None:
    from service.extract.frames.sources import publisher_monitor

    assert publisher_monitor(source) == org


def test_publisher_is_the_last_resort_source() -> None:
    text = "Some 12,000 people have been displaced in Sagaing Region since January."
    assert one(text, "displaced", 12000).claimed_by is None
    assert one(text, "displaced", 12000, source="UNHCR (via ReliefWeb)").claimed_by == "UNHCR"
    assert one(text, "displaced", 12000, source="The Irrawaddy").claimed_by is None
    said = "Some 12,000 people have been displaced in Sagaing Region, local aid groups said."
    assert one(said, "displaced", 12000, source="UNHCR (via ReliefWeb)").claimed_by == "local aid groups"


@pytest.mark.parametrize("text,expected", [
    ("Three men were burned alive by troops.", [("killed", 3)]),
    ("The junta called up 5,000 reservists.", [("conscripted", 5000)]),
    ("The army has mobilised 3,000 militia members.", [("conscripted", 3000)]),
    ("Soldiers took away 14 men from the village.", [("detained", 14)]),
    ("More than 300,000 people have left the country since the coup.", [("refugees", 300_000)]),
    ("- People held: 87", [("detained", 87)]),
    # a decimal comma before a scale word
    ("About 2,5 million people are displaced.", [("displaced", 2_500_000)]),
    # a full word closing a sentence is no unit label for the next sentence's number
    ("Fighters attacked the IDP camp. 300 families fled.", [("displaced", 300)]),
    # a count of incidents is no count of the dead (the killings of 12 are)
    ("12 killings were documented in the district.", []),
    ("The killings of 12 villagers were documented.", [("killed", 12)]),
])
def test_harm_phrasings_outside_the_first_lexicon(text: str, expected: list) -> None:
    assert simple(text) == expected
