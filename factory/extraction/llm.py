"""LLM teachers for extraction domains (`medkiln synth notes --teacher openai`): the generator writes a note
and labels every entity with its assertion status and attributes; this module parses all of it into the
extraction record contract (spans, `attributes.assertion`, `relations`, `sections`), not spans only.

It uses the OpenAI teacher's public pieces (`get_teacher("openai", ...)`, its `client.chat`, the domain's
prompt templates, `extract_json`, `find_all`, `resolve_overlaps`); answers that do not parse, or entities
that cannot be placed in the text, are counted by reason and never reach the dataset. Synthetic only: the
privacy guard is told the text is not real.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from medkiln.core.records import write_json, write_splits
from medkiln.domains import DomainSpec

from ..chain import check_kind
from .data import check_record

log = logging.getLogger(__name__)
TASK = "synthesize"


def answer_schema(spec) -> dict:
    """The JSON schema of a notes answer: text, entities with label, assertion and attributes."""
    statuses, heads = spec.span_choices["assertion"]
    attribute = {"type": "object", "properties": {"text": {"type": "string"},
                                                   "label": {"type": "string", "enum": sorted(spec.relations)}},
                 "required": ["text", "label"]}
    entity = {"type": "object", "properties": {
        "text": {"type": "string"}, "label": {"type": "string", "enum": list(heads)},
        "assertion": {"type": "string", "enum": list(statuses)},
        "attributes": {"type": "array", "items": attribute}}, "required": ["text", "label", "assertion"]}
    return {"type": "object", "properties": {"text": {"type": "string"}, "entities": {"type": "array", "items": entity}},
            "required": ["text", "entities"]}


def _place(text: str, surface: str, used: set, near: int | None = None) -> tuple[int, int] | None:
    """The first unused occurrence of `surface` (or the one nearest `near`), on word boundaries."""
    from ..teachers.parse import find_all

    spots = [s for s in find_all(text, surface) if s not in used]
    if not spots:
        return None
    return min(spots, key=lambda s: abs(s[0] - near)) if near is not None else spots[0]


def parse_entities(text: str, entities: object, spec) -> tuple[dict, Counter]:
    """Spans, assertions and relations from an answer's entities; returns them and dropped counts by reason."""
    from ..teachers.parse import resolve_overlaps

    statuses, heads = spec.span_choices["assertion"]
    dropped: Counter = Counter()
    if not isinstance(entities, list):
        dropped["entities_not_a_list"] += 1
        return {"spans": [], "assertion": [], "relations": []}, dropped
    spans, status_of, links, used = [], {}, [], set()
    for ent in entities:
        if not isinstance(ent, dict) or not isinstance(ent.get("text"), str) or not ent["text"].strip():
            dropped["malformed_entity"] += 1
            continue
        label, status = str(ent.get("label", "")).upper(), str(ent.get("assertion", "")).lower()
        if label not in heads or status not in statuses:
            dropped["unknown_label" if label not in heads else "bad_assertion"] += 1
            continue
        head = _place(text, ent["text"].strip(), used)
        if head is None:
            dropped["not_in_text"] += 1
            continue
        used.add(head)
        spans.append((*head, label))
        status_of[head] = status
        for attr in _attributes(text, ent.get("attributes") or [], head, label, spec, used, dropped):
            spans.append(attr)
            links.append(((attr[0], attr[1]), head))
    kept, overlaps = resolve_overlaps(spans)
    if overlaps:
        dropped["overlap"] += overlaps
    alive = {(s, e) for s, e, _ in kept}
    relations = [[h[0], h[1], a[0], a[1]] for a, h in links if a in alive and h in alive]
    assertion = [[s, e, status_of[(s, e)]] for s, e, _ in kept if (s, e) in status_of]
    return {"spans": kept, "assertion": assertion, "relations": sorted(relations)}, dropped


def _attributes(text: str, attrs: object, head: tuple[int, int], label: str, spec, used: set,
                dropped: Counter) -> list[tuple[int, int, str]]:
    """The attribute spans of one head; each attribute's occurrence nearest the head is used."""
    out = []
    for attr in attrs if isinstance(attrs, list) else []:
        if not isinstance(attr, dict) or not isinstance(attr.get("text"), str) or not attr["text"].strip():
            dropped["malformed_attribute"] += 1
            continue
        name = str(attr.get("label", "")).upper()
        if label not in spec.relations.get(name, ()):
            dropped["attribute_not_allowed"] += 1
            continue
        place = _place(text, attr["text"].strip(), used, near=head[0])
        if place is None:
            dropped["attribute_not_in_text"] += 1
            continue
        used.add(place)
        out.append((*place, name))
    return out


