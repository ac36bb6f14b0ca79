"""Victim phrases for the links stage: victims named without a numeral ("a civilian was killed",
"he was shot dead", "killed a farmer", "the husband died", "both were injured", "the death of a
10-year-old child").

Each is found as a pattern over the dependency parse (service.extract.parse), never a token
window, so that the victim is the harm verb's *patient*: the passive subject, the object of an
active verb, the subject of an intransitive one (die, perish), the noun a reduced relative
modifies ("a man killed in the raid") or the of-phrase of a harm noun ("the killing of a monk").
The active subject is the agent ("three gunmen shot and killed a farmer" is one victim, a farmer).

A victim phrase is a singular person: a person noun (a closed list plus the suffixes of
person nouns), a personal pronoun, a proper name, "both"/"a couple" (2), or a coordination of
such phrases ("a man and his son": 2). A plural pronoun ("They later killed them") stands for
the count before it, which the relations stage reads. Negated, modal and intended harms, and
purposes ("an operation to arrest them"), are no figures.
Which of these count is the article's business (service.extract.relations): a victim inside a
counted figure is part of it, and a definite phrase that names an earlier victim again restates it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from service.extract.lexicon import KIN as _KIN, NONPEOPLE, TOLL_NOUNS
from service.text.numbers import parse_number

if TYPE_CHECKING:  # pragma: no cover - spaCy itself is imported by the parse stage, when first needed
    from spacy.tokens import Doc, Token

# harm verbs by lemma; "shoot", "stab", "beat" kill only with "dead" / "to death"
_VERB_METRIC: dict[str, str] = {
    **dict.fromkeys("kill murder execute assassinate behead lynch slay massacre slaughter decapitate "
                    "martyr".split(), "killed"),
    **dict.fromkeys("die perish succumb".split(), "killed"),
    **dict.fromkeys("injure wound maim".split(), "injured"),
    **dict.fromkeys("arrest detain apprehend imprison jail nab capture".split(), "detained"),
    **dict.fromkeys("abduct kidnap seize".split(), "abducted"),
    **dict.fromkeys("release free".split(), "released"),
    **dict.fromkeys("conscript".split(), "conscripted"),
}
# verbs whose objects are as often places as people: only a common noun for a person is a victim
_PLACES_TOO = frozenset("seize capture".split())
_ORDINALS = frozenset("second third fourth fifth sixth seventh eighth ninth tenth".split())
_TO_DEATH = frozenset("shoot stab beat burn hack club stone bludgeon torture gun strangle hang crush".split())
_INTRANSITIVE = frozenset("die perish succumb".split())
# harm nouns whose of-phrase names the victim ("the killing of a journalist")
_NOUN_METRIC: dict[str, str] = {
    **dict.fromkeys("death killing murder assassination execution beheading lynching".split(), "killed"),
    **dict.fromkeys("arrest detention".split(), "detained"),
    **dict.fromkeys("abduction kidnapping".split(), "abducted"),
}
_BODY = frozenset("body corpse remains".split())

PERSON_NOUNS = frozenset("""
man woman boy girl child baby infant toddler teenager teen youth youngster person individual civilian
villager resident local farmer driver mechanic fisherman trader vendor shopkeeper worker labourer laborer
student pupil teacher doctor nurse medic paramedic journalist reporter photographer cameraman monk nun
priest pastor imam cleric preacher activist protester protestor demonstrator politician official leader
chief commander soldier officer policeman policewoman constable guard fighter combatant militant rebel
gendarme jawan separatist extremist
insurgent militiaman member suspect inmate prisoner detainee hostage captive victim refugee migrant
passenger pilot sailor mother father son daughter brother sister husband wife uncle aunt cousin nephew
niece grandson granddaughter grandfather grandmother grandchild relative neighbour neighbor friend owner
employee staffer volunteer chairman chairperson mayor governor administrator lawyer judge businessman
businesswoman herder pastoralist miner colonel general major captain lieutenant sergeant corporal private
head secretary spokesman spokesperson candidate councillor councilor lawmaker elder headman pensioner
inhabitant national citizen lady gentleman player athlete singer artist poet writer musician engineer
passerby bystander onlooker pedestrian shopper commuter worshipper worshiper pilgrim mourner porter marine
technician contractor smuggler dealer trafficker bandit gunman assailant attacker jihadist operative
agent informant collaborator recruit conscript cadet veteran deputy minister administrator physician
surgeon dentist pharmacist professor lecturer principal headmaster student-activist shepherd hunter
porter labourer cook tailor carpenter barber butcher baker guide ranger warden security personnel
inspector sub-inspector superintendent commissioner director coordinator chairwoman president
cadre adolescent fugitive bodyguard escort sarpanch pradhan mukhiya jawan sepoy havildar chieftain midwife
vigilante dacoit robber thief cultist scholar supervisor idp
""".split())
# suffixes of person nouns not in the list ("cyclist", "technician", "fisherman", "detainee")
_PERSON_SUFFIX = re.compile(r"[a-z]{3,}(?:ist|ian|man|woman|ee|-in-law)$")
# the patient of killing, wounding or seizing is a person far more often than not: agent nouns
# ("operator", "trafficker") count there, but never for "released" ("released a statement")
_AGENT_SUFFIX = re.compile(r"[a-z]{3,}(?:er|or)$")
_NOT_PERSON = frozenset("""committee fee list mist wrist fist twist gist door floor corridor sector factor tractor
reactor error mirror motor monitor generator elevator vector color colour favor favour labor labour tumor
indicator radiator order border water river power tower center centre number letter paper matter shelter
container tanker helicopter fighter-jet computer quarter corner chamber member-state register charter
thunder weather disaster murder manner banner""".split())
_ANIMALS = frozenset("""cow cattle goat pig sheep buffalo ox horse camel dog donkey mule chicken hen bird elephant
tiger lion leopard bear deer animal calf bull livestock poultry""".split())
_LOOSE_METRICS = frozenset(("killed", "injured", "detained", "abducted"))
_ORG_WORDS = frozenset("""army forces force police military government council party front group battalion brigade
regiment company ministry state region township village city town province district division unit
command junta regime administration organisation organization agency office court office""".split())
_PRONOUNS = {"he": 1, "she": 1, "him": 1, "her": 1}
# "They later killed them": as many people as the count they stand for (0 here; the relations
# stage reads the count)
_PLURAL_PRONOUNS = frozenset({"them", "they"})
_PAIR = {"both": 2, "couple": 2, "pair": 2}
_MODALS = frozenset("would could may might will shall should must can 'll".split())
_INTENT = frozenset("threaten try attempt plan vow want seek intend aim order refuse fail unable".split())
_RELATIVE = frozenset("who that which whom".split())
# a harm named as the reason for a protest, a trial or a commemoration is not that event's harm
# ("residents demonstrated after a gendarme shot and killed a driver", "sentenced 29 people over
# the killing of a protester"): it was (or will be) reported as an event of its own
_BACKGROUND = frozenset("""protest demonstrate demonstration rally gather march vigil riot block torch chant picket
mourn condemn commemorate commemoration denounce demand boycott petition sit-in memoriam memorial funeral anniversary
justice mark sentence convict charge accuse acquit indict prosecute trial verdict""".split())
_CONDEMN = frozenset("condemn denounce deplore".split())
# deaths from illness or accidents are no conflict casualties
_NOT_VIOLENT = frozenset("""accident crash coronavirus covid covid-19 virus disease illness cancer malaria cholera
measles dengue diarrhoea diarrhea complication cause overdose""".split())
# what is done to a body that shows a person was killed ("his dead body", "collected his body")
_BODY_VERBS = frozenset("""find recover collect bury dump discover see return hand retrieve pull identify exhume
burn dispose throw leave drop""".split())


@dataclass(slots=True)
class Victim:
    """One victim phrase: what happened to whom, with character offsets into the article."""

    metric: str
    value: int
    start: int          # the victim phrase
    end: int
    verb_start: int     # the harm word
    verb_end: int
    definite: bool      # "the man", "he": may name a victim mentioned before
    head: str           # the head noun's lemma ("man"), or the pronoun
    agent: str | None   # the active subject, when the verb has one
    joined: bool = False  # coordinated with a counted phrase ("four cadres and a police officer")


_MONTHS = frozenset("january february march april may june july august september october november december".split())


def _is_proper(tok: Token) -> bool:
    """A proper name, also where the tagger took its last word for a common noun ("Zaw Min Tun")."""
    if tok.lower_ in _MONTHS:
        return False  # a date the parser took for the subject ("On 27 April 2020, ... was found dead")
    if tok.lower_ in TOLL_NOUNS:
        return False  # a key-figure label opening its line: "Total killed since coup: 7,013"
    return tok.tag_ == "NNP" or (tok.text[:1].isupper() and tok.i > tok.sent.start
                                 and any(c.dep_ == "compound" and c.tag_ == "NNP" and c.i == tok.i - 1 for c in tok.children))


def _is_person(tok: Token, loose: bool = False) -> bool:
    low = tok.lower_
    if low in _PRONOUNS or low in _PAIR or low in _PLURAL_PRONOUNS:
        return True
    if _is_proper(tok):
        return True
    if tok.tag_ == "JJ" and tok.dep_ in ("dobj", "nsubjpass", "nsubj") and any(c.dep_ == "det" for c in tok.children):
        return _person_word(tok)  # "killed a civilian travelling ...": the tagger read "civilian" as an adjective
    return tok.tag_ == "NN" and _person_word(tok, loose)


def _person_word(tok: Token, loose: bool = False) -> bool:
    low = tok.lower_
    if tok.lemma_.lower() in PERSON_NOUNS or low in PERSON_NOUNS:
        return True
    if low in _NOT_PERSON or low in _ANIMALS:
        return False
    return bool(_PERSON_SUFFIX.fullmatch(low) or (loose and _AGENT_SUFFIX.fullmatch(low)))


def _counted(tok: Token) -> bool:
    """The phrase carries a numeral of its own (the number finder's business), or is plural."""
    if _one_personnel(tok):
        return False
    if tok.tag_ in ("NNS", "NNPS", "CD"):
        return True
    # (an age set off by commas after a name or a singular noun for a person is no count: "Nan
    # Shan Hlaing, 22, was shot dead", "The man, 54, was killed")
    return any(c.dep_ == "nummod" or (c.tag_ == "CD" and not (c.dep_ == "appos" and (_is_proper(tok) or (
        tok.tag_ == "NN" and _person_word(tok)))))
               for c in tok.children)


def _one_det(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in tok.children)


def _one_personnel(tok: Token) -> bool:
    """ "a security forces personnel": one person, as South Asian and African English write it."""
    return tok.lower_ == "personnel" and _one_det(tok)


def _noun_head(tok: Token) -> Token:
    """The noun a phrase is about where the parser hung it on a modifier: "a drug and kidnapping
    suspect" is a suspect (the parse's head is "drug", the suspect an amod of it)."""
    if _is_person(tok, True):
        return tok
    last = next((c for c in reversed(list(tok.children)) if c.i > tok.i and c.dep_ in ("amod", "compound", "conj")
                 and c.tag_ == "NN" and c.i == tok.right_edge.i and not any(g.dep_ in ("det", "poss") for g in c.children)),
                None)
    return last if last is not None and _person_word(last) and _one_det(tok) else tok


def _proper_name_ok(tok: Token) -> bool:
    """A proper name is a person only when none of its words names an organisation or a place kind,
    and its phrase has no article ("the Arakan Army" is no victim; "Ba Win" is)."""
    # the name's own words, not its prepositional phrase ("Nwe from Muse Township" is a person)
    words, todo = [tok], [tok]
    while todo:
        for c in todo.pop().children:
            if c.dep_ in ("compound", "flat", "appos"):
                words.append(c)
                todo.append(c)
    det = next((c for c in tok.children if c.dep_ == "det"), None)
    if det is not None and det.lower_ in ("a", "an", "another") and _person_word(tok):
        return True  # "a Police Sub-Inspector", "an Army captain": a title, a person
    if any(t.lower_ in _ORG_WORDS for t in words):
        return False
    if det is not None:  # "the Arakan Army": a name
        return False
    return all(t.text[:1].isupper() for t in words if t.tag_ == "NNP" or t is tok)


def _value(tok: Token, loose: bool = False) -> int | None:
    """How many people the phrase headed by tok names: 1, 2 for 'both'/'a couple' or a coordination
    of two singular persons; None when it is no singular person."""
    low = tok.lower_
    if low in _PAIR:
        return _PAIR[low]
    if low in _PRONOUNS:
        return 1
    if low in _PLURAL_PRONOUNS:
        return 0
    if low == "other" and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return 1  # "one man was injured and the other died"
    if (low == "another" or (low in _ORDINALS and any(c.dep_ == "det" and c.lower_ == "a" for c in tok.children))) \
            and not any(c.dep_ == "prep" for c in tok.children) \
            and any(t.tag_ == "NNS" and t.lemma_.lower() in PERSON_NOUNS for t in tok.doc[:tok.i]):
        return 1  # "two soldiers were killed and a third wounded", "... and another wounded"
    if low == "one" and any(c.dep_ == "prep" and c.lower_ == "of" and any(
            g.dep_ == "pobj" and (g.tag_ in ("NNS", "NNPS") or g.lower_ in ("them", "us")) for g in c.children)
            for c in tok.children):
        return 1  # "one of the perpetrators died", "one of them was arrested" (the number finder skips "one")
    if _one_personnel(tok):
        return 1
    if tok.tag_ == "NNS" and any(c.dep_ in ("det", "predet") and c.lower_ == "both" for c in tok.children) \
            and _person_word(tok):
        # "both brothers were shot dead": a pair named by a plural noun ("both men and an officer": 3)
        return 2 + sum(_value(c, loose) or 0 for c in tok.children if c.dep_ == "conj")
    if not _counted(tok) and _noun_head(tok) is not tok:
        return 1  # "a drug and kidnapping suspect": one suspect, whatever the parse hung on the modifiers
    if _counted(tok) or not _is_person(tok, loose):
        return None
    if _is_proper(tok):
        if not _proper_name_ok(tok):
            return None
        return 1 + sum(_value(c) or 0 for c in tok.children if c.dep_ == "conj")
    if tok.tag_ == "NN" and not any(c.dep_ in ("det", "poss") for c in tok.children) \
            and not any(c.tag_ == "NNP" for c in tok.children):
        return None  # a bare common noun is a kind, not a person ("civilian deaths")
    if any(c.dep_ == "det" and c.lower_ in ("no", "any", "every", "each") for c in tok.children):
        return None
    n = 1
    for c in tok.children:
        if c.dep_ == "conj":
            if _counted(c):
                continue  # "a commander and 9 others": the numeral counts the others, this phrase the one
            if c.tag_ == "NN" and not any(g.dep_ in ("det", "poss", "nummod") for g in c.children) \
                    and _is_person(c, True) and c.lower_ not in _KIN:
                continue  # "a social leader and president of the council": one person, two titles
                # (not "a husband and wife", "a mother and child": two people)
            more = 1 if c.tag_ == "NN" and c.lower_ in _KIN else _value(c, loose)
            if more is None and c.tag_ == "NN" and tok.tag_ == "NN" and _like_kind(c):
                more = 1  # "a monk and a novice": a coordination joins like with like
            if more is None:
                return None
            n += more
    return n


def _said_of_someone_named(head: Token) -> bool:
    """`head` is what a copula says someone named before was: "The man was a teacher who was
    killed near his home" (the man, told again)."""
    if head.dep_ != "attr" or head.head.lemma_ != "be":
        return False
    subj = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.lower_ in _PRONOUNS or any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") or c.dep_ == "poss" for c in subj.children))


def _like_kind(tok: Token) -> bool:
    """A singular noun with its article or possessive and no modifier of its own that says it is a
    thing: the second person of "a monk and a novice", "a teacher and his apprentice"."""
    low = tok.lower_
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("a", "an", "his", "her", "their") for c in tok.children) \
        and low not in _NOT_PERSON and low not in _ANIMALS and low not in NONPEOPLE and low.isalpha() \
        and not any(c.dep_ in ("prep", "compound", "amod", "nummod") for c in tok.children)


