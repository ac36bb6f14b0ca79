"""Who a counted phrase is to a harm word, read from the dependency parse: the attachment patterns.

The links stage asks, for each number of a parsed sentence, which harm predicate governs the noun
phrase the number counts, and in which role. The answer comes from named patterns over the parse
(spaCy's DependencyMatcher), one per construction of English, never from how far apart the words
are:

    passive_subject       "eight porters, who had been forced to carry ammunition, were later shot dead"
    intransitive_subject  "30 rebels and five soldiers died", "2.3 million people have fled"
    raised                "five civilians were reported killed", "three are feared dead"
    noun_of               "the deaths of 20 civilians", "the abduction of 70 students"
    copula_partitive      fronted: "of those killed, 212 were women", "among the dead were 11 children"
    partitive_whole       no count: "four of the five hostages were freed" (the four were)
    active_subject        agent: "three gunmen shot and killed a farmer" (the farmer is the victim)
    shared_subject        agent: "40 soldiers stormed the village and killed six people"
    by_agent              agent: "were killed by 40 soldiers"

A relative pronoun stands for the phrase its clause modifies ("two men who allegedly shot dead a
man ... clashed with police": the men are agents).

These are the constructions of full clauses, where a parse is reliable and token windows are not
(a relative clause or an apposition between the count and its verb, an agent before an active
verb, a fronted "of those killed"). Verbless and elliptical text ("2 peacekeepers killed, 4
wounded", "Killed: 12; injured: 30", "60 people dead and 150 wounded") is where a small parser
errs most; there the links stage's token rules decide.

What a predicate *means* (which metric, "shot dead" against "shot in the leg") stays
the lexicon's business (service.extract.lexicon, links.trigger_at): the parse says which word
governs the count, the lexicon what that word says happened.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from service.extract import lexicon as L

if TYPE_CHECKING:  # pragma: no cover - spaCy itself is imported by the parse stage, when first needed
    from spacy.matcher import DependencyMatcher
    from spacy.tokens import Doc, Token

# Harm words as they are written: the lexicon's verbs, the first words of its multi-word harms
# ("shot dead", "gunned down", "taken hostage") and the army's euphemisms.
_FIRST_WORDS = ("shot gunned beaten burned burnt hacked stabbed tortured taken took held rounded forcibly forced "
                "seized captured regained regain regains").split()
HARM_WORDS = sorted(set(L.VERBS) | set(L.EUPHEMISMS) | set(_FIRST_WORDS))
_HARM_SET = frozenset(HARM_WORDS)
# Harms whose subject is the one harmed, with or without an object ("fled the village")
INTRANSITIVE = sorted({w for w, m in L.VERBS.items() if w not in L.LEFT_OK} | {"missing", "regained", "regain", "regains"})
# Harms whose active subject does the harm
TRANSITIVE = sorted(set(HARM_WORDS) - set(INTRANSITIVE) - {"sheltering", "sheltered", "arrived", "evacuated",
                                                          "hurt", "lost", "held"})
_PREDICATE_DEPS = ["xcomp", "oprd", "acomp"]  # (not ccomp: a clause with a subject of its own)
# objects that belong to the harm phrase itself, whose subject is the one harmed ("2,000 people have
# taken shelter", "40 soldiers lost their lives")
_IDIOM_OBJECTS = ["shelter", "refuge", "lives", "life", "homes", "home", "protection", "asylum", "hostage", "captive",
                  "prisoner"]
_OBJECT = {"DEP": "dobj", "LOWER": {"NOT_IN": _IDIOM_OBJECTS}}
_PART_NOUNS = sorted(w for w, m in L.NOUNS.items() if m) + ["victims"]

_RELATIVE = frozenset(("who", "whom", "that", "which"))
# subjects that name a harmed group ("the dead", "the wounded"), not a victim of any harm ("the victims")
_HARMED_SUBJECTS = ["dead", "deceased", "fatalities", "killed", "wounded", "injured"]
_AGENT = "agent"
_PATIENT = "patient"
_PART = "part"
_WHOLE = "whole"


def _p(pid: str, attrs: dict, rel: str | None = None, left: str | None = None) -> dict:
    node: dict = {"RIGHT_ID": pid, "RIGHT_ATTRS": attrs}
    if rel is not None:
        node.update(LEFT_ID=left, REL_OP=rel)
    return node


_HARM = {"LOWER": {"IN": HARM_WORDS}}
# harm words that tell a death or an injury, and the verbs that only move people
_HURT_WORDS = sorted(w for w in HARM_WORDS if L.VERBS.get(w) in ("killed", "injured", "killed_or_injured"))
_MOVING = frozenset(w for w in HARM_WORDS if L.VERBS.get(w) in ("displaced", "refugees"))
# name -> (role, patterns); every pattern has a "pred" (the harm word) and a "phrase" node
PATTERNS: dict[str, tuple[str, list[list[dict]]]] = {
    "passive_subject": (_PATIENT, [[_p("pred", _HARM), _p("phrase", {"DEP": "nsubjpass"}, ">", "pred")]]),
    "intransitive_subject": (_PATIENT, [[_p("pred", {"LOWER": {"IN": INTRANSITIVE}}),
                                         _p("phrase", {"DEP": "nsubj"}, ">", "pred")]]),
    "raised": (_PATIENT, [[_p("verb", {"POS": {"IN": ["VERB", "AUX"]}}),
                           _p("phrase", {"DEP": {"IN": ["nsubj", "nsubjpass"]}}, ">", "verb"),
                           _p("pred", {"LOWER": {"IN": HARM_WORDS + ["dead"]}, "DEP": {"IN": _PREDICATE_DEPS}}, ">", "verb")]]),
    # "The dead were 14 soldiers and three militiamen", "the wounded included 9 children": the
    # count names the harmed group the subject stands for
    "harmed_subject": (_PATIENT, [[_p("verb", {"LEMMA": {"IN": ["be", "include"]}}),
                                   _p("pred", {"LOWER": {"IN": _HARMED_SUBJECTS}, "DEP": "nsubj"}, ">", "verb"),
                                   _p("det", {"LOWER": {"IN": ["the", "those"]}, "DEP": "det"}, ">", "pred"),
                                   _p("phrase", {"DEP": {"IN": ["attr", "dobj"]}}, ">", "verb")]]),
    "noun_of": (_PATIENT, [[_p("pred", {"LOWER": {"IN": sorted(L.NOUN_OF)}}),
                            _p("prep", {"LOWER": {"IN": ["of", "to"]}, "DEP": "prep"}, ">", "pred"),
                            _p("phrase", {"DEP": "pobj"}, ">", "prep")]]),
    "copula_partitive": (_PART, [
        [_p("verb", {"LEMMA": {"IN": ["be", "include"]}}),
         _p("phrase", {"DEP": {"IN": ["nsubj", "attr", "dobj"]}}, ">", "verb"),
         _p("prep", {"LOWER": {"IN": ["of", "among"]}, "DEP": "prep"}, ">", "verb"),
         _p("pred", {"LOWER": {"IN": _PART_NOUNS}, "DEP": "pobj"}, ">", "prep")],
        [_p("verb", {"LEMMA": {"IN": ["be", "include"]}}),
         _p("phrase", {"DEP": {"IN": ["nsubj", "attr", "dobj"]}}, ">", "verb"),
         _p("prep", {"LOWER": {"IN": ["of", "among"]}, "DEP": "prep"}, ">", "verb"),
         _p("those", {"DEP": "pobj"}, ">", "prep"),
         _p("pred", {"LOWER": {"IN": HARM_WORDS}, "DEP": "acl"}, ">", "those")],
        # the parser hangs the fronted phrase on the count: "Of those killed, 212 were women"
        [_p("verb", {"LEMMA": "be"}),
         _p("phrase", {"DEP": "nsubj", "TAG": "CD"}, ">", "verb"),
         _p("prep", {"LOWER": {"IN": ["of", "among"]}, "DEP": "prep"}, ">", "phrase"),
         _p("those", {"LOWER": {"IN": ["those", "them"]}, "DEP": "pobj"}, ">", "prep"),
         _p("pred", {"LOWER": {"IN": HARM_WORDS}, "DEP": "acl"}, ">", "those")],
    ]),
    # "four of the five hostages were freed": the five are whom the four are taken from, no count
    # of their own (unless a reduced relative says what happened to them: "three of the 12 abducted")
    "partitive_whole": (_WHOLE, [[_p("pred", {"TAG": "CD"}), _p("prep", {"LOWER": "of", "DEP": "prep"}, ">", "pred"),
                                  _p("phrase", {"DEP": "pobj"}, ">", "prep")]]),
    "active_subject": (_AGENT, [[_p("pred", {"LOWER": {"IN": TRANSITIVE}, "TAG": {"IN": ["VBD", "VBZ", "VBP", "VBG", "VB", "VBN"]}}),
                                 _p("phrase", {"DEP": "nsubj"}, ">", "pred"),
                                 _p("obj", _OBJECT, ">", "pred")]]),
    "shared_subject": (_AGENT, [[_p("verb", {"POS": "VERB"}),
                                 _p("phrase", {"DEP": "nsubj"}, ">", "verb"),
                                 _p("pred", {"LOWER": {"IN": TRANSITIVE}, "DEP": "conj"}, ">", "verb"),
                                 _p("obj", _OBJECT, ">", "pred")]]),
    "by_agent": (_AGENT, [[_p("pred", _HARM), _p("by", {"DEP": "agent"}, ">", "pred"),
                           _p("phrase", {"DEP": "pobj"}, ">", "by")]]),
    # a reduced relative on the count's own noun tells its harm when the clause's verb only moves
    # the harmed: "Three people wounded in the attack were evacuated", "18 killed in a strike on a
    # school sheltering displaced families" (not "12 soldiers captured ... were killed": see roles())
    "reduced_relative": (_PATIENT, [[_p("phrase", {"POS": {"IN": ["NOUN", "NUM", "PROPN"]}}),
                                     _p("pred", {"LOWER": {"IN": _HURT_WORDS}, "DEP": "acl", "TAG": "VBN"},
                                        ">", "phrase")]]),
}
# When one phrase matches several patterns, the first of this order decides: a patient before an
# agent (a passive's subject is never its agent).
ORDER = ("reduced_relative", "passive_subject", "intransitive_subject", "raised", "harmed_subject", "copula_partitive", "noun_of", "partitive_whole",
         "by_agent", "active_subject", "shared_subject")


@dataclass(frozen=True, slots=True)
class Role:
    """What a phrase is to a harm word: role (patient | part | agent | whole), the harm word (for a
    whole: the part's number), the pattern."""

    role: str
    pred: int       # token index of the harm word in the sentence's Doc
    pattern: str


_matchers: dict[int, "DependencyMatcher"] = {}
_lock = threading.Lock()


def _matcher(doc: "Doc") -> "DependencyMatcher":
    key = id(doc.vocab)
    m = _matchers.get(key)
    if m is None:
        with _lock:
            m = _matchers.get(key)
            if m is None:
                from spacy.matcher import DependencyMatcher

                m = DependencyMatcher(doc.vocab)
                for name, (_, pats) in PATTERNS.items():
                    m.add(name, pats)
                _matchers[key] = m
    return m


def _ids(name: str) -> list[list[str]]:
    return [[node["RIGHT_ID"] for node in pat] for pat in PATTERNS[name][1]]


_NODE_IDS = {name: _ids(name) for name in PATTERNS}
_RANK = {name: k for k, name in enumerate(ORDER)}


def roles(doc: "Doc") -> dict[int, Role]:
    """The role of every phrase head of the sentence that a pattern attaches to a harm word."""
    vocab = doc.vocab.strings
    best: dict[int, Role] = {}
    best_rank: dict[int, int] = {}
    for match_id, ids in _matcher(doc)(doc):
        name = vocab[match_id]
        names = next(n for n in _NODE_IDS[name] if len(n) == len(ids))
        node = dict(zip(names, ids))
        phrase, pred = node["phrase"], node["pred"]
        if name == "raised" and any(c.dep_ == "dobj" for c in doc[node["verb"]].children):
            continue  # "two men who shot dead a man": an object makes the subject the agent
        if name == "partitive_whole" and any(_harm_word(t) for t in doc[phrase].subtree if t.i != phrase):
            continue  # "two of the seven injured soldiers", "three of the 12 people abducted": a count of its own
        if name == "passive_subject" and not _has_auxpass(doc[pred]):
            continue  # "1 fatality, 2 injured": a verbless list the parser read as a passive
        if name in ("active_subject", "shared_subject") and doc[phrase].pos_ == "NUM":
            continue  # "1 killed 3 injured": a bare number before a verb is a list, not an agent
        if name == "copula_partitive" and node["prep"] > phrase:
            continue  # "four children were among the dead": a predicate after its subject (the links' rule (c))
        if name == "active_subject" and any(c.dep_ == "auxpass" for c in doc[pred].children):
            continue
        if name == "shared_subject" and any(c.dep_ in ("nsubj", "nsubjpass") for c in doc[pred].children):
            continue  # the second verb has a subject of its own
        if name == "reduced_relative" and doc[phrase].dep_ in ("nsubj", "nsubjpass") \
                and _harm_word(doc[phrase].head) and doc[phrase].head.lower_ not in _MOVING:
            continue  # the clause's own harm is the news: "five people wounded ... later died"
        rank = _RANK[name]
        if doc[phrase].lower_ in _RELATIVE and doc[phrase].head.dep_ == "relcl":
            # "two men who shot dead a man": the men did; what the phrase is in its own clause
            # comes first ("the bodies of 11 people who had been rounded up": the 11 were killed)
            phrase = doc[phrase].head.head.i
            rank += len(ORDER)
        if rank < best_rank.get(phrase, 2 * len(ORDER)):
            best[phrase] = Role(PATTERNS[name][0], pred, name)
            best_rank[phrase] = rank
    return best


def _has_auxpass(verb: "Token") -> bool:
    """A passive with its auxiliary ("were killed"), also for the second of two coordinated verbs."""
    for v in (verb, verb.head if verb.dep_ == "conj" else None):
        if v is not None and any(c.dep_ == "auxpass" for c in v.children):
            return True
    return False


def _harm_word(tok: "Token") -> bool:
    low = tok.lower_
    return low in _HARM_SET or low in L.NOUNS


def phrase_head(doc: "Doc", start: int, end: int) -> "Token | None":
    """The head of the noun phrase that the number at doc-relative characters [start, end) counts:
    the counted noun ("12 villagers"), or the number itself when it stands alone ("12 were killed")."""
    toks = [t for t in doc if t.idx < end and t.idx + len(t) > start]
    if not toks:
        return None
    span = {t.i for t in toks}
    top = next((t for t in toks if t.head.i not in span or t.head.i == t.i), toks[-1])
    # "2.3 million people", "at least 18 people": up from the numeral to the noun it counts
    while top.dep_ in ("nummod", "quantmod", "compound") and top.head.i != top.i and top.head.i not in span \
            and top.head.pos_ in ("NOUN", "PROPN", "NUM", "ADJ", "PRON"):
        top = top.head
    return top


def role_of(found: dict[int, Role], head: "Token") -> Role | None:
    """The role of the phrase headed by `head`. A conjunct has none of its own: whether "90 soldiers
    and eight fighters" add up or "(189 men, 146 women)" break a total down is the list rules' call
    (service.extract.links), not the parse's."""
    return found.get(head.i)


def token_at(doc: "Doc", start: int) -> "Token | None":
    """The token that starts at doc-relative character `start`, if one does."""
    return next((t for t in doc if t.idx == start), None)


def modifies_another(doc: "Doc", head: "Token", start: int) -> bool:
    """Whether the word at doc-relative character `start` lies inside a modifier of the phrase
    headed by `head` that is about another noun: "20 friends and family of a man who died" (the
    man died, not the 20), "12 relatives of the three victims killed". A clause on the phrase's
    own noun ("five men who were killed") is the phrase's."""
    tok = token_at(doc, start)
    if tok is None or tok.i == head.i or head.tag_ == "CD" or not any(a.i == head.i for a in tok.ancestors):
        return False  # ("two of those detained": a partitive names whom the count is taken from)
    t = tok
    while t.i != head.i:
        if t.dep_ in ("relcl", "acl", "pobj") and t.head.i != head.i:
            item = t.head
            if item.dep_ in ("appos", "conj") and item.head.i == head.i and t.dep_ == "acl" \
                    and any(c.dep_ == "nummod" for c in item.children):
                return False  # the next counted item of a list sharing the verb: "Two soldiers, three militants killed"
            return True  # a clause or an of-phrase on another noun inside the phrase
        t = t.head
    return False


def in_relative_clause(head: "Token", start: int) -> bool:
    """Whether the word at doc-relative character `start` lies in a relative clause on the phrase
    headed by `head` ("20 activists who had been detained")."""
    return any(c.dep_ == "relcl" and c.left_edge.idx <= start <= c.right_edge.idx for c in head.children)


def told_of_another(doc: "Doc", head: "Token", start: int) -> bool:
    """Whether the harm word at doc-relative character `start` is a participle on a noun outside
    the phrase headed by `head`: "hundreds of protesters carried the coffins of those killed"
    (those were killed, not the hundreds). A noun coordinated with the phrase's ("five soldiers
    and a civilian killed") or a phrase inside that noun's ("the bodies of 12 people killed")
    keeps the harm. (Not a relative clause: "two men on a motorcycle, who were arrested" is
    where the small parser hangs "who" on the nearest noun.)"""
    tok = token_at(doc, start)
    if tok is None or tok.dep_ != "acl" or head.tag_ == "CD":
        return False
    noun = tok.head
    if noun.i == head.i or noun in head.conjuncts:
        return False
    return not noun.left_edge.i <= head.i <= noun.right_edge.i and not head.left_edge.i <= noun.i <= head.right_edge.i


def acts_on_another(doc: "Doc", head: "Token", start: int, end: int) -> bool:
    """Whether the harm verb at doc-relative characters [start, end) has a noun object outside
    the phrase headed by `head`: then the phrase's people did the harm ("12 men beat a police
    team, injuring one officer": the officer was injured, not the 12). Not a pronoun ("beat
    three men, injuring them"), a bare count ("1 killed 3 injured") or a word of the harm's own
    phrase ("taking shelter")."""
    tok = token_at(doc, start)
    if tok is None or not tok.tag_.startswith("VB") or tok.lower_ in _MOVING:
        return False  # (what people flee is a place: "forced 630,000 people to flee their homes")
    objs = [c for c in tok.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") and not start <= c.idx < end]
    return bool(objs) and not any(o.left_edge.i <= head.i <= o.right_edge.i for o in objs)


def clause_apart(doc: "Doc", head: "Token", start: int) -> bool:
    """Whether the phrase headed by `head` lies inside a clause that modifies another noun while the
    harm word at doc-relative character `start` lies outside it: "three soldiers who were escorting
    50 displaced families were killed" (the soldiers were), "a strike on a school housing 3,000
    displaced people killed 12" (the 12 were)."""
    tok = token_at(doc, start)
    if tok is None:
        return False
    # only an argument of the clause's own verb: a longer path through conjunctions and
    # prepositions is where a small parser errs (a trailing "leaving 1 dead and 3 injured")
    arg = head.head if head.dep_ == "pobj" and head.head.dep_ == "prep" else head
    clause = arg.head
    if arg.dep_ not in ("nsubj", "nsubjpass", "dobj", "prep", "attr", "dative") or clause.dep_ not in ("relcl", "acl"):
        return False
    return not (clause.left_edge.i <= tok.i <= clause.right_edge.i)
