"""Label tables: one data file per label set (`i2b2.json`: the i2b2-2014 PHI categories), read once.

A label's row holds everything any part of medkiln needs to know about it: its coarse category, description and
examples (teachers, Label Studio hints), its Presidio entity type, its shape (what its text must contain: a digit,
a letter, a date, an age) and whether a name or place of that label marks its other mentions (propagation within
a note and across a run). Languages and domains extend a table by adding rows, not by editing lists in code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Label:
    name: str
    category: str
    description: str
    examples: tuple[str, ...]
    presidio: str
    shape: str | None
    propagate: bool


@dataclass(frozen=True)
class LabelSet:
    name: str
    title: str
    categories: tuple[str, ...]
    labels: tuple[Label, ...]

    def __iter__(self):
        return iter(self.labels)

    def __getitem__(self, name: str) -> Label:
        return self.by_name[name]

    @property
    def by_name(self) -> dict[str, Label]:
        return {label.name: label for label in self.labels}

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.labels)

    def category_of(self) -> dict[str, str]:
        return {label.name: label.category for label in self.labels}

    def presidio(self) -> dict[str, str]:
        return {label.name: label.presidio for label in self.labels}

    def with_shape(self, shape: str) -> frozenset[str]:
        return frozenset(label.name for label in self.labels if label.shape == shape)

    def propagated(self) -> frozenset[str]:
        return frozenset(label.name for label in self.labels if label.propagate)


@lru_cache(maxsize=None)
def label_set(name: str = "i2b2") -> LabelSet:
    """The label set stored as `core/labels/NAME.json`."""
    data = json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))
    labels = tuple(Label(row["name"], row["category"], row["description"], tuple(row.get("examples", ())),
                         row.get("presidio", row["name"]), row.get("shape"), bool(row.get("propagate")))
                   for row in data["labels"])
    return LabelSet(data["name"], data.get("title", data["name"]), tuple(data["categories"]), labels)


__all__ = ["Label", "LabelSet", "label_set"]
