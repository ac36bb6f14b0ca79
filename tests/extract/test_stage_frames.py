"""The document frames alone: place, source and time, each asked of a short article."""
from __future__ import annotations

from datetime import date

from service.extract import extract_figures
from service.extract import frames as F
from service.extract.frames import time as T
from service.extract.sentences import split

PUB = date(2024, 3, 20)


def _frames(text: str, source: str | None = None) -> tuple[list[tuple[int, int]], F.Frames]:
    sents = split(text)
    return sents.spans, F.build(sents, title=None, published=PUB, source=source)


def test_place_frame_own_then_inherited_then_country() -> None:
    text = ("Fighting broke out in Mindat Township, Chin State, on Monday. Troops killed 12 villagers.\n\n"
            "Myanmar troops detained 5 people.")
    spans, fr = _frames(text)
    assert fr.place.country == "MM" and fr.place.country_name == "Myanmar"
    own = fr.place.place_for(0, spans[0][0] + 10, False)
    assert [p.text for p in own] == ["Mindat Township", "Chin State"]
    # no place of its own: the nearest earlier one in the paragraph
    assert [p.text for p in fr.place.place_for(1, spans[1][0] + 14, False)] == ["Mindat Township", "Chin State"]
    # a country as an adjective ("Myanmar troops") is no scene: inherited from the paragraph before
    assert [p.text for p in fr.place.place_for(2, spans[2][0] + 24, False)] == ["Mindat Township", "Chin State"]
    # a national running total takes the country (no place chain)
    assert fr.place.place_for(1, spans[1][0] + 14, True) == []


def test_source_frame_own_attribution_then_paragraph_then_publishing_monitor() -> None:
    text = "Troops killed 12 villagers, local sources said. Another 300 people fled."
    spans, fr = _frames(text, source="UNHCR (via ReliefWeb)")
    assert fr.source.attrs(0) == [(spans[0][0] + 28, "local sources")]
    assert fr.source.source_for(0, 14) == "local sources"
    assert fr.source.source_for(1, spans[1][0] + 8) == "local sources"  # its paragraph's source
    text = "Troops killed 12 villagers. Another 300 people fled."
    spans, fr = _frames(text, source="UNHCR (via ReliefWeb)")
    assert fr.source.source_for(1, spans[1][0] + 8) == "UNHCR"  # no attribution: the monitor publishing it
    _, plain = _frames(text, source="The Irrawaddy")
    assert plain.source.source_for(1, spans[1][0] + 8) is None  # a newspaper is never the source


def test_source_frame_reporting_subject_and_according_to() -> None:
    text = "The UN refugee agency said 4,000 people had fled. Some 40 were arrested, according to AAPP."
    spans, fr = _frames(text)
    assert fr.source.source_for(0, 27) == "The UN refugee agency"
    assert fr.source.source_for(1, spans[1][0] + 5) == "AAPP"
    # a passive report names its source after "by" (a harm's agent after "by" is no source)
    spans, fr = _frames("The toll of 40 dead was confirmed by hospital officials.")
    assert fr.source.source_for(0, 12) == "hospital officials"
    spans, fr = _frames("Five people were killed by soldiers.")
    assert fr.source.source_for(0, 2) is None
    # "X told Y that": X said it, Y heard it; "figures collected by Y" are Y's
    text = "A spokesman for the Arakan Army told the Associated Press that a jet bombed the village, killing 40."
    spans, fr = _frames(text)
    assert fr.source.source_for(0, text.index("40")) == "A spokesman for the Arakan Army"
    spans, fr = _frames("According to figures collected by The Irrawaddy, 28 of the victims were from the KIA.")
    assert fr.source.source_for(0, 60) == "The Irrawaddy"


def test_time_frame_event_date_and_running_total_paragraph() -> None:
    text = "On Monday, troops killed 12 villagers.\n\nAs of 8 March, 3,000 had fled. Another 1,200 fled."
    spans, fr = _frames(text)
    ev = fr.time.event_date(0, spans[0][0] + 25)
    assert ev is not None and ev.text == "On Monday" and ev.date_start == date(2024, 3, 18)
    assert fr.time.para_cumulative(2) and not fr.time.para_cumulative(0)
    assert fr.time.ref == PUB


def test_time_frame_since_and_as_of() -> None:
    assert T.since_of("More than 3,000 people have been killed since the 2021 coup.", 10) == "the 2021 coup"
    sent = "The death toll has risen to 40,000 since April."
    assert T.is_cumulative(sent, "killed", sent)
    sent = "Troops killed 12 villagers on Monday."
    assert not T.is_cumulative(sent, "killed", sent)
    assert T.resolve_as_of("As of 8 March 2024, 2,000 people were displaced.", None) == "2024-03-08"


def test_a_running_total_starts_at_the_event_its_since_names() -> None:
    """ "since the resumption of hostilities in October 2023", "since the siege began", "since the
    collapse of the ceasefire": an event that starts a count, in words of its own."""
    sent = "Since the resumption of hostilities in October 2023, more than 738,000 people have been displaced."
    assert T.since_of(sent, 60) == "the resumption of hostilities in October 2023"
    assert T.since_of("Since the siege began, 300 people have been killed.", 22) == "the siege began"
    assert T.since_of("At least 1,200 people have been killed since the collapse of the ceasefire in March.", 9) \
        == "the collapse of the ceasefire in March"


def _running(text: str) -> list[tuple[str, bool, bool, str | None]]:
    """(number, own, cumulative, since) for each number of each sentence, in order, as the time
    frame decides them with its running-total memory."""
    import re

    spans, fr = _frames(text)
    run = T.Running()
    out = []
    for k, (s, e) in enumerate(spans):
        for m in re.finditer(r"\d[\d,]*", text[s:e]):
            a, b = s + m.start(), s + m.end()
            how = "d" if text[max(s, a - 10):a].endswith("including ") else "c"
            rt = fr.time.running_total(k, how=how, metric="killed", num=(a, b), quote=(a, b), victim=False, run=run)
            out.append((m.group(), rt.own, rt.cumulative, rt.since))
    return out


