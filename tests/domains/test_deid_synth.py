"""The offline de-identification note synthesizer: determinism, span validity and alignment, variety."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import spacy

from domains.deid.labels import LABELS
from domains.deid.synth import GENERATOR, card, generate_notes

NOTE_TYPES = {"icu_nursing", "nursing_shift", "respiratory_therapy", "progress_note", "discharge_summary",
              "radiology", "pathology", "referral_letter", "telephone"}


@pytest.fixture(scope="module")
def notes() -> list[dict]:
    return list(generate_notes(1000, seed=7))


def test_determinism_same_seed_same_output():
    assert list(generate_notes(40, 3)) == list(generate_notes(40, 3))


def test_different_seed_different_output():
    a = [r["text"] for r in generate_notes(40, 3)]
    b = [r["text"] for r in generate_notes(40, 4)]
    assert a != b
    assert sum(x == y for x, y in zip(a, b)) < 5


def test_prefix_stable_and_count():
    assert list(generate_notes(10, 5)) == list(generate_notes(25, 5))[:10]
    assert list(generate_notes(0, 5)) == []


def test_record_shape(notes):
    assert len(notes) == 1000
    for i, rec in enumerate(notes[:50]):
        assert rec["id"] == f"synth-7-{i}"
        assert set(rec) == {"id", "text", "spans", "meta"}
        assert rec["meta"]["generator"] == GENERATOR and rec["meta"]["seed"] == 7
        assert rec["meta"]["note_type"] in NOTE_TYPES
        assert rec["meta"]["style"] in {"normal", "upper", "lower"}


def test_spans_valid_sorted_non_overlapping(notes):
    for rec in notes:
        spans = rec["spans"]
        assert spans == sorted(spans)
        prev_end = 0
        for start, end, label in spans:
            assert label in LABELS
            assert 0 <= start < end <= len(rec["text"])
            assert start >= prev_end, rec["id"]
            value = rec["text"][start:end]
            assert value == value.strip() and value
            prev_end = end


def test_spans_never_inside_larger_alnum_token(notes):
    for rec in notes:
        t = rec["text"]
        for start, end, _ in rec["spans"]:
            assert start == 0 or not t[start - 1].isalnum(), rec["id"]
            assert end == len(t) or not t[end].isalnum(), rec["id"]


def test_spans_align_to_spacy_tokens_in_every_style(notes):
    nlp = spacy.blank("en")
    seen_styles = Counter()
    for rec in notes[:500]:
        doc = nlp.make_doc(rec["text"])
        seen_styles[rec["meta"]["style"]] += 1
        for start, end, label in rec["spans"]:
            assert doc.char_span(start, end, label=label, alignment_mode="strict") is not None, (rec["id"], start, end)
    assert min(seen_styles.values()) > 50


def test_styles_are_really_cased(notes):
    for rec in notes[:300]:
        style, t = rec["meta"]["style"], rec["text"]
        if style == "upper":
            assert t == t.upper()
        elif style == "lower":
            assert t == t.lower()
    assert any(r["text"] not in (r["text"].upper(), r["text"].lower()) for r in notes if r["meta"]["style"] == "normal")


def test_all_note_types_and_styles_occur_in_a_few_hundred():
    recs = list(generate_notes(300, 11))
    assert {r["meta"]["note_type"] for r in recs} == NOTE_TYPES
    assert {r["meta"]["style"] for r in recs} == {"normal", "upper", "lower"}
    icu = sum(r["meta"]["note_type"] == "icu_nursing" for r in recs)
    assert icu / len(recs) > 0.2


def test_label_coverage(notes):
    labels = Counter(label for r in notes for _, _, label in r["spans"])
    assert len(labels) >= 24, sorted(labels)
    for must in ("PATIENT", "DOCTOR", "HOSPITAL", "DATE", "AGE", "PHONE", "CITY", "MEDICALRECORD", "PROFESSION"):
        assert labels[must] >= 20, must
    assert labels["DOCTOR"] > labels["EMAIL"]


def test_phi_free_share_and_sparsity(notes):
    share = sum(not r["spans"] for r in notes) / len(notes)
    assert 0.30 <= share <= 0.55
    one = sum(len(r["spans"]) == 1 for r in notes)
    many = sum(len(r["spans"]) >= 8 for r in notes)
    assert one > 80 and many > 10
    lines = [r["text"].count("\n") + 1 for r in notes]
    assert min(lines) <= 3 and max(lines) >= 25


@pytest.mark.parametrize("word", ["Foley", "Swan-Ganz", "Lasix", "Coumadin", "MICU", "Gram stain", "Parkinson's"])
def test_negatives_present_and_unlabelled(notes, word):
    found = 0
    for rec in notes:
        for m in re.finditer(re.escape(word), rec["text"], flags=re.IGNORECASE):
            found += 1
            for start, end, _ in rec["spans"]:
                assert not (start < m.end() and m.start() < end), (rec["id"], word)
    assert found > 0, word


def test_non_date_numbers_not_labelled(notes):
    """Vitals and pain scores look like dates but stay unlabelled."""
    pat = re.compile(r"(?i)\b(?:bp|pain) (\d+/\d+)")
    hits = 0
    for rec in notes:
        covered = {i for s, e, _ in rec["spans"] for i in range(s, e)}
        for m in pat.finditer(rec["text"]):
            hits += 1
            assert m.start(1) not in covered, rec["id"]
    assert hits > 20


def test_date_formats_vary(notes):
    dates = [r["text"][s:e] for r in notes for s, e, lab in r["spans"] if lab == "DATE"]
    shapes = {
        "m/d": r"^\d{1,2}/\d{1,2}$", "m/d/y": r"^\d{1,2}/\d{1,2}/\d{2,4}$", "m-d": r"^\d{1,2}-\d{1,2}$",
        "dotted": r"^\d{2}\.\d{2}\.\d{4}$", "month word": r"(?i)^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
        "year": r"^(19|20)\d\d$", "apostrophe year": r"^'\d\d$", "weekday": r"(?i)^(mon|tue|wed|thu|fri|sat|sun)",
        "ordinal": r"(?i)^\d{1,2}(st|nd|rd|th)$",
    }
    for name, pattern in shapes.items():
        assert any(re.match(pattern, d) for d in dates), name


def test_name_contexts_family_vs_clinician(notes):
    """Relatives are PATIENT, clinicians (after Dr., before RN/MD) are DOCTOR."""
    rel = re.compile(r"(?i)\b(wife|husband|daughter|son|sister|brother|mother|father|niece|nephew|hcp|proxy|"
                     r"friend|neighbou?r|partner|aunt|uncle|cousin|dtr|guardian),?\s+\(?$")
    title = re.compile(r"(?i)\bdr\.?\s*$")
    n_rel = n_dr = 0
    for rec in notes:
        t = rec["text"]
        for start, _, label in rec["spans"]:
            if rel.search(t[max(0, start - 12):start]):
                n_rel += 1
                assert label == "PATIENT", rec["id"]
            if title.search(t[max(0, start - 5):start]):
                n_dr += 1
                assert label == "DOCTOR", rec["id"]
    assert n_rel > 20 and n_dr > 50


def test_card_counts(notes):
    c = card(notes)
    assert c["generator"] == GENERATOR and c["notes"] == 1000
    assert c["spans"] == sum(len(r["spans"]) for r in notes) == sum(c["labels"].values())
    assert sum(c["note_types"].values()) == sum(c["styles"].values()) == 1000
    assert c["notes_without_phi"] == sum(not r["spans"] for r in notes)
    assert c["chars"] == sum(len(r["text"]) for r in notes) and c["tokens"] > 0
    assert card([])["notes"] == 0


@pytest.mark.parametrize("before,value,after", [
    ("seen on ", "Wed", ". Next"),           # "Wed." would tokenize as "We" + "d."
    ("FROM ", "ST. ANNE'S", ".\nX"),         # "'S." is an abbreviation token
    ("ID ", "IFSHR93Z", "."),                # alnum ending in a capital keeps its period
    ("to ", "12 Oak Dr", "."),               # "Dr." is a tokenizer exception
    ("Dr.", "Smith", "'s note"),             # no glue to the title
    ("beeper #", "4411", "."),
    ("Ph:", "410-555-0134", ","),            # "Ph:410" would be one token
    ("x", "Jones", "y"),                     # letters on both sides
])
def test_builder_keeps_spans_aligned(before, value, after):
    from domains.deid.synth.builder import NoteBuilder

    nlp = spacy.blank("en")
    for style in ("normal", "upper", "lower"):
        b = NoteBuilder()
        b.text(before)
        b.phi(value, "DATE")
        b.text(after)
        text, spans = b.build(style)
        (start, end, _), = spans
        assert text[start:end].lower() == value.lower()
        assert nlp.make_doc(text).char_span(start, end, alignment_mode="strict") is not None, (style, text)
