"""The German PHI-free vocabulary (domains/deid/de/vocab.py, nouns.txt, build_nouns.py): every family produces
words, no word of Faker's name and place lists is inside it, the noun list builds reproducibly, and the notes
carry the new words outside gold spans (decoys in untitled name slots included)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from medkiln.domains.deid.de import build_nouns, generate_notes, vocab

NOUNS_FILE = Path(vocab.__file__).with_name("nouns.txt")


@pytest.fixture(scope="module")
def names() -> set[str]:
    return build_nouns.name_words()


def test_every_family_produces_capitalised_or_shorthand_words():
    rng = random.Random(7)
    for family, make in vocab.FAMILIES.items():
        words = {make(rng) for _ in range(40)}
        assert len(words) > 3, family
        assert all(w and w.strip() == w for w in words), family
        if family not in ("shorthand", "lab", "regimen"):
            assert all(w[0].isupper() for w in words), family
    assert {name for name, _ in vocab.NOUN_WEIGHTS} == set(vocab.FAMILIES)


def test_compounds_join_a_modifier_and_a_head():
    rng = random.Random(3)
    for _ in range(200):
        word = vocab.compound(rng)
        assert any(word in (m + h, f"{m}-{h[:1].upper()}{h[1:]}") for m in vocab.MODIFIERS for h in vocab.HEADS)


def test_small_numbers_are_in_their_phrases_and_seeded():
    a = [vocab.small_number(random.Random(5)) for _ in range(3)]
    assert a == [vocab.small_number(random.Random(5)) for _ in range(3)]
    rng = random.Random(11)
    for _ in range(100):
        phrase = vocab.small_number(rng)
        assert any(ch.isdigit() for ch in phrase) or phrase.split()[-1] in vocab.ROMANS


def _clash(words, names: set[str]) -> list[str]:
    return sorted(w for w in words for part in w.replace("/", " ").replace("-", " ").split() if part.lower() in names)


def test_no_name_or_place_word_is_in_the_phi_free_lexicon(names):
    # the list derived from a dictionary that also holds names: no given name, surname, street or place at all
    assert len(vocab.common_nouns()) > 2000
    assert not _clash(vocab.common_nouns(), names)
    # the hand-written clinical lists: no whole place name but one (the town of Lage is also the clinical word for
    # position); a few body words are also surnames ("Kopf", "Hals") and stay, since telling the noun from the
    # surname by context is what the student has to learn
    places = build_nouns.name_words(build_nouns.PLACE_ATTRS, ("de_DE", "de_AT", "de_CH"))
    rng = random.Random(1)
    hand = set(vocab.ANATOMY) | set(vocab.FINDING_WORDS) | set(vocab.EVERYDAY) | set(vocab.PROCEDURE_WORDS) \
        | set(vocab.DRUGS) | {name for name, _ in vocab.LAB} | {vocab.compound(rng) for _ in range(500)}
    assert {w for w in hand if w.lower() in places} <= {"Lage"}
    assert not _clash(set(vocab.FINDING_WORDS) | set(vocab.PROCEDURE_WORDS) | set(vocab.DRUGS), names)


def test_noun_selection_filters_and_is_reproducible(tmp_path):
    source = tmp_path / "words"
    source.write_text("\n".join(["Untersuchung", "Heiterkeit", "Müller", "Müllerung", "Ab", "ABSTIMMUNG",
                                 "laufen", "Gesellschaft", "Bergstraße"]) + "\n", encoding="utf-8")
    kept = build_nouns.select(source.read_text(encoding="utf-8").split(), {"müllerung"}, per_suffix=10)
    assert kept == ["Gesellschaft", "Heiterkeit", "Untersuchung"]
    out1, out2 = tmp_path / "a.txt", tmp_path / "b.txt"
    build_nouns.build(source, out1)
    build_nouns.build(source, out2)
    assert out1.read_bytes() == out2.read_bytes()
    assert out1.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.skipif(not build_nouns.SOURCE.exists(), reason="wngerman is not installed (build-time input only)")
def test_committed_noun_list_is_what_the_build_writes(tmp_path):
    out = tmp_path / "nouns.txt"
    build_nouns.build(build_nouns.SOURCE, out)
    assert out.read_text(encoding="utf-8") == NOUNS_FILE.read_text(encoding="utf-8")


def test_notes_carry_the_vocabulary_outside_spans_and_decoys_in_name_slots():
    notes = list(generate_notes(60, 4))
    lexicon = set(vocab.common_nouns()) | set(vocab.FINDING_WORDS) | set(vocab.PROCEDURE_WORDS) | set(vocab.EVERYDAY)
    outside = inside = 0
    for note in notes:
        text = note["text"]
        # institution names hold generic words ("Klinik", a department) by design; names and places hold none
        covered = [False] * len(text)
        for s, e, label in note["spans"]:
            if label not in ("HOSPITAL", "ORGANIZATION"):
                covered[s:e] = [True] * (e - s)
        for m in re.finditer(r"\w+", text):
            if m.group() in lexicon:
                inside += covered[m.start()]
                outside += not covered[m.start()]
    assert outside > 10 * len(notes)
    assert inside == 0
    # a decoy: the letter's subject line names a PHI-free word, with no PATIENT span there
    decoyed = 0
    for note in notes:
        for marker in ("Betreff:", "Betr.:", "Patient/in:"):
            at = note["text"].find(marker)
            if at >= 0:
                line_end = note["text"].find(",", at)
                if not any(at < s < line_end and label == "PATIENT" for s, e, label in note["spans"]):
                    decoyed += 1
    assert decoyed >= 1


def test_build_needs_the_dictionary(tmp_path):
    with pytest.raises(SystemExit, match="wngerman"):
        build_nouns.build(tmp_path / "missing", tmp_path / "out.txt")
