"""`medkiln_tagger_ner`: named entities from one softmax over BILUO tags per token, decoded under BILUO rules.

spaCy's transition-based NER decides token by token among 4 x labels + 1 actions; with the 28 PHI labels it
costs as much as the whole CNN encoder on ICU notes. This component scores every token with one matrix
product on the shared tok2vec (`spacy.Tagger.v2`, a `Tok2VecListener` inside) and then decodes: tokens whose
best tag is `O` stay outside, and each run of other tokens is decoded exactly (Viterbi over log-probabilities)
under the BILUO constraints (B/I go on with I/L of the same label; a run starts and ends outside an entity).
It trains with spaCy's loop like any trainable pipe (cross-entropy against `Example.get_aligned_ner()`;
missing and misaligned tokens carry no loss), scores with `spacy.ner_scorer.v1`, and keeps entities already
on the doc (new spans that overlap them are dropped), as spaCy's NER does.

This file is copied verbatim into exported spaCy packages (`spacy package --code`): it imports only spaCy,
thinc and numpy.
"""

from __future__ import annotations

from itertools import islice
from typing import Callable, Iterable

import numpy
from spacy.attrs import IS_ALPHA, IS_SPACE, IS_STOP, LOWER
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc, Span
from spacy.training import validate_examples, validate_get_examples
from spacy.util import filter_spans
from thinc.api import Config, Model, SequenceCategoricalCrossentropy, set_dropout_rate

FACTORY = "medkiln_tagger_ner"
PREFIXES = "BILU"  # tag index 1 + 4 * label + position in "BILU"; index 0 is O

DEFAULT_MODEL = Config().from_str("""
[model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false

[model.tok2vec]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 96
depth = 4
embed_size = 2000
window_size = 1
maxout_pieces = 3
subword_features = true
""")["model"]


def make_tagger_ner(nlp: Language, name: str, model: Model, scorer: Callable | None, o_bias: float,
                    cue_bias: float, cues: list[str], neighbour_bias: float,
                    neighbour_labels: list[str]) -> "TaggerNER":
    return TaggerNER(nlp.vocab, model, name, scorer=scorer, o_bias=o_bias, cue_bias=cue_bias, cues=cues,
                     neighbour_bias=neighbour_bias, neighbour_labels=neighbour_labels)


def tag_names(labels: Iterable[str]) -> list[str]:
    """["O", "B-L1", "I-L1", "L-L1", "U-L1", "B-L2", ...] in the order of the softmax."""
    return ["O"] + [f"{prefix}-{label}" for label in labels for prefix in PREFIXES]


def _log_softmax(scores: numpy.ndarray) -> numpy.ndarray:
    shifted = scores - scores.max(axis=1, keepdims=True)
    return shifted - numpy.log(numpy.exp(shifted).sum(axis=1, keepdims=True))


