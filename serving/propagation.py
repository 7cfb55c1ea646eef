"""Run-wide propagation: a name or place the student marked in several records marks its other mentions.

A hospital's notes repeat the same few proper names: its wards and buildings ("transfer to Halvorsen 2"), its
own abbreviation, the patients' relatives, the attending physicians. The student finds each of them in some
notes and misses it in others, where the context is weaker. `medkiln deid` therefore reads a batch twice: the
first pass runs the pipeline and spools every record's entity offsets; a cheap pass over the text then learns
which words were marked often enough; the writing pass adds every other whole-word mention of those words.

A word (letters, with inner apostrophes or hyphens; a trailing "'s" is dropped; compared lower-cased) is learned
when all of these hold:
- it lies inside a name or place entity (`RUN_LABELS`) in at least `min_records` different records (one by
  default: a relative named in two notes of which the student caught one is the commonest leak);
- at least `min_rate` of all its mentions in the run were inside such an entity, so a word that is usually an
  ordinary word ("heart" in a hospital's name, "rose" in "BP rose") is never learned;
- it has at least `min_len` characters and is neither an English stop word nor a generic word of hospital
  names and titles (`GENERIC_WORDS`: "hospital", "medical", "st", "dr", ...).
It takes the label most of its marked mentions had. Propagation only adds spans (it never removes or relabels
one), so it can only redact more. The learned words are PHI: they live in memory only and are never written,
logged or counted by text; the spool holds offsets and labels.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from medkiln.core.labels import label_set

RUN_LABELS = label_set("i2b2").propagated()  # the labels whose rows in core/labels/i2b2.json say they propagate

# Words that are part of many place names or stand beside names, so being inside an entity says nothing; the
# German lines: the words of German hospital names, salutations and titles ("Sehr geehrte Frau Kollegin"), and the
# articles and prepositions that stand inside names of places (every German noun is capitalised, so a student marks
# such words now and then, and a run must not spread them).
GENERIC_WORDS = frozenset("""
hospital hospitals hosp medical med center centre ctr clinic clinics memorial university univ college rehab
rehabilitation hospice nursing home homes health healthcare care general gen regional community county state st
saint mount mt north south east west northern southern eastern western valley campus unit units floor ward wards
building house institute inst foundation children childrens women womens mercy dr drs mr mrs ms miss md rn np pa
do phd jr sr the of and for at in on to va
klinik kliniken klinikum klinikums krankenhaus krankenhauses universitätsklinik universitätsklinikum uniklinik
uniklinikum spital hospiz zentrum praxis gemeinschaftspraxis institut abteilung station ambulanz fachklinik
medizinische medizinischen medizinisches klinische klinischen klinischer
universität hochschule innere allgemeine chirurgische chirurgie psychiatrie kinderklinik frauenklinik
evangelisches katholisches städtisches kreiskrankenhaus landeskrankenhaus sankt heilig
herr herrn frau fräulein kollege kollegin kollegen kolleginnen dres prof med dipl
der die das des dem den ein eine einer eines einem einen und oder für mit von vom zu zum zur im am an auf aus bei
""".split())

# Letters, joined by inner hyphens or apostrophes; a possessive "'s" is not part of the word.
_WORD = re.compile(r"(?<![^\W\d_]')[^\W\d_]+(?:(?:-|'(?![sS](?![^\W\d_])))[^\W\d_]+)*")


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, lower-cased word) for every word of `text`; a trailing "'s" is left out of the word."""
    for m in _WORD.finditer(text):
        yield m.start(), m.end(), m.group().lower()


