"""SentencePiece vocabularies sized to the data, written as `MarianTokenizer` files.

One BPE model per side (`source.spm`, `target.spm`) and one shared `vocab.json` laid out as Marian
checkpoints are: `</s>` = 0, `<unk>` = 1, the pieces of both sides, `<pad>` last (the CTranslate2
converter drops a trailing `<pad>` and starts the decoder from a zero embedding, as HF does from `<pad>`).
"""

from __future__ import annotations

import json
import logging
import tempfile
from pathlib import Path

from medkiln.core.errors import MedkilnError

log = logging.getLogger(__name__)
MAX_PIECES = 8000
MIN_PIECES = 64


def vocab_size_for(texts: list[str], cap: int = MAX_PIECES) -> int:
    """A size the text supports: the distinct words plus the characters, within [64, cap] (SentencePiece
    then stops where the text runs out of pieces instead of failing: `hard_vocab_limit=False`)."""
    words = {w for t in texts for w in t.split()}
    chars = {c for t in texts for c in t}
    return max(MIN_PIECES, min(cap, len(words) + len(chars)))


def train_spm(texts: list[str], prefix: Path, size: int) -> Path:
    """Train a BPE model (digits split, full character coverage). `hard_vocab_limit=False` lets
    SentencePiece stop below `size` when the text supports fewer pieces; a "Vocabulary size too high
    (...) <= N" refusal is retried once with N. (Unigram models split common words into letters on
    corpora this small, so BPE is used.)"""
    import re

    import sentencepiece as spm

    if not texts:
        raise MedkilnError("E406", side=prefix.name.strip("_"), reason="no text")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write("\n".join(t.replace("\n", " ") for t in texts))
        corpus = fh.name
    try:
        for attempt in range(2):
            try:
                spm.SentencePieceTrainer.train(
                    input=corpus, model_prefix=str(prefix), vocab_size=size, model_type="bpe",
                    character_coverage=1.0, split_digits=True, unk_id=0, eos_id=1, bos_id=-1, pad_id=-1,
                    hard_vocab_limit=False, minloglevel=2, num_threads=1,
                    input_sentence_size=300000, shuffle_input_sentence=True)
                break
            except RuntimeError as err:
                first = str(err).splitlines()[0]
                supported = re.search(r"<= (\d+)", first)
                if attempt == 0 and supported and int(supported.group(1)) >= MIN_PIECES // 2:
                    size = int(supported.group(1))
                    continue
                raise MedkilnError("E406", side=prefix.name.strip("_"), reason=first[-160:]) from None
    finally:
        Path(corpus).unlink(missing_ok=True)
    return prefix.with_suffix(".model")


def build_tokenizer(src_texts: list[str], tgt_texts: list[str], out: str | Path, *, src: str, tgt: str,
                    cap: int = MAX_PIECES, seed: int = 0, joint: bool = False):
    """Write source.spm, target.spm, vocab.json and tokenizer files to `out`; return the MarianTokenizer.

    `joint`: one BPE model over both sides, written as both `source.spm` and `target.spm`, so a word the
    teacher copied (names, numbers, words it did not know) has the same pieces on both sides and the
    student, whose embeddings are shared, can learn to copy it."""
    import shutil

    import sentencepiece as spm
    from transformers import MarianTokenizer

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    sizes = {}
    sides = ((("joint", list(src_texts) + list(tgt_texts), "source.spm"),) if joint else
             (("source", src_texts, "source.spm"), ("target", tgt_texts, "target.spm")))
    for side, texts, name in sides:
        size = vocab_size_for(texts, cap)
        model = train_spm(texts, out / f"_{side}", size)
        model.replace(out / name)
        (out / f"_{side}.vocab").unlink(missing_ok=True)
        sizes[side] = {"asked": size, "got": spm.SentencePieceProcessor(model_file=str(out / name)).get_piece_size()}
    if joint:
        shutil.copy2(out / "source.spm", out / "target.spm")
        sizes["source"] = sizes["target"] = sizes["joint"]
    vocab = {"</s>": 0, "<unk>": 1}
    for name in ("source.spm", "target.spm"):
        proc = spm.SentencePieceProcessor(model_file=str(out / name))
        for i in range(proc.get_piece_size()):
            vocab.setdefault(proc.id_to_piece(i), len(vocab))
    vocab["<pad>"] = len(vocab)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=0), encoding="utf-8")
    tok = MarianTokenizer(str(out / "source.spm"), str(out / "target.spm"), str(out / "vocab.json"),
                          source_lang=src, target_lang=tgt, model_max_length=256)
    tok.save_pretrained(str(out))
    log.info("SentencePiece: source %s, target %s pieces; joint vocabulary %d", sizes["source"]["got"],
             sizes["target"]["got"], len(vocab))
    return tok, {"pieces": sizes, "vocab_size": len(vocab)}
