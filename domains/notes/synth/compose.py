"""Compose sentences from the cue tables: a cue before or after one target or a list of targets ("no X, Y
or Z"), optional filler, and sometimes a scope breaker followed by a second clause with another status
("denies X but reports Y"). Targets are drawn from all problem word lists alike, so the words of a problem
say nothing about its status."""

from __future__ import annotations

import random

from .builder import Note, render_slot
from .cues import BREAKERS, CUES, FILLERS, PSEUDO

STATUSES = tuple(CUES)
WEIGHTS = {"present": 4, "absent": 4, "possible": 2, "historical": 2, "hypothetical": 1.5, "conditional": 0.7,
           "family": 1.2}
KINDS = ("S", "F", "D", "PB")


def _status(rng: random.Random, exclude: str | None = None) -> str:
    options = [s for s in STATUSES if s != exclude]
    return rng.choices(options, weights=[WEIGHTS[s] for s in options])[0]


MODIFIERS = ("any ", "new ", "mild ", "severe ", "worsening ", "increased ", "new onset of ", "acute ", "chronic ",
             "some ", "significant ", "recurrent ", "intermittent ")


def _targets(note: Note, rng: random.Random, status: str, first: bool) -> None:
    """One target or a list of up to seven; list items may carry a modifier ("new onset of X"), which
    does not change the status the list's cue gives."""
    n = rng.choices((1, 2, 3, 4, 5, 6, 7), weights=(6, 2.5, 1.2, 0.7, 0.4, 0.3, 0.2))[0]
    for i in range(n):
        if i:
            note.add(rng.choice((", ", ", ", " or ", " and ", ", or ", ", and ")) if i == n - 1 else ", ")
        if i and rng.random() < 0.2:
            note.add(rng.choice(MODIFIERS))
        render_slot(note, rng, rng.choice(KINDS), status, first=first and i == 0)


def _clause(note: Note, rng: random.Random, status: str, first: bool) -> None:
    cues = CUES[status]
    use_post = cues["post"] and (not cues["pre"] or rng.random() < 0.3)
    if use_post:
        _targets(note, rng, status, first)
        note.add(" " + rng.choice(cues["post"]))
    else:
        cue = rng.choice(cues["pre"] + (PSEUDO if status == "present" else ()))
        if cue.endswith(("day history of", "week history of", "month history of")):
            cue = rng.choice(("a two-", "a 3-", "a several ", "a one-", "a 2 ")) + cue
        if cue:
            note.add((cue[:1].upper() + cue[1:] if first else cue) + " ")
            first = False
        _targets(note, rng, status, first)
    note.add(rng.choice(FILLERS))


def compose(note: Note, rng: random.Random) -> None:
    """Append one composed sentence."""
    status = _status(rng)
    _clause(note, rng, status, True)
    if rng.random() < 0.3:
        breaker = rng.choice(BREAKERS)
        note.add(breaker + ("" if breaker.endswith(" ") else " "))
        if breaker.endswith(("with", "to", "of")):  # "..., who now presents with Y": Y is present
            _targets(note, rng, "present", False)
        else:
            _clause(note, rng, _status(rng, exclude=status), breaker.startswith(". "))
    note.add(".")
