"""The attachment patterns alone (service.extract.roles): which harm word governs a counted phrase,
in which role, by which named pattern; then what the links stage makes of them."""
from __future__ import annotations

from datetime import date

import pytest

from service.extract import extract_figures, parse, roles


def _role(sentence: str, number: str) -> tuple[str, str, str] | None:
    doc = parse.parse([sentence])[0]
    at = sentence.index(number)
    head = roles.phrase_head(doc, at, at + len(number))
    assert head is not None
    r = roles.role_of(roles.roles(doc), head)
    return None if r is None else (r.role, doc[r.pred].text, r.pattern)


@pytest.mark.parametrize("sentence,number,expected", [
    # a relative clause between the count and its verb
    ("Eight porters, who had been forced to carry ammunition for the army, were later shot dead.", "Eight",
     ("patient", "shot", "passive_subject")),
    ("Five men, whom villagers said were farmers returning from their fields, were killed.", "Five",
     ("patient", "killed", "passive_subject")),
    ("The army said 30 rebels died in the clashes.", "30", ("patient", "died", "intransitive_subject")),
    ("Five civilians were reported killed.", "Five", ("patient", "killed", "raised")),
    ("The killing of 30 regime troops by the KIA angered the junta.", "30", ("patient", "killing", "noun_of")),
    ("Of those killed, 212 were women.", "212", ("part", "killed", "copula_partitive")),
    ("Among the dead were 11 children, the UN said.", "11", ("part", "dead", "copula_partitive")),
    ("Four of the five hostages were freed on Saturday.", "five", ("whole", "Four", "partitive_whole")),
    ("Three gunmen shot and killed a farmer on Monday.", "Three", ("agent", "killed", "shared_subject")),
    ("The 40 soldiers who stormed the camp killed six people.", "40", ("agent", "killed", "active_subject")),
    ("A man was abducted by four men near the market.", "four", ("agent", "abducted", "by_agent")),
    # a reduced relative tells the harm when the clause's verb only moves the harmed ...
    ("Three people wounded in the attack were evacuated to the regional hospital.", "Three",
     ("patient", "wounded", "reduced_relative")),
    ("At least 18 killed in Israeli strike on Gaza school sheltering displaced families", "18",
     ("patient", "killed", "reduced_relative")),
    # ... not when the clause's verb is a harm of its own, the news
    ("Twelve soldiers captured by the rebels were killed.", "Twelve", ("patient", "killed", "passive_subject")),
])
def test_each_construction_has_its_named_pattern(sentence: str, number: str, expected: tuple) -> None:
    assert _role(sentence, number) == expected


@pytest.mark.parametrize("sentence,number", [
    ("1 fatality, 2 injured.", "1"),                         # a verbless list is no passive
    ("1 killed 3 injured.", "1"),                            # nor a bare number an agent
    ("Four children were among the dead.", "Four"),          # a predicate after its subject: the links' rule (c)
    ("Two of the seven injured soldiers later died.", "seven"),   # a whole that says what happened to it
    ("Over 2,000 people have taken shelter in the district.", "2,000"),  # the subject of an idiom is harmed
    ("Three survivors said more than 200 had died.", "Three"),       # a reporting verb's subject is no victim
])
def test_where_the_parse_has_no_say(sentence: str, number: str) -> None:
    assert _role(sentence, number) is None


def _figs(text: str) -> list[tuple[str, int, str]]:
    return [(f.metric, f.value, f.relation) for f in extract_figures(text, article_id="t", published=date(2024, 5, 1))]


def test_the_parse_decides_what_token_windows_got_wrong() -> None:
    # agent against victim: one farmer, not three gunmen
    assert _figs("Three gunmen shot and killed a farmer on Monday.") == [("killed", 1, "independent")]
    # a relative clause between the count and its verb
    assert _figs("Four soldiers who attacked the village were killed by the militia.") == [("killed", 4, "independent")]
    # a partitive: the 70 were freed (the 150 abducted restates the earlier count)
    got = _figs("Gunmen abducted 150 students. Later, 70 of the nearly 150 students abducted were freed.")
    assert ("released", 70, "independent") in got and ("abducted", 70, "part_of") not in got
    # a fronted partitive names a part of the dead
    assert _figs("Of those killed, 212 were women.") == [("killed", 212, "independent")]


