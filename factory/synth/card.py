"""Data cards: what a dataset holds and where it came from (counts per label, provenance)."""

from __future__ import annotations

from collections import Counter
from typing import Iterable


def data_card(records: Iterable[dict], *, categories: dict[str, str] | None = None, **provenance: object) -> dict:
    """Summarise span records: counts per label/category/meta field, PHI-free docs, sizes, provenance."""
    labels: Counter = Counter()
    cats: Counter = Counter()
    meta_counts: dict[str, Counter] = {"note_type": Counter(), "style": Counter(), "teacher": Counter()}
    forms: dict[str, Counter] = {}  # PHI type -> surface-form family -> count (teachers that render by grammar)
    n_docs = n_empty = n_chars = n_words = 0
    for rec in records:
        n_docs += 1
        n_chars += len(rec["text"])
        n_words += len(rec["text"].split())
        if not rec["spans"]:
            n_empty += 1
        for _, _, label in rec["spans"]:
            labels[label] += 1
            if categories:
                cats[categories.get(label, "OTHER")] += 1
        meta = rec.get("meta", {})
        for tag in meta.get("forms", ()):
            kind, _, family = str(tag).partition(":")
            forms.setdefault(kind, Counter())[family] += 1
        for key, counter in meta_counts.items():
            if key in meta:
                counter[str(meta[key])] += 1
    return {
        "docs": n_docs,
        "docs_without_spans": n_empty,
        "chars": n_chars,
        "words": n_words,
        "spans": sum(labels.values()),
        "labels": dict(sorted(labels.items())),
        "categories": dict(sorted(cats.items())),
        **{f"{key}s": dict(sorted(c.items())) for key, c in meta_counts.items() if c},
        **({"forms": {kind: {f: round(n / sum(c.values()), 4) for f, n in sorted(c.items())}
                      for kind, c in sorted(forms.items())}} if forms else {}),
        "provenance": provenance,
    }


def card_markdown(card: dict, title: str = "Data card") -> str:
    """Render a data card as Markdown."""
    lines = [f"# {title}", ""]
    prov = card.get("provenance", {})
    if prov:
        lines += ["## Provenance", ""] + [f"- **{k}**: {v}" for k, v in prov.items()] + [""]
    lines += [
        "## Size", "",
        f"- documents: {card['docs']} ({card['docs_without_spans']} without any span)",
        f"- words: {card['words']}, characters: {card['chars']}, spans: {card['spans']}", "",
        "## Spans per label", "", "| label | count |", "|---|---:|",
    ]
    lines += [f"| {label} | {count} |" for label, count in card["labels"].items()]
    for key in ("categories", "note_types", "styles", "teachers"):
        if card.get(key):
            lines += ["", f"## {key.replace('_', ' ').capitalize()}", "", "| value | count |", "|---|---:|"]
            lines += [f"| {k} | {v} |" for k, v in card[key].items()]
    files = card.get("files")
    if files:
        lines += ["", "## Files", "", f"- splits: {', '.join(f'`{f}`' for f in files['splits'].values())}",
                  f"- `{files['dataset_dict']}/`: the same splits as a {files['dataset_format']}"]
    if card.get("forms"):
        lines += ["", "## Surface forms (share of each family per type)", "", "| type | family | share |",
                  "|---|---|---:|"]
        lines += [f"| {kind} | {family} | {share} |" for kind, shares in card["forms"].items()
                  for family, share in shares.items()]
    return "\n".join(lines) + "\n"