def test_time_frame_running_total_own_words_and_continuation() -> None:
    assert _running("Since the 2021 coup, 6,000 civilians have been killed, including 700 children.") == [
        ("2021", True, True, "the 2021 coup"),
        ("6,000", True, True, "the 2021 coup"),
        ("700", True, True, "the 2021 coup")]
    # the toll of one incident is none; "This included" continues the running total before it
    assert _running("The death toll from Monday's attack rose to 12.") == [("12", False, False, None)]
    text = "So far this year, 1,300 people have been killed.\n\nThis included 40 aid workers."
    assert [x[:3] for x in _running(text)] == [("1,300", True, True), ("40", False, True)]
    # (in the paragraph that opens "So far", the 40 would be a running total by its frame)
    assert [x[:3] for x in _running(text.replace("\n\n", " "))] == [("1,300", True, True), ("40", True, True)]


def test_place_frame_body_sentence_never_inherits_a_place_named_later() -> None:
    """A body sentence without a place continues what was said before it: a specific place named
    only paragraphs later is another scene, so the figure stays the country's. A headline, a lead
    whose next paragraph names the place, or a sentence with an unnamed place ("a village") refers
    forward to the story's place."""
    text = ("Myanmar security forces fired on protesters again on Wednesday.\n\n"
            "At least eight people were killed Wednesday, a rights group said.\n\n"
            "Officials gave no figures.\n\n"
            "Police also used stun grenades.\n\n"
            "In Yangon, the main city, witnesses said crowds gathered again.")
    spans, fr = _frames(text)
    assert fr.place.place_for(1, spans[1][0] + 9, False) == []  # the country's, not Yangon's
    text = ("An air strike on a village has killed about 40 people, officials said.\n\n"
            "They said hundreds of houses burned.\n\n"
            "The military has not announced any attack.\n\n"
            "The attack occurred in Kyauk Ni Maw village on Ramree island, in Rakhine state.")
    spans, fr = _frames(text)
    assert [p.text for p in fr.place.place_for(0, spans[0][0] + 30, False)][:1] == ["Kyauk Ni Maw village"]


def test_place_frame_running_total_of_the_storys_event_keeps_its_place() -> None:
    """A running total is the country's unless it counts the story's own event or place ("killed
    in the airstrike has reached 168", "residents have fled the town")."""
    text = ("A junta airstrike hit Pazigyi village in Kanbalu Township on 11 April.\n\n"
            "The total number of people killed in the airstrike has reached 168.\n\n"
            "Nationwide, the number of people killed since the coup has reached 4,000.")
    spans, fr = _frames(text)
    assert [p.text for p in fr.place.place_for(1, spans[1][0] + 60, True)][:1] == ["Pazigyi village"]
    assert fr.place.place_for(2, spans[2][0] + 60, True) == []


def test_place_frame_a_region_inside_an_organisation_name_is_no_place() -> None:
    """ "Kachin Region People’s Defense Force" (typographic apostrophe too) and "Kachin ethnic
    businessmen" name no scene."""
    text = ("The airstrike hit A Nang Pa village in Hpakant Township on Sunday. Members of the Kachin Region "
            "People’s Defense Force were there. Six were Kachin ethnic businessmen.")
    spans, fr = _frames(text)
    assert [p.text for p in fr.place.place_for(2, spans[2][0] + 1, False)][-1:] == ["Hpakant Township"]


def test_an_unknown_place_written_before_a_known_one_is_kept_as_written() -> None:
    from datetime import date

    from service.extract import extract_figures

    def where(text: str) -> tuple:
        f = extract_figures(text, article_id="t", published=date(2020, 5, 1))[0]
        return f.location, f.country, f.admin1

    # the ACLED convention "in X (District, Province)" and the news one "in X, Province"
    assert where("On 1 May 2020, insurgents attacked Nacoba (Macomia, Cabo Delgado), killing 20 civilians.") == (
        "Nacoba", "MZ", "MZ-P")
    assert where("On 2 May 2020, ISWAP fighters killed 17 soldiers in Buni Yadi, Borno.") == (
        "Buni Yadi, Borno", "NG", "NG-BO")
    # a village with a kind word, then the units it lies in, smallest first, in a parenthesis
    assert where("On 4 May 2020, a policeman shot and killed a man in Kibanda village (Idjwi, Sud-Kivu).") == (
        "Kibanda village", "CD", "CD-SK")
    assert where("On 8 May 2020, Al Shabaab killed three civilians in Ceel Buur town (Ceel Buur, Galgaduud).") == (
        "Ceel Buur town", "SO", "SO-GA")
    # a part of a city lies in the city named before it (Bom Jardim is also a town in Pernambuco)
    assert where("On 27 April 2020, in Fortaleza, Ceara, a man was shot dead in Bom Jardim neighborhood.") == (
        "Bom Jardim", "BR", "BR-CE")
    assert where("On 5 May 2020, in Villa de Alvarez, Colima, a man was shot dead in Colonia del Valle.") == (
        "Colonia del Valle", "MX", "MX-COL")
    # units the gazetteer does not know may come first in the parenthesis: the chain runs through it
    assert where("On 1 May 2020, suspected militants attacked Nacoba village (Quissanga, Cabo Delgado) and "
                 "killed 20 villagers.") == ("Nacoba village", "MZ", "MZ-P")
    assert where("On 2 May 2020, ISWAP claimed to have killed 17 soldiers in an IED attack near Buni Yadi "
                 "(Gujiba LGA, Borno).") == ("Buni Yadi", "NG", "NG-BO")
    # a part of a city named after the word for one, unknown to the gazetteer, in the city before it
    assert where("On 30 April 2020, in Tijuana, Baja California, a woman was found dead in Colonia La "
                 "Esperanza.") == ("Colonia La Esperanza", "MX", "MX-BCN")
    # a name after a local unit is the first-level unit it lies in ("Hidalgo" is also a town in
    # Nuevo Leon, "Niger" a country)
    assert where("On 28 April 2020, in Mineral Chico municipality, Hidalgo, a man was shot dead.")[1:] == (
        "MX", "MX-HID")
    assert where("On 7 May 2020, gunmen attacked Kagara (Rafi LGA, Niger) and killed 1 resident.")[1:] == (
        "NG", "NG-NI")
    # a village named after its kind word, then its town and province
    assert where("On 6 May 2020, a drug suspect was killed during a police raid in Barangay Labangal, General "
                 "Santos, South Cotabato.")[1:] == ("PH", "PH-12")
    # ... and where the town's name is also a town in another region, the province written last
    # says which (a province is a second-level unit in the Philippines: Esperanza is also in Masbate)
    assert where("On 30 April 2020, two NPA militants were killed during clashes in Barangay Guibonon, "
                 "Esperanza, Agusan del Sur.")[1:] == ("PH", "PH-13")
    # a place the gazetteer does not know lies in the scene its sentence opens with
    assert where("On 5 May 2020, in Londrina, Parana, a former police officer was shot to death in Lerroville "
                 "district by two armed men.") == ("Lerroville district", "BR", "BR-PR")
    # (not when the sentence sets no scene first)
    assert where("Police shot dead a man in Lerroville district after a raid in Londrina, Parana.")[2] is None
    # a town the gazetteer knows without its region lies in the region its parenthesis names
    assert where("On 8 May 2020, a mob killed a man in Tongaat (eThekwini, KwaZulu-Natal).") == (
        "Tongaat", "ZA", "ZA-KZN")


