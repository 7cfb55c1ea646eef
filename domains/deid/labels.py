"""The de-identification labels: the i2b2-2014 PHI label set of core/labels/i2b2.json, as the domain's specs."""

from __future__ import annotations

from medkiln.core.labels import label_set

from ..base import LabelSpec

_TABLE = label_set("i2b2")
LABELS: dict[str, LabelSpec] = {
    label.name: LabelSpec(name=label.name, description=label.description, examples=label.examples,
                          category=label.category)
    for label in _TABLE
}
CATEGORIES = _TABLE.categories