def generate(teacher, spec, brief: dict, index: int) -> dict:
    """One generated record, `{"ok": True, "record"}` or `{"ok": False, "reason"}` (never raises on bad answers)."""
    from medkiln.serving.medkiln_notes import find_sections

    from ..teachers.openai_client import RequestFailed
    from ..teachers.parse import ParseError, extract_json
    from ..teachers.prompts import prompt_version, render_messages

    version = prompt_version(TASK, teacher.version)
    messages = render_messages(spec, TASK, teacher.version, brief=brief, variation=index)
    params = {"temperature": teacher.temperature, "max_tokens": teacher.max_tokens,
              "seed": teacher.seed * 1_000_003 + index}
    try:
        answer = teacher.client.chat(messages, prompt_version=version, params=params, schema=answer_schema(spec),
                                     real=False)
        data = extract_json(answer.content)
    except (RequestFailed, ParseError) as err:
        return {"ok": False, "reason": err.reason}
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        return {"ok": False, "reason": "no_text"}
    parsed, dropped = parse_entities(text, data.get("entities"), spec)
    if not parsed["spans"]:
        return {"ok": False, "reason": "no_entities"}
    sections = [[s, e, name] for s, e, name, _ in find_sections(text, _sections(spec))]
    meta = {"teacher": teacher.label, "prompt_version": version, "domain": spec.registry_name, "variation": index,
            **brief, "dropped_entities": dict(dropped)}
    return {"ok": True, "dropped": dropped, "record": {
        "text": text, "spans": [list(s) for s in parsed["spans"]], "attributes": {"assertion": parsed["assertion"]},
        "relations": parsed["relations"], "sections": sections, "meta": meta}}


def _sections(spec) -> dict:
    from .train import sections_of

    return sections_of(spec)


def synthesize_llm(spec: DomainSpec, out_dir: str | Path, *, n: int, seed: int = 0, teacher: str = "openai",
                   teacher_settings: dict | None = None, max_attempts: int | None = None,
                   max_requests: int | None = None, min_share: float = 0.9, dev: float = 0.1,
                   test: float = 0.1) -> dict:
    """Generate until `n` records are accepted, within `max_requests` attempts (default max(20, 4n), one
    request each) and `max_attempts`; write the splits, a data card, `synth.json` and `report.json` (attempts,
    rejections and dropped entities by reason, tokens; `met` when at least `min_share` of `n` was accepted)."""
    from medkiln.core.records import SPLITS, split_of

    from ..synth.card import card_markdown, data_card
    from ..teachers import get_teacher
    from ..teachers.diversity import brief_for, load_axes

    started = time.perf_counter()
    check_kind(spec, "extraction", "E303")
    out = Path(out_dir)
    gen = get_teacher(teacher, **(teacher_settings or {}))
    axes, results = load_axes(spec), []
    try:
        with ThreadPoolExecutor(max(1, getattr(gen, "concurrency", 1))) as pool:
            budget = min(max_requests or max(20, 4 * n), max_attempts or max(20, 4 * n))
            attempts = list(range(budget))  # one request per attempt (retries are the client's)
            for index, res in zip(attempts, pool.map(lambda i: generate(gen, spec, brief_for(spec, i, seed, axes), i),
                                                     attempts)):
                results.append((index, res))
                if sum(r["ok"] for _, r in results) >= n:
                    break
    finally:
        gen.close()
    result = _write(out, spec, gen, results, n, seed, dev, test, started, SPLITS, split_of, data_card, card_markdown)
    accepted = result["report"]["accepted"]
    result["report"].update(target=n, share=accepted / n if n else 1.0, min_share=min_share,
                            met=accepted >= min_share * n)
    write_json(out / "report.json", result["report"])
    return result


def _write(out: Path, spec, gen, results: list, n: int, seed: int, dev: float, test: float, started: float,
           splits, split_of, data_card, card_markdown) -> dict:
    records, rejected, dropped = [], Counter(), Counter()
    for index, res in results:
        if not res["ok"]:
            rejected[res["reason"]] += 1
            continue
        if len(records) < n:
            rec = {"id": f"{spec.name}-llm-{seed}-{index:06d}", **res["record"]}
            records.append(check_record(rec, out / "generated", index + 1, spec.span_choices["assertion"][0]))
            dropped.update(res["dropped"])
    parts: dict[str, list] = {name: [] for name in splits}
    for rec in records:
        parts[split_of(rec["id"], dev, test)].append(rec)
    files = write_splits(out, parts)
    settings = {"domain": spec.registry_name, "teacher": gen.label, "n": n, "seed": seed, "dev": dev, "test": test,
                "prompt_version": f"{TASK}.{gen.version}"}
    card = data_card(records, categories=spec.categories, **settings)
    card["splits"] = {name: len(parts[name]) for name in splits}
    card["files"] = files
    card["assertions"] = dict(Counter(st for r in records for *_, st in r["attributes"]["assertion"]))
    card["relations"] = sum(len(r["relations"]) for r in records)
    write_json(out / "datacard.json", card)
    (out / "datacard.md").write_text(card_markdown(card, f"Data card: {spec.registry_name}"), encoding="utf-8")
    write_json(out / "synth.json", settings)
    report = {"attempts": len(results), "accepted": len(records), "rejected": dict(rejected),
              "dropped_entities": dict(dropped), **gen.stats.to_dict(),
              "wall_s": round(time.perf_counter() - started, 3)}
    write_json(out / "report.json", report)
    return {"out": str(out), "counts": card["splits"], "spans": card["spans"], "assertions": card["assertions"],
            "relations": card["relations"], "report": report}
