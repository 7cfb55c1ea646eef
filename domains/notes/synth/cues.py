"""Assertion cues as data (general clinical usage, in the spirit of NegEx/ConText trigger lists, written for
medkiln): `domains/notes/<lang>/cues.json`, read by `tables.py`. CUES: per status, phrases before ("pre") or
after ("post") the target that give it its status; PSEUDO: pseudo-cues, phrases that contain a cue but do not
give its status ("no change in X", "a two-day history of X", the "History of Present Illness" header), whose
targets are present; BREAKERS: scope breakers that end a cue's scope; FILLERS: neutral fillers. `compose.py`
combines them into sentences."""

from __future__ import annotations

from .tables import table


def __getattr__(name: str):
    return table("cues", name)
