"""Label Studio labeling configs generated from a domain spec (span labels, hints, hotkeys)."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from domains.base import DomainSpec

# Colours per coarse category so reviewers see the category at a glance.
_COLOURS = {
    "NAME": "#e6194b", "PROFESSION": "#f58231", "LOCATION": "#3cb44b", "AGE": "#911eb4",
    "DATE": "#4363d8", "CONTACT": "#42d4f4", "ID": "#f032e6",
}
_HOTKEYS = "1234567890qwertyuiopasdfghjklzxcvbnm"


def labeling_config(domain: DomainSpec) -> str:
    """A `<View>` with `<Labels>` over `<Text name="text">`: one label per domain label, its description as hint."""
    rows = []
    for i, (name, spec) in enumerate(domain.labels.items()):
        hotkey = f' hotkey="{_HOTKEYS[i]}"' if i < len(_HOTKEYS) else ""
        colour = _COLOURS.get(spec.category, "#808080")
        rows.append(f'    <Label value={quoteattr(name)} background="{colour}"{hotkey} '
                    f'hint={quoteattr(spec.description)}/>')
    return "\n".join([
        "<View>",
        '  <Labels name="label" toName="text">',
        *rows,
        "  </Labels>",
        '  <Text name="text" value="$text" granularity="word"/>',
        "</View>",
    ]) + "\n"
