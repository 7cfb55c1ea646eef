"""Word lists for the offline note synthesizer (general clinical vocabulary, written for medkiln):
`domains/notes/<lang>/lexicons.json`, read by `tables.py`. Problems (CHRONIC, EVENTS, SYMPTOMS, FINDINGS; SITED
problems take a body site from SITES), TESTS, MEASURED ((test, (low, high, decimals), units), values drawn in the
range), QUALITATIVE ((test, results)), TREATMENTS, MEDICATIONS, ALLERGENS, REACTIONS, DOSES ((pattern, numbers)),
ROUTES, FREQUENCIES, DURATIONS, RELATIVES, YEARS and WHEN."""

from __future__ import annotations

from .tables import table


def __getattr__(name: str):
    return table("lexicons", name)
