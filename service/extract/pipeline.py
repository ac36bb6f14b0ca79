"""The extractor's stages, in order, and the driver that runs an article through them.

Each stage reads layers that the stages before it added to the Document (service.extract.document)
and adds its own, under its name. A stage is a module of its own whose function takes exactly
the layers it reads, so it can be run and tested alone. STAGES is the only place that says in
which order they run and what each reads.

    sentences   spans, paragraphs, headlines, datelines, captions
    candidates  sentences with a numeral and a harm word, and their numbers; sentences to parse
    parse       a dependency parse of the sentences to parse (spaCy)
    links       numbers and victims named without a numeral, linked to harm (parse patterns:
                service.extract.roles, service.extract.victims; token rules where none attach)
    frames      the article's place, source and time frames, asked per sentence
    attributes  a Figure per link: metric, group, running total, place, source, date, perpetrator
    relations   independent / restates / part_of / adds_to between the figures
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple

from service.extract import attributes, candidates, frames, links, parse, relations, sentences
from service.extract.document import Document
from service.extract.figure import Figure


class Stage(NamedTuple):
    name: str                        # the Document layer it adds
    run: Callable[[Document], Any]   # what it reads -> that layer
    gate: bool = False               # an empty layer ends the article: it holds no figure


STAGES: tuple[Stage, ...] = (
    Stage("sentences", lambda d: sentences.split(d.text), gate=True),
    Stage("candidates", lambda d: candidates.find(d.sentences), gate=True),
    Stage("parse", lambda d: parse.parse_sentences(d.text, d.sentences.spans, d.candidates.to_parse)),
    Stage("links", lambda d: links.link(d.sentences, d.candidates, d.parse), gate=True),
    # (after the last gate: an article without a figure never pays for its frames)
    Stage("frames", lambda d: frames.build(d.sentences, title=d.title, published=d.published, source=d.source)),
    Stage("attributes", lambda d: attributes.attribute(d.sentences, d.links, d.frames, article_id=d.article_id)),
    Stage("relations", lambda d: relations.relate(d.text, d.attributes)),
)


def annotate(doc: Document, stages: tuple[Stage, ...] = STAGES) -> Document:
    """Run `stages` in order over `doc`, each adding its layer; stop at an empty gate layer."""
    for stage in stages:
        layer = stage.run(doc)
        setattr(doc, stage.name, layer)
        if stage.gate and not layer:
            break
    return doc


def run(text: str, *, article_id: str, published: date | None, title: str | None,
        source: str | None = None) -> list[Figure]:
    """The figures of one article."""
    return annotate(Document(text, article_id, published, title, source)).relations or []