def _span(tok: Token) -> tuple[int, int]:
    """The victim phrase: the head with its left modifiers and right appositions/of-phrases, up to
    a relative clause or a verb-like modifier."""
    left = tok.left_edge.i
    while left < tok.i and tok.doc[left].lower_ == "dead":
        left += 1  # ("shot dead Juan Perez": the verb's complement, hung on the name)
    right = tok.i
    counted_conj = [c for c in tok.rights if c.dep_ == "conj" and _counted(c)]
    stop = counted_conj[0].left_edge.i if counted_conj else None  # "a commander [and 9 others]": the others are theirs
    for c in tok.rights:
        if stop is not None and c.i >= stop - 1 and c.dep_ in ("cc", "conj", "punct"):
            break
        if c.dep_ in ("relcl", "acl", "punct", "cc", "conj", "advcl", "prep") and c.lower_ != "of":
            if c.dep_ == "conj" or c.dep_ == "cc":
                right = max(right, c.right_edge.i)
                continue
            break
        right = max(right, c.right_edge.i)
    doc = tok.doc
    while right + 2 < len(doc) and doc[right].whitespace_ == "" and doc[right + 1].tag_ == "HYPH" \
            and doc[right + 1].whitespace_ == "":
        right += 2  # "his brother-in-law"
    return left, right


