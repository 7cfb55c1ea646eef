"""What a domain is: data plus a thin module, registered under a versioned name."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator


@dataclass(frozen=True)
class LabelSpec:
    """One label: what it means, examples of its surface forms, and its coarse category."""

    name: str
    description: str
    examples: tuple[str, ...]
    category: str


@dataclass(frozen=True)
class DomainSpec:
    """A domain: label set, offline synthesis, rule patterns and training defaults."""

    name: str
    version: str
    lang: str
    labels: dict[str, LabelSpec]
    synthesize: Callable[[int, int], Iterator[dict]]
    patterns: list[dict] = field(default_factory=list)
    package_name: str = ""
    folder: Path | None = None
    # "spans" (NER, de-identification), "extraction" (spans with per-span choices such as assertion status,
    # and attributes linked to a head span) or "translation" (parallel text; `labels` is empty).
    kind: str = "spans"
    # Per-span choices for "extraction" domains: name -> allowed values, and the labels they apply to,
    # e.g. {"assertion": (("present", "absent", ...), ("PROBLEM", "TEST", ...))}.
    span_choices: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    # Attribute labels linked to head labels for "extraction" domains, e.g. {"DOSE": ("MEDICATION",)}.
    relations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # How many synthetic examples `medkiln run` writes when --n is not given.
    default_n: int = 3000
    # The label table (core/labels/NAME.json) the labels come from, when they come from a shared one.
    label_set: str | None = None
    # A language folder of a domain (`domains/deid/es/`) registers as `medkiln.<name>.<lang>.<version>`; the
    # domain's first language keeps `medkiln.<name>.<version>`.
    language_folder: bool = False
    # Words that are not person names in this language ({"words", "titles"}; `deid/not_names.py`): the rules
    # component drops a predicted name made only of them. None: no such list.
    not_names: Callable[[], dict | None] | None = None
    # Words around a bare month/day number that make it a measurement ({"before", "after", "window"};
    # `PhiRules.set_measure_words`): the rules component drops such a DATE of the NER. None: no check.
    measure_words: dict | None = None
    # Names of whole regions by label and the labels whose entities take them ({"names": {"STATE": [...],
    # "COUNTRY": [...]}, "relabel": [...]}; `PhiRules.set_region_names`). None: no relabelling.
    region_names: Callable[[], dict | None] | None = None
    # Place names the rules mark after a word of place where the student marked nothing ({"names", "label",
    # "before"}; `deid/gazetteer.py`, `PhiRules.set_gazetteer`). None: no gazetteer.
    gazetteer: Callable[[], dict | None] | None = None

    @property
    def registry_name(self) -> str:
        if self.language_folder:
            return f"medkiln.{self.name}.{self.lang}.{self.version}"
        return f"medkiln.{self.name}.{self.version}"

    @property
    def categories(self) -> dict[str, str]:
        return {name: spec.category for name, spec in self.labels.items()}