def test_a_place_of_a_later_count_is_not_the_figures() -> None:
    from datetime import date

    from service.extract import extract_figures

    def places(text: str) -> list[tuple[int, str]]:
        return [(f.value, f.location) for f in extract_figures(text, article_id="t", published=date(2021, 3, 1))]

    # "three of them in Yangon": the part's place, not the total's
    assert places("Security forces killed at least five protesters on Monday, three of them in the city of Yangon.") == [
        (5, "Myanmar"), (3, "Yangon")]
    # a clause of its own ("—while the village of X suffered 31") keeps its place
    got = places("SOHR said the city of Banyas recorded 60 civilian deaths—while the village of Al-Tuwaimah suffered 31 fatalities.")
    assert got == [(60, "city of Banyas"), (31, "village of Al-Tuwaimah")]
    # an "including" aside closed by its comma does not take the place after it
    assert places("Soldiers killed 12 villagers, including 3 children, in Kani Township.") == [
        (12, "Kani Township"), (3, "Kani Township")]


def test_the_lead_frames_a_later_running_total() -> None:
    from datetime import date

    from service.extract import extract_figures

    def got(text: str) -> list[tuple]:
        return [(f.value, f.cumulative, f.since) for f in extract_figures(text, article_id="t", published=date(2024, 5, 1))
                if f.metric == "killed"]

    # "since the war began" in the lead: a later perfect with no day of its own is the war's total
    assert got("Since the war began in April, fighting has spread across Darfur.\n\n"
               "At least 15,000 people have been killed, according to the UN.\n\n"
               "On Monday, shelling killed 12 people in El Fasher.") == [
        (15_000, True, "the war began in April"), (12, False, None)]
    assert got("The conflict, which erupted in April 2023, has killed tens of thousands.\n\n"
               "Some 150,000 people have been killed in Sudan, an envoy said.")[-1][:2] == (150_000, True)
    # without such a lead a perfect is an event
    assert got("Junta troops raided the village on Monday.\n\nThree people have been killed, residents said.") == [
        (3, False, None)]


def test_a_country_before_a_source_noun_is_no_scene() -> None:
    from datetime import date

    from service.extract import extract_figures

    f = extract_figures("Some 150,000 people have been killed in Sudan, US envoy said.", article_id="t",
                        published=date(2024, 5, 1))[0]
    assert f.country == "SD"


def test_a_kind_of_unit_only_one_country_has_names_the_country() -> None:
    from datetime import date

    from service.extract import extract_figures

    def country(text: str) -> str | None:
        return extract_figures(text, article_id="t", published=date(2020, 5, 3))[0].country

    # no place the gazetteer knows, but LGAs are Nigerian, barangays Philippine, upazilas Bangladeshi
    assert country("On 3 May 2020, unidentified gunmen killed 1 resident of Miangu (Bassu LGA, Platoo).") == "NG"
    assert country("On 30 April 2020, three rebels were killed in a firefight in Barangay Camudlas.") == "PH"
    assert country("A student was killed in an attack in Sheikhparu area of Shailkupu upazila.") == "BD"
    # a unit word never outvotes the places the text names
    assert country("Police killed 2 suspects in Kano, Nigeria, near a barangay-style market.") == "NG"


def test_alleged_before_a_noun_is_an_adjective_not_a_source() -> None:
    from service.extract import extract_figures

    def src(text: str) -> str | None:
        return extract_figures(text, article_id="t")[0].claimed_by

    assert src("Indiscriminate shells fired by alleged LNA forces killed three civilians.") is None
    assert src("The opposition alleged that soldiers killed three civilians.") == "The opposition"
    assert src("Soldiers killed three civilians, the opposition alleged.") == "the opposition"