def _blocked(verb: Token) -> bool:
    """A harm that did not happen (negated, modal, intended, threatened)."""
    for c in verb.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS:
            return True
        if c.dep_ == "aux" and c.lower_ == "to" and verb.dep_ in ("acl", "advcl", "relcl"):
            return True  # a purpose, not a deed: "an operation to arrest them", "came to arrest him"
    h = verb
    while h.dep_ in ("xcomp", "conj") and h.head is not h:
        h = h.head
        if h.lemma_.lower() in _INTENT:
            return True
    return False


_SHOT_DEAD = frozenset({"shot", "gunned", "stabbed", "hacked", "beaten", "bludgeoned"})


def _background(trigger: Token) -> bool:
    """The harm is told as the matter of a protest, a trial, a memorial ("charged over the
    killing of", "a protest for a youth who was killed"), not as news. A relative clause on the
    subject of the trial verb states its own fact ("Nwe, who was arrested on 30 April, was
    charged"): that verb is not its frame."""
    t = trigger
    via_relcl = False
    while t.head.i != t.i:
        if t.dep_ == "relcl" and _antecedent(t.head).dep_ in ("nsubj", "nsubjpass"):
            return False
        via_relcl = via_relcl or t.dep_ == "relcl"
        if t.dep_ == "relcl" and any(c.dep_ == "prep" and c.lower_ in ("in", "during", "at", "after")
                                     and any(g.lower_ == "which" for g in c.children) for c in t.children):
            return False  # "a prison riot happened ..., in which a prisoner was killed": what the event did
        t = t.head
        if t.lemma_.lower() in _BACKGROUND:
            # (what a condemned attack did is the news: "condemns the attack on a bus, which killed
            # a passenger", as UN and NGO releases tell it)
            return not (via_relcl and t.lemma_.lower() in _CONDEMN)
    return False


