"""Vocabulary knowledge for note extraction as spaCy components: a dictionary matcher whose matches are
features of the NER, and a concept linker that gives each problem and medication its best code.

SELF-CONTAINED: imports only the standard library and spaCy, because it is copied verbatim into exported
pipeline packages (`spacy package --code`); the term table travels inside the pipeline (the component's
folder, `terms.tsv.gz`). It must never import medkiln.
It is longer than the project's 400-line rule for that reason: one shipped file per component, whole.

- `medkiln_vocab`: finds the table's terms in a doc (longest match first, lower-cased; short abbreviations by
  exact case) and writes one feature string per token into `token.tag_` (no tagger runs in these pipelines):
  the labels of the terms covering it with the token's position ("PROBLEM-B|MEDICATION-U"), or a negative
  class ("X-BODY", "X-TEST", "X-PROC", "X-GEN") for words that look like problems and are not. The CNN's
  embedding reads TAG as one of its hashed attributes, so the NER learns how far to trust a match.
- `medkiln_concept_linker`: sets `span._.code` = {"system", "code", "name", "score"} (or None) on every
  entity whose label the table holds: the entity's own text (score 1.0 for a name, 0.95 for a synonym or
  variant), else the longest table term inside it (scaled by the share of its words covered), else the best
  word-overlap (Dice) term of that label over 0.5.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Iterable, Sequence

from spacy.attrs import LOWER, ORTH, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

VOCAB_FACTORY = "medkiln_vocab"
LINKER_FACTORY = "medkiln_concept_linker"
TABLE_FILE = "terms.tsv.gz"
MATCHES_KEY = "medkiln_vocab_matches"  # doc.user_data: the matcher's (start, end, label) token matches
NEGATIVES_FILE = "negatives.json"
NEGATIVE_CLASSES = {"body_parts": "X-BODY", "tests": "X-TEST", "procedures": "X-PROC", "research_words": "X-GEN"}
EXACT_KINDS = frozenset({"abbreviation"})
_STOP = frozenset({"of", "the", "and", "or", "in", "with", "to", "a", "an", "due", "by", "for", "on", "-", ",", "'s"})


def _ensure_extensions() -> None:
    if not Span.has_extension("code"):
        Span.set_extension("code", default=None)


class TermTable:
    """Token tuples -> entries `(label, system, code, preferred, kind)`; lookups by lower case, or by exact case
    for short abbreviations ("ALL", "PE" are words too)."""

    def __init__(self, rows: Iterable[Sequence[str]] = (), negatives: dict | None = None) -> None:
        self.entries: list[tuple[str, str, str, str, str]] = []
        self.lower: dict[tuple[str, ...], list[int]] = {}
        self.exact: dict[tuple[str, ...], list[int]] = {}
        self.lengths: dict[str, tuple[int, ...]] = {}  # first word (lower) -> lengths of the terms it starts
        self.words: dict[str, set[int]] = {}  # content word -> entries (for the overlap backoff)
        self.negatives: dict[tuple[str, ...], str] = {}
        self.rows: list[tuple[str, ...]] = []
        for row in rows:
            self.add(*row)
        self.set_negatives(negatives or {})
        self.freeze()

    def freeze(self) -> None:
        """Lists and sets -> tuples: hundreds of thousands of containers the garbage collector would
        otherwise walk on every full collection (that cost more than the matching itself)."""
        self.lower = {k: tuple(v) for k, v in self.lower.items()}
        self.exact = {k: tuple(v) for k, v in self.exact.items()}
        self.words = {w: tuple(sorted(v)) for w, v in self.words.items()}
        self.labels = {k: tuple(sorted({self.entries[i][0] for i in v})) for k, v in self.lower.items()}
        self.exact_first = frozenset(k[0] for k in self.exact)

    def add(self, tokens: str, label: str, system: str, code: str, preferred: str, kind: str) -> None:
        words = tuple(tokens.split(" "))
        if not words or not words[0]:
            return
        index = len(self.entries)
        self.entries.append((label, system, code, preferred, kind))
        self.rows.append((tokens, label, system, code, preferred, kind))
        low = tuple(w.lower() for w in words)
        exact = kind in EXACT_KINDS and len(tokens) <= 5 and any(c.isupper() for c in tokens)
        table = self.exact if exact else self.lower
        key = words if exact else low
        table[key] = (*table.get(key, ()), index)
        self._length(low)
        if kind != "abbreviation":
            for w in set(low) - _STOP:
                self.words.setdefault(w, []).append(index)

    def set_negatives(self, negatives: dict) -> None:
        self.raw_negatives = negatives
        self.negatives = {}
        for group, tag in NEGATIVE_CLASSES.items():
            for phrase in negatives.get(group, []):
                words = tuple(phrase.lower().split(" "))
                self.negatives.setdefault(words, tag)
                self._length(words)

    def _length(self, words: tuple[str, ...]) -> None:
        known = self.lengths.get(words[0], ())
        if len(words) not in known:
            self.lengths[words[0]] = tuple(sorted((*known, len(words)), reverse=True))

    def lookup(self, words: Sequence[str], orths: Sequence[str]) -> tuple[int, ...]:
        return self.exact.get(tuple(orths), ()) + self.lower.get(tuple(words), ())

    def matches(self, words: list[str], orths: list[str]) -> list[tuple[int, int, str]]:
        """(start, end, label or negative tag) of the longest matches per label, left to right."""
        found: list[tuple[int, int, str]] = []
        busy: dict[str, int] = {}
        left = len(words)
        for i, word in enumerate(words):
            left -= 1
            for n in self.lengths.get(word, ()):
                if n > left + 1:
                    continue
                key = tuple(words[i:i + n])
                labels = set(self.labels.get(key, ()))
                if orths[i] in self.exact_first:
                    labels.update(self.entries[k][0] for k in self.exact.get(tuple(orths[i:i + n]), ()))
                if not labels:
                    tag = self.negatives.get(key)
                    labels = {tag} if tag else labels
                for label in labels:
                    if busy.get(label, 0) <= i:
                        found.append((i, i + n, label))
                        busy[label] = i + n
        for i, orth in enumerate(orths):  # one-token abbreviations missed by the lower-case walk
            for k in self.exact.get((orth,), ()):
                label = self.entries[k][0]
                if not any(s <= i < e and lab == label for s, e, lab in found):
                    found.append((i, i + 1, label))
        return found

    def to_bytes(self) -> bytes:
        text = "".join("\t".join(row) + "\n" for row in self.rows)
        return gzip.compress(text.encode("utf-8"), mtime=0)

    @classmethod
    def from_bytes(cls, data: bytes, negatives: dict | None = None) -> "TermTable":
        rows = (line.split("\t") for line in gzip.decompress(data).decode("utf-8").splitlines() if line)
        return cls(rows, negatives)


def token_features(n_tokens: int, matches: list[tuple[int, int, str]]) -> list[str]:
    """One feature string per token: "LABEL-B|LABEL2-U" (BILU position per label) or "" outside any match."""
    feats: list[list[str]] = [[] for _ in range(n_tokens)]
    for start, end, label in matches:
        if label.startswith("X-"):
            for i in range(start, end):
                feats[i].append(label)
            continue
        for i in range(start, end):
            pos = "U" if end - start == 1 else "B" if i == start else "L" if i == end - 1 else "I"
            feats[i].append(f"{label}-{pos}")
    return ["|".join(sorted(f)) for f in feats]


class VocabMatcher:
    """Writes the dictionary features into `token.tag_`; the table is saved with the pipeline."""

    def __init__(self, nlp: Language, name: str, set_tags: bool) -> None:
        _ensure_extensions()
        self.name = name
        self.set_tags = set_tags
        self.table = TermTable()

    def initialize(self, get_examples=None, *, nlp: Language | None = None, path: str | None = None) -> None:
        if path:
            self.from_disk(path)

    def set_table(self, table: TermTable) -> None:
        self.table = table

    def __call__(self, doc: Doc) -> Doc:
        if not self.set_tags or not len(doc):
            return doc
        # through arrays, not Token objects: building a Token per word three times cost more than matching
        import numpy

        strings = doc.vocab.strings
        ids = doc.to_array([LOWER, ORTH])
        names = {int(i): strings[int(i)] for i in numpy.unique(ids)}
        words = [names[int(i)] for i in ids[:, 0]]
        orths = [names[int(i)] for i in ids[:, 1]]
        matches = self.table.matches(words, orths)
        tags = [strings.add(feat or "_") for feat in token_features(len(doc), matches)]
        doc.from_array([TAG], numpy.asarray(tags, dtype="uint64").reshape(-1, 1))
        doc.user_data[MATCHES_KEY] = [m for m in matches if not m[2].startswith("X-")]
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        _atomic(path / TABLE_FILE, self.table.to_bytes())
        _atomic(path / NEGATIVES_FILE, json.dumps(self.table.raw_negatives, ensure_ascii=False).encode("utf-8"))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "VocabMatcher":
        path = Path(path)
        negatives = json.loads((path / NEGATIVES_FILE).read_text("utf-8")) if (path / NEGATIVES_FILE).exists() else {}
        if (path / TABLE_FILE).exists():
            self.table = TermTable.from_bytes((path / TABLE_FILE).read_bytes(), negatives)
        return self


def _atomic(file: Path, data: bytes) -> None:
    tmp = file.with_name(file.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(file)


# ---------------------------------------------------------------- linking
_SCORES = {"name": 1.0, "title": 1.0, "preferred": 1.0}
COMMON_WORD = 400


def _code(entry: tuple, score: float) -> dict:
    label, system, code, preferred, kind = entry
    return {"system": system, "code": code, "name": preferred, "score": round(score, 3)}


def best_code(table: TermTable, words: list[str], orths: list[str], label: str) -> dict | None:
    """The best coded entry of `label` for an entity's words (see the module docstring), or None."""
    coded = [k for k in table.lookup(words, orths) if table.entries[k][0] == label and table.entries[k][2]]
    if coded:
        k = min(coded, key=lambda k: (-_SCORES.get(table.entries[k][4], 0.95), k))
        return _code(table.entries[k], _SCORES.get(table.entries[k][4], 0.95))
    n = len(words)
    for size in range(n - 1, 0, -1):
        for start in range(0, n - size + 1):
            coded = [k for k in table.lookup(words[start:start + size], orths[start:start + size])
                     if table.entries[k][0] == label and table.entries[k][2]]
            content = [w for w in words[start:start + size] if w not in _STOP]
            if coded and content:
                score = 0.9 * len(content) / max(1, len([w for w in words if w not in _STOP]))
                return _code(table.entries[min(coded)], score)
    return _overlap(table, words, label)


