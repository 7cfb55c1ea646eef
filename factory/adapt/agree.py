"""The agreement policy (`medkiln.adapt.agree.v1`): teachers' votes on one note -> silver spans and unknown regions.

1. Every teacher's spans are pooled and grouped into chains of overlapping spans; in each chain the boundary and
   the label are decided by vote (`factory.annotate.ensemble.vote`: most teachers, then longer, then earlier).
2. A decided span is **kept** as a silver entity when no teacher that voted on it gave another label, and the
   agreeing teachers' combined confidence `1 - prod(1 - score)` reaches `threshold` (noisy-or: two teachers at
   0.6 make 0.84). The student being retrained has no veto: it comes last in the vote (ties go to the other
   teachers), and where it alone disagrees with them, their label stands (distillation: the stronger teacher
   corrects the student). Scores: the student's dropout share; 1.0 for teachers that give none (rules, the transformer
   student, an LLM), so one such teacher alone keeps a span nobody contradicts.
3. Every other token some teacher marked (a contradicted label, a student span under the threshold, the part of
   a losing boundary outside the kept span) is **unknown** (`missing`): spaCy's "-" annotation, no loss either
   way. Tokens no teacher marked are outside (O).
4. Run-wide propagation (`medkiln.serving.propagation`, what `medkiln deid` does) over the kept name and place
   spans of all notes adds the other whole-word mentions of the words learned, where nothing else lies.
5. Words the teachers are unsure of across the run are not taught as O (`unsure_words`): the same propagation,
   learned from every vote (kept, contradicted or under the threshold), makes each mention of a word that some
   teacher marked as a name or place in enough of its mentions (`RunLexicon.min_rate`) unknown where it would
   otherwise be O. Without it a ward or a relative that the student marks in a third of the notes, each time
   unsure, is taught as O in the rest, and the retrained student forgets it everywhere (self-training
   confirms the majority); a word the teachers mark only now and then is still taught as O, which is where
   adaptation's precision comes from.

`uncertain="drop"` leaves out every note with an unknown region instead of masking it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..annotate.ensemble import vote

POLICY = "medkiln.adapt.agree.v1"
STUDENT = "student"  # the teacher that is the student being retrained


@dataclass
class SilverStats:
    """Counts of one labelling run (never text)."""

    notes: int = 0
    notes_kept: int = 0
    notes_dropped: int = 0
    notes_with_spans: int = 0
    spans: Counter = field(default_factory=Counter)          # silver spans per label
    by_teacher: Counter = field(default_factory=Counter)     # kept spans each teacher voted for
    masked: Counter = field(default_factory=Counter)         # decided spans masked, by reason
    missing_ranges: int = 0
    propagated: int = 0
    unsure_words: int = 0                                    # mentions made unknown by step 5

    def as_dict(self) -> dict:
        return {"notes": self.notes, "notes_kept": self.notes_kept, "notes_dropped": self.notes_dropped,
                "notes_with_spans": self.notes_with_spans, "silver_spans": sum(self.spans.values()),
                "spans_per_label": dict(sorted(self.spans.items())), "kept_by_teacher": dict(sorted(
                    self.by_teacher.items())), "masked": dict(sorted(self.masked.items())),
                "missing_ranges": self.missing_ranges, "propagated": self.propagated,
                "unsure_word_mentions": self.unsure_words}


def _score(found: list, who: str, bounds: tuple[int, int], label: str) -> float:
    """The best score of `who`'s spans with `label` that overlap `bounds`."""
    return max((score for s, e, lab, score in found if lab == label and s < bounds[1] and bounds[0] < e),
               default=0.0)


def decide(votes: dict[str, list], threshold: float, stats: SilverStats) -> tuple[list, list]:
    """One note: `{teacher: [(start, end, label, score)]}` -> (kept spans `[s, e, label]`, unknown `[s, e]`)."""
    order = [who for who in votes if who != STUDENT] + [who for who in votes if who == STUDENT]
    plain = {who: [[s, e, label] for s, e, label, _ in found] for who, found in votes.items()}
    _, decided = vote(plain, order=order)
    kept, missing = [], []
    for rec in decided:
        bounds, label = (rec["start"], rec["end"]), rec["label"]
        agree = [who for who, lab in rec["votes"].items() if lab == label]
        dissent = [who for who in rec["votes"] if who not in agree]
        doubt = 1.0
        for who in agree:
            doubt *= 1.0 - _score(votes[who], who, bounds, label)
        if dissent and (dissent != [STUDENT] or agree == [STUDENT]):
            stats.masked["label_conflict"] += 1
        elif 1.0 - doubt < threshold:
            stats.masked["below_threshold"] += 1
        else:
            kept.append([bounds[0], bounds[1], label])
            stats.by_teacher.update(agree)
    for found in votes.values():
        missing += [[s, e] for s, e, _, _ in found]  # tokens inside kept spans stay entities (records_to_docbin)
    return sorted(kept), _uncovered(missing, kept)


