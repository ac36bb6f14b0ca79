"""The cause frame: whether a figure's harm came from armed conflict or from something else.

Reports of conflict also count the dead and displaced of floods and earthquakes, of road and
industrial accidents, and of illness ("40 died of cholera in the camps"). Those figures are kept
and flagged, and a conflict series leaves them out (README, "Series semantics"):

    conflict   the default: the figure's clause names no other cause
    disaster   floods, earthquakes, storms, landslides, droughts, wildfires
    accident   road, air, sea and industrial accidents (a boat that capsized, a bus that plunged into a
               ravine, a fire at a factory), falls, electrocution, "accidentally shot"
    illness    disease, outbreaks, malnutrition and starvation, medical complications

A cause is a word of one of those kinds near the figure's quote (within a few words: "a gas leak
killed 11", "died of cholera", "the death of a teenager following complications"), in its own
clause (the sentence, cut at semicolons), where that clause names no act of violence:
"displaced by fighting and floods" is conflict, and so is a killing in a protest "amid the
coronavirus curfew" (context, not cause). A sentence that names neither takes the cause its
article opens with, when the opening ties it to a harm the same way: the later figures of a flood
report are the flood's. "Accident" itself is decisive ("a soldier was accidentally shot"), except
for the remnants of war ("accidentally stepped on a landmine" stays conflict).
"""
from __future__ import annotations

import re

from service.extract.sentences import Sentences

_DISASTER = re.compile(
    r"\b(?:floods?|flooding|floodwaters?|flash[\s-]floods?|earthquakes?|quakes?|aftershocks?|cyclones?|typhoons?|"
    r"hurricanes?|tropical\s+storms?|storms?|tornado(?:es)?|landslides?|mudslides?|tsunamis?|heat\s?waves?|"
    r"droughts?|wildfires?|bushfires?|forest\s+fires?|avalanches?|volcanic|eruption|monsoon|torrential\s+rains?|"
    r"heavy\s+rains?|natural\s+disasters?|heat\s?strokes?|extreme\s+heat|heat\s+exhaustion|lightning)\b", re.I)
_ACCIDENT = re.compile(
    r"\b(?:accident(?:s|al|ally)?|crash(?:ed|es)?|collisions?|collided|derail(?:ed|ment)|gas\s+leaks?|"
    r"electrocut\w*|stampedes?|fell\s+from|falling\s+from|fall\s+from|capsiz\w*|shipwrecks?|boat\s+sank|"
    r"(?:boat|vessel|ship|ferry)\s+(?:that\s+)?(?:sank|sinking)|overturned|rolled\s+over|"
    r"(?:plunged|fell|veered|skidded)\s+(?:off|into|down)\s+(?:a|the)\s+(?:\w+\s+)?(?:ravine|river|gorge|valley|cliff|canal|road|"
    r"embankment|ditch|precipice)|"
    # a fire of its own ("a fire at a garment factory", "the blaze"), not one set or opened
    r"(?:a|the)\s+(?:huge\s+|massive\s+|major\s+|deadly\s+)?(?:fire|blaze)\s+(?:at|in|swept|gutted|engulfed|ravaged|broke\s+out)\b|"
    r"\bfire\s+broke\s+out|caught\s+fire|"
    # a store of fuel that blew up ("A fuel depot exploded near Stepanakert"), not a bomb
    r"(?:fuel|gas|oil|petrol|diesel|ammonium)\s+(?:depot|station|tanker|truck|storage|warehouse|pipeline|cylinder)s?\s+"
    r"(?:exploded|explosion|blast|blew\s+up|caught\s+fire)|"
    r"blaze)\b", re.I)
_ACCIDENT_DECISIVE = re.compile(r"\baccident(?:s|al|ally)?\b", re.I)
_REMNANTS = re.compile(r"\b(?:landmines?|mines?|unexploded|ordnance|UXOs?|IEDs?|explosive\s+remnants?)\b", re.I)
_ILLNESS = re.compile(
    r"\b(?:cholera|malaria|measles|dengue|diarrh(?:o)?ea|diphtheria|covid(?:-19)?|coronavirus|ebola|tuberculosis|"
    r"pneumonia|diseases?|illness(?:es)?|epidemics?|outbreaks?|infections?|malnutrition|malnourish\w*|"
    r"starvation|starved|famine|complications|natural\s+causes|heart\s+attacks?|medical\s+negligence|"
    r"negligence\s+of\s+doctors|hunger\s+strik\w*)\b", re.I)  # (a hunger striker starves: no act of violence)
# acts of violence: their presence keeps a clause in the conflict series whatever else it names
_VIOLENCE = re.compile(
    r"\b(?:shot|shoot\w*|gun\w*|shell(?:s|ed|ing)?|air\s?strikes?|(?<!hunger\s)strikes?|bomb\w*|attack\w*|clash\w*|fight\w*|"
    r"battles?|raid\w*|ambush\w*|massacre\w*|execut\w*|beaten|beat|stabb\w*|hacked|tortur\w*|landmines?|mines?|"
    r"IEDs?|explosives?|grenades?|artillery|rockets?|missiles?|drones?|snipers?|militants?|insurgents?|rebels?|"
    r"gunmen|crossfire|violence|conflict|war|offensive|assault\w*|abduct\w*|kidnap\w*|troops|"
    r"junta|army|militia\w*|lynch\w*|mob|riot\w*)\b", re.I)  # (not "soldiers": the harmed, as often as the harming)