def _overlap(table: TermTable, words: list[str], label: str) -> dict | None:
    mine = set(words) - _STOP
    if not mine:
        return None
    votes: dict[int, int] = {}
    for w in mine:
        entries = table.words.get(w, ())
        if len(entries) > COMMON_WORD:  # "pain", "acute": shared by too many terms to choose among them
            continue
        for k in entries:
            votes[k] = votes.get(k, 0) + 1
    best, best_score = None, 0.5
    for k, shared in votes.items():
        entry = table.entries[k]
        if entry[0] != label or not entry[2]:
            continue
        size = len(set(table.rows[k][0].lower().split(" ")) - _STOP)
        score = 2 * shared / (len(mine) + size)
        if score > best_score or (score == best_score and best is not None and k < best):
            best, best_score = k, score
    return _code(table.entries[best], 0.8 * best_score) if best is not None else None


# Word shapes of problems and drugs in general medical usage: suffixes and head words of disease names
# (Greek/Latin morphology), and the stems of drug and chemical names (INN stems, chemical suffixes).
PROBLEM_SHAPES = (r"(itis|itides|osis|oses|oma|omas|emia|aemia|pathy|pathies|algia|plegia|paresis|trophy|megaly|penia|"
                  r"cytosis|uria|rrhea|rrhoea|rrhage|ectasia|plasia|plasias|sclerosis|spasm|stenosis|lithiasis|"
                  r"oedema|edema|emesis|ism|isms|iasis|itus|ucoma|rrhythmia|rrhythmias|cardia|pnea|pnoea|ocele|"
                  r"toxicity|toxicities)$",
                  r"^(disease|diseases|syndrome|syndromes|disorder|disorders|failure|injury|injuries|infection|"
                  r"infections|cancer|cancers|tumor|tumors|tumour|tumours|carcinoma|deficiency|insufficiency|"
                  r"dysfunction|lesion|lesions|pain|ache|fever|bleeding|hemorrhage|haemorrhage|fracture|ulcer|"
                  r"ulcers|seizure|seizures|attack|arrest|shock|palsy|anomaly|anomalies|defect|defects|damage|"
                  r"inflammation|obstruction|thrombosis|embolism|infarction|hypertension|hypotension|dementia|"
                  r"depression|anxiety|psychosis|delirium|addiction|abuse|dependence|overdose|poisoning|"
                  r"intoxication|retardation|impairment|loss|weakness|swelling|rash|nausea|vomiting|diarrhea|"
                  r"cough|dyspnea|abnormality|abnormalities|malformation|malformations|hyperplasia|dystrophy|"
                  r"atrophy|nephropathy|neuropathy|cardiomyopathy|myopathy|hepatitis|arthritis|sepsis|asthma)$")
