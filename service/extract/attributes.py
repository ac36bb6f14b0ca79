"""Stage 6, attributes: who the victims are as written (group) and their class."""
from __future__ import annotations

import re

from service.extract import lexicon as L


_NSAG_PHRASE = re.compile(r"(?:people|local)[’']?s?\s+defen[cs]e\s+force|armed\s+groups?|liberation\s+army", re.I)


def group_class(group: str | None) -> str:
    if not group:
        return "unknown"
    if _NSAG_PHRASE.search(group):
        return "non_state_armed_group"  # "People's Defence Force members", "armed group fighters"
    # who they all are: the head before a subset ("people, including a child" are not children)
    head = _SUBSET_TAIL.split(group, maxsplit=1)[0] or group
    words = set(_RX_13.findall(head.lower()))
    for cls, ws in L.GROUP_CLASSES:
        if words & ws:
            if cls == "civilians" and words <= {"people", "persons", "individuals", "others", "more"}:
                return "unknown"
            if cls == "children" and words & _ADULTS:
                return "civilians"  # "women and children"
            return cls
    return "unknown"


_SUBSET_TAIL = re.compile(r"\s*,?\s*\b(?:including|incl\.|among\s+(?:them|whom)|mostly|mainly|many\s+of\s+(?:them|whom)|"
                          r"most\s+of\s+(?:them|whom)|some\s+(?:of\s+them|believed))\b|\s*\(", re.I)
_ADULTS = frozenset("men women adults elderly parents mothers fathers teachers teacher man woman".split())
_RX_13 = re.compile(r"[a-z0-9\-]+")
