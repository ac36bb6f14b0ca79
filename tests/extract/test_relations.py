"""Relations between the figures of one article: each person is counted once."""
from __future__ import annotations

from service.extract import extract_figures
from service.extract.figure import figure_key


def rel(text: str) -> list[tuple[str, int, str, str | None]]:
    figs = extract_figures(text, article_id="a")
    keys = {figure_key(f.article_id, f.char_start, f.char_end, f.metric): f.value for f in figs}
    return [(f.metric, f.value, f.relation, None if f.related_to is None else keys[f.related_to]) for f in figs]


def independent_total(text: str, metric: str = "killed") -> int:
    return sum(f.value for f in extract_figures(text, article_id="a")
               if f.metric == metric and f.relation in ("independent", "adds_to") and not f.cumulative and not f.vague)


def test_headline_body_restatement_and_subset() -> None:
    text = ("Junta airstrike kills 11 villagers in Sagaing\n\n"
            "A junta airstrike killed 11 villagers, including four children, on Monday. "
            "Relatives buried the 11 bodies on Tuesday.")
    got = rel(text)
    assert ("killed", 11, "independent", None) in got
    assert ("killed", 11, "restates", 11) in got
    assert ("killed", 4, "part_of", 11) in got
    assert independent_total(text) == 11


def test_event_note_closing_total_restates() -> None:
    text = "On 3 May 2020, armed men killed six civilians in Kaya. 6 fatalities."
    assert independent_total(text) == 6
    assert [r[2] for r in rel(text)] == ["independent", "restates"]


def test_closing_total_sums_what_was_told() -> None:
    text = ("On 8 May 2020, armed men intercepted a vehicle. Three men were killed and six persons were injured. "
            "A fourth person died later. 4 fatalities.")
    assert independent_total(text) == 4


def test_singular_victim_inside_a_count_is_not_counted_again() -> None:
    text = "Nearly 50 people were killed in the strike. The commander of the brigade was also killed in the attack."
    assert independent_total(text) == 50


def test_singular_victims_count_once_each() -> None:
    text = "On 7 May 2020, a man was shot to death by two armed men. The man had been threatened before."
    assert independent_total(text) == 1
    two = "Gunmen killed a farmer in one village. In another village, a teacher was killed."
    assert independent_total(two) == 2


def test_coordinated_victim_adds_to_the_count() -> None:
    text = "Four cadres and a police officer were killed in an exchange of fire."
    assert independent_total(text) == 5


def test_increment_adds_to_running_total() -> None:
    text = "Another 7,000 people fled last week, bringing the total displaced since April to 89,000."
    got = rel(text)
    assert ("displaced", 7000, "adds_to", 89000) in got


def test_same_count_in_two_places_is_two_claims() -> None:
    text = "Three people were killed in Mandalay on Monday. Three people were killed in Yangon on Tuesday."
    assert independent_total(text) == 6


def test_a_pronoun_is_the_person_named_last() -> None:
    """ "He" names the person of the latest victim phrase: a new harm to that person counts (the
    mechanic arrested, then shot dead), the same harm again restates it."""
    text = ("The junta shot local villager Ba Win dead on September 10.\n\n"
            "The military arrested the cycle mechanic, Tun Myint Naing, on September 11. He was shot dead on the "
            "roadside. Tun Myint Naing was at his workshop when he was arrested.")
    assert sorted((m, v) for m, v, r, _ in rel(text) if r == "independent") == [
        ("detained", 1), ("killed", 1), ("killed", 1)]


def test_a_breakdown_by_age_lists_every_group() -> None:
    """A count followed by its own noun or age is the next item of a breakdown, not the second
    of an age pair ("aged 6 and 10")."""
    text = ("The total number of people killed in the airstrike has reached 168: six children aged under five, "
            "19 aged 5 to 14, 5 aged 14 to 18, ten children whose age cannot be identified.")
    assert [(v, r) for m, v, r, _ in rel(text) if m == "killed"] == [
        (168, "independent"), (6, "part_of"), (19, "part_of"), (5, "part_of"), (10, "part_of")]
    assert [(v, r) for m, v, r, _ in rel("Two boys aged 6 and 10 were killed.")] == [(2, "independent")]


