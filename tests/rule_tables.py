"""Checks shared by the tests of the rule tables (one table per language folder): every pattern has a positive and
a negative case, a positive case finds exactly its value under its label, a negative case finds nothing of its
pattern."""

from __future__ import annotations

from medkiln.serving.medkiln_rules import PhiRules


def run_marked(rules: PhiRules, text: str, marked: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(text, label) of the entities `rules` leaves on a blank English doc of `text` whose NER had marked `marked`
    ((word, label), each word's first occurrence)."""
    import spacy

    doc = spacy.blank("en")(text)
    ents = []
    for word, label in marked:
        start = text.index(word)
        ents.append(doc.char_span(start, start + len(word), label=label))
    doc.ents = ents
    return [(e.text, e.label_) for e in rules(doc).ents]


def compiled(patterns: list[dict]) -> PhiRules:
    component = PhiRules()
    component.add_patterns(patterns)
    return component


def assert_cases_cover(patterns: list[dict], positive: list[tuple], negative: list[tuple]) -> None:
    names = {p["name"] for p in patterns}
    with_positive = {case[0] for case in positive}
    with_negative = {case[0] for case in negative}
    assert names - with_positive == set(), "patterns without a positive case"
    assert names - with_negative == set(), "patterns without a negative case"
    assert with_positive | with_negative <= names, "cases for patterns that do not exist"


def assert_finds(rules: PhiRules, patterns: list[dict], name: str, text: str, expected: str) -> None:
    label = next(p["label"] for p in patterns if p["name"] == name)
    start = text.index(expected)
    assert (start, start + len(expected), label, name) in rules.find(text, resolve=False)


def assert_misses(rules: PhiRules, name: str, text: str) -> None:
    assert [m for m in rules.find(text, resolve=False) if m[3] == name] == []
