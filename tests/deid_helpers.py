"""Shared helpers for the serving tests: the fake PHI model and small file helpers (invented PHI only)."""

from __future__ import annotations

import json
from pathlib import Path

PATTERNS = [
    {"label": "PATIENT", "pattern": [{"LOWER": "john"}, {"LOWER": "smith"}]},
    {"label": "PATIENT", "pattern": [{"TEXT": {"REGEX": r"^[A-Z]\.$"}}, {"LOWER": "smith"}]},
    {"label": "PATIENT", "pattern": [{"LOWER": "smith"}]},
    {"label": "PATIENT", "pattern": [{"LOWER": "zorbla"}, {"LOWER": "quentworth"}]},
    {"label": "DOCTOR", "pattern": [{"LOWER": "dr."}, {"IS_TITLE": True}]},
    {"label": "DATE", "pattern": [{"TEXT": {"REGEX": r"^\d{1,2}/\d{1,2}/\d{4}$"}}]},
    {"label": "DATE", "pattern": [{"LOWER": {"IN": ["january", "february", "march", "april"]}},
                                  {"IS_DIGIT": True}, {"ORTH": ","}, {"SHAPE": "dddd"}]},
    {"label": "DATE", "pattern": [{"LOWER": "christmas"}]},
    {"label": "PHONE", "pattern": [{"ORTH": "("}, {"SHAPE": "ddd"}, {"ORTH": ")"}, {"SHAPE": "ddd"},
                                   {"ORTH": "-"}, {"SHAPE": "dddd"}]},
    {"label": "AGE", "pattern": [{"TEXT": {"REGEX": r"^\d{1,3}yo$"}}]},
    {"label": "MEDICALRECORD", "pattern": [{"LOWER": "mrn"}, {"SHAPE": "dddd"}]},
    {"label": "HOSPITAL", "pattern": [{"LOWER": "riverbend"}, {"LOWER": "general"}]},
]

# A note with one of each: offsets are found by the fake model.
NOTE = ("John Smith, 93yo, seen 01/02/2020 by Dr. Adeyemi at Riverbend General. "
        "Call (410) 555-0134. MRN 0012345. Follow-up 01/12/2020. Smith is 67yo.")


WARD = "Halvorsen"  # an invented building name
# The ward in title case (found), lower case (missed: only run-wide propagation marks it) and upper case (missed).
WARD_TEXTS = [f"Transfer to {WARD} 2 today.", f"pt came from {WARD} 3", "plan: to halvorsen 2 when bed avail",
              "nothing here", f"ask {WARD.upper()} 6 for a bed"]


def ward_nlp():
    """Marks the ward only in title case, as a student that misses the lower-case mentions."""
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "HOSPITAL", "pattern": [{"ORTH": WARD}]},
                        {"label": "PATIENT", "pattern": [{"LOWER": "zorbla"}]}])
    return nlp


def build_fake_nlp():
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(PATTERNS)
    return nlp


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
