"""The offline teacher's note synthesizer for extraction (`medkiln.notes.offline.v1`).

`generate_notes(n, seed)` yields notes in the extraction record contract (the one the review loop reads):
`{"id", "text", "spans", "attributes": {"assertion": [[start, end, status], ...]}, "relations", "sections",
"meta"}`: `spans` are `[start, end, label]` for entities and attribute spans, `attributes.assertion` holds the
status of every head entity, `relations` are `[head_start, head_end, attr_start, attr_end]`, `sections`
`[start, end, name]` (from the header to the end of the section). All are recorded by construction. Same
`(n, seed)`, same notes.
"""

from __future__ import annotations

import json
import random
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from .builder import Note, render_template
from .compose import compose
from .prose import ABSTRACT, HEADERS, LETTER
from .silver import sentence as prose_sentence

# Share of the sentences of an abstract taken from real prose (labelled by the vocabulary).
REAL_PROSE = 0.45
from .templates import HPI, NOTE_TYPES, SECTIONS

GENERATOR = "medkiln.notes.offline.v2"
STYLES = (("normal", 0.8), ("lower", 0.1), ("upper", 0.1))
# Share of sentences composed from the cue tables (the rest come from the section's templates).
COMPOSED = {"history_present_illness": 0.5, "review_of_systems": 0.3, "results": 0.3, "assessment_plan": 0.3,
            "physical_exam": 0.2, "narrative": 0.5}


@lru_cache(maxsize=1)
def section_headers() -> dict[str, list[str]]:
    """Section name -> header strings, from the domain's `sections.json`."""
    path = Path(__file__).resolve().parents[1] / "sections.json"
    return json.loads(path.read_text(encoding="utf-8"))["sections"]


def _pick(rng: random.Random, weighted) -> object:
    r = rng.random() * sum(w for w, *_ in weighted)
    for item in weighted:
        r -= item[0]
        if r <= 0:
            return item
    return weighted[-1]


def _header(rng: random.Random, name: str) -> str:
    header = rng.choice(section_headers()[name])
    if len(header) <= 4 or rng.random() < 0.35:
        return header.upper()
    return header.title() if rng.random() < 0.6 else header.capitalize()


def _sentence(note: Note, rng: random.Random, templates, p_compose: float) -> None:
    if rng.random() < p_compose:
        compose(note, rng)
    else:
        render_template(note, rng, rng.choice(templates))


def _section(note: Note, rng: random.Random, name: str) -> None:
    templates, low, high, per_line = SECTIONS[name]
    start = note.length
    note.add(_header(rng, name) + ":")
    note.add("\n" if (per_line and rng.random() < 0.6) or rng.random() < 0.5 else " ")
    for i in range(rng.randint(low, high)):
        if i:
            note.add("\n" if per_line else " ")
        if per_line and rng.random() < 0.3:
            note.add(rng.choice((f"{i + 1}. ", "- ")))
        _sentence(note, rng, templates, COMPOSED.get(name, 0.0))
    note.sections.append([start, note.length, name])
    note.add("\n\n")


def _narrative(note: Note, rng: random.Random) -> None:
    for p in range(rng.randint(1, 3)):
        if p:
            note.add("\n\n")
        for i in range(rng.randint(2, 6)):
            if i:
                note.add(" ")
            _sentence(note, rng, HPI, COMPOSED["narrative"])


def _prose(note: Note, rng: random.Random, templates, headed: bool) -> None:
    """An abstract (optionally with BACKGROUND:/METHODS:/... headers) or a letter: paragraphs of prose."""
    headers = list(HEADERS[:2]) + list(HEADERS[2:5])
    for p in range(rng.randint(1, 4)):
        if p:
            note.add("\n\n" if rng.random() < 0.5 else " ")
        if headed:
            note.add(headers[p % len(headers)] + ": ")
        for i in range(rng.randint(2, 5)):
            if i:
                note.add(" ")
            if templates is ABSTRACT and rng.random() < REAL_PROSE:
                _real_sentence(note, rng)
            else:
                render_template(note, rng, rng.choice(templates))


def _real_sentence(note: Note, rng: random.Random) -> None:
    """A sentence of real prose; its mentions (found by the vocabulary) get the default status "present",
    listed in `note.default_status` so that the assertion classifier does not learn from them."""
    text, spans = prose_sentence(rng)
    pos = 0
    for start, end, label in spans:
        note.add(text[pos:start])
        note.default_status.append(list(note.head(text[start:end], label, "present")))
        pos = end
    note.add(text[pos:])


def _styled(text: str, style: str) -> str:
    return text.lower() if style == "lower" else text.upper() if style == "upper" else text


def generate_note(rng: random.Random) -> tuple[Note, dict]:
    """Write one note with `rng`; returns the note and its meta."""
    _, note_type, sections = _pick(rng, NOTE_TYPES)
    style = _pick(rng, [(w, s) for s, w in STYLES])[1]
    note = Note()
    if note_type in ("abstract", "letter"):
        _prose(note, rng, ABSTRACT if note_type == "abstract" else LETTER, note_type == "abstract" and rng.random() < 0.5)
        style = "normal"
    elif not sections:
        _narrative(note, rng)
    for name in sections:
        if name in ("chief_complaint", "history_present_illness", "assessment_plan") or rng.random() < 0.8:
            _section(note, rng, name)
    return note, {"note_type": note_type, "style": style}


def generate_notes(n: int, seed: int) -> Iterator[dict]:
    """Yield `n` synthetic notes with gold entities, assertions, links and sections (deterministic in seed)."""
    for i in range(n):
        rng = random.Random(f"notes:{seed}:{i}")
        note, meta = generate_note(rng)
        text = note.text.rstrip()
        yield {"id": f"notes-{seed}-{i}", "text": _styled(text, meta["style"]),
               "spans": sorted(note.spans), "attributes": {"assertion": sorted(note.assertions)},
               "relations": sorted([hs, he, as_, ae] for as_, ae, hs, he in note.links),
               "sections": note.sections, "meta": {**meta, "generator": GENERATOR, "seed": seed,
                                                   "default_status": note.default_status}}


__all__ = ["GENERATOR", "generate_notes", "section_headers"]