DRUG_SHAPES = (r"(mab|nib|pril|sartan|olol|alol|statin|azole|cillin|mycin|micin|floxacin|cycline|vir|pine|pam|lam|"
               r"zepam|done|dine|mine|rine|sine|tine|line|zine|caine|phine|fen|profen|oxib|parin|tide|gliptin|"
               r"gliflozin|semide|thiazide|dronate|lukast|setron|tidine|prazole|triptan|afil|barb|barbital|"
               r"sone|olone|asone|terol|trexate|platin|rubicin|taxel|ine|ide|ate|one|ium)$",
               r"\d.*-|-\d")


class ConceptLinker:
    """Sets `span._.code` on entities of the labels in `labels`, from the `medkiln_vocab` component's table.
    With `require_evidence` (runs right after the NER, before assertion): an entity that is word for word a
    term of one other label takes that label; an entity of `labels` is dropped when nothing supports it (no
    token matched a vocabulary term of its label and no word has its label's shape: `PROBLEM_SHAPES`,
    `DRUG_SHAPES`, "-itis", "syndrome", "-olol", "-mab", ...); vocabulary matches of `add_labels` the NER left
    outside every entity are added; a short form defined after an entity ("doxorubicin (DOX)") takes its
    label throughout the doc."""

    def __init__(self, nlp: Language, name: str, labels: list[str], vocab_component: str,
                 require_evidence: bool, add_labels: list[str]) -> None:
        _ensure_extensions()
        self.nlp, self.name = nlp, name
        self.labels = set(labels)
        self.add_labels = set(add_labels)
        self.vocab_component = vocab_component
        self.require_evidence = require_evidence
        self.shapes = {"PROBLEM": [re.compile(p, re.I) for p in PROBLEM_SHAPES],
                       "MEDICATION": [re.compile(p, re.I) for p in DRUG_SHAPES]}

    def supported(self, span: Span) -> bool:
        """Whether a vocabulary match of the span's label, or a word of its label's shape, is inside it."""
        if span.label_ not in self.labels or any(f"{span.label_}-" in t.tag_ for t in span):
            return True
        if all(t.tag_.startswith("X-") for t in span):
            return False
        shapes = self.shapes.get(span.label_, [])
        return any(p.search(t.text) for t in span if len(t.text) > 3 for p in shapes)

    def link(self, doc: Doc, spans: Iterable[Span]) -> list[dict | None]:
        table = self.nlp.get_pipe(self.vocab_component).table
        out = []
        for span in spans:
            if span.label_ not in self.labels:
                out.append(None)
                continue
            words = [t.lower_ for t in span if not t.is_space]
            orths = [t.text for t in span if not t.is_space]
            out.append(best_code(table, words, orths, span.label_) if words else None)
        return out

    def __call__(self, doc: Doc) -> Doc:
        if self.require_evidence:
            ents = [self.relabel(e) for e in doc.ents]
            ents = [e for e in ents if self.supported(e)]
            doc.ents = abbreviations(doc, add_matches(doc, ents, self.add_labels), self.labels)
        for span, code in zip(doc.ents, self.link(doc, doc.ents)):
            span._.code = code
        return doc

    def relabel(self, span: Span) -> Span:
        """An entity that is, word for word, a vocabulary term of one other label only takes that label."""
        whole = {m[2] for m in span.doc.user_data.get(MATCHES_KEY, ()) if (m[0], m[1]) == (span.start, span.end)}
        if span.label_ in whole or len(whole) != 1 or not whole <= self.labels:
            return span
        return Span(span.doc, span.start, span.end, label=next(iter(whole)))


