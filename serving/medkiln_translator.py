"""A MarianMT translator as a spaCy component: `medkiln_translator`, setting `doc._.translation`.

SELF-CONTAINED: imports only the standard library and spaCy at import time; sentencepiece, ctranslate2,
torch and transformers are imported lazily. This file is copied verbatim into exported packages
(`spacy package --code`), so it never imports medkiln modules (the glossary matching below mirrors
`factory.translation.decode`).

The component folder holds `hf/` (the Hugging Face Marian folder), optionally `ct2/` (CTranslate2 int8)
and `glossary.json`. Backend "auto" uses CTranslate2 when the folder and the package are there, else
PyTorch. Texts are split into sentences (and lines), translated in batches and joined back.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path
from typing import Any, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

FACTORY_NAME = "medkiln_translator"
DEFAULT_CONFIG = {"backend": "auto", "beam_size": 1, "nbest": 4, "constrain": False, "batch_size": 16,
                  "max_input_tokens": 256, "threads": 1}
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"'(¿¡]?[A-ZÀ-ÖØ-Þ0-9])")
logger = logging.getLogger(__name__)


class TranslatorError(RuntimeError):
    """The component has no model files, or was asked for a backend it cannot use."""


def split_segments(text: str) -> list[tuple[str, str]]:
    """(segment, separator after it) pairs; sentences inside lines, lines kept. Joining reproduces the layout."""
    out: list[tuple[str, str]] = []
    lines = text.split("\n")
    for li, line in enumerate(lines):
        parts = [p for p in _SENTENCE.split(line.strip()) if p]
        end = "\n" if li < len(lines) - 1 else ""
        if not parts:
            out.append(("", end))
            continue
        for pi, part in enumerate(parts):
            out.append((part, " " if pi < len(parts) - 1 else end))
    return out


def _contains(text: str, term: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(term)}\w{{0,2}}(?!\w)", text) is not None


def pick(src: str, nbest: list[str], glossary: list[dict]) -> str:
    """Glossary constraint: the first hypothesis with the most required target terms."""
    terms = [row["tgt"].casefold() for row in glossary if _contains(src.casefold(), row["src"].casefold())]
    if not terms or len(nbest) < 2:
        return nbest[0] if nbest else ""
    scored = [sum(_contains(h.casefold(), t) for t in terms) for h in nbest]
    return nbest[scored.index(max(scored))]


class _Codec:
    """Marian's SentencePiece + vocab.json mapping: text -> pieces/ids, pieces/ids -> text."""

    def __init__(self, folder: Path) -> None:
        import sentencepiece as spm

        self.source = spm.SentencePieceProcessor(model_file=str(folder / "source.spm"))
        self.target = spm.SentencePieceProcessor(model_file=str(folder / "target.spm"))
        self.vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        self.inverse = {i: p for p, i in self.vocab.items()}
        self.eos, self.unk, self.pad = self.vocab["</s>"], self.vocab["<unk>"], self.vocab["<pad>"]

    def pieces(self, text: str, limit: int) -> list[str]:
        return self.source.encode(text, out_type=str)[: limit - 1] + ["</s>"]

    def ids(self, pieces: list[str]) -> list[int]:
        return [self.vocab.get(p, self.unk) for p in pieces]

    def decode_pieces(self, pieces: list[str]) -> str:
        """As MarianTokenizer.convert_tokens_to_string: decode, then any leftover "▁" becomes a space."""
        text = self.target.decode_pieces([p for p in pieces if p not in ("</s>", "<pad>", "<unk>")])
        return text.replace("\u2581", " ").strip()

    def decode_ids(self, ids: list[int]) -> str:
        keep = [int(i) for i in ids if int(i) not in (self.eos, self.pad)]
        return self.decode_pieces([self.inverse.get(i, "<unk>") for i in keep])