def test_items_of_an_including_list_are_parts_of_its_count() -> None:
    got = _figs("Two militants and five security personnel including one policeman and four army personnel were killed.")
    assert got == [("killed", 2, "independent"), ("killed", 5, "independent"),
                   ("killed", 1, "part_of"), ("killed", 4, "part_of")]


def test_one_person_two_harms() -> None:
    got = _figs("A man was abducted by four men and stabbed to death near a soccer field.")
    assert sorted(x[:2] for x in got) == [("abducted", 1), ("killed", 1)]


def test_a_relative_pronoun_stands_for_its_phrase() -> None:
    # the men did the shooting: no two killed
    assert _role("Two men who allegedly shot dead a man clashed with police.", "Two") == (
        "agent", "shot", "active_subject")
    # what the phrase is in its own clause comes first: the 11 were killed, not (only) rounded up
    assert _role("Troops have killed and burned the bodies of 11 people who had been rounded up.", "11") == (
        "patient", "bodies", "noun_of")


def test_coordinated_counts_share_their_harm() -> None:
    # a harm noun closing a coordination of counts is each count's
    assert _figs("The clash resulted in 25 ADF fighters and 6 military fatalities.") == [
        ("killed", 25, "independent"), ("killed", 6, "independent")]
    # and so is "dead" after "left ... and ..."
    assert _figs("Gunshots left 3 TMF fighters and 1 police officer dead.") == [
        ("killed", 3, "independent"), ("killed", 1, "independent")]
    # siblings joined by "and" add up; a breakdown after a comma is part of the count before it
    assert _figs("Soldiers killed 3 rebels and 2 civilians.") == [("killed", 3, "independent"), ("killed", 2, "independent")]
    assert _figs("Soldiers killed 11 people, 4 children and 7 women.") == [
        ("killed", 11, "independent"), ("killed", 4, "part_of"), ("killed", 7, "part_of")]


def test_one_of_a_group_is_one_person() -> None:
    assert sorted(_figs("One of the perpetrators died and the other was arrested.")) == [
        ("detained", 1, "independent"), ("killed", 1, "independent")]


def test_a_harm_inside_a_modifier_about_another_noun_is_not_the_counts() -> None:
    # the man died, not the 20 who rallied
    assert _figs("About 20 friends and family of a man who died in an accident rallied outside the court.") == []
    # a clause on the phrase's own noun, and "left ... dead", stay the count's
    assert _figs("Five men who were killed in the raid were buried on Sunday.") == [("killed", 5, "independent")]
    assert _figs("The attack left at least 132 people dead.") == [("killed", 132, "independent")]


def test_a_count_inside_a_clause_on_another_noun_is_not_the_main_verbs() -> None:
    # the soldiers were killed; the families they escorted were not
    assert _figs("Three soldiers who were escorting 50 displaced families were killed.") == [
        ("killed", 3, "independent")]
    # a trailing participle that the parser hangs on a place name keeps its own list
    assert sorted(_figs("IS militants planted an IED targeting a military patrol on the outskirts of Al Azim, "
                        "northern Diyala province leaving 1 soldier dead and 3 others injured.")) == [
        ("injured", 3, "independent"), ("killed", 1, "independent")]


def test_a_count_coordinated_after_a_singular_object_shares_its_verb() -> None:
    # "a woman and her two children": three killed, the count a second object of "killed"
    assert sorted(_figs("A drone strike on a market killed a woman and her two children.")) == [
        ("killed", 1, "independent"), ("killed", 2, "independent")]
    assert sorted(_figs("The blast wounded a policeman and two passers-by.")) == [
        ("injured", 1, "independent"), ("injured", 2, "independent")]
    # a count with a verb of its own keeps it
    assert sorted(_figs("The strike killed a man and two children were injured.")) == [
        ("injured", 2, "independent"), ("killed", 1, "independent")]