def _not_violent(verb: Token) -> bool:
    """'died of covid-19', 'died in a road accident'."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("from", "of", "in", "after"):
            # the cause itself and its own words, not a prepositional chain below it ("after an
            # argument over relief ... to prevent the spread of coronavirus" is no illness)
            near = [g for g in c.children] + [h for g in c.children for h in g.children if h.dep_ != "prep"]
            if any(g.lemma_.lower() in _NOT_VIOLENT for g in near):
                return True
    return False


def _verb_metric(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    m = _VERB_METRIC.get(lemma)
    if (m is None or m == "injured") and (lemma in _TO_DEATH or m == "injured") \
            and any(c.dep_ == "advmod" and c.lower_ in ("fatally", "mortally") for c in verb.children):
        return "killed"  # "fatally shot the leader", "was mortally wounded"
    if m is None and lemma in _TO_DEATH | {"find", "leave"}:
        for c in verb.children:
            if c.lower_ == "dead" and c.dep_ in ("oprd", "acomp", "advmod", "advcl", "xcomp", "amod", "dobj", "ccomp", "conj"):
                return "killed"  # "shot dead", "found dead", "left dead"
            if c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children):
                return "killed"  # "beaten to death"
        if lemma == "burn" and any(c.lower_ == "alive" or (c.dep_ == "dobj" and any(g.lower_ == "alive" for g in c.children))
                                   for c in verb.children):
            return "killed"  # "burned a farmer alive" (the parser may hang "alive" on the farmer)
        if lemma in _TO_DEATH and verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].lower_ == "dead" \
                and verb.doc[verb.i + 1].dep_ == "amod":
            return "killed"  # "shot dead Juan Perez": the parser hung "dead" on the name
    if m is None and lemma == "leave" and any(
            c.lower_ in ("wounded", "injured") and c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advmod", "amod", "dobj")
            for c in verb.children):
        return "injured"  # "was shot and left wounded", "left a woman injured"
    if m is None and lemma == "lose" and any(c.dep_ == "dobj" and c.lower_ in ("life", "lives") for c in verb.children):
        return "killed"  # "a police constable lost his life": its subject died
    if m is None and lemma == "go":
        if any(c.lower_ == "missing" for c in verb.children):
            return "missing"
    if lemma == "free" and verb.tag_ in ("JJ",):
        return None
    return m


def _agent(verb: Token) -> Token | None:
    for v in (verb, verb.head if verb.dep_ == "conj" else None):
        if v is None:
            continue
        for c in v.children:
            if c.dep_ == "nsubj":
                return c
        for c in v.children:
            if c.dep_ == "agent":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (verb.tag_ == "VBN" and verb.dep_ in ("acl", "conj"))


# the harmed named as a group: "the dead", "the victims", "those killed"
_HARMED_GROUP = {"dead": "killed", "deceased": "killed", "fatalities": "killed", "killed": "killed",
                 "victim": "killed", "wounded": "injured", "injured": "injured", "abducted": "abducted",
                 "kidnapped": "abducted", "hostage": "abducted", "detainee": "detained", "arrested": "detained"}


def _harmed_subject(verb: Token) -> str | None:
    """The harm of the group the verb's subject names ("The dead included ..."), else None."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or not any(c.dep_ == "det" and c.lower_ in ("the", "those") for c in subj.children) \
            or (subj.tag_ == "NN" and subj.lemma_.lower() not in ("dead", "deceased", "wounded", "injured")):
        return None  # (not "The victim was a former cadre": the one counted, described)
    return _HARMED_GROUP.get(subj.lemma_.lower()) or _HARMED_GROUP.get(subj.lower_)