def _uncovered(ranges: list, kept: list) -> list:
    """The ranges that are not wholly inside a kept span, merged."""
    out: list = []
    for s, e in sorted(ranges):
        if any(ks <= s and e <= ke for ks, ke, _ in kept):
            continue
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return out


def _blocked(decided: list) -> list[list]:
    return [kept + [[s, e, "-"] for s, e in missing] for kept, missing in decided]


def _unsure(texts: list[str], votes: dict[str, list[list]], decided: list, stats: SilverStats) -> None:
    """Step 5: the O mentions of words some teacher marked in enough of the run's mentions become unknown."""
    from medkiln.serving.propagation import propagate_run

    every = [blocked + [[s, e, label] for found in votes.values() for s, e, label, _ in found[i]]
             for i, blocked in enumerate(_blocked(decided))]
    for (kept, missing), extra in zip(decided, propagate_run(texts, every)):
        if extra:
            missing[:] = _uncovered(missing + [[s, e] for s, e, _ in extra], kept)
            stats.unsure_words += len(extra)


def _add_propagated(kept: list, extra: list, stats: SilverStats) -> None:
    kept += [[s, e, label] for s, e, label in extra]
    kept.sort()
    stats.propagated += len(extra)
    stats.by_teacher["propagation"] += len(extra)


def _propagate_decisions(texts: list[str], votes: dict[str, list[list]], decided: list, min_score: float,
                         stats: SilverStats) -> None:
    """Step 4 as `medkiln deid` runs it: the propagation learns from the kept spans and from every vote of at least
    `min_score` (the spans the student itself would mark), and every other mention of a learned word becomes a
    silver entity, unknown ones included: what the adapted student is taught is what serving outputs."""
    from medkiln.serving.propagation import RunLexicon

    learn = [kept + [[s, e, label] for found in votes.values() for s, e, label, score in found[i] if score >= min_score]
             for i, (kept, _) in enumerate(decided)]
    lexicon = RunLexicon.from_run(lambda: zip(texts, learn))
    for text, (kept, missing) in zip(texts, decided):
        extra = lexicon.spans(text, kept)
        if extra:
            _add_propagated(kept, extra, stats)
            missing[:] = _uncovered(missing, kept)


def silver_records(notes: list[dict], votes: dict[str, list[list]], *, threshold: float,
                   uncertain: str = "mask", propagate: bool = True,
                   unsure_words: bool = True, propagate_votes: float | None = None) -> tuple[list[dict], dict]:
    """Silver span records `{"id", "text", "spans", "missing", "meta"}` for `notes`, and the counts."""
    from medkiln.serving.propagation import propagate_run

    stats = SilverStats(notes=len(notes))
    decided = [decide({who: per_note[i] for who, per_note in votes.items()}, threshold, stats)
               for i in range(len(notes))]
    texts = [note["text"] for note in notes]
    if propagate and propagate_votes is None:
        for (kept, _), extra in zip(decided, propagate_run(texts, _blocked(decided))):
            _add_propagated(kept, extra, stats)
    elif propagate:
        _propagate_decisions(texts, votes, decided, propagate_votes, stats)
    if unsure_words:
        _unsure(texts, votes, decided, stats)
    records = []
    for note, (kept, missing) in zip(notes, decided):
        if missing and uncertain == "drop":
            stats.notes_dropped += 1
            continue
        stats.missing_ranges += len(missing)
        stats.spans.update(label for _, _, label in kept)
        stats.notes_with_spans += bool(kept)
        records.append({"id": f"silver-{note['index']}", "text": note["text"], "spans": kept, "missing": missing,
                        "meta": {"source": "notes", "index": note["index"]}})
    stats.notes_kept = len(records)
    return records, stats.as_dict()


__all__ = ["POLICY", "decide", "silver_records"]
