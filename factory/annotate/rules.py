"""Rule annotators: the domain's pattern recognizers (`serving.medkiln_rules`) as one voter of an ensemble."""

from __future__ import annotations

from typing import Callable

from medkiln.domains.base import DomainSpec

Finder = Callable[[str], list]


def _build_finder(domain: DomainSpec) -> Finder:
    """The `medkiln_phi_rules` component's `find(text)`; built without `spacy.blank` (whose entry-point
    scan imports every installed spaCy plugin, ~10 s here) since `find` needs no pipeline."""
    from medkiln.serving.medkiln_rules import PhiRules

    rules = PhiRules()
    rules.add_patterns(domain.patterns)
    return rules.find


class RuleAnnotator:
    """`spans(text)` -> `[[start, end, label], ...]` from the domain's patterns (labels outside the domain
    are ignored). `finder` may be injected (`text -> [(start, end, label, pattern_name), ...]`)."""

    name = "rules"

    def __init__(self, domain: DomainSpec, finder: Finder | None = None) -> None:
        self.domain = domain
        self.label = "rules"
        self._finder = finder

    def spans(self, text: str) -> list[list]:
        if self._finder is None:
            self._finder = _build_finder(self.domain)
        return sorted([int(s), int(e), str(label)] for s, e, label, *_ in self._finder(text)
                      if label in self.domain.labels)

    def annotate_text(self, domain: DomainSpec, text: str, real: bool = True) -> dict:
        return {"ok": True, "spans": self.spans(text), "dropped": {}}