def _patients(verb: Token) -> list[Token]:
    """The tokens that head what the harm verb was done to."""
    lemma = verb.lemma_.lower()
    out: list[Token] = []
    passive = _is_passive(verb)
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            out.append(c)
        elif c.dep_ == "dobj" and lemma not in _INTRANSITIVE and lemma != "lose":
            if c.lower_ == "dead":
                # "shot dead a couple": the parser makes "dead" the object and hangs the
                # person after it as a modifier of the verb
                out.extend(g for g in verb.children if g.dep_ in ("npadvmod", "dobj", "attr") and g.i > c.i
                           and g.tag_.startswith("NN"))
                continue
            out.append(c)
        elif c.dep_ == "nsubj" and lemma in _INTRANSITIVE | {"go", "lose"}:
            out.append(c)
        elif c.dep_ == "nsubj" and verb.tag_ == "VBN" and verb.dep_ == "conj" and _VERB_METRIC.get(lemma) \
                and not any(g.dep_ in ("aux", "auxpass") for g in verb.children):
            out.append(c)  # a passive whose auxiliary the coordination left out: "... and another wounded"
    if not out and verb.dep_ == "conj":
        # "shot and killed a farmer": the verbs share their object; "was shot and killed": their subject
        for c in verb.head.children:
            if c.dep_ == "dobj" and lemma not in _INTRANSITIVE and c.i > verb.i:
                out.append(c)
            elif c.dep_ == "nsubjpass" and passive:
                out.append(c)
            elif c.dep_ in ("nsubj", "nsubjpass") and lemma in _INTRANSITIVE:
                out.append(c)  # "a suspect was shot and died"
    if not out and verb.dep_ == "acl" and verb.tag_ == "VBN":
        out.append(verb.head)  # "a man killed in the raid"
    if sum(t.dep_ == "nsubjpass" for t in out) > 1:
        # "in Alagoinha, Pernambuco, a man was killed": the parser made the fronted place a subject too
        out = [t for t in out if t.dep_ != "nsubjpass" or not _is_proper(t)] or out
    # "a man who was killed": the relative pronoun stands for the noun the clause modifies
    out = [_antecedent(verb.head) if t.lower_ in _RELATIVE and verb.dep_ == "relcl" else t for t in out]
    # "released all of them": the plural pronoun, which stands for the count before it
    return [_all_of(t) or t for t in out]


