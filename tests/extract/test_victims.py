"""The victims stage alone: singular victims as patterns over the dependency parse."""
from __future__ import annotations

import pytest

from service.extract import parse, victims


def found(sentence: str) -> list[tuple[str, int, str]]:
    doc = parse.parse([sentence])[0]
    return [(v.metric, v.value, sentence[v.start:v.end]) for v in victims.find(doc, 0)]


@pytest.mark.parametrize("sentence,expected", [
    # patient of a passive harm verb
    ("A motorcycle mechanic was killed.", [("killed", 1, "A motorcycle mechanic")]),
    ("He was shot dead on the roadside.", [("killed", 1, "He")]),
    ("Both were injured.", [("injured", 2, "Both")]),
    # object of an active one; the active subject is the agent, not a victim
    ("Three gunmen shot and killed a farmer.", [("killed", 1, "a farmer")]),
    ("The junta shot local villager Ba Win dead.", [("killed", 1, "local villager Ba Win")]),
    ("Police arrested the cycle mechanic on Monday.", [("detained", 1, "the cycle mechanic")]),
    # subject of an intransitive harm
    ("The husband died.", [("killed", 1, "The husband")]),
    ("A suspect was shot and died.", [("killed", 1, "A suspect")]),
    # nominal harms and bodies
    ("The bombing resulted in the death of a 10-year-old child.", [("killed", 1, "a 10-year-old child")]),
    ("Villagers collected his dead body.", [("killed", 1, "his dead body")]),
    # coordinations count their persons
    ("Soldiers killed a man and his son.", [("killed", 2, "a man and his son")]),
    # a subject lost by the parser to a long fronted phrase
    ("On 5 May 2020, in Varzea Grande, Mato Grosso, a suspected drug trafficker was killed after a patrol.",
     [("killed", 1, "a suspected drug trafficker")]),
    # a relative clause the parse hung on the place inside the person's phrase; a name with a
    # place after it is still a person; the clause states its own fact, not the trial's
    ("Nway Yadanar Nwe from Muse Township, Shan State, who was arrested as a hostage on April 30, was charged"
     " under Section 505 on May 13.", [("detained", 1, "Nway Yadanar Nwe")]),
])
def test_victim_patterns(sentence: str, expected: list[tuple[str, int, str]]) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Police did not arrest the suspect.",                        # negated
    "The junta would kill a monk.",                              # modal
    "The army threatened to kill the village head.",             # intended
    "Residents demonstrated after a gendarme shot and killed a driver.",  # the reason for a protest
    "The court sentenced 29 people over the killing of a protester.",      # the reason for a trial
    "Families held a protest for a youth who was killed by influential men.",  # a protest's matter
    "A vigil was held in remembrance of Deniz Gezmis and his friends who had been executed.",
    "A Somali resident died from coronavirus.",                  # illness
    "A landmine exploded and killed a cow.",                     # an animal
    "Five people were killed.",                                  # counted: the number finder's
    "The Arakan Army captured Myawaddy.",                        # no harm to a person
    "The agency released a statement.",                          # released: persons only
])
def test_no_victim(sentence: str) -> None:
    assert found(sentence) == []


def test_victim_with_counted_phrase_is_joined() -> None:
    doc = parse.parse(["Four cadres and a police officer were killed in an exchange of fire."])[0]
    got = victims.find(doc, 0)
    assert [(v.value, v.joined) for v in got] == [(1, True)]


def test_offsets_index_the_article() -> None:
    text = "Intro sentence here. A farmer was killed."
    s = text.index("A farmer")
    doc = parse.parse([text[s:]])[0]
    (v,) = victims.find(doc, s)
    assert text[v.start:v.end] == "A farmer" and text[v.verb_start:v.verb_end] == "killed"


@pytest.mark.parametrize("sentence,expected", [
    # "fatally" makes a shooting or a wound a killing
    ("An unidentified group fatally shot the leader of the movement.", [("killed", 1, "the leader of the movement")]),
    ("A policeman was mortally wounded.", [("killed", 1, "A policeman")]),
    # a person noun the tagger read as an adjective before a participle
    ("Unknown gunmen shot and killed a civilian travelling on the road.", [("killed", 1, "a civilian")]),
    # "one of them", "the other": one person each
    ("One of the perpetrators died.", [("killed", 1, "One of the perpetrators")]),
    # ("One man" is the number finder's: a numeral)
    ("One man was injured and the other died.", [("killed", 1, "the other")]),
    # one person, two harms
    ("A man was abducted by four men and stabbed to death.", [("abducted", 1, "A man"), ("killed", 1, "A man")]),
    # one person, two titles under one article (two articles are two people)
    ("Gunmen shot dead a social leader and president of the council.",
     [("killed", 1, "a social leader and president of the council")]),
    ("Gunmen killed a teacher and a nurse.", [("killed", 2, "a teacher and a nurse")]),
])
def test_more_ways_of_naming_one_victim(sentence: str, expected: list) -> None:
    assert sorted(found(sentence)) == sorted(expected)


def test_left_wounded_is_an_injury() -> None:
    from service.extract import extract_figures

    figs = extract_figures("A motorcycle mechanic was killed, and another man was shot and left wounded.", article_id="t")
    assert sorted((f.metric, f.value) for f in figs) == [("injured", 1), ("killed", 1)]
    assert [(f.metric, f.value) for f in extract_figures("The attack left a woman injured.", article_id="t")] == [("injured", 1)]


