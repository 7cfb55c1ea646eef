"""Sentence templates per section, as data: `domains/notes/<lang>/templates.json` (read by `tables.py`). A slot
`{KIND:status}` becomes an entity with that assertion status (see `builder.SLOTS` for the kinds); `{rel}`,
`{Rel}`, `{when}`, `{k}`, `{age}`, `{site}` are plain fillers. A slot at the start of a sentence is capitalized.
Negation cues appear before and after the target, scopes end at "but"/"however", lists share one cue, "no X or
Y", "rule out", "if ... then", "history of" and relatives ("mother had ...") all occur by construction.

The groups (PRESENT, ABSENT, ..., HPI), SECTIONS (section -> (templates, min sentences, max sentences, one per
line?)) and NOTE_TYPES ((weight, note type, sections in order), ...) are this module's attributes."""

from __future__ import annotations

from .tables import table


def __getattr__(name: str):
    return table("templates", name)