def _all_of(tok: Token) -> Token | None:
    """The plural pronoun of "all of them" headed by tok, else None."""
    if tok.lower_ != "all":
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            return next((g for g in c.children if g.dep_ == "pobj" and g.lower_ in _PLURAL_PRONOUNS), None)
    return None


def _antecedent(head: Token) -> Token:
    """The noun a relative clause is about when the parse hung it on the place inside that noun's
    phrase ("Nway Yadanar Nwe from Muse Township, Shan State, who was arrested"): up through the
    place's appositions and prepositions to the person."""
    def person(tok: Token) -> bool:
        return _is_person(tok) and (not _is_proper(tok) or _proper_name_ok(tok))

    if head.tag_ in ("NNS", "NNPS") or _person_word(head):
        return head  # the clause is about these people ("his friends who had been executed")
    t = head
    while not person(t) and t.dep_ in ("appos", "pobj", "prep", "compound", "npadvmod") and t.head.i < t.i:
        t = t.head
    return t if person(t) else head


def _left_subject(verb: Token) -> Token | None:
    """The subject a parse lost to a long fronted phrase ("On 5 May, in Varzea Grande, Mato Grosso, a
    suspected drug trafficker was killed": the parser hangs the trafficker on the place): the noun
    phrase that ends right before the verb's auxiliaries."""
    i = verb.i - 1
    doc = verb.doc
    while i >= verb.sent.start and (doc[i].dep_ in ("aux", "auxpass", "neg", "advmod") and doc[i].head.i == verb.i):
        i -= 1
    if i < verb.sent.start or i == verb.i - 1 and verb.dep_ != "ROOT":
        return None
    t = doc[i]
    while t.dep_ == "compound" and t.head.i > t.i:
        t = t.head
    if t.i != i:
        return None
    # "a fugitive from the penitentiary system was killed": up from the of/from-phrase to its noun
    while t.dep_ in ("pobj", "prep") and t.head.i < t.i and t.head.i >= verb.sent.start:
        t = t.head
    return t if t.tag_ in ("NN", "NNP", "PRP") else None


