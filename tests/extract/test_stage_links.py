"""The links stage alone (with the candidates and the parse it reads)."""
from __future__ import annotations

from service.extract import extract_figures, parse
from service.extract.candidates import find
from service.extract.links import link
from service.extract.sentences import split


def _links(text: str) -> list[tuple[int, str, str, int, str, bool]]:
    sents = split(text)
    cands = find(sents)
    docs = dict(zip(cands.to_parse, parse.parse(text[slice(*sents.spans[k])] for k in cands.to_parse)))
    return [(x.k, x.link.metric, x.link.how, int(x.link.num.value), text[x.link.trig_start:x.link.trig_end],
             x.victim is not None) for x in link(sents, cands, docs)]


def _got(text: str) -> list[tuple[str, int]]:
    """(metric, value) of each figure the whole extractor gives."""
    return [(f.metric, f.value) for f in extract_figures(text, article_id="t")]


def test_numbers_and_named_victims_are_linked_in_order() -> None:
    text = "Troops killed 12 civilians. Five soldiers were wounded. A farmer was shot dead."
    assert _links(text) == [
        (0, "killed", "a", 12, "killed", False),    # a harm verb before the number
        (1, "injured", "c", 5, "wounded", False),   # a predicate after its noun phrase
        (2, "killed", "v", 1, "shot", True),        # a victim named without a numeral (the parse)
    ]


def test_a_crossing_without_a_border_is_no_figure() -> None:
    assert _links("Some 300 people crossed the river.") == []
    assert [x[1:4] for x in _links("Some 300 people crossed the border into Thailand.")] == [("refugees", "c", 300)]


def test_non_people_are_not_linked() -> None:
    assert _links("Troops burned 19 houses and killed 3 people.") == [(0, "killed", "a", 3, "killed", False)]


def test_a_count_followed_by_its_own_harm_is_that_harms() -> None:
    """Telegraphic tallies: "1 killed 3 injured" is one killed and three injured, not "killed 3"."""
    figs = extract_figures("A mob attacked a youth and 3 others over a land dispute. 1 killed 3 injured.", article_id="t")
    assert sorted((f.metric, f.value) for f in figs) == [("injured", 3), ("killed", 1)]
    # an object with a participle before its noun stays the verb's
    figs = extract_figures("Soldiers killed 3 fleeing villagers.", article_id="t")
    assert [(f.metric, f.value) for f in figs] == [("killed", 3)]


def test_a_collective_noun_of_a_count_and_an_aside_in_brackets_keep_the_link() -> None:
    """ "killed a family of three": the count is the verb's; "left 3 fighters (including the
    director) dead": the bracketed aside sits between the phrase and its predicate."""
    assert _got("Shells killed a family of three in Tripoli.") == [("killed", 3)]
    assert _got("Gunmen abducted a group of 20 farmers.") == [("abducted", 20)]
    assert _got("The attack left 3 fighters (including the director of the council) dead and 6 others "
               "injured.") == [("killed", 3), ("injured", 6)]
    # a count inside the brackets is its own: the aside is no bridge then
    assert ("killed", 12) not in _got("The raid left 3 fighters (12 more were hurt) dead.")


def test_an_escape_is_no_flight_from_harm() -> None:
    """Suspects or gunmen who flee, and whoever "fled the scene", escaped: no displacement."""
    for text in ("Three suspects managed to flee.", "The two gunmen fled the scene.",
                 "Four attackers fled after the shooting."):
        assert extract_figures(text, article_id="t") == [], text
    assert [(f.metric, f.value) for f in extract_figures("About 300 villagers fled to the forest.", article_id="t")] == [
        ("displaced", 300)]


def test_displacement_told_by_a_verb_of_force_active_or_passive() -> None:
    """ "forced 30,000 people from their homes" and "12 million people have been forced from their
    homes" are displacement; forced from cells or positions is not."""
    assert [x[1:4] for x in _links("The fighting has forced 30,000 people from their homes.")] == [("displaced", "a", 30000)]
    assert [x[1:4] for x in _links("More than 12 million people have been forced from their homes since the war "
                                   "began.")] == [("displaced", "a", 12000000)]
    assert [x[1:4] for x in _links("Some 20,000 residents were driven out of their villages.")] == [("displaced", "a", 20000)]
    assert _links("About 300 prisoners were forced from their cells.") == []