def test_partitives_of_victims_are_parts_with_who_they_were() -> None:
    """ "28 of the 75 victims were from the KIA", "Of the remaining victims, six were ..., and
    eight were ...", "Of the dead, 12 were children": parts of the count, each with its group;
    a part with a harm predicate of its own stays the predicate's ("four of the five hostages
    were freed")."""
    figs = extract_figures(
        "A junta airstrike killed 75 people at a concert. 28 of the 75 victims were from the KIA. Of the "
        "remaining victims, six were Kachin ethnic businessmen and eight were members of the National League "
        "for Democracy.", article_id="a")
    assert [(f.value, f.relation, f.group) for f in figs if f.metric == "killed"] == [
        (75, "independent", "people"), (28, "part_of", "KIA"), (6, "part_of", "Kachin ethnic businessmen"),
        (8, "part_of", "members of the National League for Democracy")]
    assert [(m, v, r) for m, v, r, _ in rel("At least 30 people were killed. Of the dead, 12 were children.")] == [
        ("killed", 30, "independent"), ("killed", 12, "part_of")]
    assert ("released", 4) in [(m, v) for m, v, _, _ in rel("Four of the five hostages were freed on Saturday.")]


def test_a_list_of_ages_is_no_count() -> None:
    """ "aged 6, 10 and 12" lists ages however long the list; the count before it stays the count."""
    assert [(m, v) for m, v, _, _ in rel("Victims aged 6, 10 and 12 were killed.")] == []
    assert [(m, v) for m, v, _, _ in rel("Three children aged 4, 7 and 9 were killed and 12 others were injured.")] == [
        ("killed", 3), ("injured", 12)]


def test_a_bare_number_opening_the_next_sentence_counts_some_of_the_people_just_counted() -> None:
    from datetime import date

    from service.extract import extract_figures

    def got(text: str) -> list[tuple]:
        return [(f.metric, f.value, f.relation) for f in extract_figures(text, article_id="t", published=date(2020, 5, 2))]

    assert got("A mob killed two civilians in Goma. One was burnt alive and the other was beaten to death.") == [
        ("killed", 2, "independent"), ("killed", 1, "part_of")]
    assert got("Three soldiers were killed in the ambush. One died in hospital.") == [
        ("killed", 3, "independent"), ("killed", 1, "part_of")]
    # with a day of its own it is another event
    assert got("Troops killed 5 villagers on 3 May 2020. Two were killed on 4 May 2020 in another village.") == [
        ("killed", 5, "independent"), ("killed", 2, "independent")]


def test_among_names_the_part_and_the_count_that_holds_it() -> None:
    # "among them" opens a breakdown of the count before it
    assert rel("At least 18 people, among them six children, were killed.") == [
        ("killed", 18, "independent", None), ("killed", 6, "part_of", 18)]
    assert independent_total("At least 18 people, among them six children, were killed.") == 18
    # "were among" puts a count inside the larger count after it
    assert rel("Four children were among 10 people killed when a shell hit their home.") == [
        ("killed", 4, "part_of", 10), ("killed", 10, "independent", None)]
    # a list item with a harm of its own is not the breakdown's
    text = ("Militants attacked a checkpoint leaving 4 people dead among them 1 police officer and "
            "3 civilians and 9 others injured.")
    assert independent_total(text) == 4 and independent_total(text, "injured") == 9


def test_victims_coordinated_with_a_count_add_to_it() -> None:
    # "A, B and two C": each of the three conjuncts is counted once
    assert independent_total("The rebels killed the district commissioner, his driver and two bodyguards.") == 4
    # the parser reads "a nurse" after "two doctors," as an apposition; one person cannot restate two
    assert independent_total("The strike on the hospital killed two doctors, a nurse and 13 patients.") == 16


def test_counts_coordinated_with_their_places_add_up() -> None:
    # "5,000 in Kachin and 3,000 in Shan": two places, two counts, 8,000 (the 3,000 was read as a part)
    assert independent_total("Fighting displaced 5,000 people in Kachin and 3,000 in Shan.", "displaced") == 8000
    # under "including" they stay the total's parts
    assert independent_total("At least 20 people were killed, including 12 in Sagaing and 8 in Magway.") == 20


def test_a_list_without_its_verb_counts_each_place() -> None:
    # "X hosts N IDPs, Y M and Z K": each count is its own place's claim, labelled by the place before it
    figs = extract_figures("Kachin State hosts 120,000 IDPs, Shan State 80,000 and Sagaing 60,000.", article_id="a")
    assert [(f.value, f.relation, f.admin1) for f in figs] == [
        (120000, "independent", "MM-11"), (80000, "independent", "MM-17"), (60000, "independent", "MM-01")]


