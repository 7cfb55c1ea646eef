"""`medkiln adapt DOMAIN NOTES --model BASE --out DIR`: adapt the CNN student to a hospital's own unlabeled notes.

notes (any input `medkiln deid` reads) -> teachers label them (the base student with dropout scores, an optional
stronger student such as the MiniLM one: knowledge distillation, the domain's rules, an optional LLM) -> the
agreement policy keeps what they agree on with confidence, masks the rest as unknown, and run-wide propagation
adds the other mentions (`agree.py`) -> the CNN is trained again on synthetic notes plus the silver notes ->
assembled with the PHI rules, evaluated on the synthetic test notes, exported with a card that says what it was
adapted on (counts, never text).

Outputs in OUT: `silver/silver.jsonl` (the silver notes: they hold the notes' text, as the input does),
`train/` (the training run), `model/` (the adapted pipeline), `package/` (wheel, meta.json, model card),
`adapt.json` (settings and counts). Logs and errors carry ids, offsets and counts only.
"""

from .agree import POLICY, silver_records
from .notes import NotesSettings, read_notes
from .run import adapt
from .steps import AdaptSettings

__all__ = ["POLICY", "AdaptSettings", "NotesSettings", "adapt", "read_notes", "silver_records"]