def _word_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to the edges of the words it cuts."""
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] in "'-"):
        start -= 1
    while end < len(text) and (text[end].isalpha() or text[end] in "'-"):
        end += 1
    return start, end


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | GENERIC_WORDS


@dataclass
class RunLexicon:
    """What one run learned (`from_run`, or `observe_marked` over every record, then `observe_all` over every
    record, then `learn`); `spans` gives each record's extra mentions."""

    min_records: int = 1
    min_rate: float = 0.3
    min_len: int = 2
    marked: Counter = field(default_factory=Counter)
    records: Counter = field(default_factory=Counter)
    labels: dict = field(default_factory=lambda: defaultdict(Counter))
    total: Counter = field(default_factory=Counter)
    learned: dict[str, str] | None = None

    def __post_init__(self) -> None:
        self._stop = _stop_words()

    def _eligible(self, word: str) -> bool:
        return len(word) >= self.min_len and word not in self._stop

    def observe_marked(self, text: str, spans: Iterable[tuple[int, int, str]]) -> None:
        """Count the words of `text` that lie inside a name or place span (first pass over the run)."""
        seen, done = set(), set()
        for s, e, label in spans:
            if label not in RUN_LABELS:
                continue
            lo, hi = _word_edges(text, s, e)
            for m in _WORD.finditer(text, lo, hi):
                word = m.group().lower()
                if m.start() in done or not (s < m.end() and m.start() < e) or not self._eligible(word):
                    continue
                done.add(m.start())
                self.marked[word] += 1
                self.labels[word][label] += 1
                if word not in seen:
                    seen.add(word)
                    self.records[word] += 1

    def candidates(self) -> frozenset[str]:
        """Words marked in enough records; only their mentions are counted in the second pass."""
        return frozenset(w for w, n in self.records.items() if n >= self.min_records)

    def observe_all(self, text: str, candidates: frozenset[str]) -> None:
        """Count every mention of the candidate words (second pass over the run)."""
        for word in _WORD.findall(text.lower()):
            if word in candidates:
                self.total[word] += 1

    def counts(self) -> dict:
        """The evidence gathered so far, as plain counters (what a Spark executor sends to the driver)."""
        return {"marked": dict(self.marked), "records": dict(self.records), "total": dict(self.total),
                "labels": {word: dict(c) for word, c in self.labels.items()}}

    def merge(self, counts: dict) -> None:
        """Add evidence gathered elsewhere (another partition of the same run) to this lexicon's."""
        self.marked.update(counts["marked"])
        self.records.update(counts["records"])
        self.total.update(counts["total"])
        for word, labels in counts["labels"].items():
            self.labels[word].update(labels)

    @classmethod
    def from_run(cls, records: "Callable[[], Iterable[tuple[str, list]]]", **settings) -> "RunLexicon":
        """Learn from a run: `records()` gives a fresh iterable of (text, spans) for each of the two passes."""
        lexicon = cls(**settings)
        for text, spans in records():
            lexicon.observe_marked(text, spans)
        candidates = lexicon.candidates()
        if candidates:
            for text, _ in records():
                lexicon.observe_all(text, candidates)
        lexicon.learn()
        return lexicon

    def learn(self) -> dict[str, str]:
        """The learned words and their labels (after both passes)."""
        learned = {}
        for word in self.candidates():
            mentions = max(self.total[word], self.marked[word])
            if self.marked[word] / mentions >= self.min_rate:
                learned[word] = self.labels[word].most_common(1)[0][0]
        self.learned = learned
        return learned

    def spans(self, text: str, spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The mentions of learned words in `text` that no span in `spans` touches."""
        if not self.learned or self.learned.keys().isdisjoint(_WORD.findall(text.lower())):
            return []
        taken = [(s, e) for s, e, _ in spans]
        found = []
        for start, end, word in words(text):
            label = self.learned.get(word)
            if label is not None and not any(s < end and start < e for s, e in taken):
                found.append((start, end, label))
        return found


def propagate_run(texts: list[str], spans: list[list[tuple[int, int, str]]]) -> list[list[tuple[int, int, str]]]:
    """Run-wide propagation over records held in memory (what `medkiln deid` does over a file in its passes):
    the extra spans of each record, in order."""
    lexicon = RunLexicon.from_run(lambda: zip(texts, spans))
    return [lexicon.spans(text, found) for text, found in zip(texts, spans)]


__all__ = ["GENERIC_WORDS", "RUN_LABELS", "RunLexicon", "propagate_run", "words"]