def test_a_pronoun_that_reports_speaks_for_the_source_named_last() -> None:
    """ "He said ...", "according to him": the person named before, not the article's monitor."""
    figs = extract_figures(
        "UN: clashes in Upper Nile\n\nAt least 56 people have been killed in Upper Nile, the UN said.\n\nNasir county "
        "commissioner James Gatluak said 31 soldiers had been killed. He said 8,000 people had crossed the border into "
        "Ethiopia.", article_id="a")
    assert [(f.value, f.claimed_by) for f in figs][-1] == (8000, "Nasir county commissioner James Gatluak")
    figs = extract_figures("Police chief Ahmed Ali said the bomb killed 12 people. According to him, 30 others were "
                           "wounded.", article_id="a")
    assert [f.claimed_by for f in figs] == ["Police chief Ahmed Ali"] * 2


def test_a_running_total_starts_when_its_subject_began() -> None:
    """ "The insurgency, which began in 2017, has killed more than 4,000": the count runs from 2017."""
    figs = extract_figures("The insurgency in Cabo Delgado province, which began in 2017, has killed more than 4,000 "
                           "people and displaced about a million.", article_id="a")
    assert [(f.value, f.cumulative, f.since) for f in figs] == [(4000, True, "2017"), (1000000, True, "2017")]
    (f,) = extract_figures("The war, which erupted in April 2023, has killed at least 15,000 people.", article_id="a")
    assert f.since == "April 2023"


def test_a_running_total_since_fighting_resumed() -> None:
    sent = "More than 200,000 people have been displaced in Rakhine State since fighting resumed in November."
    assert T.since_of(sent, 10) == "fighting resumed in November"


def test_a_place_inside_a_speakers_title_is_not_the_figures() -> None:
    """ "A Tamu Township spokesman said 15 soldiers were killed": the spokesman is the source, his
    township is where he speaks for, not where the soldiers died; a place the sentence names is."""
    (f,) = extract_figures("A Tamu Township spokesman said 15 soldiers were killed.", article_id="a")
    assert (f.claimed_by, f.location) == ("A Tamu Township spokesman", None)
    (f,) = extract_figures("A Tamu Township spokesman said 15 soldiers were killed in Kalay.", article_id="a")
    assert f.location == "Kalay"
    # so is any office named after its area: a district head, a provincial governor
    (f,) = extract_figures("The Taliban district head of intelligence was killed in a raid in Shinwari district, "
                           "Parwan.", article_id="a")
    assert f.place_code == "AF-PAR"
    (f,) = extract_figures("The Nad Ali district governor said 7 civilians were killed in Kandahar.", article_id="a")
    assert f.location == "Kandahar"


def test_an_acronym_in_a_source_is_a_name_not_a_verb() -> None:
    (f,) = extract_figures("The IS group said its fighters killed 20 soldiers.", article_id="a")
    assert f.claimed_by == "The IS group"


def test_a_place_in_the_countryside_of_a_known_one_lies_in_it() -> None:
    """ "the town of Aghtrin in the northern countryside of Aleppo": an unknown town in Aleppo."""
    (f,) = extract_figures("On 1 May 2020, a member of the National Defense Forces was found dead in his house in the "
                           "town of Aghtrin in the northern countryside of Aleppo.", article_id="a")
    assert (f.country, f.admin1) == ("SY", "SY-HL")


def test_an_unknown_place_lies_in_the_units_written_after_its_area() -> None:
    """Event notes place an unknown village by the area around it, then by bracketed units or a
    unit after "center": each of these lies in the first-level unit named last."""
    for text, admin1 in (
            ("On 7 May 2020, 2 civilian men were killed by ADF fighters in the village of Mabatundu in the "
             "Bambuba-Kisiki area (Beni, Nord-Kivu).", "CD-NK"),
            ("On 3 May 2020, 2 NDS members were shot and killed by unknown gunmen in Ghoryan district center, Herat.",
             "AF-HER"),
            ("On 7 May 2020, gunmen shot and killed a QSD fighter in the entrance of Shadadah city in southern "
             "Al-Hasakeh countryside.", "SY-HA"),
            ("On 8 May 2020, four cadres were killed in an exchange of fire near Pardhoni village under Manpur Police "
             "Station limits (Rajnandgaon, Chhattisgarh).", "IN-CG")):
        (f,) = extract_figures(text, article_id="a")
        assert f.admin1 == admin1, text


def test_an_unknown_unit_between_a_place_and_its_province() -> None:
    """ "Barangay Tumantangis, Indanan, Sulu": village, unknown municipality, known province; and
    "Maguindanao", written whole after its 2022 split."""
    (f,) = extract_figures("On 28 April 2020, an Abu Sayyaf militant was killed during a firefight in Barangay "
                           "Tumantangis, Indanan, Sulu.", article_id="a")
    assert (f.country, f.admin1) == ("PH", "PH-14")
    (f,) = extract_figures("On 5 May 2020, two rival clans clashed in Mamasapano, Maguindanao, killing 3 men.",
                           article_id="a")
    assert (f.country, f.admin1) == ("PH", "PH-14")


def test_who_put_the_toll_at_a_number_is_its_source() -> None:
    (f,) = extract_figures("Officials put the death toll at 64 on Tuesday.", article_id="a")
    assert f.claimed_by == "Officials"


def test_a_town_named_by_its_peoples_demonym_is_in_their_country() -> None:
    """ "the Israeli town of Kiryat Shmona" in an article about Lebanon: Israel."""
    figs = extract_figures("Israeli strikes on southern Lebanon killed eight people on Wednesday.\n\nHezbollah fired "
                           "rockets at the Israeli town of Kiryat Shmona, killing one man, Israeli medics said.",
                           article_id="a")
    assert [(f.value, f.country) for f in figs] == [(8, "LB"), (1, "IL")]


def test_a_place_phrase_closing_the_sentence_after_a_comma_scopes_over_every_clause() -> None:
    def places(text: str) -> list[tuple[str, int, str | None]]:
        return [(f.metric, f.value, f.place_code) for f in extract_figures(text, article_id="t", published=PUB)]

    # ", in X." after coordinated clauses is where all of them happened
    assert places("Four soldiers were killed, and nine others were wounded, in Shinwari district, Parwan.") == [
        ("killed", 4, "AF-PAR"), ("injured", 9, "AF-PAR")]
    # without the comma the place phrase is the last clause's own
    got = places("Four soldiers were killed in an ambush, and nine villagers were wounded in Parwan.")
    assert got[1] == ("injured", 9, "AF-PAR") and got[0][2] != "AF-PAR"


