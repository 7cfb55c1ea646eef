"""Biomedical prose for the synthesizer, as data (`domains/notes/<lang>/prose.json`, read by `tables.py`):
abstract-like sentences (ABSTRACT) and clinic letters (LETTER), where problems and drugs appear in the phrasing
of papers ("cocaine-induced seizures", "patients with X randomized to Y"), next to words that look like entities
and are not (research words, body parts alone, lab names, ambiguous phrases); abstract HEADERS; NOTE_NEGATIVES,
sentences for clinical notes where problem-like words are not problems. Slots as in `templates.py`; `{gen}`,
`{body}`, `{amb}` are unlabelled negative knowledge, `{LAB}` a lab test (TEST), `{PROC}` a procedure (TREATMENT),
`{n}`/`{pct}` numbers."""

from __future__ import annotations

from .tables import table


def __getattr__(name: str):
    return table("prose", name)
