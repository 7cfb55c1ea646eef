"""The notes student's term table: the domain's vocabulary (`domains/notes/vocab`) tokenized with the
pipeline's tokenizer into the `medkiln_vocab` component's table, optionally holding out a share of the
concepts while the NER trains (so it learns from context and word shape too, not only from the dictionary)."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from medkiln.serving.medkiln_vocab import TermTable

log = logging.getLogger(__name__)


def _held_out(code: str, text: str, share: float, seed: int) -> bool:
    if share <= 0:
        return False
    key = f"{seed}:{code or text.lower()}".encode()
    return int(hashlib.sha1(key).hexdigest()[:8], 16) / 0xFFFFFFFF < share


def tokenized_rows(tokenizer) -> list[tuple[str, ...]]:
    """Every vocabulary term as a table row: (space-joined tokens, label, system, code, preferred, kind)."""
    from medkiln.domains.notes.vocab import terms

    items = terms()
    docs = tokenizer.pipe((t.text for t in items), batch_size=2000)
    return [(" ".join(tok.text for tok in doc if not tok.is_space), t.label, t.system, t.code, t.preferred, t.kind)
            for t, doc in zip(items, docs)]


def build_table(rows: list[tuple[str, ...]], *, holdout: float = 0.0, seed: int = 0) -> tuple[TermTable, dict]:
    """The term table from `tokenized_rows`; `holdout` is the share of concepts left out (by code, so a
    concept's synonyms go together). Returns the table and counts."""
    from medkiln.domains.notes.vocab import negatives

    kept = [row for row in rows if not _held_out(row[3], row[4], holdout, seed)]
    table = TermTable(kept, negatives())
    stats = {"terms": len(kept), "held_out": len(rows) - len(kept), "holdout_share": holdout}
    log.info("vocabulary table: %d terms (%d held out)", len(kept), len(rows) - len(kept))
    return table, stats


def write_table(table: TermTable, folder: str | Path) -> Path:
    """Save a table where the `medkiln_vocab` component's `initialize(path=...)` reads it."""
    import spacy

    import medkiln.serving.medkiln_vocab  # noqa: F401  registers the factory

    folder = Path(folder)
    component = spacy.blank("en").add_pipe("medkiln_vocab")
    component.set_table(table)
    component.to_disk(folder)
    return folder
