"""Note extraction as spaCy components: sections, a trained assertion classifier and an attribute linker.

SELF-CONTAINED: imports only the standard library, numpy and spaCy, because it is copied verbatim into
exported pipeline packages (`spacy package --code`). It must never import medkiln (`factory`, `domains`).
It is longer than the project's 400-line rule for that reason: one shipped file per component, whole.

- `medkiln_note_sections`: section headers from a lexicon (stored with the pipeline) at the start of a line,
  followed by ":"; `doc.spans["sections"]` holds one span per section (label = section name).
- `medkiln_assertion`: a multinomial logistic-regression model over the context of each head entity (words
  before and after it up to the end of its sentence or line, with their distance and whether a scope
  breaker such as "but" lies between, other entities as placeholders, the entity's own words, its label and
  its section). Trained by `factory.extraction` on synthetic notes; weights stored with the pipeline.
  Sets `span._.assertion` and `span._.assertion_score` on head entities.
- `medkiln_attribute_linker`: links each attribute entity (DOSE, VALUE, BODY_SITE, ...) to the nearest head
  of an allowed label in the same sentence or line; `doc._.note_links` holds the links.
- `doc._.extraction`: the JSON of the schema `medkiln.notes.extraction.v2` (see `extraction()`): v1 plus each
  entity's `code` (set by `medkiln_concept_linker` in serving/medkiln_vocab.py as `span._.code`; null without it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

SCHEMA = "medkiln.notes.extraction.v2"
SECTIONS_FACTORY = "medkiln_note_sections"
ASSERTION_FACTORY = "medkiln_assertion"
LINKER_FACTORY = "medkiln_attribute_linker"
SECTIONS_KEY = "sections"
SECTIONS_FILE = "sections.json"
MODEL_FILE = "assertion_model.json"
BREAKERS = frozenset({"but", "however", "although", "though", "except", "yet", "aside", "apart", ";", "whereas",
                      "while", "which", "who", "now", "presents", "presented", "presenting", "complains",
                      "secondary", "reason", "cause", "etiology", "source"})
LEFT_WINDOW, RIGHT_WINDOW, NEAR = 8, 6, 3
_DIGIT = re.compile(r"\d")


def _ensure_extensions() -> None:
    for name, default in (("assertion", None), ("assertion_score", None)):
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    if not Doc.has_extension("note_links"):
        Doc.set_extension("note_links", default=None)
    if not Doc.has_extension("extraction"):
        Doc.set_extension("extraction", getter=extraction)


# ---------------------------------------------------------------- sections
def header_regex(lexicon: dict[str, Sequence[str]]) -> re.Pattern:
    """One regex for every header: start of a line, optional numbering, the header, optional spaces, ':'."""
    headers = sorted({h.lower() for names in lexicon.values() for h in names}, key=len, reverse=True)
    alternation = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in headers) or r"(?!x)x"
    return re.compile(rf"(?im)^[ \t]*(?:\d+[.)]\s*)?(?P<h>{alternation})[ \t]*:")


def find_sections(text: str, lexicon: dict[str, Sequence[str]], regex: re.Pattern | None = None) -> list[tuple]:
    """`(start, end, name, header_end)` per section: from its header to the next header (or the text's end)."""
    regex = regex or header_regex(lexicon)
    by_header = {h.lower(): name for name, headers in lexicon.items() for h in headers}
    found = []
    for match in regex.finditer(text):
        key = re.sub(r"\s+", " ", match.group("h").lower())
        found.append((match.start("h"), match.end(), by_header.get(key, key)))
    sections = []
    for i, (start, header_end, name) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(text)
        while end > start and text[end - 1].isspace():
            end -= 1
        sections.append((start, end, name, header_end))
    return sections


class NoteSections:
    """Marks sections in `doc.spans["sections"]`; the header lexicon is stored with the pipeline."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lexicon: dict[str, list[str]] = {}
        self._regex: re.Pattern | None = None

    def set_lexicon(self, lexicon: dict[str, Sequence[str]]) -> None:
        self.lexicon = {name: list(headers) for name, headers in lexicon.items()}
        self._regex = header_regex(self.lexicon)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        if self.lexicon:
            for start, end, name, _ in find_sections(doc.text, self.lexicon, self._regex):
                span = doc.char_span(start, end, label=name, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc.spans[SECTIONS_KEY] = spans
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        _write_json(Path(path) / SECTIONS_FILE, {"sections": self.lexicon})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "NoteSections":
        file = Path(path) / SECTIONS_FILE
        if file.exists():
            self.set_lexicon(json.loads(file.read_text(encoding="utf8"))["sections"])
        return self


def section_of(doc: Doc, start_char: int) -> str | None:
    """The name of the section holding a character offset (None outside any section)."""
    for span in doc.spans.get(SECTIONS_KEY, []):
        if span.start_char <= start_char < span.end_char:
            return span.label_
    return None


def _write_json(file: Path, data: object) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_name(file.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf8")
    tmp.replace(file)


# ---------------------------------------------------------------- assertion features
def _norm(token) -> str:
    return _DIGIT.sub("0", token.lower_)


def tokenize_cues(nlp: Language, cues: dict[str, dict[str, Sequence[str]]]) -> dict[str, dict[str, list[list[str]]]]:
    """Cue strings per status and side ("pre"/"post") as normalized token lists, as `CueIndex` matches them."""
    return {status: {side: [[_norm(t) for t in nlp.make_doc(phrase) if not t.is_space] for phrase in phrases
                            if phrase.strip()] for side, phrases in sides.items()} for status, sides in cues.items()}


def _segment(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token bounds of the sentence (when sentences are set) and line holding tokens [start, end)."""
    lo, hi = 0, len(doc)
    if doc.has_annotation("SENT_START"):
        sent = doc[start].sent
        lo, hi = sent.start, max(sent.end, end)
    for i in range(start - 1, lo - 1, -1):
        if "\n" in doc[i].text:
            lo = i + 1
            break
    for i in range(end, hi):
        if "\n" in doc[i].text:
            hi = i
            break
    return lo, hi


def _words(doc: Doc, lo: int, hi: int, others: dict[int, str]) -> list[str]:
    return [others.get(i, _norm(doc[i])) for i in range(lo, hi)]


def _side(words: list[str], side: str, window: int) -> list[str]:
    """Features of the words on one side, nearest first: `l=w` within the window, `l2=w` for the nearest
    three, `lfar=w` beyond the window; `lx...` once a scope breaker ("but", ";", ...) lies in between."""
    feats, crossed = [], False
    for d, word in enumerate(words, 1):
        if word in BREAKERS:
            crossed = True
        tag = side + ("x" if crossed else "")
        feats.append(f"{tag}={word}" if d <= window else f"{tag}far={word}")
        if d <= NEAR:
            feats.append(f"{tag}{d}={word}")
    return feats


class CueIndex:
    """Cue phrases (token tuples, normalized like `_norm`) per status, matched longest-first."""

    def __init__(self, cues: dict[str, dict[str, list[list[str]]]]) -> None:
        self.cues = cues
        self.index: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
        for status, sides in cues.items():
            for side, phrases in sides.items():
                for phrase in phrases:
                    if phrase:
                        self.index.setdefault((side, phrase[0]), []).append((tuple(phrase), status))
        for key in self.index:
            self.index[key].sort(key=lambda item: -len(item[0]))

    def matches(self, words: list[str], side: str) -> list[tuple[int, int, str]]:
        """(start, end, status) of the cue phrases found in `words`, left to right, not overlapping."""
        found, i = [], 0
        while i < len(words):
            for phrase, status in self.index.get((side, words[i]), ()):
                if tuple(words[i:i + len(phrase)]) == phrase:
                    found.append((i, i + len(phrase), status))
                    i += len(phrase) - 1
                    break
            i += 1
        return found


def cue_features(left: list[str], right: list[str], cues: CueIndex) -> list[str]:
    """ConText-style evidence for the trained model: which statuses' cues occur before the target (in
    scope: no breaker in between; nearest and farthest) and after it."""
    feats = []
    in_scope = []
    for start, end, status in cues.matches(left, "pre"):
        crossed = any(w in BREAKERS for w in left[end:])
        feats.append(f"{'clx' if crossed else 'cl'}={status}")
        if not crossed:
            in_scope.append((start, status))
    if in_scope:
        feats += [f"cln={max(in_scope)[1]}", f"clf={min(in_scope)[1]}"]
    after = []
    for start, _, status in cues.matches(right, "post"):
        crossed = any(w in BREAKERS for w in right[:start])
        feats.append(f"{'crx' if crossed else 'cr'}={status}")
        if not crossed:
            after.append((start, status))
    if after:
        feats.append(f"crn={min(after)[1]}")
    return feats


def span_features(doc: Doc, start: int, end: int, label: str, section: str | None,
                  others: dict[int, str], cues: CueIndex | None = None) -> list[str]:
    """Context features of the entity at tokens [start, end); `others` maps tokens of other entities to
    placeholders such as "<PROBLEM>"; `cues` adds cue-phrase features."""
    lo, hi = _segment(doc, start, end)
    feats = ["bias", f"lab={label}", f"sec={section or 'none'}", f"lab_sec={label}|{section or 'none'}"]
    left = _words(doc, lo, start, others)
    feats += _side(list(reversed(left)), "l", LEFT_WINDOW)
    feats += [f"lb={a}_{b}" for a, b in zip(left[-LEFT_WINDOW:], left[-LEFT_WINDOW + 1:])]
    right = _words(doc, end, hi, others)
    feats += _side(right, "r", RIGHT_WINDOW)
    feats += [f"rb={a}_{b}" for a, b in zip(right[:RIGHT_WINDOW], right[1:RIGHT_WINDOW])]
    if lo < start:
        feats.append(f"first={_norm(doc[lo])}")
    if cues is not None:
        feats += cue_features(left, right, cues)
    return feats


def placeholders(spans: Iterable[Span]) -> dict[int, str]:
    """Token index -> "<LABEL>" for every token of the given spans."""
    return {i: f"<{span.label_}>" for span in spans for i in range(span.start, span.end)}


class AssertionModel:
    """Multinomial logistic regression over sparse binary features (numpy at prediction time)."""

    def __init__(self, classes: Sequence[str], features: dict[str, int], weights, bias,
                 cues: dict | None = None) -> None:
        import numpy as np

        self.cues = cues or {}
        self.cue_index = CueIndex(self.cues) if self.cues else None
        self.classes = list(classes)
        self.features = dict(features)
        self.weights = np.asarray(weights, dtype="float32")
        self.bias = np.asarray(bias, dtype="float32")

    def predict(self, feats: Sequence[str]) -> tuple[str, float]:
        import numpy as np

        idx = [self.features[f] for f in feats if f in self.features]
        scores = self.bias + (self.weights[idx].sum(axis=0) if idx else 0.0)
        scores = np.exp(scores - scores.max())
        probs = scores / scores.sum()
        best = int(probs.argmax())
        return self.classes[best], float(probs[best])

    def to_dict(self) -> dict:
        names = sorted(self.features, key=self.features.get)
        return {"classes": self.classes, "features": names, "cues": self.cues,
                "weights": [[round(float(v), 5) for v in row] for row in self.weights],
                "bias": [round(float(v), 5) for v in self.bias]}

    @classmethod
    def from_dict(cls, data: dict) -> "AssertionModel":
        return cls(data["classes"], {f: i for i, f in enumerate(data["features"])}, data["weights"], data["bias"],
                   data.get("cues"))


class AssertionClassifier:
    """Sets `span._.assertion` (and `assertion_score`) on every entity whose label is in `labels`."""

    def __init__(self, nlp: Language, name: str, labels: list[str], default: str) -> None:
        _ensure_extensions()
        self.name = name
        self.labels = list(labels)
        self.default = default
        self.model: AssertionModel | None = None

    def set_model(self, model: AssertionModel) -> None:
        self.model = model

    def classify(self, doc: Doc, spans: Sequence[Span], context: Sequence[Span] | None = None) -> list[tuple]:
        """(status, score) for each span; `context` are the entities shown as placeholders (default: spans)."""
        others = placeholders(context if context is not None else spans)
        results = []
        for span in spans:
            own = {i: w for i, w in others.items() if not span.start <= i < span.end}
            if self.model is None:
                results.append((self.default, 0.0))
                continue
            feats = span_features(doc, span.start, span.end, span.label_, section_of(doc, span.start_char), own,
                                  self.model.cue_index)
            results.append(self.model.predict(feats))
        return results

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        heads = [e for e in ents if e.label_ in self.labels]
        for span, (status, score) in zip(heads, self.classify(doc, heads, ents)):
            span._.assertion = status
            span._.assertion_score = round(score, 4)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        _write_json(Path(path) / MODEL_FILE, self.model.to_dict() if self.model else None)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "AssertionClassifier":
        file = Path(path) / MODEL_FILE
        data = json.loads(file.read_text(encoding="utf8")) if file.exists() else None
        self.model = AssertionModel.from_dict(data) if data else None
        return self


# ---------------------------------------------------------------- attribute linking
SEPARATORS = frozenset({",", ";", "and", "or", "but"})
SEPARATOR_COST = 10


def link_attributes(doc: Doc, spans: Sequence[Span], relations: dict[str, Sequence[str]],
                    max_distance: int = 12) -> list[tuple[Span, Span]]:
    """(attribute, head) pairs: each attribute goes to the nearest head of an allowed label in its sentence
    or line, where every list separator ("," ";" "and" "or") in between counts as `SEPARATOR_COST` tokens
    (ties go to the head before it); a head keeps the nearest attribute of each label."""
    best: dict[tuple, tuple[int, Span, Span]] = {}
    for attr in spans:
        allowed = relations.get(attr.label_)
        if not allowed:
            continue
        lo, hi = _segment(doc, attr.start, attr.end)
        candidates = []
        for head in spans:
            if head.label_ not in allowed or head.start < lo or head.end > hi:
                continue
            lo_gap, hi_gap = (head.end, attr.start) if head.end <= attr.start else (attr.end, head.start)
            gap = hi_gap - lo_gap
            if gap <= max_distance:
                cost = gap + SEPARATOR_COST * sum(doc[i].lower_ in SEPARATORS for i in range(lo_gap, hi_gap))
                candidates.append((cost, 0 if head.end <= attr.start else 1, head))
        if not candidates:
            continue
        gap, _, head = min(candidates, key=lambda c: (c[0], c[1]))
        key = (head.start, head.end, attr.label_)
        if key not in best or gap < best[key][0]:
            best[key] = (gap, attr, head)
    return [(attr, head) for _, attr, head in sorted(best.values(), key=lambda v: v[1].start)]


class AttributeLinker:
    """Links attribute entities to their heads; `doc._.note_links` = [[attr_start, attr_end, head_start,
    head_end], ...] (character offsets)."""

    def __init__(self, nlp: Language, name: str, relations: dict[str, list[str]], max_distance: int) -> None:
        _ensure_extensions()
        self.name = name
        self.relations = {k: list(v) for k, v in relations.items()}
        self.max_distance = max_distance

    def link(self, doc: Doc, spans: Sequence[Span]) -> list[list[int]]:
        pairs = link_attributes(doc, spans, self.relations, self.max_distance)
        return [[a.start_char, a.end_char, h.start_char, h.end_char] for a, h in pairs]

    def __call__(self, doc: Doc) -> Doc:
        doc._.note_links = self.link(doc, list(doc.ents))
        return doc


# ---------------------------------------------------------------- the schema's JSON
def build_extraction(doc: Doc, heads: Sequence[tuple], links: Sequence[Sequence[int]],
                     labels: dict[tuple[int, int], str] | None = None,
                     codes: dict[tuple[int, int], dict | None] | None = None) -> dict:
    """The schema's JSON from heads `(start, end, label, status, score)`, character-offset links and the
    heads' codes (`{(start, end): {"system", "code", "name", "score"} or None}`)."""
    codes = codes or {}
    text = doc.text  # built from every token: once, not per entity
    attrs: dict[tuple[int, int], dict] = {}
    labels = labels or {}
    for a_start, a_end, h_start, h_end in links:
        label = labels.get((a_start, a_end), "ATTRIBUTE")
        attrs.setdefault((h_start, h_end), {})[label] = {"start": a_start, "end": a_end,
                                                          "text": text[a_start:a_end]}
    entities = []
    for start, end, label, status, score in heads:
        item = {"start": start, "end": end, "label": label, "text": text[start:end], "assertion": status,
                "section": section_of(doc, start), "attributes": attrs.get((start, end), {}),
                "code": codes.get((start, end))}
        if score is not None:
            item["assertion_score"] = score
        entities.append(item)
    sections = [{"name": s.label_, "start": s.start_char, "end": s.end_char}
                for s in doc.spans.get(SECTIONS_KEY, [])]
    return {"schema": SCHEMA, "entities": entities, "sections": sections}


def extraction(doc: Doc) -> dict:
    """`doc._.extraction`: every entity with an assertion is a head; linked entities are its attributes."""
    _ensure_extensions()
    ents = list(doc.ents)
    heads = [(e.start_char, e.end_char, e.label_, e._.assertion, e._.assertion_score) for e in ents
             if e._.assertion is not None]
    labels = {(e.start_char, e.end_char): e.label_ for e in ents}
    codes = {(e.start_char, e.end_char): e._.code for e in ents} if Span.has_extension("code") else {}
    return build_extraction(doc, heads, doc._.note_links or [], labels, codes)


# ---------------------------------------------------------------- factories
def make_sections(nlp: Language, name: str) -> NoteSections:
    return NoteSections(nlp, name)


def make_assertion(nlp: Language, name: str, labels: list[str], default: str) -> AssertionClassifier:
    return AssertionClassifier(nlp, name, labels, default)


def make_linker(nlp: Language, name: str, relations: dict[str, list[str]], max_distance: int) -> AttributeLinker:
    return AttributeLinker(nlp, name, relations, max_distance)


# The factories of this file (exported packages register their own copy while they load: medkiln_package_code).
FACTORIES = {
    SECTIONS_FACTORY: {"func": make_sections, "assigns": ["doc.spans"]},
    ASSERTION_FACTORY: {"func": make_assertion, "default_config": {
        "labels": ["PROBLEM", "TEST", "TREATMENT", "MEDICATION"], "default": "present"}},
    LINKER_FACTORY: {"func": make_linker, "default_config": {"relations": {
        "DOSE": ["MEDICATION"], "ROUTE": ["MEDICATION"], "FREQUENCY": ["MEDICATION"], "DURATION": ["MEDICATION"],
        "VALUE": ["TEST"], "UNIT": ["TEST"], "BODY_SITE": ["PROBLEM"]}, "max_distance": 12}},
}
for _name, _args in FACTORIES.items():  # once per process: another copy of this file (a package's) must not raise
    if not Language.has_factory(_name):
        Language.factory(_name, **_args)