def test_an_unknown_place_keeps_its_units_across_another_spelling_and_a_second_mention() -> None:
    from service.extract.frames.places import find_places

    def placed(text: str) -> list[tuple[str, str | None]]:
        return [(p.text, p.admin1) for p in find_places(text, 0, len(text), None)]

    # an event note's other spelling in square brackets stands between a village and its units
    assert placed("Militants killed nine civilians in the village of Zibane [Ziban] (Anzourou, Tillaberi).")[0] == (
        "village of Zibane", "NE-6")
    # a name written before the area of a known place lies in it, and so does the same name
    # written again later ("Mzeireb town" is the Mzeireb placed before)
    text = ("Gunmen abducted 9 soldiers in Mzeireb in the western countryside of Dar'a. They later killed them "
            "near a roundabout in Mzeireb town.")
    assert placed(text) == [("Mzeireb", "SY-DR"), ("Dar'a", "SY-DR"), ("Mzeireb town", "SY-DR")]
    # a different unknown place is not the placed one
    assert placed("Gunmen struck Mzeireb in the countryside of Dar'a. Later, Zabdeen village was shelled.")[-1] == (
        "Zabdeen village", None)


def test_a_paragraph_opening_with_its_date_dates_every_sentence_of_it() -> None:
    # an event note's closing count, four sentences after the date, is the note's event
    text = ("On 8 May 2020, in Petare, a farmer was inside his house. Security forces entered and shot him. "
            "The victim was not a member of any gang. 1 fatality.")
    (f,) = extract_figures(text, article_id="t", published=date(2020, 5, 20))
    assert (f.value, f.event_date_start) == (1, "2020-05-08")
    # a paragraph that opens without a date gives none to a distant sentence
    text = ("In Petare, a farmer was inside his house on 8 May 2020. Security forces entered and shot him. "
            "The victim was not a member of any gang. 1 fatality.")
    (f,) = extract_figures(text, article_id="t", published=None)
    assert f.event_date_start is None


def test_the_toll_of_days_of_fighting_is_a_total_over_them() -> None:
    def got(text: str) -> list[tuple[int, bool]]:
        return [(f.value, f.cumulative) for f in extract_figures(text, article_id="t", published=PUB)]

    assert got("The attack came after days of clashes with gangs in which 8 armed men have died.") == [(8, True)]
    # one battle of a counted span is one incident
    assert got("Rebels killed 40 soldiers in two days of fighting this week.") == [(40, False)]


def test_a_source_after_its_verb_at_the_end_is_the_source() -> None:
    """ ", said the UN.": the words before the comma are not its subject."""
    (f,) = extract_figures("Troops killed 40 people, said the UN.", article_id="a")
    assert f.claimed_by == "the UN"
    (f,) = extract_figures("Troops killed 40 people on Monday, said Ko Aung, a local resident.", article_id="a")
    assert f.claimed_by == "Ko Aung"
    (f,) = extract_figures("Ko Aung, a local resident, said troops killed 40 people.", article_id="a")
    assert f.claimed_by == "Ko Aung, a local resident"


def test_a_landmark_in_an_aside_is_no_scene_to_inherit() -> None:
    text = ("Sagaing Region -- near the country's second-largest city, Mandalay -- has seen heavy fighting. "
            "The Irrawaddy reported that 50 civilians were killed.")
    (f,) = extract_figures(text, article_id="a")
    assert (f.location, f.place_code) == ("Sagaing Region", "MMR005")


def test_an_unknown_place_near_a_known_town_lies_by_it() -> None:
    text = ("In Burkina Faso, 20 people were killed on Sunday in an attack in Nohao, near the town of Bittou, in the "
            "Centre-East region. \"The attack left around 20 people dead,\" a security source said.")
    figs = extract_figures(text, article_id="a")
    assert {(f.location, f.admin1) for f in figs} == {("Nohao, near the town of Bittou, in the Centre-East region", "BF-04")}


def test_a_place_is_no_source_and_a_countrys_ministry_is_the_ministry() -> None:
    text = ("Hospital morgues in and around Goma, eastern Democratic Republic of Congo (DRC), have reported 773 "
            "bodies, according to the DRC's health ministry.")
    (f,) = extract_figures(text, article_id="a")
    assert f.claimed_by == "the DRC's health ministry"
    # an organisation's department is the organisation
    (f,) = extract_figures("AAPP's Documentation Department said 40 people were detained.", article_id="a")
    assert f.claimed_by == "AAPP"


def test_the_unit_across_a_border_is_not_the_scene() -> None:
    # "close to the border with Katsina State": the other side of the line, not where it happened
    for text, admin1 in (
            ("Gunmen attacked Kadawa village in Zurmi LGA, Zamfara State, close to the border with Katsina State. "
             "Six villagers were killed.", "NG-ZA"),
            ("Clashes erupted in Tamu Township, Sagaing Region, along its boundary with Chin State. Two civilians "
             "were killed.", "MM-01")):
        assert [f.admin1 for f in extract_figures(text, article_id="a")] == [admin1]


def test_where_the_harmed_were_taken_is_not_where_they_were_harmed() -> None:
    text = ("At least 32 people were killed in Duk County, Jonglei State, on Saturday. Twenty-four people were "
            "wounded and airlifted to Bor.")
    assert {(f.metric, f.admin1) for f in extract_figures(text, article_id="a")} == {("killed", "SS-JG"),
                                                                                   ("injured", "SS-JG")}
    # nothing tells where they were hurt: the country, not the town they were evacuated to
    text = ("In Burkina Faso, 20 people were killed on Sunday in an attack in Nohao. A security source said "
            "\"around 10 injured\" were evacuated to Bittou.")
    assert {(f.metric, f.location, f.admin1) for f in extract_figures(text, article_id="a")} == {
        ("killed", "Burkina Faso", None), ("injured", "Burkina Faso", None)}


