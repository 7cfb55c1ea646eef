"""A transformer token classifier (BIO tags over wordpieces) as a spaCy component: `medkiln_hf_ner`.

SELF-CONTAINED: imports only the standard library and spaCy at import time; torch and transformers are
imported lazily inside methods. This file is copied verbatim into exported spaCy packages
(`spacy package --code`), so it must never import medkiln modules. It may be imported twice under
different module names, hence the `has_factory` guard.

Long notes are split into overlapping windows of `max_length` wordpieces (`stride` wordpieces shared by
neighbours); a wordpiece seen in several windows takes the prediction of the window where it has the
most context on both sides. BIO tags are decoded to character spans through the tokenizer's offset
mapping and snapped to spaCy tokens with `alignment_mode="expand"`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans, minibatch

FACTORY_NAME = "medkiln_hf_ner"
DEFAULT_CONFIG = {"max_length": 256, "stride": 64, "batch_size": 16, "device": "cpu", "quantize": "none"}

logger = logging.getLogger(__name__)

# (char_start, char_end, label) triples and per-wordpiece (start, end) offsets.
CharSpan = tuple[int, int, str]
Offsets = Sequence[tuple[int, int]]


class HFComponentError(RuntimeError):
    """The component was used without a model, or was given a model it cannot use."""


def decode_bio(offsets: Offsets, tags: Sequence[str]) -> list[CharSpan]:
    """Turn per-wordpiece BIO tags into character spans.

    A `B-X` starts an entity; an `I-X` continues the open entity of label X, or starts one when none is
    open (lenient, as windows can begin inside an entity); `O` closes it. Wordpieces with empty offsets
    (special tokens) are skipped.
    """
    spans: list[CharSpan] = []
    cur: list | None = None
    for (start, end), tag in zip(offsets, tags):
        if start >= end:
            continue
        prefix, _, label = tag.partition("-")
        if prefix == "I" and cur is not None and cur[2] == label:
            cur[1] = end
            continue
        if cur is not None:
            spans.append((cur[0], cur[1], cur[2]))
            cur = None
        if prefix in ("B", "I") and label:
            cur = [start, end, label]
    if cur is not None:
        spans.append((cur[0], cur[1], cur[2]))
    return spans


def merge_windows(windows: Iterable[tuple[Offsets, Sequence[int]]]) -> tuple[list[tuple[int, int]], list[int]]:
    """Merge predictions of overlapping windows of one text.

    `windows` holds (offsets, predicted label ids) per window. For a wordpiece present in several
    windows the prediction with the most context (distance to the nearer window edge) wins. Returns the
    wordpieces in text order and their label ids.
    """
    best: dict[tuple[int, int], tuple[int, int]] = {}
    for offsets, preds in windows:
        content = [i for i, (s, e) in enumerate(offsets) if s < e]
        if not content:
            continue
        first, last = content[0], content[-1]
        for i in content:
            key = (int(offsets[i][0]), int(offsets[i][1]))
            score = min(i - first, last - i)
            if key not in best or score > best[key][0]:
                best[key] = (score, int(preds[i]))
    keys = sorted(best)
    return keys, [best[k][1] for k in keys]


class HFTokenClassifier:
    """spaCy component wrapping a fast tokenizer and an `AutoModelForTokenClassification`."""

    def __init__(self, nlp: Language, name: str = FACTORY_NAME, *, max_length: int = 256, stride: int = 64,
                 batch_size: int = 16, device: str = "cpu", quantize: str = "none") -> None:
        if stride >= max_length - 2:
            raise HFComponentError(f"{name}: stride ({stride}) must be smaller than max_length - 2 ({max_length - 2}).")
        self.name = name
        self.vocab = nlp.vocab
        self.max_length = max_length
        self.stride = stride
        self.batch_size = batch_size
        self.device_name = device
        if quantize not in ("none", "int8"):
            raise HFComponentError(f"{name}: quantize must be 'none' or 'int8', got {quantize!r}.")
        self.quantize = quantize
        self.model: Any = None
        self.tokenizer: Any = None
        self._runner: Any = None

    # -- model handling -------------------------------------------------------------------------------
    def set_model(self, model: Any, tokenizer: Any) -> None:
        """Attach a token-classification model (BIO id2label in its config) and its fast tokenizer."""
        if not getattr(tokenizer, "is_fast", False):
            raise HFComponentError(f"{self.name}: a fast tokenizer is needed (offset mappings).")
        id2label = getattr(model.config, "id2label", None) or {}
        bad = [t for t in id2label.values() if t != "O" and t[:2] not in ("B-", "I-")]
        if bad:
            raise HFComponentError(f"{self.name}: id2label must hold BIO tags; got {sorted(bad)[:3]}.")
        self.model = model.to(self._device()).eval()
        self.tokenizer = tokenizer
        self._runner = None

    def _inference_model(self) -> Any:
        """The model used for prediction: `self.model`, or with quantize="int8" a dynamically quantized copy
        (Linear layers in int8, CPU only; several times faster). `self.model` stays float for saving."""
        if self.quantize == "none" or self._device().type != "cpu":
            return self.model
        if self._runner is None:
            import copy

            import torch

            self._runner = torch.ao.quantization.quantize_dynamic(copy.deepcopy(self.model), {torch.nn.Linear},
                                                                  dtype=torch.qint8)
        return self._runner

    def _device(self) -> Any:
        import torch

        if self.device_name.startswith("cuda"):
            if torch.cuda.is_available():
                return torch.device(self.device_name)
            logger.warning("%s: device %s requested but CUDA is not available; using CPU", self.name, self.device_name)
        return torch.device("cpu")

    def _require_model(self) -> None:
        if self.model is None or self.tokenizer is None:
            raise HFComponentError(f"{self.name}: no model loaded; call set_model() or load the pipeline from disk.")

    @property
    def labels(self) -> tuple[str, ...]:
        """Entity labels (BIO prefixes stripped), sorted; empty before a model is loaded (spaCy reads
        this for `nlp.meta` while loading)."""
        if self.model is None:
            return ()
        tags = self.model.config.id2label.values()
        return tuple(sorted({t[2:] for t in tags if t != "O"}))

    # -- inference ------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        return self._annotate([doc])[0]

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size or self.batch_size):
            yield from self._annotate(list(batch))

    def predict_spans(self, texts: Sequence[str]) -> list[list[CharSpan]]:
        """Character spans (start, end, label) predicted for each text (no spaCy alignment)."""
        self._require_model()
        if not texts:
            return []
        enc = self.tokenizer(list(texts), max_length=self.max_length, stride=self.stride, truncation=True,
                             padding=True, return_overflowing_tokens=True, return_offsets_mapping=True,
                             return_tensors="pt")
        preds = self._predict_ids(enc["input_ids"], enc["attention_mask"])
        offsets = enc["offset_mapping"].tolist()
        per_text: list[list] = [[] for _ in texts]
        for w, sample in enumerate(enc["overflow_to_sample_mapping"].tolist()):
            mask = enc["attention_mask"][w].tolist()
            offs = [tuple(o) if m else (0, 0) for o, m in zip(offsets[w], mask)]
            per_text[sample].append((offs, preds[w]))
        id2label = self.model.config.id2label
        result = []
        for windows in per_text:
            keys, ids = merge_windows(windows)
            result.append(decode_bio(keys, [id2label[i] for i in ids]))
        return result

    def _predict_ids(self, input_ids: Any, attention_mask: Any) -> list[list[int]]:
        """Tag ids per window. Windows are run shortest first, each mini-batch cut to its own longest window,
        so short notes do not pay for the padding of long ones; padded positions get the "O" id."""
        import torch

        device = self._device()
        n, width = input_ids.shape
        lengths = attention_mask.sum(dim=1).tolist()
        order = sorted(range(n), key=lengths.__getitem__)
        outside = self.model.config.label2id.get("O", 0)
        model = self._inference_model()
        out: list[list[int]] = [[] for _ in range(n)]
        with torch.inference_mode():
            for i in range(0, n, self.batch_size):
                idx = order[i:i + self.batch_size]
                cut = max(lengths[j] for j in idx)
                ids = input_ids[idx, :cut].to(device)
                mask = attention_mask[idx, :cut].to(device)
                logits = model(input_ids=ids, attention_mask=mask).logits
                for j, row in zip(idx, logits.argmax(-1).cpu().tolist()):
                    out[j] = row + [outside] * (width - cut)
        return out

    def _annotate(self, docs: list[Doc]) -> list[Doc]:
        for doc, spans in zip(docs, self.predict_spans([d.text for d in docs])):
            ents = []
            for start, end, label in spans:
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
                if span is not None:
                    ents.append(span)
            doc.ents = filter_spans(ents)
        return docs

    # -- serialization --------------------------------------------------------------------------------
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        self._require_model()
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.model.save_pretrained(path)
        self.tokenizer.save_pretrained(path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "HFTokenClassifier":
        from transformers import AutoModelForTokenClassification, AutoTokenizer

        path = Path(path)
        self.set_model(AutoModelForTokenClassification.from_pretrained(path), AutoTokenizer.from_pretrained(path))
        return self


def make_medkiln_hf_ner(nlp: Language, name: str, max_length: int, stride: int, batch_size: int,
                        device: str, quantize: str) -> HFTokenClassifier:
    return HFTokenClassifier(nlp, name, max_length=max_length, stride=stride, batch_size=batch_size,
                             device=device, quantize=quantize)


FACTORIES = {FACTORY_NAME: {"func": make_medkiln_hf_ner, "default_config": DEFAULT_CONFIG}}
for _name, _args in FACTORIES.items():  # once per process: another copy of this file (a package's) must not raise
    if not Language.has_factory(_name):
        Language.factory(_name, **_args)


def create_pipeline(model_dir_or_hf_model: Any, tokenizer: Any = None, lang: str = "en",
                    **config: Any) -> Language:
    """`spacy.blank(lang)` + `medkiln_hf_ner` holding the given model.

    `model_dir_or_hf_model` is a folder written by `save_pretrained` (the tokenizer is loaded from it
    when `tokenizer` is None) or a loaded token-classification model (then `tokenizer` is required).
    `config` overrides the component settings (max_length, stride, batch_size, device).
    """
    import spacy

    if isinstance(model_dir_or_hf_model, (str, Path)):
        from transformers import AutoModelForTokenClassification, AutoTokenizer

        model = AutoModelForTokenClassification.from_pretrained(model_dir_or_hf_model)
        tokenizer = tokenizer or AutoTokenizer.from_pretrained(model_dir_or_hf_model)
    else:
        model = model_dir_or_hf_model
        if tokenizer is None:
            raise HFComponentError("create_pipeline: pass the tokenizer along with a loaded model.")
    nlp = spacy.blank(lang)
    component = nlp.add_pipe(FACTORY_NAME, config=config)
    component.set_model(model, tokenizer)
    return nlp
