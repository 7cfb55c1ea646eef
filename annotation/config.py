"""Label Studio labeling configs generated from a domain spec.

- `kind="spans"` (de-identification, NER): `<Labels>` over `<Text name="text">`, one label per domain label
  with its description as hint, a hotkey and a colour per coarse category.
- `kind="extraction"` (note extraction): the same labels, plus one per-region `<Choices>` per
  `span_choices` entry (e.g. assertion status), shown when a region is selected, and `<Relations>` when the
  domain links attribute labels to head labels.
- `kind="translation"` (post-editing MT): the source text and an editable `<TextArea>` prefilled by the
  prediction (the machine translation).
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from medkiln.domains.base import DomainSpec

# Colours per coarse category so reviewers see the category at a glance.
_COLOURS = {
    "NAME": "#e6194b", "PROFESSION": "#f58231", "LOCATION": "#3cb44b", "AGE": "#911eb4",
    "DATE": "#4363d8", "CONTACT": "#42d4f4", "ID": "#f032e6",
}
_EXTRA_COLOURS = ("#469990", "#9a6324", "#800000", "#808000", "#000075", "#bfef45", "#fabed4", "#dcbeff")
_HOTKEYS = "1234567890qwertyuiopasdfghjklzxcvbnm"

# Names used in configs and results; pull/push rely on them.
SPAN_FROM, TEXT_NAME = "label", "text"
SRC_NAME, MT_FROM = "src", "translation"


def _colour(category: str, i: int) -> str:
    return _COLOURS.get(category) or _EXTRA_COLOURS[i % len(_EXTRA_COLOURS)]


def labels_block(domain: DomainSpec) -> list[str]:
    rows = []
    for i, (name, spec) in enumerate(domain.labels.items()):
        hotkey = f' hotkey="{_HOTKEYS[i]}"' if i < len(_HOTKEYS) else ""
        rows.append(f'    <Label value={quoteattr(name)} background="{_colour(spec.category, i)}"{hotkey} '
                    f'hint={quoteattr(spec.description)}/>')
    return [f'  <Labels name="{SPAN_FROM}" toName="{TEXT_NAME}">', *rows, "  </Labels>"]


def choices_block(domain: DomainSpec) -> list[str]:
    rows = []
    for name, (values, applies_to) in domain.span_choices.items():
        hint = f"Applies to: {', '.join(applies_to)}" if applies_to else name
        rows.append('  <View visibleWhen="region-selected">')
        rows.append(f'    <Header value={quoteattr(name)}/>')
        rows.append(f'    <Choices name={quoteattr(name)} toName="{TEXT_NAME}" perRegion="true" '
                    f'choice="single-radio" hint={quoteattr(hint)}>')
        rows.extend(f'      <Choice value={quoteattr(v)}/>' for v in values)
        rows.append("    </Choices>")
        rows.append("  </View>")
    if domain.relations:
        rows.append('  <Relations>')
        rows.append('    <Relation value="attribute_of"/>')
        rows.append('  </Relations>')
    return rows
