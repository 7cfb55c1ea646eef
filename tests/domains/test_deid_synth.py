"""The offline de-identification note synthesizer: determinism, span validity and alignment, variety."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import spacy

from medkiln.domains.deid.labels import LABELS
from medkiln.domains.deid.synth import GENERATOR, card, generate_notes

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
    """Every span falls on the tokens of the tokenizer the student trains with (spaCy's, plus the split at a
    period glued between words: the teacher writes such notes)."""
    from medkiln.factory.train.tokenizer import clinical_tokenizer

    nlp = spacy.blank("en")
    clinical_tokenizer(nlp)
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
        assert labels[must] >= 10, must  # PROFESSION, the rarest, is 13-20 per 1,000 notes over seeds
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
        # whole words only: a surname may contain one ("GRASSL")
        for m in re.finditer(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", rec["text"], flags=re.IGNORECASE):
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
        "year": r"^(19|20)\d\d$", "apostrophe year": r"^'\d\d$",
        "ordinal": r"(?i)^\d{1,2}(st|nd|rd|th)$",
    }
    for name, pattern in shapes.items():
        assert any(re.match(pattern, d) for d in dates), name


def test_weekdays_are_plain_text(notes):
    """v8: a weekday alone is not PHI (no date element): notes write weekdays, never as a DATE span alone."""
    weekday = re.compile(r"(?i)^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$")
    dates = [r["text"][s:e] for r in notes for s, e, lab in r["spans"] if lab == "DATE"]
    assert not [d for d in dates if weekday.match(d)]
    in_text = sum(1 for r in notes for w in r["text"].split() if weekday.match(w.strip(",.;:()")))
    assert in_text > 10


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
    from medkiln.domains.deid.synth.builder import NoteBuilder

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


# ---- non-PHI look-alikes and recall contexts (precision work on real nursing notes) ---------------------------
def _covered(rec: dict) -> set[int]:
    return {i for s, e, _ in rec["spans"] for i in range(s, e)}


def test_pseudo_drugs_are_drug_shaped_varied_and_cased():
    import random

    from medkiln.domains.deid.synth.nonphi import DRUG_SUFFIXES, pseudo_drug

    rng = random.Random(0)
    names = [pseudo_drug(rng) for _ in range(400)]
    assert names == [pseudo_drug(r) for r in [random.Random(0)] for _ in range(400)]
    assert len(set(n.lower() for n in names)) > 380
    assert all(n.isalpha() and n.isascii() for n in names)
    assert all(n.lower().endswith(DRUG_SUFFIXES) for n in names)
    casings = Counter("upper" if n.isupper() else "lower" if n.islower() else "title" for n in names)
    assert min(casings.values()) > 60, casings


@pytest.mark.parametrize("context", [r"started on", r"cont on", r"improved on", r"given [\d.]+ ?(?:mg|gm|g|mcg|meq|units|amp) of",
                                     r"switched from", r"treated with", r"weaning"])
def test_medication_slots_unlabelled(notes, context):
    pat = re.compile(rf"(?i)\b{context} ([A-Za-z][\w/-]*)")
    hits = 0
    for rec in notes:
        covered = _covered(rec)
        for m in pat.finditer(rec["text"]):
            hits += 1
            assert m.start(1) not in covered, (rec["id"], context)
    assert hits >= 10, context


def test_unseen_drug_vocabulary_is_large(notes):
    words = Counter(m.group(1).lower() for r in notes
                    for m in re.finditer(r"(?i)\b(?:started on|cont on|improved on|treated with) ([a-z]+)", r["text"]))
    assert len(words) > 100


@pytest.mark.parametrize("word", ["carevue", "careview", "metavision", "flowsheet", "per protocol", "as per md", "kardex",
                                  "lnc", "d5ns", "12mn", "1:1", "i&o", "rass"])
def test_charting_words_and_numeric_tokens_present_and_unlabelled(notes, word):
    found = 0
    for rec in notes:
        covered = _covered(rec)
        # whole words only: a surname may contain one ("GRASSL")
        for m in re.finditer(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", rec["text"], flags=re.IGNORECASE):
            found += 1
            assert not covered & set(range(m.start(), m.end())), (rec["id"], word)
    assert found >= 3, word  # the rarest ("as per md") is 4-7 per 1,000 notes over seeds


def test_glued_system_lines_are_plain(notes):
    pat = re.compile(r"(?i)\b(?:cv|neuro|resp|gi|gu|social|heme|skin)(?:=|--|=>|->)")
    hits = 0
    for rec in notes:
        covered = _covered(rec)
        for m in pat.finditer(rec["text"]):
            hits += 1
            assert not covered & set(range(m.start(), m.end() + 12)), rec["id"]
    assert hits > 50


def test_ordinals_both_labelled_dates_and_plain_counts(notes):
    pat = re.compile(r"(?i)\b(\d(?:st|nd|rd|th)) (dose|unit|line|bag|liter|attempt|episode|set|degree|trial|piv)\b")
    plain = 0
    for rec in notes:
        covered = _covered(rec)
        for m in pat.finditer(rec["text"]):
            plain += 1
            assert m.start(1) not in covered, rec["id"]
    dated = sum(1 for r in notes for s, e, lab in r["spans"]
                if lab == "DATE" and re.fullmatch(r"(?i)\d{1,2}(st|nd|rd|th)", r["text"][s:e]))
    assert plain > 30 and dated > 10


def test_most_nursing_notes_end_without_a_signature(notes):
    nursing = [r for r in notes if r["meta"]["note_type"] in ("icu_nursing", "nursing_shift", "respiratory_therapy")]
    signed = sum(1 for r in nursing if any(lab == "DOCTOR" and len(r["text"][e:].strip()) <= 6
                                           for _, e, lab in r["spans"]))
    assert 0.1 * len(nursing) < signed < 0.45 * len(nursing), (signed, len(nursing))
    last = Counter(r["text"].split()[-1].lower().strip(".") for r in nursing if r["text"].split())
    assert len(last) > 150  # varied last words, not one stock phrase


@pytest.mark.parametrize("cue,label", [
    (r"\b(?:wife|husband|daughter|son|dtr|sister|brother|niece|nephew) ", "PATIENT"),
    (r"\b(?:house staff|paged|talked with|seen by|fellow|attending|dr) ", "DOCTOR"),
    (r"\b(?:transfer to|admitted to|came into|sent to|transfer from) ", "HOSPITAL"),
])
def test_recall_contexts_name_after_cue(notes, cue, label):
    pat = re.compile(rf"(?i){cue}$")
    n = 0
    for rec in notes:
        t = rec["text"]
        for start, _, lab in rec["spans"]:
            if lab == label and pat.search(t[max(0, start - 20):start]):
                n += 1
    assert n > 15, (cue, n)


def test_hospital_abbreviations_short_caps_not_clinical():
    import random

    from medkiln.domains.deid.synth.places import abbreviation, hospital, not_hosp_abbr

    NOT_HOSP_ABBR = not_hosp_abbr()  # v7: a list in the language folder (en/lexicons/places.json)

    rng = random.Random(3)
    abbrs = [abbreviation(rng, hospital(rng) if i % 2 else None) for i in range(500)]
    assert all(2 <= len(a) <= 5 and a.isupper() and a.isalpha() for a in abbrs)
    assert not set(abbrs) & NOT_HOSP_ABBR
    assert len(set(abbrs)) > 200
    for bad in ("ICU", "MICU", "ED", "OR", "CT"):
        assert bad in NOT_HOSP_ABBR


_ICU_NOTATION = {
    "vent": r"(?i)\b(?:simv|cpap\+ps|a/c|peep|ps) \d+(?:/\d+)+",
    "hemodynamics": r"(?i)\b(?:pap|cvp|co/ci|svr|wedge|pcwp) \d+(?:\.\d+)?(?:[/-]\d+(?:\.\d+)?)*",
    "blood gas": r"\b7\.\d\d/\d+/\d+",
    "urine range": r"(?i)\b\d+-\d+ ?(?:cc|ml)/h",
    "time range": r"(?i)\b\d{1,2}:\d\d ?-\d{1,2}:\d\d ?(?:am|pm|a|p)?",
    "drip rate": r"(?i)\b(?:levo|neo|dopa|propofol|fentanyl|versed|heparin|insulin)\b[^.\n]{0,12}\d+(?:\.\d+)? ?"
                 r"(?:mcg|u|units|mg|cc)/",
    "device": r"(?i)\b(?:a-line|swan|iabp|tlc|nrb|passy-muir valve)\b",
    "heading": r"(?i)\b(?:goals?|wish|response|action|outcome|assessment|interventions?|problem|drips|gtts):",
}


@pytest.mark.parametrize("what", sorted(_ICU_NOTATION))
def test_icu_notation_and_vocabulary_present_and_unlabelled(notes, what):
    """v3: ICU numbers and shorthand are common in the nursing notes and never inside a gold span."""
    nursing = [r for r in notes if r["meta"]["note_type"] in ("icu_nursing", "nursing_shift", "respiratory_therapy")]
    found = 0
    for rec in nursing:
        covered = _covered(rec)
        for m in re.finditer(_ICU_NOTATION[what], rec["text"]):
            found += 1
            assert not covered & set(range(m.start(), m.end())), (rec["id"], m.group(0))
    assert found >= 20, (what, found)


def test_icu_shorthand_in_all_casings(notes):
    import medkiln.domains.deid.synth.icu as icu

    words = {w.lower() for w in icu.DRIPS + icu.DEVICES if w.isalpha() and len(w) >= 4}
    seen: dict[str, set] = {}
    for rec in notes:
        for tok in re.findall(r"[A-Za-z]+", rec["text"]):
            if tok.lower() in words:
                seen.setdefault(tok.lower(), set()).add("upper" if tok.isupper() else "lower" if tok.islower()
                                                        else "mixed")
    assert len(seen) > 50
    assert sum(len(v) == 3 for v in seen.values()) > 20


def test_name_and_hospital_slots_sometimes_hold_plain_clinical_words():
    """v4: decoys. A name's or a hospital's context is filled now and then with an ordinary word, unlabelled."""
    import random

    from medkiln.domains.deid.synth.render import DECOY_SLOTS, P_DECOY, Ctx

    assert {"dr", "drbare", "pt", "fam", "hosp", "hospabbr", "ward"} <= set(DECOY_SLOTS)
    rng, plain, n = random.Random(5), [], 600
    for _ in range(n):
        ctx = Ctx(rng, "rich")
        ctx.emit("d/w {drbare} re plan; transfer to {hosp} in am")
        text, spans = ctx.b.build()
        assert text.startswith("d/w ") and text.endswith(" in am")
        assert all(text[s:e].strip() == text[s:e] and text[s:e] for s, e, _ in spans)
        if len(spans) < 2:
            plain.append(text)
    share = len(plain) / n
    assert 0.5 * P_DECOY < share < 3 * P_DECOY, share  # about 1 - (1 - p)^2 of the lines
    assert len(set(plain)) > 0.8 * len(plain)


@pytest.mark.parametrize("word", ["yesterday", "intermittent", "REVIEW", "Foley", "abcd"])
def test_typo_is_one_slip_that_keeps_length_and_case(word):
    import random

    from medkiln.domains.deid.synth.builder import typo

    rng = random.Random(11)
    out = {typo(rng, word) for _ in range(50)}
    assert word not in out or len(out) > 1
    for t in out:
        assert abs(len(t) - len(word)) <= 1 and t[0] == word[0]
        assert t.isupper() == word.isupper()
    assert len(out) > 5


def test_typos_touch_plain_text_only_and_spans_stay_exact():
    import random

    from medkiln.domains.deid.synth.builder import NoteBuilder

    b = NoteBuilder(random.Random(2), typo_rate=1.0)
    b.text("yesterday review with ")
    b.phi("Kessingtonn", "PATIENT")
    b.text(" tomorrow")
    text, spans = b.build()
    assert "yesterday" not in text and "review" not in text and "tomorrow" not in text
    assert [text[s:e] for s, e, _ in spans] == ["Kessingtonn"]


def test_real_notes_style_typos_appear_in_plain_text(notes):
    import medkiln.domains.deid.synth.icu as icu

    vocabulary = {w.lower() for w in icu.CHART_WORDS + icu.DRIPS + icu.DEVICES for w in w.split()}
    near = 0
    for rec in notes[:300]:
        for tok in re.findall(r"[A-Za-z]{5,}", rec["text"]):
            low = tok.lower()
            if low not in vocabulary and any(sorted(low) == sorted(v) for v in vocabulary if len(v) == len(low)):
                near += 1  # a swapped-letters slip of an ICU word
    assert near >= 3


def test_glued_sentences_keep_every_span_exact():
    import random

    from medkiln.domains.deid.synth.builder import NoteBuilder

    b = NoteBuilder(random.Random(0), glue_rate=1.0)
    b.text("Pain controlled. Seen by ")
    b.phi("Dr. Ann Lee", "DOCTOR")  # a period inside a PHI value is never glued
    b.text(". Wife updated. ")
    b.phi("Kessington", "PATIENT")
    b.text(" aware. 7.5 ETT. Plan same.")
    text, spans = b.build()
    assert text == "Pain controlled.Seen by Dr. Ann Lee.Wife updated.Kessington aware. 7.5 ETT.Plan same."
    assert [text[s:e] for s, e, _ in spans] == ["Dr. Ann Lee", "Kessington"]


def test_some_notes_are_written_with_glued_sentences(notes):
    glued = sum(bool(re.search(r"[a-z]{2}\.[A-Z][a-z]", r["text"])) for r in notes)
    assert 0.02 * len(notes) < glued < 0.4 * len(notes)  # 30-41 per 1,000 over seeds


def test_no_decoy_right_after_a_title_or_before_a_credential(monkeypatch):
    import random

    from medkiln.domains.deid.synth import render

    monkeypatch.setattr(render, "P_DECOY", 1.0)
    for seed in range(30):
        ctx = render.Ctx(random.Random(seed), "rich")
        ctx.emit("Dr. {drname} aware. {drbare}, MD called. d/w {drbare} today")
        text, spans = ctx.b.build()
        labels = [label for _, _, label in spans]
        assert labels == ["DOCTOR", "DOCTOR"], (seed, labels)  # the third slot is a decoy: no span


def test_towns_are_made_up_from_many_stems():
    import random

    from medkiln.domains.deid.synth import places

    rng = random.Random(0)
    towns = {places.town(rng) for _ in range(300)}
    assert len(towns) > 280
    assert all(t[0].isupper() and t.replace(" ", "").isalpha() for t in towns)
    cities = [places.city(rng)[0] for _ in range(400)]
    assert {seg[1] for seg in cities} == {"CITY"}
    assert any(seg[0].lower() in {c.lower() for c in places.lx.words("places.world_cities")} for seg in cities)