def test_a_key_figure_label_names_its_harm_among_other_words() -> None:
    """Sitrep tables: "Displaced people: 135,000", "Civilian deaths reported: 17", "- People held:
    87"; a label without a harm counts nothing ("Health facilities affected: 6")."""
    text = ("Key figures\n\nDisplaced people: 135,000\nCivilian deaths reported: 17\nHealth facilities affected: 6\n"
            "- People held: 87\n")
    assert [x[1:4] for x in _links(text)] == [("displaced", "a", 135000), ("killed", "a", 17), ("detained", "a", 87)]


def test_a_prisoner_exchange_frees_the_people_it_swaps() -> None:
    """ "exchanged 195 prisoners of war", "swapped 90 prisoners": released; "exchanged 300 shells" and
    "exchanged fire" count no one."""
    assert [x[1:4] for x in _links("Russia and Ukraine exchanged 195 prisoners of war each on Wednesday.")] \
        == [("released", "a", 195)]
    assert [x[1:4] for x in _links("The two sides swapped 90 prisoners.")] == [("released", "a", 90)]
    assert _links("The armies exchanged 300 shells overnight.") == []


def test_taken_or_found_dead_is_killed() -> None:
    assert [x[1:4] for x in _links("Two men were captured dead by troops.")] == [("killed", "c", 2)]
    assert [x[1:4] for x in _links("Three soldiers were found dead near the base.")] == [("killed", "c", 3)]


def test_one_count_two_harms_told_one_after_the_other() -> None:
    """ "were abducted and later killed": the three were abducted and the three were killed; "killed
    and wounded" with nothing between is one casualty count."""
    assert [x[1:4] for x in _links("Three villagers were abducted and later killed by the militia.")] == [
        ("abducted", "c", 3), ("killed", "c", 3)]
    assert [x[1:4] for x in _links("One CNL member was detained and later found killed.")] == [
        ("detained", "c", 1), ("killed", "c", 1)]
    assert [x[1:4] for x in _links("Seven militants were killed and wounded.")] == [("killed_or_injured", "c", 7)]


def test_one_count_for_any_of_several_harms_is_casualties() -> None:
    """ "5 PKK militants were killed, injured or captured": not five dead."""
    assert [x[1:4] for x in _links("A total of 5 PKK militants were killed, injured or captured in the operation.")] \
        == [("killed_or_injured", "c", 5)]
    # counts of their own, each with its harm, stay apart
    assert [x[1:4] for x in _links("Three people were killed, 12 injured and 40 arrested.")] == [
        ("killed", "c", 3), ("injured", "c", 12), ("detained", "c", 40)]


def test_a_harm_noun_with_its_own_victims_starts_the_next_item() -> None:
    """ "the killing of 1 policeman and 1 fighter and the injuring of 5 others": the second count
    is killed with the first; "the injuring of" takes its own victims after "of"."""
    figs = extract_figures("Clashes resulted in the killing of 1 member of the police and 1 member of Sharqiya Army "
                           "and the injuring of 5 other fighters.", article_id="t")
    assert [(f.metric, f.value, f.quote) for f in figs] == [
        ("killed", 1, "killing of 1 member of the police"), ("killed", 1, "1 member of Sharqiya Army"),
        ("injured", 5, "injuring of 5 other fighters")]


def test_a_part_of_a_count_after_and_keeps_its_predicate_to_itself() -> None:
    """ "pushed 57 migrants into the river and five of them drowned": the five drowned, not the 57
    (unlike "left 3 fighters and 1 policeman dead", whose two counts share the complement)."""
    assert _got("Guards pushed 57 migrants into the river and five of them drowned.") == [("killed", 5)]
    assert _got("Gunmen seized 40 travellers, two of them died later.") == [("abducted", 40), ("killed", 2)]
    assert _got("The attack left 3 fighters and 1 policeman dead.") == [("killed", 3), ("killed", 1)]


def test_asides_ages_and_counts_of_things_are_not_counts_of_people() -> None:
    """An aside between dashes closes at a dash of its kind (not the hyphen of "two-thirds"); "a
    boy of seven" is an age; a verb right after an apposition's closing comma is its predicate;
    "31 massacres" counts events; a count of places inside a toll's subject is no count."""
    assert _got("More than 200,000 people—over two-thirds of the state's population—have been displaced.") == [
        ("displaced", 200_000)]
    assert _got("Two refugees, an elderly woman and a boy of seven, died in the fire.") == [("killed", 2)]
    assert _got("A boy of seven was among the injured.") == []
    assert _got("Prosecutors linked him to 31 massacres.") == []
    assert _got("The UN estimated that up to 1,400 people may have been killed, 12 to 13 percent of them children.") == [
        ("killed", 1400)]
    assert _got("The death toll from the attacks on three communities in Bokkos has risen to 52.") == [("killed", 52)]
    assert _got("That brought the number of hostages freed to 40.") == [("released", 40)]