def test_some_of_the_victims_are_a_part_whatever_their_own_clause_says() -> None:
    """ "N of the victims" counts people counted before, even with a harm of its own."""
    text = ("On 30 April 2020, ADF fighters killed 5 civilians in a new attack in Oicha (Beni, Nord-Kivu). "
            "At least 2 of the victims, who were beheaded, were Batwa.")
    assert ("killed", 2, "part_of", 5) in rel(text)
    assert independent_total(text) == 5


def test_a_count_told_as_more_people_does_not_hold_a_victim_named_before() -> None:
    """ "shot dead a leader ... Three members of his family were also killed": 1 + 3, and the
    closing total written without a space after the full stop restates them."""
    assert independent_total("Gunmen shot dead a social leader in Cauca. Three members of his family were also "
                             "killed.") == 4
    assert independent_total("Gunmen shot dead a social leader in Cauca. Three members of his family were also "
                             "killed. The motive is not reported.4 fatalities.") == 4


def test_a_breakdown_after_its_total_is_what_counts() -> None:
    """Counts of one sentence that add up to a total told before them break it down: the total
    restates them, so each part keeps its own place and day and no one is counted twice."""
    text = ("Jihadists killed at least 25 soldiers and auxiliaries in an attack on an army post, sources said on "
            "Monday. The assault on Sunday targeted the post at Tawori. \"18 soldiers and seven VDP were killed,\" "
            "one source said.")
    assert rel(text) == [("killed", 25, "restates", 18), ("killed", 18, "independent", None),
                         ("killed", 7, "independent", None)]
    assert independent_total(text) == 25
    # a sentence whose counts do not add up to the total is no breakdown of it
    other = "Gunmen killed 25 villagers in Kaya on Monday. In Djibo, 8 soldiers and 9 police were killed."
    assert independent_total(other) == 42


def test_the_next_item_of_a_breakdown_is_a_part_too() -> None:
    """ "among them five children and their grandmother": the grandmother is one of the 11, like the
    children she is listed with; coordinated with a count outside a breakdown she adds to it."""
    text = ("A strike on a house killed 11 members of the Abu Odeh family, among them five children and their "
            "grandmother, according to the Civil Defence.")
    assert independent_total(text) == 11
    assert independent_total("Four cadres and a police officer were killed.") == 5


def test_some_of_them_between_two_counts_is_a_part_of_the_first() -> None:
    """ "16 were injured, two of them gang members, and 6,270 residents fled": the two are injured;
    the verb after the next count is that count's."""
    got = rel("Sixteen people were seriously injured, two of them gang members, and some 6,270 residents fled.")
    assert got == [("injured", 16, "independent", None), ("injured", 2, "part_of", 16),
                   ("displaced", 6270, "independent", None)]
    # with its own verb and no count between, "two of whom" keeps its harm
    assert ("released", 2, "independent", None) in rel("Six people were arrested, two of whom were later released.")


def test_a_victim_named_as_one_more_or_elsewhere_is_not_inside_a_count() -> None:
    """A victim in a count's paragraph is one of its people, unless the phrase says it is another
    ("Another villager ... died of her wounds") or its own sentence places it in another region."""
    text = ("One person was killed and two were wounded by Russian shelling of Kherson overnight, the regional "
            "administration said. In the Kharkiv region, a 67-year-old man died after a drone hit his car.")
    assert independent_total(text) == 2
    text = ("An airstrike killed nine civilians in Let Yet Kone village on Wednesday. Another villager, a "
            "45-year-old woman, died of her wounds on Thursday.")
    assert independent_total(text) == 10
    # the same region, no "another": one of the nine
    assert independent_total("An airstrike killed nine civilians in Let Yet Kone village on Wednesday. "
                             "A woman died in the strike.") == 9


def test_a_headline_placed_in_the_unit_holding_the_bodys_place_is_restated() -> None:
    """The headline's "Haitian town" holds the body's "Pont-Sonde in Haiti's Artibonite region": one
    claim of 70, told twice."""
    text = ("Gang attack on Haitian town leaves at least 70 dead, UN says\n\nMembers of the Gran Grif gang killed at "
            "least 70 people in an attack on the town of Pont-Sonde in Haiti's Artibonite region, the UN said.")
    assert [r[2] for r in rel(text)] == ["restates", "independent"]  # (the body's telling is the claim)
    assert independent_total(text) == 70


