"""The candidates stage alone: which sentences are read closely, and their numbers."""
from __future__ import annotations

from service.extract.candidates import find
from service.extract.sentences import split


def test_number_and_parse_candidates() -> None:
    text = ("Troops killed 12 civilians in 2023. The weather was fine on 3 May. A farmer was shot dead. "
            "Dozens of people were arrested.")
    c = find(split(text))
    # a number and a harm stem: sentences 0 and 3 ("dozens" is a number word); 1 has a date, no harm
    assert sorted(c.numbers) == [0, 3]
    assert [(n.text, n.value, n.kind) for n in c.numbers[0]] == [("12", 12, "count"), ("2023", 2023, "year")]
    assert c.numbers[3][0].vague
    # a victim harm word: parsed for victims named without a numeral
    assert c.to_parse == [0, 2, 3]
    assert c.sentences() == [0, 2, 3]


def test_prose_without_figures_has_no_candidate() -> None:
    c = find(split("The talks resumed in Geneva. Both sides said they were hopeful."))
    assert not c and c.numbers == {} and c.to_parse == []