def test_the_day_a_report_came_out_is_not_the_events() -> None:
    for text, day in (("A report published on Monday said 40 people were killed in the attack on 3 March.", "2024-03-03"),
                      ("A UN report released last week said at least 5,601 people were killed in Haiti in 2023.",
                       "2023-01-01")):
        assert [f.event_date_start for f in extract_figures(text, article_id="a", published=PUB)] == [day], text


def test_a_discourse_adverb_between_a_source_and_its_verb_is_not_the_source() -> None:
    for text, source in (("Local sources, however, said at least 30 soldiers were killed.", "Local sources"),
                         ("The army, meanwhile, said 12 militants were killed.", "The army"),
                         ("Police, for their part, said 5 people were arrested.", "Police")):
        assert [f.claimed_by for f in extract_figures(text, article_id="a")] == [source]


def test_who_puts_the_toll_at_a_number_is_its_source() -> None:
    text = "Police said 5 people were killed, while residents put the toll at 9."
    assert [(f.value, f.claimed_by) for f in extract_figures(text, article_id="a")] == [(5, "Police"), (9, "residents")]
    text = "The administrator gave a lower toll of 29 dead."
    assert [f.claimed_by for f in extract_figures(text, article_id="a")] == ["The administrator"]


def test_a_day_earlier_is_the_day_before_the_event_told_before() -> None:
    pub = date(2026, 11, 20)
    for text, day in (("On Wednesday, gunmen killed 5 people in Maru. A day earlier, 3 soldiers were killed in Gusau.",
                       "2026-11-17"),
                      ("Gunmen killed 5 people in Maru on 14 November. The previous day, 3 soldiers were killed.",
                       "2026-11-13"),
                      ("Gunmen killed 5 people in Maru on 14 November. 3 soldiers were killed two days earlier.",
                       "2026-11-12"),
                      # with no event told before, the day before publication
                      ("Three soldiers were killed the previous day.", "2026-11-19")):
        figs = extract_figures(text, article_id="a", published=pub)
        assert figs[-1].event_date_start == day, text


def test_a_claim_another_party_denies_or_has_not_confirmed_is_disputed() -> None:
    """What the text says of a claim, not of who did it: denied after it in its sentence, called
    unverified, or denied as "the claims" in the next sentences of its paragraph."""
    from service.extract import extract_figures

    def disputed(text: str) -> list[tuple[int, bool]]:
        return [(f.value, f.disputed) for f in extract_figures(text, article_id="t") if f.metric == "killed"]

    assert disputed("HPG confirmed 3 PKK fatalities, but also claimed 15 Turkish soldiers died during the clashes, "
                    "which has not been confirmed by any Turkish source.") == [(3, False), (15, True)]
    assert disputed("Security forces fired live rounds and an elderly man was reportedly killed, although this was "
                    "formally denied.") == [(1, True)]
    assert disputed("Unverified social media accounts claimed that six soldiers were killed in the attack.") == [(6, True)]
    assert disputed("The Bago PDF claimed that it stormed a police outpost and killed seven soldiers. Locals said "
                    "only four soldiers were stationed there. The military spokesperson also denied the claims.") \
        == [(7, True)]
    # not a denial of the number: who did it ("denied the allegations"), a reporter's caution, or a
    # denial in another paragraph
    assert disputed("Guards pushed 57 migrants into the river and five of them drowned. The authorities have denied "
                    "the allegations.") == [(5, False)]
    assert disputed("The army claimed it killed 30 militants, which Reuters could not independently verify.") == [(30, False)]
    assert disputed("The rebels claimed they killed 12 soldiers.\n\nThe army denied the claims about its "
                    "convoy.") == [(12, False)]


def test_days_later_date_a_figure_after_the_event_told_before() -> None:
    """"one was released two days later", "released the following day": the day(s) after the
    event its clause or paragraph dates, not that day; a report's day after the figure is not one."""
    pub = date(2026, 3, 5)
    for text, day in (("Two aid workers were abducted on 27 February; one was released two days later.", "2026-03-01"),
                      ("Junta troops arrested seven men on Wednesday. Three of them were released the following day.",
                       "2026-03-05"),
                      ("Gunmen abducted 20 villagers on 27 February. They freed 5 of them the next day.", "2026-02-28"),
                      # (the day a source spoke is not the event's)
                      ("Five people were killed on Monday, the army said two days later.", "2026-03-02")):
        figs = extract_figures(text, article_id="a", published=pub)
        assert figs[-1].event_date_start == day, text


def test_a_war_told_whole_as_the_agent_is_its_running_total() -> None:
    """"The war in Bosnia killed about 100,000 people": the war's total, in the past tense too; a
    conflict that only intensified displaced people in one event."""
    def cum(text: str) -> list[tuple[int, bool]]:
        return [(f.value, f.cumulative) for f in extract_figures(text, article_id="a", published=date(2026, 3, 5))]

    assert cum("The war in Bosnia killed about 100,000 people.") == [(100_000, True)]
    assert cum("The 1992-95 war killed about 100,000 people and drove 2.2 million from their homes.") == [
        (100_000, True), (2_200_000, True)]
    assert cum("Intensifying conflict displaced hundreds in Waingmaw Township.") == [(100, False)]


