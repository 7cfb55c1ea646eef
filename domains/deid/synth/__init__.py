"""The offline teacher's note synthesizer for de-identification (`medkiln.deid.offline.v9`).

`generate_notes(n, seed)` yields synthetic clinical notes with gold PHI spans recorded by construction:
every PHI value is inserted by the generator, which notes its offsets. Same `(n, seed)` gives the same
notes. `card(records)` summarises a set of them (a data card).

v2 (over v1): many more non-PHI look-alikes where real nursing notes have them (unknown and invented drug
names in medication slots, charting-system words, glued "CV=..." system lines, non-date ordinals and
numbers, plain note endings) and more names in the contexts that real notes use (kinship word + first
name, bare clinician names after "paged"/"seen by", short hospital abbreviations); see `nonphi.py`.

v3 (over v2): ICU bedside notation and shorthand in the ICU, nursing and respiratory notes: ventilator
settings, hemodynamics, blood gases, urine output and clock-time ranges, drip rates, fractions, drug and drip
shorthand, device words and DAR/problem-oriented charting headings, in lower, Capitalised and UPPER case;
see `icu.py`.

v4 (over v3): decoys and typos. Person and hospital slots are filled now and then (`render.P_DECOY`) with an
ordinary clinical word cased as a name would be ('d/w Renal', 'transfer to rehab'), with no span, so that a
name's context alone does not make a name; typos in the plain text (`render.TYPO_RATE` of the words of 4+
letters: swapped, dropped, doubled letters, wrong vowels), so that an unfamiliar word is not taken for a name;
ward names in all casings and more transfer / admission contexts for hospitals and wards.

v5 (over v4): names and places a student cannot learn by heart, and hurried writing. A share of surnames
(`surface.P_LOCAL_SURNAME`) comes from ~40 more Faker locales, accents folded ("Kovacic", "Petraitis"); cities
are also made-up towns ("Owensburg", "Glen Haskell") and cities abroad; no decoy right after a title or before
a credential ("Dr. Lasix" is not found in real notes; it taught the student to doubt its best cue for a name);
some notes drop the space after full stops ("BEDSIDE.LASIX", `render.GLUE_NOTES`, read by the student's
clinical tokenizer, `factory/train/tokenizer.py`); dates like "21 Apr, 21" and "1-2 Nov"; more relatives'
first names in family and social lines.

v6 (over v5): rhythm and EKG findings in ICU charting ("ST elevations in V2-V4", "no ST changes": 'ST' is a
segment, not a saint's abbreviation); university hospitals ("University of Vermont Medical Center", "U of NH
Med Center"); nurse practitioners and nurses named by first name ("NP Greta made aware").

v7 (over v6): surface-form grammars, and a language is a folder. Every PHI slot is rendered by a grammar of
format families with weights (`domains/deid/en/grammars/*.json`, rendered by `grammar.py`), written from how such
values are written in the world, not from any note: phones by the North American Numbering Plan and E.164
(separators '-', '.', '/', space or none, parentheses, +1 and 1- prefixes, toll-free codes, extensions, pagers
and beepers '4-1234', numbers glued to 'tel:' or '#', numbers abroad); dates in every order and separator, month
names and abbreviations in three casings, ordinals, two-digit and apostrophe years ('19, 3/19), ranges and lists
that keep only the day ('3/4-3/6', 'Mar 4, 9 and 12'), dates glued to the word before; names in every casing,
initials with and without periods, initial + surname, surname first, hyphenated, double and particle surnames,
O'/Mc, several relatives after a kinship word ('daughters Ann and Rose'); identifiers with and without
separators; towns, neighbourhoods, campuses, wings and employers named by ordinary words. Contact and
whereabouts lines (`CONTACT_LINES` of `en/notetypes/icu.json`) write phones, towns, neighbourhoods and employers where notes
write them, and a number after its kind ('home', 'office') as often as after a name; one-letter clinical
shorthand before a word ('c', 's', 'p', 'R.', 'L.') is written as non-PHI, shaped like an initial before a
surname. Each note's `meta` lists the families it drew (`forms`) and `card()` reports the share of each family
per type. The English word lists that were Python literals (calendar, kinship words, surname particles, the
building blocks of places, Faker locales, the clinical vocabularies of `icu.py`, `clinical.py` and `nonphi.py`)
and the old `resources/` lists live in `domains/deid/en/lexicons/`: a language is a folder.

v8 (over v7): conventions and look-alikes. A weekday alone is plain text, not a DATE span (HIPAA's Safe Harbor
removes dates and their elements; the day of the week identifies no one), and the rules' shape check drops a
weekday-only DATE and a 24-hour clock time that no year can be ("0430", "2200"); ventilator pressure pairs
without a mode after the verbs of weaning ("weaned to 10/5"), murmur grades, culture bottles and fractions of
the lung fields as non-PHI; the clinical tokenizer splits an ordinal range ("11th-12th").

v9 (over v8): ventilators, dated events, towns. Pressure support over PEEP is drawn in the steps ventilators are
set in (v8 drew any two numbers, so after a weaning verb every m/d pair read as a setting); a system line of an ICU
note with PHI budget left may carry a dated event ("<drip> weaned off <date>", "extubated <date>", "<device> d/c'd
<date>"); "dec"/"inc" (decreased, increased) as charting shorthand; a ward's number is outside its HOSPITAL span
("[[Brandt]] 7"); the city grammar's `us_town` family draws from every town, village and neighbourhood name of the
national ZIP code list (`domains/deid/us_towns.py`).
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Callable, Iterable, Iterator

GENERATOR = "medkiln.deid.offline.v9"

# (weight, note_type, PHI-free share, rich share)
NOTE_TYPES: tuple[tuple[float, str, float, float], ...] = (
    (34, "icu_nursing", 0.55, 0.12),
    (10, "nursing_shift", 0.4, 0.15),
    (8, "respiratory_therapy", 0.65, 0.05),
    (12, "progress_note", 0.35, 0.2),
    (10, "discharge_summary", 0.15, 0.55),
    (8, "radiology", 0.5, 0.15),
    (4, "pathology", 0.4, 0.25),
    (6, "referral_letter", 0.1, 0.5),
    (8, "telephone", 0.35, 0.25),
)
STYLES = (("normal", 0.5), ("upper", 0.28), ("lower", 0.22))


def _writers() -> dict[str, Callable]:
    from . import notetypes_docs as d
    from . import notetypes_icu as i

    return {"icu_nursing": i.icu_nursing, "nursing_shift": i.nursing_shift, "respiratory_therapy": i.respiratory,
            "progress_note": d.progress_note, "discharge_summary": d.discharge_summary, "radiology": d.radiology,
            "pathology": d.pathology, "referral_letter": d.referral_letter, "telephone": d.telephone}


def _choose(rng: random.Random, weights: list[float]) -> int:
    r = rng.random() * sum(weights)
    for i, w in enumerate(weights):
        r -= w
        if r <= 0:
            return i
    return len(weights) - 1


def generate_note(rng: random.Random, writers: dict[str, Callable]) -> tuple[str, list[list], dict]:
    """Write one note with `rng`; returns `(text, spans, meta)`."""
    from .render import Ctx

    _, note_type, p_none, p_rich = NOTE_TYPES[_choose(rng, [t[0] for t in NOTE_TYPES])]
    style = STYLES[_choose(rng, [s[1] for s in STYLES])][0]
    r = rng.random()
    mode = "none" if r < p_none else "rich" if r < p_none + p_rich else "sparse"
    ctx = Ctx(rng, mode)
    writers[note_type](ctx)
    text, spans = ctx.b.build(style)
    return text, spans, {"note_type": note_type, "style": style, "forms": ctx.tags}


def generate_notes(n: int, seed: int) -> Iterator[dict]:
    """Yield `n` synthetic notes `{"id", "text", "spans", "meta"}` with gold PHI spans (deterministic in seed)."""
    writers = _writers()
    for i in range(n):
        rng = random.Random(f"{seed}:{i}")
        text, spans, meta = generate_note(rng, writers)
        yield {"id": f"synth-{seed}-{i}", "text": text, "spans": spans,
               "meta": {**meta, "generator": GENERATOR, "seed": seed}}


def form_shares(records: Iterable[dict]) -> dict[str, dict[str, float]]:
    """The share of each grammar family per PHI type (and of each drawn dimension, as 'type.case'), from the
    `forms` the notes' meta lists."""
    counts: dict[str, Counter] = {}
    for rec in records:
        for tag in rec.get("meta", {}).get("forms", ()):
            kind, _, family = tag.partition(":")
            counts.setdefault(kind, Counter())[family] += 1
    return {kind: {f: round(n / sum(c.values()), 4) for f, n in sorted(c.items())} for kind, c in sorted(counts.items())}


