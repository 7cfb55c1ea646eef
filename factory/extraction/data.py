"""Extraction records: the span contract plus `attributes.assertion` and `relations` (the review loop's
format), read and checked; and the Docs the trainers and evaluators work on."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from medkiln.core.errors import MedkilnError
from medkiln.core.records import read_spans

CHOICE = "assertion"


def check_record(rec: dict, path: Path, line: int, statuses: Iterable[str]) -> dict:
    """Check that assertion and relation offsets name entity spans; returns the record."""
    spans = {(s, e) for s, e, _ in rec["spans"]}
    allowed = set(statuses)
    for i, item in enumerate((rec.get("attributes") or {}).get(CHOICE, [])):
        if not isinstance(item, (list, tuple)) or len(item) != 3 or item[2] not in allowed:
            raise MedkilnError("E301", path=path, line=line, field="attributes.assertion", item=i,
                               expected=f"[start, end, status] with status in {sorted(allowed)}")
        if (item[0], item[1]) not in spans:
            raise MedkilnError("E302", path=path, line=line, field="attributes.assertion", item=i, span=item[:2])
    for i, item in enumerate(rec.get("relations") or []):
        if not isinstance(item, (list, tuple)) or len(item) != 4:
            raise MedkilnError("E301", path=path, line=line, field="relations", item=i,
                               expected="[head_start, head_end, attr_start, attr_end]")
        if (item[0], item[1]) not in spans or (item[2], item[3]) not in spans:
            raise MedkilnError("E302", path=path, line=line, field="relations", item=i, span=item)
    return rec


def read_records(path: str | Path, spec) -> list[dict]:
    """Validated extraction records of a JSONL file (E003..E006 for spans, E301/E302 for the rest)."""
    statuses = spec.span_choices[CHOICE][0]
    return [check_record(rec, Path(path), i + 1, statuses)
            for i, rec in enumerate(read_spans(path, spec.labels))]


def assertions_of(rec: dict) -> dict[tuple[int, int], str]:
    return {(s, e): status for s, e, status in (rec.get("attributes") or {}).get(CHOICE, [])}


def links_of(rec: dict) -> set[tuple[int, int, int, int]]:
    """Gold links as (attr_start, attr_end, head_start, head_end)."""
    return {(a, b, h, k) for h, k, a, b in rec.get("relations") or []}


def base_pipeline(lang: str, sections: dict):
    """A blank pipeline with the sentencizer and the section marker: the context the classifier sees."""
    import spacy

    import medkiln.serving.medkiln_notes  # noqa: F401  registers the factories

    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("medkiln_note_sections").set_lexicon(sections)
    return nlp


def gold_doc(nlp, rec: dict):
    """The record's Doc with its gold spans as `doc.ents` (contracted to tokens; overlaps dropped), and a
    map from each entity's (start_char, end_char) to the gold span's offsets."""
    from spacy.util import filter_spans

    doc = nlp(rec["text"])
    origin, spans = {}, []
    for s, e, label in rec["spans"]:
        span = doc.char_span(s, e, label=label, alignment_mode="contract")
        if span is not None and len(span):
            spans.append(span)
            origin[(span.start_char, span.end_char)] = (s, e)
    doc.ents = filter_spans(spans)
    return doc, origin
