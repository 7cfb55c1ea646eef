"""The teachers that label the user's notes, each giving `(start, end, label, score)` votes per note.

- `student`: the base CNN pipeline's NER (its PHI rules switched off, so that they vote on their own). Its score
  is the Monte-Carlo dropout share of `medkiln.serving.scores` (how many of `passes` perturbed decodings give
  the same span), checked against the synthetic dev notes by `calibration`. Spans that only perturbed decodings
  give are votes too, with their share: where the student is unsure, a token is not a confident O.
- `teacher`: a stronger student (`--teacher-model`, e.g. the MiniLM student of `medkiln train --backbone
  minilm`), loaded through serving's loader, NER only. It gives no score: its spans count as `UNSCORED`.
- `rules`: the domain's pattern recognizers with validators (`factory.annotate.rules.RuleAnnotator`).
- `llm`: an LLM teacher of `factory.teachers` (`openai:MODEL`), when configured; unscored.

Every teacher reads the text as `medkiln deid` does (invisible format characters out, long notes in pieces:
`medkiln.serving.textview`); offsets are the note's own.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Iterable

log = logging.getLogger(__name__)

RULES_COMPONENT = "medkiln_phi_rules"
UNSCORED = 1.0   # the score of a span from a teacher that gives none
Vote = tuple[int, int, str, float]


def _pieces(notes: list[dict]) -> list[tuple[int, object]]:
    from medkiln.serving.textview import view

    return [(i, piece) for i, note in enumerate(notes) for piece in view(note["text"])]


def _ner_only(nlp):
    """The pipeline with the PHI rules switched off (a context manager)."""
    return nlp.select_pipes(disable=[name for name in nlp.pipe_names if name == RULES_COMPONENT])


def _doc_votes(doc, counts: Counter | None, passes: int) -> list[tuple[int, int, str, float]]:
    """The doc's entities scored by the share of dropout passes that reproduce them, plus the spans only some
    perturbed passes found (a token the student is unsure of is not a confident O)."""
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    if counts is None:
        return [(*key, UNSCORED) for key in ents]
    extra = [key for key in counts if key not in set(ents)]
    return [(*key, counts[key] / passes) for key in ents + extra]


def _shape_check(nlp):
    """`(doc, start, end, label) -> bool`: the shape check the pipeline's PHI rules apply to its NER at serving
    time (`PhiRules.ner_keeps`: a date that no calendar has, a name made of clinical words), so that the
    NER votes what `medkiln deid` would output of it; None when the pipeline has no such check."""
    rules = nlp.get_pipe(RULES_COMPONENT) if RULES_COMPONENT in nlp.pipe_names else None
    if rules is None or not getattr(rules, "ner_shapes", False):
        return None

    def keeps(doc, start: int, end: int, label: str) -> bool:
        span = doc.char_span(start, end, label=label)
        return span is None or rules.ner_keeps(doc, span)

    return keeps


def pipeline_votes(nlp, notes: list[dict], *, passes: int = 10, drop: float = 0.4, seed: int = 0,
                   batch_size: int = 64, shape_check: bool = False) -> list[list[Vote]]:
    """Per note, the NER's entities and the spans of its perturbed decodings, each with its dropout share
    (UNSCORED for every entity where the pipeline cannot give one: no dropout passes)."""
    from spacy.util import minibatch

    from medkiln.serving.scores import dropout_counts

    votes: list[list[Vote]] = [[] for _ in notes]
    keeps = _shape_check(nlp) if shape_check else None
    with _ner_only(nlp):
        for batch in minibatch(_pieces(notes), batch_size):
            docs = list(nlp.pipe([piece.text for _, piece in batch]))
            counts = dropout_counts(nlp, docs, passes=passes, drop=drop, seed=seed) if passes else None
            for k, ((i, piece), doc) in enumerate(zip(batch, docs)):
                for s, e, label, score in _doc_votes(doc, counts[k] if counts else None, passes):
                    if keeps is not None and not keeps(doc, s, e, label):
                        continue
                    start, end = piece.original(s, e)
                    votes[i].append((start, end, label, score))
    return votes


def rule_votes(spec, notes: list[dict]) -> list[list[Vote]]:
    """Per note, the domain's pattern matches (validated formats), each with score UNSCORED."""
    from ..annotate.rules import RuleAnnotator

    rules = RuleAnnotator(spec)
    return [[(s, e, label, UNSCORED) for s, e, label in rules.spans(note["text"])] for note in notes]


def llm_votes(spec, notes: list[dict], annotator) -> tuple[list[list[Vote]], Counter]:
    """Per note, an LLM teacher's spans (unscored), and its failures by reason (a failed note gets no vote)."""
    votes: list[list[Vote]] = []
    failures: Counter = Counter()
    for note in notes:
        result = annotator.annotate_text(spec, note["text"], True)
        if not result["ok"]:
            failures[str(result.get("reason"))] += 1
            votes.append([])
            continue
        votes.append([(int(s), int(e), str(label), UNSCORED) for s, e, label in result["spans"]])
    if failures:
        log.warning("llm teacher: %d notes not annotated (%s)", sum(failures.values()), dict(failures))
    return votes, failures


BINS = (0.0, 0.5, 0.8, 0.9, 1.0)


def calibration(nlp, records: Iterable[dict], *, passes: int = 10, drop: float = 0.4, seed: int = 0) -> dict:
    """How often the student's spans are right at each dropout score, on gold-labelled synthetic notes:
    per score bin, spans and the share that match a gold span exactly. Counts only."""
    records = list(records)
    votes = pipeline_votes(nlp, records, passes=passes, drop=drop, seed=seed)
    table: dict[str, Counter] = {}
    for rec, found in zip(records, votes):
        gold = {(s, e, label) for s, e, label in rec["spans"]}
        for s, e, label, score in found:
            low = max(b for b in BINS if b <= score) if score < 1.0 else 1.0
            key = f">={low:.1f}"
            table.setdefault(key, Counter())
            table[key]["spans"] += 1
            table[key]["exact"] += (s, e, label) in gold
    return {key: {"spans": c["spans"], "precision": round(c["exact"] / c["spans"], 3)}
            for key, c in sorted(table.items())}


__all__ = ["UNSCORED", "calibration", "llm_votes", "pipeline_votes", "rule_votes"]