def viterbi_run(logp: numpy.ndarray) -> list[tuple[int, int, int]]:
    """Best BILUO sequence of a run of tokens that starts and ends outside an entity.

    `logp` is (tokens, 1 + 4 * labels) log-probabilities; returns (start, end, label) spans, end exclusive,
    relative to the run. O(tokens x labels): the only cross-label transitions go through "closed" states
    (O, L-x, U-x), so the best closed state of the previous token is all a new O, B-x or U-x needs."""
    n, n_labels = logp.shape[0], (logp.shape[1] - 1) // 4
    by_label = logp[:, 1:].reshape(n, n_labels, 4)  # [:, :, 0..3] = B, I, L, U
    # closed_code[t]: the best closed state at t (0 = O, 1 + l = L-l, 1 + n_labels + l = U-l);
    # from_i[t, l]: the best open state (B-l or I-l) at t - 1 was I-l (else B-l)
    closed_code = numpy.zeros(n, dtype=numpy.int64)
    from_i = numpy.zeros((n, n_labels), dtype=bool)
    closed_prev, b_prev, i_prev = 0.0, numpy.full(n_labels, -numpy.inf), numpy.full(n_labels, -numpy.inf)
    for t in range(n):
        from_i[t] = i_prev > b_prev
        open_prev = numpy.maximum(b_prev, i_prev)
        candidates = numpy.concatenate(([logp[t, 0]], by_label[t, :, 2] + open_prev, by_label[t, :, 3]))
        candidates[0] += closed_prev
        candidates[1 + n_labels:] += closed_prev
        b_prev, i_prev = by_label[t, :, 0] + closed_prev, by_label[t, :, 1] + open_prev
        closed_code[t] = code = int(candidates.argmax())
        closed_prev = float(candidates[code])
    spans, t = [], n - 1
    while t >= 0:
        code = int(closed_code[t])
        if code == 0:  # O
            t -= 1
        elif code > n_labels:  # U-l
            spans.append((t, t + 1, code - 1 - n_labels))
            t -= 1
        else:  # L-l: back over I-l to its B-l
            label, k = code - 1, t
            while from_i[k, label]:
                k -= 1
            spans.append((k - 1, t + 1, label))
            t = k - 2
    spans.reverse()
    return spans


def decode(scores: numpy.ndarray, space: numpy.ndarray | None = None) -> list[tuple[int, int, int]]:
    """Entity spans (start, end, label index) of one doc from its (tokens, tags) scores.

    `space` marks whitespace tokens: as in spaCy's NER, an entity never begins or ends on one (B, L and U are
    ruled out there; I stays possible, so a name broken by a newline is still one entity)."""
    if not len(scores):
        return []
    if space is not None and space.any():
        scores = numpy.array(scores, dtype="float32")
        n_labels = (scores.shape[1] - 1) // 4
        blocked = [1 + 4 * label + k for label in range(n_labels) for k in (0, 2, 3)]
        scores[numpy.ix_(numpy.flatnonzero(space), blocked)] = -1e9
    busy = numpy.flatnonzero(scores.argmax(axis=1) != 0)
    if not busy.size:
        return []
    spans = []
    for run in numpy.split(busy, numpy.flatnonzero(numpy.diff(busy) > 1) + 1):
        start = int(run[0])
        logp = _log_softmax(numpy.asarray(scores[start:int(run[-1]) + 1], dtype="float64"))
        spans.extend((start + a, start + b, label) for a, b, label in viterbi_run(logp))
    return spans