def test_an_event_told_with_in_which_is_no_background_and_a_far_cause_is_no_cause() -> None:
    """ "a prison riot happened ..., in which a prisoner was killed": the riot's own victim, not the
    matter of a protest; "beaten to death ... after an argument over relief ... to prevent the
    spread of coronavirus": a killing, the illness is far down the chain."""
    from service.extract import extract_figures

    def got(text: str) -> list[tuple[str, int]]:
        return [(f.metric, f.value) for f in extract_figures(text, article_id="t")]

    assert ("killed", 1) in got("On 29 April 2020, in Bahia de Caraquez, Manabi, a prison riot happened in the "
                                "Social Rehabilitation Center, in which a prisoner was killed.")
    assert got("A local leader was beaten to death by four men after an argument over relief distribution to "
               "people affected by the lockdown to prevent the spread of coronavirus.") == [("killed", 1)]
    assert got("He died after contracting cholera.") == []
    assert got("Relatives held a protest for a youth who was killed by police.") == []


@pytest.mark.parametrize("sentence,expected", [
    # one person told with a plural-looking noun or a head the parser hung on its modifiers
    ("Militants shot and killed a security forces personnel (military) near his house.",
     [("killed", 1, "a security forces personnel")]),
    ("On 7 May 2020, a drug and kidnapping suspect was killed during a police raid.",
     [("killed", 1, "a drug and kidnapping suspect")]),
    # titles of local office
    ("A Dalit Congress sarpanch was attacked and beaten to death by a mob.",
     [("killed", 1, "A Dalit Congress sarpanch")]),
    # a death told by its consequence: the person named before died
    ("Militants shot a civilian near the checkpoint, resulting in his death.", [("killed", 1, "his")]),
    # "shot dead" after a noun the tagger joins it to ("a motorcycle shot"): still the verb
    ("Gunmen riding a motorcycle shot dead an IDP civilian in the town.", [("killed", 1, "an IDP civilian")]),
    ("Gunmen on a motorbike shot dead a teacher.", [("killed", 1, "a teacher")]),
    ("An IDP was shot dead at the camp.", [("killed", 1, "An IDP")]),
])
def test_one_person_however_the_phrase_is_built(sentence: str, expected: list) -> None:
    assert found(sentence) == expected


def test_a_purpose_or_a_clause_of_time_is_no_harm_of_its_own() -> None:
    """ "an operation to arrest them" did not arrest anyone; "killed after they were arrested" tells
    how people counted elsewhere came to harm."""
    assert found("Two gang members were killed during an operation to arrest them.") == []
    assert [m for m, _, _ in found("The victims were killed after they were arrested.")] == []


def test_a_title_with_an_organisation_word_is_a_person() -> None:
    """ "a Police Sub-Inspector", "an Army captain": one person; "the Arakan Army" is no victim."""
    assert found("A Police Sub-Inspector was killed in the ambush.") == [("killed", 1, "A Police Sub-Inspector")]
    assert found("Four cadres and a Police Sub-Inspector were killed.") == [("killed", 1, "a Police Sub-Inspector")]
    assert found("The Arakan Army was attacked and its base destroyed.") == []


def test_one_civilian_is_a_civilian() -> None:
    """The victim group of one person is classed like the plural: "a teacher" as "teachers"."""
    from service.extract import extract_figures

    got = [(f.value, f.group_class) for f in extract_figures(
        "Gunmen shot dead an IDP in the camp. Soldiers killed a teacher and two farmers.", article_id="t")]
    assert got == [(1, "civilians"), (1, "civilians"), (2, "civilians")]


def test_a_wire_dateline_is_no_victim() -> None:
    # the small parser reads the dateline's city as the subject of the harm
    from service.extract import extract_figures
    text = ("KHARTOUM, Nov 20 (Sudan Tribune) - Between 50 and 60 civilians were killed and dozens injured when "
            "shells hit a market in Omdurman.")
    assert [(f.metric, f.value) for f in extract_figures(text, article_id="a")] == [("killed", 55), ("injured", 12)]
    text = "FILE - This handout photo was taken and released by the township's news outlet."
    assert extract_figures(text, article_id="a") == []


def test_a_harm_someone_was_unable_to_do_and_a_town_seized_are_no_victims() -> None:
    """"unable to locate and arrest her brother" arrested no one; "M23 seized Goma" seized a town."""
    from service.extract import extract_figures

    assert extract_figures("The junta has been unable to locate and arrest her younger brother.", article_id="t") == []
    assert extract_figures("M23 rebels seized Goma in January.", article_id="t") == []
    assert [(f.metric, f.value) for f in extract_figures("A villager was seized by soldiers.", article_id="t")] == [
        ("abducted", 1)]


def test_what_a_condemned_attack_did_is_news() -> None:
    """UN and NGO releases: "condemns the attack on a bus, which killed a passenger" tells the
    death (a protest over a killing does not)."""
    from service.extract import extract_figures

    got = [(f.metric, f.value) for f in extract_figures(
        "Police condemned the attack on a bus, which killed a passenger.", article_id="t")]
    assert got == [("killed", 1)]
    assert extract_figures("Students protested the killing of a classmate.", article_id="t") == []
