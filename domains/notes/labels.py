"""The note-extraction label set: head entities with an assertion status, and attributes linked to a head."""

from __future__ import annotations

from ..base import LabelSpec

# (label, category, description, examples)
_TABLE = [
    ("PROBLEM", "HEAD", "A disease, symptom, sign or finding.", ("chest pain", "pneumonia", "edema")),
    ("TEST", "HEAD", "A laboratory test, imaging study, vital sign or other measurement.",
     ("hemoglobin", "chest x-ray", "blood pressure")),
    ("TREATMENT", "HEAD", "A procedure, operation or non-drug therapy.", ("appendectomy", "dialysis",
                                                                          "physical therapy")),
    ("MEDICATION", "HEAD", "A drug, by generic or brand name.", ("metoprolol", "insulin glargine", "Lasix")),
    ("DOSE", "ATTRIBUTE", "Dose or strength of a medication.", ("500 mg", "10 units", "2 puffs")),
    ("ROUTE", "ATTRIBUTE", "Route of administration of a medication.", ("PO", "IV", "by mouth")),
    ("FREQUENCY", "ATTRIBUTE", "How often a medication is taken.", ("BID", "every 6 hours", "daily")),
    ("DURATION", "ATTRIBUTE", "How long a medication is taken.", ("for 7 days", "x 2 weeks")),
    ("VALUE", "ATTRIBUTE", "The result value of a test or vital sign.", ("10.2", "130/80", "positive")),
    ("UNIT", "ATTRIBUTE", "The unit of a test value.", ("g/dL", "mmHg", "%")),
    ("BODY_SITE", "ATTRIBUTE", "The anatomical site of a problem.", ("left knee", "right lower lobe")),
]

LABELS: dict[str, LabelSpec] = {name: LabelSpec(name, desc, ex, cat) for name, cat, desc, ex in _TABLE}
HEADS: tuple[str, ...] = tuple(name for name, cat, *_ in _TABLE if cat == "HEAD")
ATTRIBUTES: tuple[str, ...] = tuple(name for name, cat, *_ in _TABLE if cat == "ATTRIBUTE")

# Assertion status of every head entity (i2b2-2010 style, plus "historical" and "family").
ASSERTIONS: tuple[str, ...] = ("present", "absent", "possible", "hypothetical", "conditional", "historical",
                               "family")
ASSERTION_DESCRIPTIONS = {
    "present": "The patient has it / it was done or is taken now.",
    "absent": "Negated: the patient does not have it, it was not done, it is not taken.",
    "possible": "Uncertain: suspected, likely, to rule out.",
    "hypothetical": "May happen in the future: return if, should X occur, planned tests and treatments.",
    "conditional": "Happens only under a condition: pain with exertion, rash with penicillin.",
    "historical": "Part of the patient's past history: history of, prior, s/p, previously on, and the conditions "
                  "listed under past medical history (the NegEx/ConText convention).",
    "family": "Belongs to someone other than the patient (a relative).",
}

# Expected share of each status in real notes: roughly the i2b2-2010 assertion distribution (present ~65%,
# absent ~23%, hypothetical ~5%, possible ~4%, someone else ~1%, conditional ~1%), with a share for
# "historical" taken from present. The synthetic notes over-represent the rare statuses on purpose; the
# classifier's bias is moved back to these priors after training.
ASSERTION_PRIORS = {"present": 0.60, "absent": 0.23, "possible": 0.045, "hypothetical": 0.05, "conditional": 0.01,
                    "historical": 0.05, "family": 0.015}

# Attribute label -> the head labels it links to.
RELATIONS: dict[str, tuple[str, ...]] = {
    "DOSE": ("MEDICATION",), "ROUTE": ("MEDICATION",), "FREQUENCY": ("MEDICATION",),
    "DURATION": ("MEDICATION",), "VALUE": ("TEST",), "UNIT": ("TEST",), "BODY_SITE": ("PROBLEM",),
}

CATEGORIES = {name: spec.category for name, spec in LABELS.items()}
