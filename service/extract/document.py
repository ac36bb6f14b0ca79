"""The document the extractor's stages annotate: one typed layer per stage, None until it has run.

The stages and their order are service.extract.pipeline.STAGES; each layer is named after the
stage that adds it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from service.extract.attributes import Attributed
    from service.extract.candidates import Candidates
    from service.extract.figure import Figure
    from service.extract.frames import Frames
    from service.extract.links import Linked
    from service.extract.sentences import Sentences


@dataclass(slots=True)
class Document:
    text: str
    article_id: str
    published: date | None = None
    title: str | None = None
    source: str | None = None                # the publisher as stored ("UNHCR (via ReliefWeb)")
    sentences: Sentences | None = None
    candidates: Candidates | None = None
    parse: dict[int, Doc] | None = None      # sentence index -> its dependency parse
    links: list[Linked] | None = None
    frames: Frames | None = None
    attributes: list[Attributed] | None = None
    relations: list[Figure] | None = None    # the figures, each related to the others