def _list_item(tok: Token) -> bool:
    """`tok` is the next item of a list after its head: a conjunct, or "a nurse" after "two
    doctors," that the parser read as an apposition (one person cannot restate two)."""
    if tok.dep_ == "conj":
        return True
    # (not a subset set off as one: "six people, among them a journalist," is one of the six;
    # nor who they were, set off by commas on both sides: "Two civilians, a woman and her son,
    # were killed")
    return tok.dep_ == "appos" and tok.head.tag_ in ("NNS", "NNPS") and tok.tag_ == "NN" \
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children) \
        and not any(c.dep_ == "prep" and c.lower_ == "among" for c in tok.children) \
        and not _set_off(tok)


def _set_off(tok: Token) -> bool:
    """An apposition closed by a comma before its sentence's verb that names as many people as the
    count it stands by ("Two civilians, a woman and her son, were killed"): who they were, not more
    of them ("Three soldiers, a medic and a driver, were wounded" lists five)."""
    end = max((c.right_edge.i for c in tok.subtree), default=tok.i)
    doc = tok.doc
    if not (end + 2 < len(doc) and doc[end + 1].text == "," and doc[end + 2].pos_ in ("AUX", "VERB")):
        return False
    num = next((c for c in tok.head.children if c.dep_ == "nummod"), None)
    said = None if num is None else parse_number(num.text)
    items = 1 + sum(1 for t in tok.subtree if t.dep_ == "conj" and t.head.i == tok.i)
    return said == items


def _conjuncts(tok: Token) -> list[Token]:
    """Every member of the list `tok` is in (spaCy chains them: "A, B and C" is A -> B -> C)."""
    first = tok
    while _list_item(first) and first.head.i != first.i:
        first = first.head
    out, todo = [], [first]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if _list_item(c))
    return out