class Translator:
    """spaCy component: translates `doc.text` into `doc._.translation`."""

    def __init__(self, nlp: Language, name: str = FACTORY_NAME, *, backend: str = "auto", beam_size: int = 1,
                 nbest: int = 4, constrain: bool = False, batch_size: int = 16, max_input_tokens: int = 256,
                 threads: int = 1) -> None:
        if backend not in ("auto", "hf", "ct2"):
            raise TranslatorError(f"{name}: backend must be 'auto', 'hf' or 'ct2', got {backend!r}.")
        self.name = name
        self.backend = backend
        self.beam_size = beam_size
        self.nbest = nbest
        self.constrain = constrain
        self.batch_size = batch_size
        self.max_input_tokens = max_input_tokens
        self.threads = threads
        self.folder: Path | None = None
        self.glossary: list[dict] = []
        self._runtime: Any = None
        self._codec: _Codec | None = None
        self.active_backend: str | None = None

    # -- model files ------------------------------------------------------------------------------
    def set_model(self, hf_dir: str | Path, ct2_dir: str | Path | None = None, glossary: list[dict] | None = None,
                  staging: str | Path | None = None) -> None:
        """Attach model folders (copied into `staging`, default: `hf_dir`'s parent / translator)."""
        staging = Path(staging) if staging else Path(hf_dir).parent / "translator_component"
        if staging.exists():
            shutil.rmtree(staging)
        shutil.copytree(hf_dir, staging / "hf")
        if ct2_dir is not None:
            shutil.copytree(ct2_dir, staging / "ct2")
        (staging / "glossary.json").write_text(json.dumps(glossary or [], ensure_ascii=False), encoding="utf-8")
        self._use_folder(staging)

    def _use_folder(self, folder: Path) -> None:
        if not (folder / "hf" / "vocab.json").is_file():
            raise TranslatorError(f"{self.name}: no model files in {folder}.")
        self.folder = folder
        gl = folder / "glossary.json"
        self.glossary = json.loads(gl.read_text(encoding="utf-8")) if gl.is_file() else []
        self._runtime = None

    def _choose_backend(self) -> str:
        import importlib.util

        has_ct2 = self.folder is not None and (self.folder / "ct2" / "model.bin").is_file()
        if self.backend == "ct2" or (self.backend == "auto" and has_ct2 and importlib.util.find_spec("ctranslate2")):
            if not has_ct2:
                raise TranslatorError(f"{self.name}: no CTranslate2 model in the component folder.")
            return "ct2"
        return "hf"

    def _load(self) -> None:
        if self.folder is None:
            raise TranslatorError(f"{self.name}: no model; call set_model() or load a saved pipeline.")
        self.active_backend = self._choose_backend()
        self._codec = _Codec(self.folder / "hf")
        if self.active_backend == "ct2":
            import ctranslate2

            self._runtime = ctranslate2.Translator(str(self.folder / "ct2"), device="cpu", compute_type="int8",
                                                   intra_threads=self.threads)
        else:
            import torch
            from transformers import MarianMTModel

            torch.set_num_threads(self.threads)
            self._runtime = MarianMTModel.from_pretrained(str(self.folder / "hf")).eval()
            self._runtime.generation_config.forced_eos_token_id = None  # stop at the cap as CTranslate2 does
        logger.info("%s: loaded the %s backend", self.name, self.active_backend)

    # -- translation -----------------------------------------------------------------------------------
    def translate(self, texts: list[str]) -> list[str]:
        """Translate sentences (no splitting), in order, in length-sorted batches."""
        if self._runtime is None:
            self._load()
        k = self.nbest if self.constrain and self.glossary else 1
        beams = max(self.beam_size, k)
        codec = self._codec
        pieces = [codec.pieces(t, self.max_input_tokens) for t in texts]
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = [""] * len(texts)
        for start in range(0, len(order), self.batch_size):
            idx = order[start:start + self.batch_size]
            cap = min(256, int(max(len(pieces[i]) for i in idx) * 1.6) + 10)
            lists = (self._ct2([pieces[i] for i in idx], beams, k, cap) if self.active_backend == "ct2"
                     else self._hf([codec.ids(pieces[i]) for i in idx], beams, k, cap))
            for i, hyps in zip(idx, lists):
                out[i] = pick(texts[i], hyps, self.glossary) if k > 1 else hyps[0]
        return out

    def _ct2(self, batch: list[list[str]], beams: int, k: int, cap: int) -> list[list[str]]:
        res = self._runtime.translate_batch(batch, beam_size=beams, num_hypotheses=k, max_decoding_length=cap)
        return [[self._codec.decode_pieces(h) for h in r.hypotheses] for r in res]

    def _hf(self, batch: list[list[int]], beams: int, k: int, cap: int) -> list[list[str]]:
        import torch

        pad = self._codec.pad
        width = max(map(len, batch))
        ids = torch.tensor([b + [pad] * (width - len(b)) for b in batch])
        with torch.inference_mode():
            gen = self._runtime.generate(input_ids=ids, attention_mask=(ids != pad).long(), num_beams=beams,
                                         num_return_sequences=k, do_sample=False, max_new_tokens=cap,
                                         bad_words_ids=[[pad]], early_stopping=beams > 1)
        texts = [self._codec.decode_ids(row.tolist()) for row in gen]
        return [texts[j * k:(j + 1) * k] for j in range(len(batch))]

    def translate_texts(self, texts: list[str]) -> list[str]:
        """Translate whole texts: split into sentences and lines, translate all segments, join back."""
        layouts = [split_segments(t) for t in texts]
        segments = [seg for layout in layouts for seg, _ in layout if seg.strip()]
        translated = iter(self.translate(segments)) if segments else iter(())
        out = []
        for layout in layouts:
            out.append("".join((next(translated) if seg.strip() else "") + sep for seg, sep in layout))
        return out

    def __call__(self, doc: Doc) -> Doc:
        doc._.translation = self.translate_texts([doc.text])[0]
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 32) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in stream:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._pipe_batch(batch)
                batch = []
        if batch:
            yield from self._pipe_batch(batch)

    def _pipe_batch(self, docs: list[Doc]) -> Iterator[Doc]:
        for doc, text in zip(docs, self.translate_texts([d.text for d in docs])):
            doc._.translation = text
            yield doc

    # -- serialization -----------------------------------------------------------------------------------
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        if self.folder is None:
            raise TranslatorError(f"{self.name}: nothing to save; call set_model() first.")
        if path.resolve() != self.folder.resolve():
            if path.exists():
                shutil.rmtree(path)
            shutil.copytree(self.folder, path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "Translator":
        self._use_folder(Path(path))
        return self


if not Doc.has_extension("translation"):
    Doc.set_extension("translation", default=None)

def make_translator(nlp: Language, name: str, backend: str, beam_size: int, nbest: int, constrain: bool,
                    batch_size: int, max_input_tokens: int, threads: int) -> Translator:
    return Translator(nlp, name, backend=backend, beam_size=beam_size, nbest=nbest, constrain=constrain,
                      batch_size=batch_size, max_input_tokens=max_input_tokens, threads=threads)


FACTORIES = {FACTORY_NAME: {"func": make_translator, "default_config": DEFAULT_CONFIG,
                            "assigns": ["doc._.translation"]}}
for _name, _args in FACTORIES.items():  # once per process: another copy of this file (a package's) must not raise
    if not Language.has_factory(_name):
        Language.factory(_name, **_args)