def test_sources_named_with_dots_possessives_long_names_roles_and_accents() -> None:
    """Who speaks, however the name is written: "the U.N. refugee agency" (not "the U"), "Israel's
    prison service", a long organisation name with a place in it, a role at a place, an accented
    name, "Its spokesman" named."""
    def src(text: str) -> list[str | None]:
        return [f.claimed_by for f in extract_figures(text, article_id="a")]

    assert src("More than 4,000 people fled, according to the U.N. refugee agency.") == ["the U.N. refugee agency"]
    assert src("Israel's prison service says it has freed 1,968 Palestinians.") == ["Israel's prison service"]
    assert src("The Southern Border Provinces Police Operation Centre said 14 suspects had been detained.") == [
        "The Southern Border Provinces Police Operation Centre"]
    assert src("Sixty people were wounded, a health worker at the town's hospital said.") == [
        "a health worker at the town's hospital"]
    assert src("Eight soldiers were killed, government spokesman Wilfried Houngbédji told reporters.") == [
        "government spokesman Wilfried Houngbédji"]
    assert src("Its spokesman Sebby Sambom said the group had shot dead a soldier on Monday.") == [
        "spokesman Sebby Sambom"]


def test_a_country_a_roundup_turns_to_ends_the_scene_of_the_country_before() -> None:
    """"In northern Benin, a patrol ran into an ambush ... Eight soldiers were killed": Benin, not
    the Chad province the paragraph before named."""
    figs = extract_figures("In Chad, Boko Haram fighters attacked an army base in the Lac province, killing 17 soldiers. "
                           "In northern Benin, a patrol ran into an ambush near the W National Park. Eight soldiers were "
                           "killed.", article_id="a")
    assert [(f.value, f.country) for f in figs] == [(17, "TD"), (8, "BJ")]


def test_where_reinforcements_came_from_is_no_scene_for_the_next_sentence() -> None:
    """"brought reinforcements from Idleb and Afrin": the clashes of the next sentence are in
    Jarablus (Aleppo), where the paragraph set them."""
    figs = extract_figures("On 2 May 2020, police clashed with the Sharqiya Army in the town of Jarablus in the northern "
                           "countryside of Aleppo. Ajnad Sharqiya brought reinforcements from Idleb and Afrin in support "
                           "of the Sharqiya Army. Clashes resulted in the killing of 1 member of the police.", article_id="a")
    assert [(f.value, f.admin1) for f in figs] == [(1, "SY-HL")]
    # (nor is any place down the list after "from": Afrin is in Aleppo too)
    assert figs[0].location == "Jarablus in the northern countryside of Aleppo"


def test_the_day_the_next_sentence_says_the_victims_were_attacked_is_the_events() -> None:
    """"..., the military said on Thursday. The victims were attacked on Tuesday afternoon": Tuesday,
    not the day the military spoke."""
    figs = extract_figures("Rebels killed five gold miners in Yahukimo, the military said on Thursday. The victims were "
                           "attacked on Tuesday afternoon, a spokesman said.", article_id="a", published=date(2026, 11, 20))
    assert [(f.value, f.event_date_start) for f in figs] == [(5, "2026-11-17")]


def test_where_someone_came_from_is_never_the_scene_nor_the_storys_country() -> None:
    """"A MINUSCA peacekeeper from Zambia was killed near Obo": not in Zambia, even when nothing
    else is known; "5 workers from Bihar" were not shot in Bihar."""
    def places(text: str) -> list[tuple[str | None, str | None]]:
        return [(f.location, f.country) for f in extract_figures(text, article_id="a")]

    assert places("A MINUSCA peacekeeper from Zambia was killed near Obo on Monday.") == [(None, None)]
    assert places("Militants in Kashmir shot dead 5 workers from Bihar on Monday.") == [(None, None)]
    assert places("Some 300 refugees from Sudan arrived in Chad.") == [("Chad", "TD")]


def test_a_rankings_this_year_dates_no_figure_after_it() -> None:
    """"one of the deadliest days for the border region this year": a ranking, so the next
    paragraph's strike is Monday's, not a figure of the whole year."""
    figs = extract_figures("Drone attacks on the Belgorod region killed three people on Monday in one of the deadliest "
                           "days for the border region this year.\nA drone struck a minibus, killing two women, the "
                           "governor wrote.", article_id="a", published=date(2026, 11, 20))
    assert [(f.value, f.event_date_start, f.event_date_end) for f in figs] == [
        (3, "2026-11-16", "2026-11-16"), (2, "2026-11-16", "2026-11-16")]


def test_an_organisations_figures_are_its_claim() -> None:
    """"according to Armenian government figures": the government's, not nobody's."""
    figs = extract_figures("Another 60 people were wounded, according to Armenian government figures.", article_id="a")
    assert [f.claimed_by for f in figs] == ["Armenian government"]


def test_a_head_count_told_as_still_so_or_registered_is_a_running_state() -> None:
    """"Over 25,000 people still missing" (a headline without its verb), "25,412 people are
    registered as missing": the count of people in that state now, not one day's event."""
    for text in ("Over 25,000 people still missing", "25,412 people are registered as missing."):
        assert [f.cumulative for f in extract_figures(text, article_id="a")] == [True], text


def _where1(text: str) -> list[tuple]:
    return [(f.metric, f.value, f.location, f.admin1) for f in extract_figures(text, article_id="a", published=date(2020, 5, 9))]


def test_a_parenthesis_after_a_town_known_elsewhere_in_its_country_says_which_it_is() -> None:
    """"Kahuta (Haveli district, AJK)": not the Kahuta of Punjab (a homonym the gazetteer knows)."""
    assert _where1("On 30 April 2020, troops clashed in Kahuta (Haveli district, AJK). One soldier was killed.") == [
        ("killed", 1, "Kahuta", "PK-JK")]


def test_a_second_harm_of_the_same_verb_phrase_shares_its_scene() -> None:
    """"killed a family of three, ..., and injured two others in X": both in X (not "five protesters,
    three of them in Yangon", where the place is the later count's)."""
    figs = _where1("On 5 May 2020, shells fired by LNA forces killed a family of three, including a child and a woman, "
                   "and injured two others in Al-Hadba neighborhood in Salah Aldeen (Tripoli).")
    assert [(m, v, a1) for m, v, _, a1 in figs] == [("killed", 3, "LY-TB"), ("injured", 2, "LY-TB")]
    assert _where1("Gunmen killed five protesters on Monday, three of them in Yangon.")[0][3] is None


