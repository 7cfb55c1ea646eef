"""Evaluate an extraction pipeline on gold extraction records.

- entities: strict and relaxed P/R/F1 per label and micro (`factory.evaluate.metrics`);
- assertion: accuracy, per-class P/R/F1 and the confusion matrix, (a) given the gold spans (the classifier
  alone) and (b) end to end, on predicted head entities that match a gold head exactly;
- attribute links: P/R/F1, (a) given the gold spans (the linker alone) and (b) end to end.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from ..evaluate.metrics import match_spans, prf
from medkiln.core.records import write_json
from .data import assertions_of, links_of

MODES = ("strict", "relaxed")


def entity_counts(stats: Counter, gold: list, pred: list) -> None:
    """Add strict and relaxed (tp, n_pred, n_gold) counts per label of one document to `stats`."""
    for mode in MODES:
        g_hit, p_hit = match_spans(gold, pred, mode == "relaxed")
        for (_, _, label), hit in zip(gold, g_hit):
            stats[(mode, label, "n_gold")] += 1
            stats[(mode, label, "tp")] += hit
        for (_, _, label), _hit in zip(pred, p_hit):
            stats[(mode, label, "n_pred")] += 1


def entity_report(stats: Counter) -> dict:
    out = {}
    for mode in MODES:
        labels = sorted({k[1] for k in stats if k[0] == mode})
        per_label = {lab: prf(stats[(mode, lab, "tp")], stats[(mode, lab, "n_pred")], stats[(mode, lab, "n_gold")])
                     for lab in labels}
        micro = prf(*(sum(r[k] for r in per_label.values()) for k in ("tp", "n_pred", "n_gold")))
        out[mode] = {"micro": micro, "per_label": per_label}
    return out


def assertion_report(pairs: list[tuple[str, str]], classes) -> dict:
    """Accuracy, per-class P/R/F1 and confusion (gold -> predicted -> count) from (gold, predicted) pairs."""
    confusion: dict[str, Counter] = {}
    for gold, pred in pairs:
        confusion.setdefault(gold, Counter())[pred] += 1
    per_class = {}
    for c in classes:
        tp = confusion.get(c, Counter())[c]
        n_pred = sum(row[c] for row in confusion.values())
        n_gold = sum(confusion.get(c, Counter()).values())
        if n_pred or n_gold:
            per_class[c] = prf(tp, n_pred, n_gold)
    correct = sum(1 for g, p in pairs if g == p)
    f1s = [row["f1"] for row in per_class.values()]
    return {"n": len(pairs), "accuracy": correct / len(pairs) if pairs else 0.0,
            "macro_f1": sum(f1s) / len(f1s) if f1s else 0.0, "per_class": per_class,
            "confusion": {g: dict(row) for g, row in sorted(confusion.items())}}


def _link_prf(gold: set, pred: set) -> tuple[int, int, int]:
    return len(gold & pred), len(pred), len(gold)


def _gold_ents(doc, rec: dict):
    from spacy.util import filter_spans

    spans = [doc.char_span(s, e, label=lab, alignment_mode="contract") for s, e, lab in rec["spans"]]
    return filter_spans([s for s in spans if s is not None and len(s)])


def evaluate_extraction(nlp, records: list[dict], spec, *, batch_size: int = 64) -> dict:
    """Score `nlp` on extraction records; returns entities, assertion and link scores plus speed."""
    heads = set(spec.span_choices["assertion"][1])
    classes = spec.span_choices["assertion"][0]
    classifier, linker = nlp.get_pipe("medkiln_assertion"), nlp.get_pipe("medkiln_attribute_linker")
    stats: Counter = Counter()
    e2e_pairs, gold_pairs = [], []
    links = {"end_to_end": [0, 0, 0], "gold_spans": [0, 0, 0]}
    start = time.perf_counter()
    docs = list(nlp.pipe((r["text"] for r in records), batch_size=batch_size))
    seconds = time.perf_counter() - start
    for rec, doc in zip(records, docs):
        gold_status, gold_links = assertions_of(rec), links_of(rec)
        pred = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        entity_counts(stats, [tuple(s) for s in rec["spans"]], pred)
        e2e_pairs += [(gold_status[(e.start_char, e.end_char)], e._.assertion) for e in doc.ents
                      if e.label_ in heads and (e.start_char, e.end_char) in gold_status
                      and [e.start_char, e.end_char, e.label_] in rec["spans"]]
        got = _link_prf(gold_links, {tuple(x) for x in doc._.note_links or []})
        links["end_to_end"] = [a + b for a, b in zip(links["end_to_end"], got)]
        ents = _gold_ents(doc, rec)
        gold_heads = [e for e in ents if e.label_ in heads and (e.start_char, e.end_char) in gold_status]
        for ent, (status, _) in zip(gold_heads, classifier.classify(doc, gold_heads, ents)):
            gold_pairs.append((gold_status[(ent.start_char, ent.end_char)], status))
        got = _link_prf(gold_links, {tuple(x) for x in linker.link(doc, ents)})
        links["gold_spans"] = [a + b for a, b in zip(links["gold_spans"], got)]
    n_words = sum(len(r["text"].split()) for r in records)
    return {
        "n_docs": len(records), **entity_report(stats),
        "assertion": {"gold_spans": assertion_report(gold_pairs, classes),
                      "end_to_end": assertion_report(e2e_pairs, classes)},
        "links": {key: prf(*value) for key, value in links.items()},
        "seconds": round(seconds, 3), "docs_per_s": len(records) / seconds if seconds else 0.0,
        "words_per_s": n_words / seconds if seconds else 0.0,
    }


def _table(rows: dict, key: str, columns: tuple[str, ...]) -> list[str]:
    lines = [f"| {key} | " + " | ".join(columns) + " |", "|---" + "|---:" * len(columns) + "|"]
    for name, row in rows.items():
        cells = [f"{row[c]:.3f}" if isinstance(row.get(c), float) else str(row.get(c, "")) for c in columns]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def report_markdown(ev: dict, title: str = "Extraction evaluation") -> str:
    """The evaluation as Markdown tables (also the model card's evaluation section)."""
    cols = ("precision", "recall", "f1", "n_gold", "n_pred")
    lines = [f"## {title}", "", f"- documents: {ev['n_docs']}", ""]
    for mode in MODES:
        rows = {"micro": ev[mode]["micro"], **ev[mode]["per_label"]}
        lines += [f"### Entities ({mode})", "", *_table(rows, "label", cols), ""]
    for key, name in (("gold_spans", "given the gold spans"), ("end_to_end", "end to end, exact entity matches")):
        a = ev["assertion"][key]
        lines += [f"### Assertion status ({name})", "", f"- accuracy: {a['accuracy']:.3f} over {a['n']} entities, "
                  f"macro F1 {a['macro_f1']:.3f}", "", *_table(a["per_class"], "status", cols), ""]
    rows = {"given the gold spans": ev["links"]["gold_spans"], "end to end": ev["links"]["end_to_end"]}
    lines += ["### Attribute links", "", *_table(rows, "setting", cols), ""]
    return "\n".join(lines)


def write_report(ev: dict, out_dir: str | Path) -> dict:
    out_dir = Path(out_dir)
    write_json(out_dir / "report.json", ev)
    (out_dir / "report.md").write_text(report_markdown(ev), encoding="utf-8")
    return {"json": str(out_dir / "report.json"), "md": str(out_dir / "report.md")}