def test_a_headline_naming_its_group_short_restates_the_lead() -> None:
    """ "abduct 287 pupils" and "abducted 287 pupils and teachers" are one claim; the school-by-school
    breakdown that follows is what counts, once (287, not 574)."""
    text = ("Gunmen abduct 287 pupils from Nigerian school\n\nGunmen abducted 287 pupils and teachers from a school "
            "in Kuriga, Kaduna state, on Thursday, residents said.\n\nA teacher said 187 children from the secondary "
            "school and 100 from the primary school were taken. Twenty-five of the abducted pupils later escaped.")
    assert independent_total(text, "abducted") == 287


def test_some_of_the_harmed_are_a_part_only_of_their_own_harm() -> None:
    """ "Twenty-five of the abducted" are some of the abducted; "two of the wounded died" are new
    dead, and with "raising the death toll to 13" they add to that toll."""
    text = ("Gunmen killed 11 people in a bar in Irapuato on Saturday. Two of the wounded died in hospital on Sunday, "
            "raising the death toll to 13.")
    got = rel(text)
    assert ("killed", 2, "adds_to", 13) in got
    assert independent_total(text) == 13


def test_a_roundup_told_place_by_place_counts_each_place_once() -> None:
    """A national total followed by its regions' counts that add up to it: the regions count, the
    total restates them (7, not 14); a count repeated for another place with its verb left out
    ("Two people were killed in Kostiantynivka and one in Pokrovsk") is that place's own."""
    text = ("Russian attacks kill 7 across Ukraine over past day\n\n"
            "Russian attacks killed seven civilians across Ukraine over the past day, regional authorities said.\n\n"
            "In Donetsk Oblast, Russian shelling killed three people, Governor Vadym Filashkin said. Two people were "
            "killed in Kostiantynivka and one in Pokrovsk.\n\n"
            "In Kharkiv Oblast, a 45-year-old woman was killed in a guided bomb attack on Kharkiv city.\n\n"
            "Russian forces attacked Kherson Oblast over the past day, killing two. In Zaporizhzhia Oblast, one man "
            "was killed.")
    assert independent_total(text) == 7
    assert [(v, r) for m, v, r, _ in rel(text) if v in (2, 1)][:2] == [(2, "independent"), (1, "independent")]
    # counts that do not add up to the total are more people, not its breakdown
    assert independent_total("Attacks killed seven civilians across Ukraine on Monday. In Donetsk Oblast, shelling "
                             "killed three people on Tuesday. In Kharkiv Oblast, two people were killed on "
                             "Tuesday.") == 12
    # counts told for some of its places only, that day, are parts of the total: it counts whole
    text = ("Over the past day, Russian attacks killed 7 civilians across Ukraine, regional authorities said. "
            "In Kharkiv Oblast, two people were killed. In Donetsk Oblast, three people were killed.")
    assert independent_total(text) == 7
    assert [r[2] for r in rel(text)] == ["independent", "part_of", "part_of"]


def test_the_dead_include_breaks_down_the_dead_counted_before() -> None:
    text = ("SOHR documented the deaths of 18 people in clashes in Deir Ezzor on Sunday. The dead include 11 tribal "
            "fighters, five SDF members and two civilians.")
    assert independent_total(text) == 18
    assert [r[2] for r in rel(text)] == ["independent", "part_of", "part_of", "part_of"]


def test_a_range_told_by_one_bound_restates_it() -> None:
    """ "Up to 15,000 killed" (headline) and "Between 10,000 and 15,000 people were killed": one claim."""
    text = ("Up to 15,000 killed in West Darfur city, UN experts say\n\nBetween 10,000 and 15,000 people were killed "
            "in El Geneina last year, according to a UN report.")
    assert [r[2] for r in rel(text)] == ["restates", "independent"]  # (the body's telling is the claim)


def test_they_stand_for_the_count_before_them() -> None:
    """ "abducted 9 regime soldiers ... They later killed them": 9 killed, as many as they stand
    for; the same harm again restates the count ("arrested 12 ... They were arrested at night")."""
    text = "Gunmen abducted 9 regime soldiers from a building in Mzeireb. They later killed them."
    assert [(m, v) for m, v, _, _ in rel(text)] == [("abducted", 9), ("killed", 9)]
    assert independent_total("Police arrested 12 protesters. They were later released.", "released") == 12
    assert independent_total("Troops killed five rebels in the village. They were killed at dawn.") == 5
    # (not a count a sentence between has moved on from: "They" are the deceased named there)
    text = ("Gunmen opened fire on a wedding party, injuring 40 people. The deceased were identified as Ali Khan, 21, "
            "Omar Baig, 24, and Zia Shah, 19. They were shot dead at close range.")
    assert [(m, v) for m, v, _, _ in rel(text)] == [("injured", 40)]


