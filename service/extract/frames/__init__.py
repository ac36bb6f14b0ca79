"""The frames stage, document frames: the place, the source and the time each figure takes from its article.

A frame is a question asked of the whole document, not of one sentence: a figure whose sentence
names no place inherits one from earlier sentences, a figure nobody claims in its sentence takes
the source the article quotes, and a running total's start may be stated in its paragraph's
opening. Each frame reads the sentence layer (service.extract.sentences) and answers per
sentence, lazily and cached, so that an article pays only for the sentences that hold figures.

    places.PlaceFrame   where: own place chain, else inherited, else the article's country
    sources.SourceFrame who claims it: own attribution, else the article's monitor or lead source
    time.TimeFrame      when: event dates, the reference date, running-total paragraphs
    cause.CauseFrame    why: conflict, else a disaster, an accident or an illness its clause names
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from service.extract.frames.cause import CauseFrame
from service.extract.frames.places import PlaceFrame
from service.extract.frames.sources import SourceFrame
from service.extract.frames.time import TimeFrame
from service.extract.sentences import Sentences


@dataclass(slots=True)
class Frames:
    place: PlaceFrame
    source: SourceFrame
    time: TimeFrame
    cause: CauseFrame


def build(sents: Sentences, *, title: str | None, published: date | None, source: str | None) -> Frames:
    """The frames of one article (the place frame finds the article's places at once)."""
    return Frames(PlaceFrame(sents), SourceFrame(sents, title, source), TimeFrame(sents, published), CauseFrame(sents))
