"""The shared genre loops of the deid language folders (domains/deid/genrekit.py), on tiny made-up tables: what each
helper promises, checked on its output (the language folders' notes are checked in test_lang_synth*.py)."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from medkiln.domains.deid import genrekit as gk
from medkiln.domains.deid.langkit import Grammar


def _cast(rng: random.Random, seed: int) -> SimpleNamespace:
    stay = gk.draw_stay(rng, 10)
    return SimpleNamespace(rng=rng, seed=seed, name="Ada Lovelace", admitted=stay.admitted,
                           discharged=stay.discharged, age=stay.age, born=stay.born)


SLOTS = {"name": lambda c: [("Ms ", None, None), (c.name, "PATIENT", "full")], **gk.stay_slots(
    lambda c, when=None: [(str(when or c.admitted), "DATE", "iso")])}
GENRES = ((1.0, "letter", lambda c: "Dear {name}, seen [on|since] {admitted} until {discharged}."),
          (1.0, "form", lambda c: "Name: {name}\n" + gk.some_lines(c.rng, ("Day: {during}\n", "Next: {after}\n"))))


def test_write_genre_fills_the_drawn_template_with_exact_spans_and_is_seeded():
    notes = [gk.write_genre(random.Random(i), i, genres=GENRES, cast=_cast, slots=SLOTS) for i in range(40)]
    assert {genre for genre, _ in notes} == {"letter", "form"}
    for _, note in notes:
        assert note.spans and all(note.text[s:e] == "Ada Lovelace" for s, e, label in note.spans if label == "PATIENT")
        assert "{" not in note.text and "[" not in note.text
    again = gk.write_genre(random.Random(3), 3, genres=GENRES, cast=_cast, slots=SLOTS)
    assert again[0] == notes[3][0] and again[1].text == notes[3][1].text and again[1].spans == notes[3][1].spans


def test_write_genre_finish_sees_the_cast_and_the_note():
    def finish(cast, note):
        note.families[f"SEED:{cast.seed}"] += 1
        return note

    _, note = gk.write_genre(random.Random(0), 5, genres=GENRES, cast=_cast, slots=SLOTS, finish=finish)
    assert note.families["SEED:5"] == 1


def test_draw_stay_keeps_discharge_within_the_stay_and_birth_with_the_age():
    for i in range(200):
        stay = gk.draw_stay(random.Random(i), 21, ((0.5, (18, 20)), (0.5, (1, 2))))
        assert 1 <= (stay.discharged - stay.admitted).days <= 21
        assert stay.age in (1, 2, 18, 19, 20) and stay.born.year == stay.admitted.year - stay.age - 1
    assert gk.draw_stay(random.Random(0), None).discharged is None


def test_medication_lines_number_their_bullets_and_count_two_to_five():
    for i in range(50):
        lines = gk.medication_lines(random.Random(i), ("drugA",), ("1 mg",), ("daily",), ("{}. ",)).split("\n")
        assert 2 <= len(lines) <= 5
        assert lines == [f"{k}. drugA 1 mg daily" for k in range(1, len(lines) + 1)]
    assert gk.medication_lines(random.Random(0), ("d",), ("x",), ("y",)).startswith("- d x y")


def test_field_tables_draw_sequences_and_call_functions():
    cast = SimpleNamespace(rng=random.Random(1))
    table = {"n": lambda c: str(c.rng.randint(10, 99)), "w": ("alpha", "beta")}
    pairs = []
    for _ in range(20):  # `sentence` draws a field for each occurrence
        first, rest = gk.sentence(cast, ("{n} and {n}: {w}",), table).split(" and ")
        second, word = rest.split(": ")
        assert first.isdigit() and second.isdigit() and word in ("alpha", "beta")
        pairs.append((first, second))
    assert any(a != b for a, b in pairs)
    for _ in range(20):  # `formatted` draws each field once: both {n} are the same number
        numbers, word = gk.formatted(cast, ("{n}/{n} {w}",), table).split(" ")
        a, b = numbers.split("/")
        assert a == b and a.isdigit() and word in ("alpha", "beta")


def test_slot_tables_label_their_values():
    phones = Grammar("PHONE", {"mobile": (1.0, lambda rng: "0612"), "desk": (1.0, lambda rng: "0140")})
    ids = {"mrn": (lambda rng, who, born: f"M{who}", "MEDICALRECORD")}
    cast = SimpleNamespace(rng=random.Random(0), patient="7", born=None)
    fax = gk.family_slots(phones, {"fax": ("FAX", ("desk",))})["fax"](cast)
    assert fax == [("0140", "FAX", "desk")]
    assert gk.ident_slots(ids, {"rec": "mrn"}, gk.patient_args)["rec"](cast) == [("M7", "MEDICALRECORD", "mrn")]
    assert gk.some_lines(random.Random(0), ("a\n", "b\n"), p=1.0) == "a\nb\n"
    assert gk.some_lines(random.Random(0), ("a\n", "b\n"), p=0.0) == ""
    assert gk.listed(gk.distinct(random.Random(0), lambda: "same")) == "- same"


@pytest.mark.slow
def test_every_language_writes_the_same_notes_in_every_process():
    """Same (n, seed), same notes, whatever the process's string-hash seed (Faker's it_IT city list was built from
    a set and changed with PYTHONHASHSEED)."""
    import os
    import subprocess
    import sys

    script = ("import hashlib, json\nfrom medkiln.domains import get_domain, languages\n"
              "for lang in sorted(languages('deid')):\n"
              "    h = hashlib.sha256(json.dumps(list(get_domain('deid', lang=lang).synthesize(12, 3)),"
              " sort_keys=True).encode())\n"
              "    print(lang, h.hexdigest())\n")
    outs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")]
    assert outs[0] == outs[1] and len(outs[0].splitlines()) >= 8