def test_harm_told_by_homes_wounds_relocation_and_seizure() -> None:
    """Phrasings of displacement, injury and abduction outside the verb list."""
    assert _got("More than 150,000 people left their homes.") == [("displaced", 150_000)]
    assert _got("Some 300 people abandoned their homes.") == [("displaced", 300)]
    assert _got("The government relocated 600 families.") == [("displaced", 600)]
    assert _got("At least 40 refugees had gunshot wounds.") == [("injured", 40)]
    assert _got("Twelve people suffered serious injuries.") == [("injured", 12)]
    assert _got("A villager was seized by soldiers.") == [("abducted", 1)]
    assert _got("Troops captured a rebel commander.") == [("detained", 1)]
    assert _got("The army seized the town.") == []


def test_a_passive_takes_no_object_and_a_gapped_died_of_keeps_its_verb() -> None:
    """"have been killed in reprisals and more than 30,000 of its supporters detained": the 30,000
    were detained (a passive has no object the count could be); "13 died of asphyxiation and four
    of gunshot wounds": the four died."""
    assert _got("The party says hundreds of its activists have been killed in reprisals and more than 30,000 of its "
               "supporters detained.") == [("killed", 100), ("detained", 30_000)]
    assert _got("Troops killed a commander and 9 others.") == [("killed", 1), ("killed", 9)]
    assert _got("Five died of burns and two of gunshot wounds.") == [("killed", 5), ("killed", 2)]


def test_people_in_jails_or_custody_of_someone_are_held() -> None:
    """"More than 9,000 Palestinians are in Israeli jails", "remain in administrative detention"."""
    assert _got("More than 9,000 Palestinians are in Israeli jails.") == [("detained", 9000)]
    assert _got("Some 3,500 remain in administrative detention.") == [("detained", 3500)]
    assert _got("Five soldiers are in hospital.") == []


def test_a_clause_with_its_own_verb_lends_its_harm_to_no_count_before_it() -> None:
    """A verb of need ends a noun phrase ("19.5 million people need assistance, and 4.8 million
    remain displaced"), and a count the parse gives its own verb ("more than 1,500 prisoners
    escaped") is no item of the list before it, nor the object of a gapped passive ("15 injured")."""
    assert _got("19.5 million people need assistance this year, and 4.8 million remain internally displaced.") == [
        ("displaced", 4_800_000)]
    assert _got("33 inmates were killed and 15 injured, and more than 1,500 prisoners escaped.") == [
        ("killed", 33), ("injured", 15)]
    assert _got("The flooding left around 200 IDPs in dire need of assistance.") == [("displaced", 200)]
    assert _got("Troops killed 12 rebels in Kayah and 5 in Shan.") == [("killed", 12), ("killed", 5)]


def test_a_part_with_its_own_narrower_harm_keeps_it() -> None:
    """"113 civilian casualties, including 29 people killed": 29 killed; "displaced 63,000
    people, including some 10,000 who crossed into Ethiopia": 10,000 crossed a border."""
    assert _got("The UN recorded 113 civilian casualties, including 29 people killed.") == [
        ("killed_or_injured", 113), ("killed", 29)]
    assert _got("The fighting displaced 63,000 people, including some 10,000 who crossed into Ethiopia.") == [
        ("displaced", 63_000), ("refugees", 10_000)]


def test_a_release_asked_for_is_not_done_and_a_dated_release_is() -> None:
    assert _got("I welcome the release on 2 June of 153 detainees by the rebels.") == [("released", 153)]
    assert _got("The Mission calls for the immediate release of 31 soldiers reportedly captured by the militia.") == [
        ("detained", 31)]
    assert _got("Families demanded the release of 20 students.") == []
    assert _got("The army secured the release of 20 hostages.") == [("released", 20)]