def test_a_fronted_partitive_breaks_down_the_count_before() -> None:
    """ "Of those killed, 212 were women and 150 were children": parts of the 362, however the parser
    hangs the fronted phrase."""
    text = "The airstrike killed 362 people. Of those killed, 212 were women and 150 were children."
    assert rel(text) == [("killed", 362, "independent", None), ("killed", 212, "part_of", 362),
                         ("killed", 150, "part_of", 362)]


def test_a_count_of_another_kind_of_people_does_not_hold_a_victim() -> None:
    """ "two farmers" are not "a driver", while "12 people" hold "a boy"; one more victim listed
    with a count is not the count's total restated."""
    assert rel("Gunmen killed a driver in the camp. Soldiers killed a teacher and two farmers.") == [
        ("killed", 1, "independent", None), ("killed", 1, "independent", None), ("killed", 2, "independent", None)]
    assert independent_total("Gunmen killed a driver in the camp. Soldiers killed a teacher and two farmers.") == 4
    assert independent_total("Gunmen killed 12 people on Monday. A boy was shot dead in the market.") == 12
    # a person named by name may be of any kind
    assert independent_total("Soldiers killed five farmers on Monday. Ko Aung was shot dead in the raid.") == 5
    # "also" adds a person of another kind, and joins one the count can hold
    assert independent_total("Five soldiers were killed in the clash. A farmer was also killed.") == 6
    assert independent_total("At least 12 people were killed in the clash. A child was also killed.") == 12
    # a closing total after its parts still restates them
    assert independent_total("Guards clashed with prisoners, killing one. 11 prisoners were also killed "
                             "(total of 12 fatalities).") == 12


def test_an_attribution_between_a_count_and_its_item_does_not_part_them() -> None:
    assert rel("They have claimed 16,000 lives since 2015, according to the Armed Conflict Location and Event "
               "Data Project (ACLED), including 5,000 since 2023.") == [
        ("killed", 16000, "independent", None), ("killed", 5000, "part_of", 16000)]
    assert rel("Troops killed 40 people, the UN said, including 12 children.") == [
        ("killed", 40, "independent", None), ("killed", 12, "part_of", 40)]
    assert rel("Troops killed 40 people, said the UN, including 12 children.")[1] == ("killed", 12, "part_of", 40)


def test_some_of_them_with_a_harm_of_their_own_are_a_part_of_the_count_before() -> None:
    """"thirty persons were injured ..., three of them received bullet injuries": three of the
    thirty; "five of them were later killed" after an abduction are no part of any killed count."""
    assert rel("Thirty persons were injured after police used force, three of them received bullet injuries.") == [
        ("injured", 30, "independent", None), ("injured", 3, "part_of", 30)]
    assert rel("Gunmen abducted 20 villagers and five of them were later killed.") == [
        ("abducted", 20, "independent", None), ("killed", 5, "independent", None)]
    # ... and a next sentence's "N of them were children" breaks the count down
    assert rel("About 100,600 people crossed into Armenia. About 30,000 of them were children.") == [
        ("refugees", 100_600, "independent", None), ("refugees", 30_000, "part_of", 100_600)]


def test_an_including_item_whose_relative_clause_tells_the_harm_again_is_a_part() -> None:
    """"Three ... were injured, including a captain ... and two other police officers who sustained
    minor injuries": the two are two of the three."""
    assert rel("Three officers were injured, including a captain and two other police officers who sustained "
               "minor injuries.") == [("injured", 3, "independent", None), ("injured", 2, "part_of", 3)]


def test_a_victim_named_last_that_completes_a_breakdown_of_the_total_is_kept() -> None:
    """"killed three people ... killing two women ... A man was killed": the 2 and the man are the
    3 told again in parts (the total restates them, each person is counted once); "One was burnt
    alive and the other was stoned": the other is one of the two, not someone new."""
    got = rel("Drone attacks on the Belgorod region killed three people on Monday, the governor said. A drone struck a "
              "minibus, killing two women, he wrote. A man was killed when a drone dropped an explosive on his car.")
    assert [(m, v, r) for m, v, r, _ in got] == [("killed", 3, "restates"), ("killed", 2, "independent"),
                                                  ("killed", 1, "independent")]
    assert independent_total("A mob killed two civilians in Goma. One was burnt alive and the other was stoned to "
                             "death.") == 2
