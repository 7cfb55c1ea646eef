"""Label Studio's side of medkiln: the ML backend protocol (`/health`, `/setup`, `/predict`) over a loaded NER
model, and the one builder of span prediction items that review (`annotation`) uses too.

Predictions are `labels` results on the first <Labels> of the posted label config (its `name` and
`toName`), reading the text from the `value` of the <Text> it points to; entity labels the config does not
list are left out. Each span's `score` comes from `serving.scores` (Monte-Carlo dropout over the CNN student's
shared encoding, pattern scores for rule spans); it is null where the pipeline cannot say (MiniLM student).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class LabelView:
    from_name: str = "label"
    to_name: str = "text"
    data_key: str = "text"
    labels: frozenset[str] = field(default_factory=frozenset)


def parse_label_config(config: str | None) -> LabelView:
    """from_name/to_name/data key/labels from a Label Studio XML config; defaults when absent or unreadable."""
    if not config:
        return LabelView()
    try:
        root = ET.fromstring(config)
    except ET.ParseError:
        return LabelView()
    labels_tag = next((el for el in root.iter() if el.tag == "Labels"), None)
    if labels_tag is None:
        return LabelView()
    to_name = labels_tag.get("toName", "text").split(",")[0]
    text_tag = next((el for el in root.iter() if el.get("name") == to_name and el.get("value")), None)
    data_key = text_tag.get("value", "$text").lstrip("$") if text_tag is not None else "text"
    labels = frozenset(el.get("value") for el in labels_tag if el.tag == "Label" and el.get("value"))
    return LabelView(labels_tag.get("name", "label"), to_name, data_key, labels)


def task_text(task: Any, view: LabelView) -> str:
    value = (task.data or {}).get(view.data_key)
    return value if isinstance(value, str) else ""


def span_items(text: str, spans: list[tuple[int, int, str]], scores: list[float | None], from_name: str,
               to_name: str) -> list[dict]:
    """Label Studio `labels` result items for (start, end, label) spans of `text`, region ids `r0`, `r1`...,
    each with its `score` when it has one: what review pushes and what the ML backend answers."""
    items = []
    for i, ((start, end, label), score) in enumerate(zip(spans, scores)):
        item = {"id": f"r{i}", "from_name": from_name, "to_name": to_name, "type": "labels",
                "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]}}
        if score is not None:
            item["score"] = round(float(score), 4)
        items.append(item)
    return items


def prediction(items: list[dict], scores: list[float | None], version: str) -> dict:
    """A prediction: its items, and as its score the least sure span's (1.0 without a scored span)."""
    known = [s for s in scores if s is not None]
    return {"model_version": version, "score": round(min(known), 4) if known else 1.0, "result": items}


def predictions(docs: list, view: LabelView, version: str, ent_scores: list[list] | None = None) -> list[dict]:
    """One Label Studio prediction per doc; `ent_scores[i][j]` is the score of `docs[i].ents[j]` (or None).
    Labels the posted config does not list are left out."""
    out = []
    for d, doc in enumerate(docs):
        kept = [(i, ent) for i, ent in enumerate(doc.ents) if not view.labels or ent.label_ in view.labels]
        spans = [(ent.start_char, ent.end_char, ent.label_) for _, ent in kept]
        scores = [ent_scores[d][i] if ent_scores is not None else None for i, _ in kept]
        items = span_items(doc.text, spans, scores, view.from_name, view.to_name)
        out.append(prediction(items, scores, version))
    return out
