"""The notes domain: registration, schema, prompts, and the offline synthesizer's gold by construction."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from needs import need

from medkiln.domains import get_domain
from medkiln.domains.notes import ASSERTIONS, HEADS, RELATIONS, assertion_cues, schema, sections_lexicon

N = 200


@pytest.fixture(scope="module")
def records():
    return list(get_domain("notes").synthesize(N, 11))


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    right = min([i for i in (text.find(".", end), text.find("\n", end)) if i >= 0] or [len(text)])
    return text[left:right]


def test_domain_is_registered_as_an_extraction_domain():
    spec = get_domain("medkiln.notes.v1")
    assert spec.kind == "extraction" and spec.package_name == "medkiln_notes"
    values, applies_to = spec.span_choices["assertion"]
    assert values == ASSERTIONS and set(applies_to) == set(HEADS) == {"PROBLEM", "TEST", "TREATMENT", "MEDICATION"}
    assert spec.relations == RELATIONS and set(RELATIONS) | set(HEADS) == set(spec.labels)


def test_schema_is_versioned_and_names_every_status():
    s = schema()
    assert s["$id"] == "medkiln.notes.extraction.v2" and schema("v1")["$id"] == "medkiln.notes.extraction.v1"
    item = s["properties"]["entities"]["items"]
    assert item["properties"]["assertion"]["enum"] == list(ASSERTIONS)
    assert set(item["properties"]["attributes"]["propertyNames"]["enum"]) == set(RELATIONS)


def test_same_seed_same_notes_other_seed_other_notes():
    spec = get_domain("notes")
    assert list(spec.synthesize(5, 1)) == list(spec.synthesize(5, 1))
    assert [r["text"] for r in spec.synthesize(5, 1)] != [r["text"] for r in spec.synthesize(5, 2)]


def test_gold_is_consistent(records):
    for rec in records:
        text, spans = rec["text"], {(s, e): label for s, e, label in rec["spans"]}
        for s, e, label in rec["spans"]:
            assert text[s:e] == text[s:e].strip() and text[s:e], rec["id"]
        statuses = {(s, e): st for s, e, st in rec["attributes"]["assertion"]}
        assert {k for k, lab in spans.items() if lab in HEADS} == set(statuses), rec["id"]
        for hs, he, as_, ae in rec["relations"]:
            assert spans[(hs, he)] in RELATIONS[spans[(as_, ae)]], rec["id"]
        for s, e, name in rec["sections"]:
            assert name in sections_lexicon() and 0 <= s < e <= len(text)


def test_every_label_and_status_occurs(records):
    labels = Counter(label for r in records for *_, label in r["spans"])
    statuses = Counter(st for r in records for *_, st in r["attributes"]["assertion"])
    assert set(labels) == set(get_domain("notes").labels)
    assert set(statuses) == set(ASSERTIONS) and min(statuses.values()) >= 20


def _examples(records, status: str, pattern: str, where: str = "before") -> int:
    """How many entities of `status` have `pattern` in their sentence before (or after) them."""
    regex = re.compile(pattern, re.I)
    n = 0
    for rec in records:
        text = rec["text"]
        for s, e, st in rec["attributes"]["assertion"]:
            if st != status:
                continue
            sent = _sentence(text, s, e)
            left = sent[: sent.lower().find(text[s:e].lower())] if where == "before" else sent
            n += bool(regex.search(left if where == "before" else sent[sent.lower().find(text[s:e].lower()):]))
    return n


@pytest.mark.parametrize("status, pattern, where", [
    ("absent", r"\b(no|denies|without|negative for)\b", "before"),        # negation cue before the target
    ("absent", r"\b(is absent|ruled out|not seen|denied|none)\b", "after"),  # and after it
    ("absent", r"\bno\b[^.]*\bor\b", "before"),                             # "no X or Y"
    ("present", r"\b(denies|no)\b[^.]*\bbut\b", "before"),                  # scope ends at "but"
    ("possible", r"\b(rule out|r/o)\b", "before"),
    ("hypothetical", r"\bif\b", "before"),
    ("historical", r"\b(history of|h/o|s/p|status post)\b", "before"),
    ("family", r"\b(mother|father|sister|brother)\b", "before"),
])
def test_phenomena_occur_by_construction(records, status, pattern, where):
    assert _examples(records, status, pattern, where) >= 3


def test_family_history_section_gives_family_status(records):
    found = 0
    for rec in records:
        for s, e, name in rec["sections"]:
            if name == "family_history":
                inside = [st for a, b, st in rec["attributes"]["assertion"] if s <= a < e]
                assert all(st == "family" for st in inside), rec["id"]
                found += len(inside)
    assert found >= 10


def test_cue_tables_cover_every_status():
    cues = assertion_cues()
    assert set(ASSERTIONS) <= set(cues) and "pseudo" in cues
    assert all(cues[s]["pre"] or cues[s]["post"] for s in ASSERTIONS)


def test_prompts_render_for_the_schema():
    from medkiln.factory.teachers.prompts import render_messages

    spec = get_domain("notes")
    annotate = render_messages(spec, "annotate", text="No fever.")
    assert "hypothetical" in annotate[1]["content"] and "BODY_SITE (of PROBLEM)" in annotate[1]["content"]
    synth = render_messages(spec, "synthesize", brief={"note_type": "progress note", "style": "terse"}, variation="v")
    assert '"assertion"' in synth[1]["content"] and "mother had" in synth[1]["content"]


def test_records_round_trip_through_the_review_loop_format(records):
    """The synthesizer writes the extraction contract the Label Studio loop reads (annotation.convert)."""
    convert = need("medkiln.annotation.convert")
    for rec in records[:20]:
        task = convert.to_task(rec, "extraction", "offline")
        back = convert.parse_result(task["predictions"][0]["result"], task["data"], "extraction")
        assert back["spans"] == rec["spans"]
        assert back["attributes"]["assertion"] == rec["attributes"]["assertion"]
        assert back["relations"] == rec["relations"]