def test_a_country_naming_a_persons_side_is_no_scene() -> None:
    """"one Pakistan soldier was killed": a nationality, as "Myanmar troops" is, so the scene the
    sentence names stands."""
    figs = _where1("On 30 April 2020, forces exchanged fire at Kahuta sector area (Haveli district, AJK) in which one "
                   "Pakistan soldier was killed.")
    assert [(v, a1) for _, v, _, a1 in figs] == [(1, "PK-JK")]


def test_an_unknown_village_lies_in_the_unit_its_chain_names_later() -> None:
    """Event notes chain a village the gazetteer does not know to what holds it across kind words,
    "within", a comma and an alternative name: each figure counts in the first-level unit written."""
    cases = {
        "On 3 May 2020, unidentified gunmen killed 1 person in Shimilang village of Mangu District in Mangu LGA "
        "(Plateau).": "NG-PL",
        "On 5 May 2020, militants shot and killed a police officer at Dabakayow Madow village neighbourhood in "
        "Mogadishu-Dharkenley district (Dharkenley, Banadir).": "SO-BN",
        "On 2 May 2020, a policeman killed a woman in Njiapanda village, within Zacharia locality (Lubero, "
        "Nord-Kivu).": "CD-NK",
        "On 27 April 2020, 1 soldier was killed when their vehicle was hit by a roadside bomb in the Maidanak village "
        "of Barrah-Khanah area, Chaghcharan (Ferozkoh) city, Ghor.": "AF-GHO",
        "On 4 May 2020, Iraqi forces pursued and killed 3 IS militants in Akashat western Anbar province.": "IQ-AN",
    }
    for text, a1 in cases.items():
        assert [f[3] for f in _where1(text)] == [a1], text
    # (and a local unit keeps its unit in one place: "Sapele LGA (Delta)", not Delta alone)
    figs = _where1("On 27 April 2020, prisoners demonstrated in the Sapele LGA (Delta) over a new policy. Prison guards "
                   "fired gunshots. 5 prisoners were injured.")
    assert [(f[2], f[3]) for f in figs] == [("Sapele LGA", "NG-DE")]


def test_a_towns_name_with_another_kind_word_is_that_kind_of_place() -> None:
    """"Samraong commune", "Lalpur village": not the towns of 15,000 people and more the gazetteer
    knows by those names in other provinces; the unit written last says where they are."""
    figs = _where1("On 29 April 2020, a woman was killed after a rocket exploded in Kandal village, Samraong commune, "
                   "Ou Chrov district of Banteay Meanchey, Cambodia.")
    assert [f[3] for f in figs] == ["KH-1"]
    figs = _where1("On 2 May 2020, police recovered 153 crude bombs in Lalpur village of Bhagabanpur area (East "
                   "Midnapore district, West Bengal) and a person was arrested in this connection.")
    assert [f[3] for f in figs] == ["IN-WB"]


def test_a_gangs_name_is_no_place() -> None:
    """"the Mara Salvatrucha" is a gang, not Tanzania's Mara region."""
    figs = _where1("On 5 May 2020, in El Paisnal (San Salvador), members from the Mara Salvatrucha shot and killed a "
                   "rival gang member.")
    assert [(f[2], f[3]) for f in figs] == [("El Paisnal", "SV-SS")]


def test_someone_from_a_town_said_to_be_in_another_unit_was_not_harmed_there() -> None:
    """"an individual from Afrin in Idleb": executed in Idleb, not in Afrin (Aleppo)."""
    figs = _where1("On 29 April 2020, HTS executed an individual from Afrin in Idleb after a period of detention.")
    assert [(f[2], f[3]) for f in figs] == [("Idleb", "SY-ID")]


def test_goods_taken_away_are_no_abduction() -> None:
    assert _where1("On 7 May 2020, Boko Haram attacked the village of Amchide. They took away two motorcycles and "
                   "clothes.") == []


def test_a_country_in_an_actors_role_is_no_scene() -> None:
    """"a strike attributed to Turkey", "the border with Algeria", "deported from Iran", "the
    former U.S. special envoy", "U.S.-based": the scene is the story's."""
    assert _where1("Clashes continued in northern Iraq's Sinjar district. A drone strike attributed to Turkey killed "
                   "two fighters near Khanasor on Monday.")[0][2:] == ("Sinjar", "IQ-NI")
    assert _where1("Jihadists attacked an army post in northern Mali. Three soldiers were killed on the border with "
                   "Algeria.")[0][2] == "Mali"
    assert _where1("Clashes continued in Iraq. Gunmen killed five villagers, the former U.S. special envoy said.")[0][2] \
        == "Iraq"
    assert _where1("Migrants crossed into Afghanistan. Two migrants deported from Iran were shot dead in Herat on "
                   "Monday.")[0][2:] == ("Herat", "AF-HER")


def test_a_stock_told_in_the_present_is_a_running_state() -> None:
    """"are internally displaced", "continues to detain", "lists ... as disappeared", "still live
    in displacement camps" (not a rate, nor "are missing after the raid")."""
    def cum(text: str) -> list[bool]:
        return [f.cumulative for f in extract_figures(text, article_id="a", published=date(2026, 11, 20))]

    assert cum("More than 450,000 people are internally displaced in the Far North.") == [True]
    assert cum("The rebels continue to arbitrarily detain 59 United Nations personnel.") == [True]
    assert cum("The national registry now lists more than 133,000 people as disappeared.") == [True]
    assert cum("About 200,000 Yazidis still live in displacement camps.") == [True]
    assert cum("Every day, 100 people are displaced by the fighting.") == [False]