class TaggerNER(TrainablePipe):
    """A trainable NER that tags tokens (see the module's docstring)."""

    def __init__(self, vocab, model: Model, name: str = "ner", *, scorer: Callable | None = None,
                 o_bias: float = 0.0, cue_bias: float = 0.0, cues: Iterable[str] = (), neighbour_bias: float = 0.0,
                 neighbour_labels: Iterable[str] = ()) -> None:
        self.vocab, self.model, self.name, self.scorer = vocab, model, name, scorer
        self.o_bias = float(o_bias)  # subtracted from the O score at inference: > 0 favours recall
        # Subtracted from the O score of a word right after a cue ("Dr.", "Mrs", "NP"): the word there is a
        # name far more often than elsewhere. Only alphabetic non-stop words ("dr made aware" stays plain).
        self.cue_bias = float(cue_bias)
        self.cues = cues
        # Subtracted from the O score of a word next to an entity of `neighbour_labels` after a first decode
        # (directly before or after it, or across "and" / "&" / "or"), before decoding again: names and places
        # come in several words and in pairs ("Drs Quill and X", "X Rehab and Y"), and the word the first
        # decode left out beside a found one is far more often part of it than a word anywhere else.
        # Alphabetic non-stop words only.
        self.neighbour_bias = float(neighbour_bias)
        self.neighbour_labels = neighbour_labels
        self._conj_ids = numpy.array([vocab.strings.add(w) for w in ("and", "&", "or")], dtype="uint64")
        self._gap_ids = numpy.array([vocab.strings.add(mark) for mark in (".", "'")], dtype="uint64")
        self._rehearsal_model = None
        self.cfg: dict = {"labels": []}

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.cfg["labels"])

    @property
    def label_data(self) -> list[str]:
        return list(self.labels)

    @property
    def tags(self) -> list[str]:
        return tag_names(self.labels)

    def add_label(self, label: str) -> int:
        if not isinstance(label, str):
            raise ValueError("entity labels are strings")
        if label in self.cfg["labels"]:
            return 0
        self._allow_extra_label()
        self.cfg["labels"].append(label)
        self.vocab.strings.add(label)
        return 1

    def initialize(self, get_examples: Callable[[], Iterable], *, nlp: Language | None = None,
                   labels: Iterable[str] | None = None) -> None:
        validate_get_examples(get_examples, "TaggerNER.initialize")
        if labels is not None:
            found = set(labels)
        else:
            found = {ent.label_ for eg in get_examples() for ent in eg.reference.ents}
        for label in sorted(found - set(self.cfg["labels"])):
            self.cfg["labels"].append(label)
        if not self.cfg["labels"]:
            raise ValueError(f"{self.name}: no entity labels in the training examples")
        docs = [eg.x for eg in islice(get_examples(), 10)]
        width = len(self.tags)
        self.model.initialize(X=docs, Y=[self.model.ops.alloc2f(len(doc), width) for doc in docs])

    def predict(self, docs: Iterable[Doc]) -> list:
        docs = list(docs)
        if not any(len(doc) for doc in docs):
            return [numpy.zeros((len(doc), len(self.tags)), dtype="float32") for doc in docs]
        return [self.model.ops.to_numpy(scores) for scores in self.model.predict(docs)]

    @property
    def cues(self) -> list[str]:
        return list(self._cues)

    @cues.setter
    def cues(self, words: Iterable[str]) -> None:
        self._cues = [str(w).lower() for w in words]
        self._cue_ids = numpy.array([self.vocab.strings.add(w) for w in self._cues], dtype="uint64")

    @property
    def neighbour_labels(self) -> list[str]:
        return list(self._neighbour_labels)

    @neighbour_labels.setter
    def neighbour_labels(self, labels: Iterable[str]) -> None:
        self._neighbour_labels = [str(label) for label in labels]

    def neighbours(self, doc: Doc, spans: list[tuple[int, int, int]],
                   arr: numpy.ndarray | None = None) -> numpy.ndarray:
        """Mask of the alphabetic non-stop tokens outside `spans` (decoded (start, end, label index) triples)
        that touch a span of a neighbour label, or are one "and" / "&" / "or" away from it. `arr`: the doc's
        `to_array([LOWER, IS_ALPHA, IS_STOP])` when the caller has it already."""
        wanted = {i for i, label in enumerate(self.labels) if label in self._neighbour_labels}
        inside = numpy.zeros(len(doc), dtype=bool)
        for start, end, label in spans:
            if label in wanted:
                inside[start:end] = True
        if not inside.any():
            return numpy.zeros(len(doc), dtype=bool)
        if arr is None:
            arr = doc.to_array([LOWER, IS_ALPHA, IS_STOP])
        conj = numpy.isin(arr[:, 0], self._conj_ids)
        near = numpy.zeros(len(doc), dtype=bool)
        near[1:] |= inside[:-1]
        near[:-1] |= inside[1:]
        near[2:] |= inside[:-2] & conj[1:-1]
        near[:-2] |= inside[2:] & conj[1:-1]
        taken = numpy.zeros(len(doc), dtype=bool)
        for start, end, _ in spans:
            taken[start:end] = True
        return near & ~taken & (arr[:, 1] == 1) & (arr[:, 2] == 0)

    def after_cue(self, doc: Doc, arr: numpy.ndarray | None = None) -> numpy.ndarray:
        """Mask of the tokens right after a cue word (a lone "." or "'" between them allowed: "DR . PRAXTON",
        "Drs' Orrin") that are alphabetic and not stop words. `arr` as in `neighbours`."""
        if not len(doc) or not self._cue_ids.size:
            return numpy.zeros(len(doc), dtype=bool)
        if arr is None:
            arr = doc.to_array([LOWER, IS_ALPHA, IS_STOP])
        cue = numpy.isin(arr[:, 0], self._cue_ids)
        gap = numpy.isin(arr[:, 0], self._gap_ids)
        after = numpy.zeros(len(doc), dtype=bool)
        after[1:] = cue[:-1]
        after[2:] |= cue[:-2] & gap[1:-1]
        return after & (arr[:, 1] == 1) & (arr[:, 2] == 0)

    def set_annotations(self, docs: Iterable[Doc], scores: list) -> None:
        labels = self.labels
        for doc, doc_scores in zip(docs, scores):
            arr = doc.to_array([LOWER, IS_ALPHA, IS_STOP]) if self.cue_bias or self.neighbour_bias else None
            if self.o_bias or self.cue_bias:
                doc_scores = numpy.array(doc_scores, dtype="float32")
                doc_scores[:, 0] -= self.o_bias
                if self.cue_bias:
                    doc_scores[self.after_cue(doc, arr), 0] -= self.cue_bias
            space = doc.to_array(IS_SPACE).astype(bool)
            spans = decode(doc_scores, space)
            if self.neighbour_bias and spans and self._neighbour_labels:
                near = self.neighbours(doc, spans, arr)
                if near.any():
                    doc_scores = numpy.array(doc_scores, dtype="float32")
                    doc_scores[near, 0] -= self.neighbour_bias
                    spans = decode(doc_scores, space)
            found = [Span(doc, start, end, label=labels[label]) for start, end, label in spans]
            preset = list(doc.ents)
            if preset:
                taken = {i for ent in preset for i in range(ent.start, ent.end)}
                found = [span for span in found if not taken.intersection(range(span.start, span.end))]
            doc.ents = filter_spans(preset + found)

    def update(self, examples: Iterable, *, drop: float = 0.0, sgd=None, losses: dict | None = None) -> dict:
        losses = {} if losses is None else losses
        losses.setdefault(self.name, 0.0)
        examples = list(examples)
        validate_examples(examples, "TaggerNER.update")
        if not any(len(eg.predicted) for eg in examples):
            return losses
        set_dropout_rate(self.model, drop)
        scores, backprop = self.model.begin_update([eg.predicted for eg in examples])
        loss, d_scores = self.get_loss(examples, scores)
        backprop(d_scores)
        if sgd not in (None, False):
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def get_loss(self, examples: Iterable, scores) -> tuple[float, list]:
        validate_examples(examples, "TaggerNER.get_loss")
        known = set(self.tags)
        truths = [[tag if tag in known else None for tag in eg.get_aligned_ner()] for eg in examples]
        loss_func = SequenceCategoricalCrossentropy(names=self.tags, normalize=False)
        d_scores, loss = loss_func(scores, truths)
        if self.model.ops.xp.isnan(loss):
            raise ValueError(f"{self.name}: the loss is NaN")
        return float(loss), d_scores


# The factories of this file (exported packages register their own copy while they load: medkiln_package_code).
FACTORIES = {FACTORY: {"func": make_tagger_ner, "assigns": ["doc.ents", "token.ent_iob", "token.ent_type"],
                       "default_config": {"model": DEFAULT_MODEL, "scorer": {"@scorers": "spacy.ner_scorer.v1"},
                                          "o_bias": 0.0, "cue_bias": 0.0, "cues": [], "neighbour_bias": 0.0,
                                          "neighbour_labels": []},
                       "default_score_weights": {"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None}}}
for _name, _args in FACTORIES.items():  # once per process: another copy of this file (a package's) must not raise
    if not Language.has_factory(_name):
        Language.factory(_name, **_args)
