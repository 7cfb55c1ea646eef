"""The synthesizers' tables are data in the language folders (`domains/notes/en/*.json`,
`domains/deid/en/notetypes/*.json`): what the loaders hand the synthesizers holds together (structure, not
output hashes), and a broken table file is a coded error naming the file."""

from __future__ import annotations

import json
import re

import pytest

from medkiln.core.errors import MedkilnError
from medkiln.domains import get_domain
from medkiln.domains.deid.synth import notetypes_icu
from medkiln.domains.notes.synth import cues, lexicons, prose, tables, templates

SLOT = re.compile(r"\{(\w+)(?::(\w+))?\}")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def test_note_types_draw_from_sections_that_exist_and_sections_from_templates():
    sections = templates.SECTIONS
    assert {name for _, _, names in templates.NOTE_TYPES for name in names} <= set(sections)
    for name, (chosen, low, high, per_line) in sections.items():
        assert chosen and all(isinstance(t, str) for t in chosen), name
        assert 1 <= low <= high and isinstance(per_line, bool), name
    assert all(weight > 0 for weight, _, _ in templates.NOTE_TYPES)


def test_composed_groups_and_sliced_references_resolve_as_the_file_says():
    raw = json.loads((tables.NOTES_ROOT / "en" / "templates.json").read_text(encoding="utf-8"))
    for name, parts in raw["composed"].items():
        assert getattr(templates, name) == sum((getattr(templates, p) for p in parts), ())
    negatives = prose.NOTE_NEGATIVES
    shown = templates.SECTIONS["physical_exam"][0]
    assert shown == templates.EXAM + negatives[0:3]  # a slice of a group of another file of the folder


def test_every_slot_status_is_an_assertion_status_of_the_domain():
    statuses = set(get_domain("notes").span_choices["assertion"][0])
    groups = [getattr(templates, g) for g in json.loads(
        (tables.NOTES_ROOT / "en" / "templates.json").read_text(encoding="utf-8"))["groups"]]
    used = {m.group(2) for text in _strings([groups, prose.ABSTRACT, prose.LETTER, prose.NOTE_NEGATIVES])
            for m in SLOT.finditer(text) if m.group(2)}
    assert used and used <= statuses
    assert set(cues.CUES) <= statuses and all(set(sides) == {"pre", "post"} for sides in cues.CUES.values())


def test_tables_are_constants_and_number_ranges_are_ordered():
    for test, (low, high, decimals), units in lexicons.MEASURED:
        assert low < high and isinstance(decimals, int) and isinstance(units, tuple), test
    for pattern, numbers in lexicons.DOSES:
        assert "{n}" in pattern and isinstance(numbers, tuple) and numbers
    assert isinstance(cues.CUES["absent"]["pre"], tuple) and isinstance(lexicons.YEARS[0], str)
    with pytest.raises(AttributeError):
        lexicons.NO_SUCH_TABLE  # noqa: B018


def test_a_broken_table_file_names_the_file_and_never_its_content(tmp_path, monkeypatch):
    broken, unresolved = tmp_path / "zz", tmp_path / "yy"
    broken.mkdir()
    unresolved.mkdir()
    (broken / "cues.json").write_text('{"CUES": {"present": ["secret phrase"', encoding="utf-8")
    for name in ("cues", "lexicons", "prose"):
        (unresolved / f"{name}.json").write_text("{}", encoding="utf-8")
    (unresolved / "templates.json").write_text(json.dumps({"groups": {"A": ["x"]}, "sections": {
        "s": {"templates": ["NOT_A_GROUP"], "sentences": [1, 1], "one_per_line": False}}, "note_types": []}),
        encoding="utf-8")
    monkeypatch.setattr(tables, "NOTES_ROOT", tmp_path)
    tables.load.cache_clear()
    try:
        with pytest.raises(MedkilnError) as err:
            tables.load("cues", "zz")
        assert err.value.code == "E453" and "cues.json" in str(err.value) and "secret" not in str(err.value)
        with pytest.raises(MedkilnError, match="E453.*does not exist"):
            tables.load("lexicons", "zz")
        with pytest.raises(MedkilnError) as err:
            tables.load("templates", "yy")
        assert err.value.code == "E453" and "NOT_A_GROUP" in str(err.value)
    finally:
        tables.load.cache_clear()


def test_icu_systems_carry_the_shared_and_icu_fragments_after_their_own():
    icu = notetypes_icu.icu_tables()
    raw = notetypes_icu.note_tables("icu")
    assert isinstance(icu["DX"], tuple) and isinstance(icu["HX"], tuple) and len(icu["HX"]) >= 6
    assert icu["NURSING_EVENTS"] and icu["RESPIRATORY_LINES"]
    for system in raw["SYSTEMS"]:
        names = tuple(system["headings"])
        extra = raw["ICU_SYSTEM"].get(names[0], [])
        assert icu["SYSTEMS"][names] == system["fragments"] + raw["EVERY_SYSTEM"] + extra
    docs = notetypes_icu.note_tables("docs")
    assert all(docs[name] and all(isinstance(line, str) for line in docs[name])
               for name in ("HEADERS", "HOSP_COURSE", "DISPO", "ADMIN", "RADIOLOGY_FINDINGS"))