def find(doc: Doc, offset: int) -> list[Victim]:
    """Every singular victim in one parsed sentence; offsets are the sentence's start in the article."""
    found: list[Victim] = []
    seen: set[tuple[int, str]] = set()  # one person, one figure per harm ("abducted ... and stabbed to death")

    def add(head: Token, trigger: Token, metric: str, agent: Token | None, value: int | None = None,
            joined: bool = False, definite: bool = False) -> bool:
        if (head.i, metric) in seen:
            return True
        if trigger.lemma_.lower() in _PLACES_TOO and _is_proper(head):
            return True  # (a name seized or captured is a town far more often than a person: "M23 seized Goma")
        if head.lower_ in _PLURAL_PRONOUNS and trigger.dep_ == "advcl":
            # ("killed after they were arrested": a plural pronoun in a clause of time tells how
            # people counted elsewhere came to harm, not a count of its own)
            return True
        value = value or _value(head, metric in _LOOSE_METRICS)
        if value is None:
            if _counted(head) and (head.tag_ in ("NNS", "NNPS", "CD") or _is_person(head)):
                # "four cadres and a police officer were killed": the officer adds to the four
                # (and down a list: "15 soldiers, three volunteers and a driver")
                for c in head.children:
                    if _list_item(c):
                        add(c, trigger, metric, agent, joined=True)
                return True  # counted: the number finder's
            return False
        seen.add((head.i, metric))
        joined = joined or any(_counted(c) for c in _conjuncts(head) if c.i != head.i)
        a, b = _span(head)
        low = head.lower_
        definite = definite or low in _PRONOUNS or any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children) \
            or any(c.dep_ == "poss" for c in head.children) or low in _PAIR or _said_of_someone_named(head)
        ag = None
        if agent is not None and agent.i not in range(a, b + 1) and agent.lower_ not in _RELATIVE and agent.lower_ not in _PRONOUNS:
            ag = doc[agent.left_edge.i:agent.right_edge.i + 1].text
        found.append(Victim(metric, value, offset + doc[a].idx, offset + doc[b].idx + len(doc[b]),
                            offset + trigger.idx, offset + trigger.idx + len(trigger), definite,
                            head.text if _is_proper(head) else head.lemma_.lower(), ag, joined))
        for c in head.children:
            if c.dep_ == "conj" and _counted(c):
                add(c, trigger, metric, agent, joined=True)  # "a village head, his two sons and a farmer": the farmer too
        return True

    for tok in doc:
        if tok.lemma_.lower() in ("include", "be") and (listed := _harmed_subject(tok)) is not None:
            # "The dead included a 5-year-old girl and her grandmother", "The victims were a
            # teacher and his son": the people named are the harmed the subject stands for
            for c in tok.children:
                if c.dep_ in ("dobj", "attr"):
                    add(c, tok, listed, None)
            continue
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            metric = _verb_metric(tok)
            if metric is None or _blocked(tok) or _background(tok) or (metric == "killed" and _not_violent(tok)):
                continue
            agent = _agent(tok)
            patients = _patients(tok)
            if not any([add(p, tok, metric, agent) for p in patients]) \
                    and (_is_passive(tok) or tok.lemma_.lower() in _INTRANSITIVE):
                subject = _left_subject(tok)
                if subject is not None and subject not in patients:
                    add(subject, tok, metric, agent)
        elif tok.lower_ == "dead" and tok.i > 0 and doc[tok.i - 1].lower_ in _SHOT_DEAD \
                and (not doc[tok.i - 1].tag_.startswith("VB") or doc[tok.i - 1].head.i == tok.i):
            # the tagger reads a noun before "shot dead" as its compound ("gunmen riding a motorcycle
            # shot dead a civilian": "motorcycle shot" a noun, "dead" the root), or "shot" as the
            # subject of "dead" ("the military shot dead a suspected bandit"): the words are the verb
            if _background(tok):
                continue
            agent = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            patients = [c for c in tok.children if c.dep_ == "dobj"]
            if not patients and tok.dep_ == "amod" and tok.head.i > tok.i:
                patients = [tok.head]
            for p in patients:
                add(p, doc[tok.i - 1], "killed", agent)
        elif tok.tag_ == "NN" and tok.lemma_.lower() in _NOUN_METRIC | dict.fromkeys(_BODY, "killed"):
            if _background(tok) or _not_violent(tok):
                continue
            metric = _NOUN_METRIC.get(tok.lemma_.lower(), "killed")
            body = tok.lemma_.lower() in _BODY
            the = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            target = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
            poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
            if target is not None:
                add(target, tok, metric, None, definite=body and the)  # "the body of a girl": one named before
            elif poss is not None and metric == "killed" and not body and tok.head.lower_ in ("in", "to"):
                # "shot a civilian ..., resulting in his death": the person named before died
                add(poss, tok, metric, None, 1, definite=True)
            elif body and not _counted(tok) and (any(c.lower_ == "dead" for c in tok.children) or (
                    any(c.dep_ == "poss" for c in tok.children) and tok.head.lemma_.lower() in _BODY_VERBS)):
                add(tok, tok, "killed", None, 1)  # "his dead body", "collected his body": one person killed
    return sorted(found, key=lambda v: v.start)