def add_matches(doc: Doc, ents: list[Span], labels: set[str]) -> list[Span]:
    """The entities plus the vocabulary matches of `labels` that touch none of them."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for start, end, label in doc.user_data.get(MATCHES_KEY, ()):
        if label in labels and not any(i in taken for i in range(start, end)):
            out.append(Span(doc, start, end, label=label))
            taken.update(range(start, end))
    return sorted(out, key=lambda e: e.start)


def _defines(long: Span, short: str) -> bool:
    """Schwartz & Hearst's test, simplified: the short form's letters occur in order in the long form, its
    first letter starting a word of it."""
    short_l, long_l = [c for c in short.lower() if c.isalnum()], long.text.lower()
    if not (2 <= len(short_l) <= 10 and short_l[0].isalpha() and any(c.isupper() for c in short)):
        return False
    if not any(w.lower_.startswith(short_l[0]) for w in long):
        return False
    pos = 0
    for ch in short_l:
        pos = long_l.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def abbreviations(doc: Doc, ents: list[Span], labels: set[str]) -> list[Span]:
    """"doxorubicin (DOX)": the short form defined right after an entity takes its label everywhere in the
    doc (replacing what the NER said of it); returns the new entity list."""
    defined: dict[str, str] = {}
    for e in ents:
        if e.label_ in labels and e.end + 2 < len(doc) and doc[e.end].text == "(" and doc[e.end + 2].text == ")":
            short = doc[e.end + 1].text
            if _defines(e, short):
                defined.setdefault(short, e.label_)
    if not defined:
        return ents
    found = [Span(doc, t.i, t.i + 1, label=defined[t.text]) for t in doc if t.text in defined]
    cover = {s.start for s in found}
    kept = [e for e in ents if not any(e.start <= i < e.end for i in cover)]
    return sorted(kept + found, key=lambda e: e.start)


def make_vocab(nlp: Language, name: str, set_tags: bool) -> VocabMatcher:
    return VocabMatcher(nlp, name, set_tags)


def make_concept_linker(nlp: Language, name: str, labels: list[str], vocab_component: str,
                        require_evidence: bool, add_labels: list[str]) -> ConceptLinker:
    return ConceptLinker(nlp, name, labels, vocab_component, require_evidence, add_labels)


# The factories of this file (exported packages register their own copy while they load: medkiln_package_code).
FACTORIES = {
    VOCAB_FACTORY: {"func": make_vocab, "assigns": ["token.tag"], "default_config": {"set_tags": True}},
    LINKER_FACTORY: {"func": make_concept_linker, "assigns": ["span._.code"], "default_config": {
        "labels": ["PROBLEM", "MEDICATION"], "vocab_component": VOCAB_FACTORY, "require_evidence": False,
        "add_labels": []}},
}
for _name, _args in FACTORIES.items():  # once per process: another copy of this file (a package's) must not raise
    if not Language.has_factory(_name):
        Language.factory(_name, **_args)