# the causes other than conflict, in the order they are looked for
_OTHER_CAUSES = (("disaster", _DISASTER), ("accident", _ACCIDENT), ("illness", _ILLNESS))
_HARM = re.compile(r"\b(?:kill\w*|died|dies|die|dead|deaths?|displac\w*|fled|flee\w*|injur\w*|wounded|missing|"
                   r"homeless|evacuat\w*|shelter\w*|victims?|toll|lives)\b", re.I)
_NEAR = 60  # characters either side of the quote: a few words


def _cause_in(text: str, s: int, e: int, a: int, b: int) -> str | None:
    """The cause the clause [s, e) gives the harm quoted at [a, b): "conflict" where it names
    violence, another cause where one is named near the quote, None where neither."""
    seg = text[s:e]
    lo, hi = max(s, a - _NEAR), min(e, b + _NEAR)
    if _ACCIDENT_DECISIVE.search(text, lo, hi) and not _REMNANTS.search(seg):
        return "accident"
    if _VIOLENCE.search(seg):
        return "conflict"
    # near the quote first; else a disaster or an accident anywhere in its clause, which names no
    # violence ("A landslide in Enga province buried a village, and officials fear 2,000 people
    # were killed"; an illness further off is the occasion: "amid the coronavirus pandemic")
    return _named_cause(text, lo, hi) or _named_cause(text, s, e, _OTHER_CAUSES[:2])


def _headline_cause(text: str, s: int, e: int) -> str | None:
    """The cause a headline is about ("Floods hit Kachin State"), "conflict" where it names violence."""
    if _VIOLENCE.search(text, s, e):
        return "conflict"
    return _named_cause(text, s, e)


def _named_cause(text: str, s: int, e: int, causes: tuple[tuple[str, re.Pattern[str]], ...] = _OTHER_CAUSES) -> str | None:
    """The first cause other than conflict named in text[s:e]."""
    return next((cause for cause, rx in causes if rx.search(text, s, e)), None)


def _opening_cause(text: str, s: int, e: int) -> str | None:
    """The cause an article's first sentence ties to a harm it names ("Floods displaced thousands")."""
    for m in _HARM.finditer(text, s, e):
        c = _cause_in(text, s, e, m.start(), m.end())
        if c is not None:
            return c
    return None


_NEXT_COUNT = re.compile(r",?\s+(?:and|while|but|whereas)\s+(?=(?:[\w’'\-]+\s+){0,2}?(?:\d|one|two|three|four|five|six|"
                         r"seven|eight|nine|ten|dozens|hundreds|thousands)\b)", re.I)
# the harms that nature, accident or illness can cause too
_NATURAL = frozenset(("killed", "injured", "killed_or_injured", "displaced", "refugees", "missing", "crossed_border"))
# people counted by the status a war gave them: a flood or an outbreak among them does not make
# them a disaster's
_STATUS = re.compile(r"\b(?:IDPs?|refugees|internally\s+displaced|asylum[\s-]seekers)\b", re.I)


class CauseFrame:
    """The cause of each figure of one article, by its clause, else the article's opening."""

    def __init__(self, sents: Sentences):
        self.sents = sents
        self._opening: str | None = None
        self._opening_done = False

    def _article_cause(self) -> str:
        if not self._opening_done:
            self._opening_done = True
            spans, text = self.sents.spans, self.sents.text
            k = 0
            while k < len(spans) and self.sents.is_headline(k):
                k += 1
            # the headline's subject, else what the first sentence ties to a harm
            head = _headline_cause(text, 0, spans[k - 1][1]) if k else None
            self._opening = head if head is not None else (
                _opening_cause(text, *spans[k]) if k < len(spans) else None)
        return self._opening or "conflict"

    def cause_for(self, k: int, quote: tuple[int, int], metric: str) -> str:
        """The cause of a `metric` figure of sentence k whose quote spans `quote`."""
        text = self.sents.text
        if metric not in _NATURAL:
            return "conflict"  # an arrest, a release, an abduction: done by people, whatever the occasion
        if metric in ("displaced", "refugees") and _STATUS.search(text, *quote):
            return "conflict"  # "flooding ... leaving around 200 IDPs in need": displaced by the war before
        s, e = self.sents.spans[k]
        # the clause: the sentence, cut at the semicolons around the figure and where a coordination
        # brings in another count ("8 people died of cholera and 4 others were killed by RSF drone
        # strikes": the cholera deaths are not the strikes')
        a = text.rfind(";", s, quote[0])
        b = text.find(";", quote[1], e)
        a, b = (s if a < 0 else a + 1), (e if b < 0 else b)
        for m in _NEXT_COUNT.finditer(text, a, b):
            if m.end() <= quote[0]:
                a = m.end()
            elif m.start() >= quote[1]:
                b = m.start()
                break
        own = _cause_in(text, a, b, *quote)
        return own if own is not None else self._article_cause()
