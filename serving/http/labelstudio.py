"""The Label Studio ML backend protocol (`/health`, `/setup`, `/predict`) over a loaded NER model.

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


def predictions(docs: list, view: LabelView, version: str, ent_scores: list[list] | None = None) -> list[dict]:
    """One Label Studio prediction per doc; `ent_scores[i][j]` is the score of `docs[i].ents[j]` (or None)."""
    out = []
    for d, doc in enumerate(docs):
        result, scores = [], []
        for i, ent in enumerate(doc.ents):
            if view.labels and ent.label_ not in view.labels:
                continue
            score = ent_scores[d][i] if ent_scores is not None else None
            scores.append(score)
            result.append({"id": f"medkiln-{i}", "from_name": view.from_name, "to_name": view.to_name,
                           "type": "labels", "origin": "prediction", "score": score,
                           "value": {"start": ent.start_char, "end": ent.end_char, "text": ent.text,
                                     "labels": [ent.label_]}})
        known = [s for s in scores if s is not None]
        out.append({"result": result, "score": min(known) if known else None, "model_version": version})
    return out
