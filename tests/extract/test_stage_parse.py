"""The parse stage alone: only the sentences it is given are parsed, each into its own Doc."""
from __future__ import annotations

from service.extract import parse
from service.extract.sentences import split


def test_only_the_given_sentences_are_parsed() -> None:
    text = "The talks resumed. A farmer was shot dead by soldiers. Rain fell."
    sents = split(text)
    docs = parse.parse_sentences(text, sents.spans, [1])
    assert list(docs) == [1]
    doc = docs[1]
    assert doc.text == "A farmer was shot dead by soldiers."
    farmer = next(t for t in doc if t.text == "farmer")
    assert farmer.dep_ == "nsubjpass" and farmer.head.lemma_ == "shoot"  # the patient, not the agent
    assert parse.parse_sentences(text, sents.spans, []) == {}