def card(records: Iterable[dict]) -> dict:
    """A data card: counts per label, note type and style, PHI-free notes, sizes, generator, and the share of
    each surface-form family per PHI type (`forms`)."""
    records = list(records)
    labels: Counter = Counter()
    types: Counter = Counter()
    styles: Counter = Counter()
    n = empty = chars = tokens = 0
    for rec in records:
        n += 1
        chars += len(rec["text"])
        tokens += len(rec["text"].split())
        empty += not rec["spans"]
        labels.update(label for _, _, label in rec["spans"])
        meta = rec.get("meta", {})
        types[meta.get("note_type", "unknown")] += 1
        styles[meta.get("style", "unknown")] += 1
    return {
        "generator": GENERATOR, "version": GENERATOR.rsplit(".", 1)[-1], "notes": n, "notes_without_phi": empty,
        "share_without_phi": round(empty / n, 4) if n else 0.0, "spans": sum(labels.values()),
        "chars": chars, "tokens": tokens, "labels": dict(sorted(labels.items())),
        "note_types": dict(sorted(types.items())), "styles": dict(sorted(styles.items())),
        "forms": form_shares(records),
    }


__all__ = ["GENERATOR", "NOTE_TYPES", "STYLES", "card", "form_shares", "generate_note", "generate_notes"]