def test_wounds_and_care_are_not_people_harmed_or_displaced() -> None:
    """"14 gunshot wounds" counts wounds; the wounded "evacuated to Ouallam" or "to the regional
    hospital" were taken for care."""
    assert _got("His body bore 14 gunshot wounds.") == []
    assert _got("Another 13 people were wounded and evacuated to Ouallam.") == [("injured", 13)]
    assert _got("27 of the wounded had been evacuated to the regional hospital.") == []
    assert _got("Some 3,000 residents were evacuated to safer areas.") == [("displaced", 3000)]


def test_more_predicates_of_tolls_releases_detention_burial_and_flight() -> None:
    assert _got("The number of dead has gone up to 17.") == [("killed", 17)]
    assert _got("Of those abducted, 3,580 have since been rescued or freed.") == [("released", 3580)]
    assert _got("As of December, an estimated 5,200 were held in official detention centres.") == [("detained", 5200)]
    assert _got("We buried 19 people on Monday, a relative said.") == [("killed", 19)]
    assert _got("Cartel fighting drove some 580 villagers across the border into Guatemala.") == [("refugees", 580)]
    assert _got("They killed my two brothers.") == [("killed", 2)]


def test_a_key_figure_label_may_name_its_period_place_counter_and_a_second_harm() -> None:
    """Fact boxes: "Killed since April 2023: at least 126", "Refugees ... in neighbouring countries:
    4.1 million", "Abducted or detained in 2025: 47", "Reported fatalities recorded by ACLED since
    April 2023: ..."; a count of sites or camps is still no count of people."""
    got = _got("Sudan in numbers\nKilled since April 2023: at least 126\nRefugees and asylum-seekers in neighbouring "
               "countries: 4.1 million\nAbducted or detained in 2025: 47\nReported fatalities recorded by ACLED since "
               "April 2023: more than 31,000\n")
    assert got == [("killed", 126), ("refugees", 4_100_000), ("abducted", 47), ("killed", 31_000)]
    assert _got("Key figures\nNumber of IDP sites: 402\nIDP camps in Borno: 250\nFatalities in the table: 3\n") == []


def test_a_toll_that_rose_from_one_count_to_another_is_the_second() -> None:
    """"The toll rose from 31 to 36": 36, not a range of 31 to 36 (which read 33); "from 20 to
    30 people were killed" is still a range."""
    assert _got("The toll rose from 31 to 36.") == [("killed", 36)]
    assert _got("The number of displaced rose sharply from 20,000 to 35,000.") == [("displaced", 35_000)]
    assert _got("From 20 to 30 people were killed.") == [("killed", 25)]


def test_the_words_of_army_releases_and_missing_persons() -> None:
    """A South Asian army's words for its dead and its enemy's, and the missing whose whereabouts
    are unknown."""
    assert _got("The army said 13 khwarij were sent to hell, while four soldiers embraced shahadat.") == [
        ("killed", 13), ("killed", 4)]
    assert _got("Relatives are searching for 45 people whose whereabouts are unknown.") == [("missing", 45)]
    assert _got("Police seized three firearms.") == []


def test_a_clause_after_a_semicolon_and_a_partitive_with_its_own_verb_say_their_own_harm() -> None:
    assert _got("The prosecutor referred the names of 274 suspects to the judiciary; 31 have been arrested so far.") \
        == [("detained", 31)]
    assert _got("Police said 14 of the abductees had been rescued on Monday.") == [("released", 14)]


def test_a_country_hosting_another_countrys_people_hosts_refugees() -> None:
    """"hosts some 430,000 registered Syrians", "Chad hosts 1.2 million Sudanese"; migrants in
    camps are migrants, and a correction's earlier figure is no claim."""
    assert _got("The kingdom still hosts some 430,000 registered Syrians.") == [("refugees", 430_000)]
    assert _got("Chad hosts 1.2 million Sudanese.") == [("refugees", 1_200_000)]
    assert _got("The town hosted 40 delegates.") == []
    assert _got("Some 20,000 sub-Saharan migrants live in informal camps around Sfax.") == []
    assert _got("Gunmen killed 12 people. Correction: An earlier version of this story said 64 people had been "
                "wounded.") == [("killed", 12)]


def test_a_colon_opens_the_breakdown_of_a_count_over_a_clause_on_it() -> None:
    """"875 Palestinians killed while seeking food: 674 near GHF sites and 201 on the routes"."""
    assert _got("The office said it had recorded 875 Palestinians killed while seeking food: 674 near aid sites and "
                "201 on the routes of aid convoys.") == [("killed", 875), ("killed", 674), ("killed", 201)]
