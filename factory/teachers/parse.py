"""Robust reading of teacher answers: JSON extraction and alignment of entity strings to offsets.

Accepted: a bare JSON object, one inside a ``` code fence, or one surrounded by prose. Anything else is
rejected with a reason (never guessed). Alignment turns `{"text", "label"[, "start", "end"]}` entities into
span triples; what cannot be aligned is dropped and counted by reason.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.DOTALL)


class ParseError(ValueError):
    """An answer that holds no usable JSON object. `reason` is a short code counted in run reports."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def extract_json(content: str | None) -> dict:
    """Return the first JSON object in `content` (bare, fenced or in prose) or raise `ParseError`."""
    if content is None or not content.strip():
        raise ParseError("empty_answer")
    text = content.strip()
    candidates = [text] + [m.group(1).strip() for m in _FENCE.finditer(text)]
    for cand in candidates:
        try:
            value = json.loads(cand)
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict):
            return value
        raise ParseError("not_an_object")
    decoder = json.JSONDecoder()
    for match in re.finditer(r"\{", text):
        try:
            value, _ = decoder.raw_decode(text, match.start())
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict):
            return value
    raise ParseError("invalid_json" if "{" in text else "no_json")


@dataclass
class Alignment:
    """Aligned spans `[[start, end, label], ...]` and the count of dropped entities by reason."""

    spans: list[list] = field(default_factory=list)
    dropped: Counter = field(default_factory=Counter)
    offset_fallbacks: int = 0


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """All occurrences of `needle` in `text` that do not start or end inside a word."""
    found, start = [], text.find(needle)
    while start != -1:
        end = start + len(needle)
        left_ok = start == 0 or not (_is_word_char(text[start - 1]) and _is_word_char(needle[0]))
        right_ok = end == len(text) or not (_is_word_char(text[end]) and _is_word_char(needle[-1]))
        if left_ok and right_ok:
            found.append((start, end))
        start = text.find(needle, start + 1)
    return found


def _entity_offsets(text: str, ent: dict, surface: str) -> tuple[list[tuple[int, int]], bool]:
    """Offsets for one entity: its own (when they match its string) or every occurrence of the string."""
    start, end = ent.get("start"), ent.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        if text[start:end].strip() == surface:
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            return [(start + lead, start + lead + len(surface))], False
        return find_all(text, surface), True
    return find_all(text, surface), False


def align_entities(text: str, entities: object, labels: Iterable[str]) -> Alignment:
    """Locate every entity string in `text`; drop (and count) malformed, unknown-label and absent ones.

    Overlapping spans keep the longer one (ties: the first seen); the other is counted as `overlap`.
    """
    allowed = set(labels)
    result = Alignment()
    if not isinstance(entities, list):
        result.dropped["entities_not_a_list"] += 1
        return result
    found: list[tuple[int, int, str]] = []
    for ent in entities:
        if not isinstance(ent, dict) or not isinstance(ent.get("text"), str) or not isinstance(ent.get("label"), str):
            result.dropped["malformed_entity"] += 1
            continue
        surface, label = ent["text"].strip(), ent["label"].strip().upper()
        if not surface:
            result.dropped["empty_entity"] += 1
            continue
        if label not in allowed:
            result.dropped["unknown_label"] += 1
            continue
        offsets, fell_back = _entity_offsets(text, ent, surface)
        result.offset_fallbacks += int(fell_back)
        if not offsets:
            result.dropped["not_in_text"] += 1
            continue
        found.extend((s, e, label) for s, e in offsets)
    result.spans, overlaps = resolve_overlaps(found)
    if overlaps:
        result.dropped["overlap"] += overlaps
    return result


def resolve_overlaps(spans: Iterable[tuple[int, int, str]]) -> tuple[list[list], int]:
    """Keep a non-overlapping set, preferring longer spans; exact duplicates merge silently."""
    unique: dict[tuple[int, int], str] = {}
    for s, e, label in spans:
        unique.setdefault((s, e), label)
    ordered = sorted(unique.items(), key=lambda item: (-(item[0][1] - item[0][0]), item[0][0]))
    kept: list[list] = []
    dropped = 0
    for (s, e), label in ordered:
        if any(s < ke and ks < e for ks, ke, _ in kept):
            dropped += 1
            continue
        kept.append([s, e, label])
    return sorted(kept), dropped


def spans_to_entities(text: str, spans: Iterable[Iterable]) -> list[dict]:
    """The inverse view: `[{"text", "label", "start", "end"}]` for prompts (e.g. asking for a review)."""
    return [{"text": text[s:e], "label": label, "start": s, "end": e} for s, e, label in spans]
