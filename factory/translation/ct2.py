"""CTranslate2 conversion (int8 by default) of a saved MarianMT folder, and loading it for translation.

Checked here with ctranslate2 4.8.5 and transformers 5.24: `TransformersConverter` converts a Marian
folder whose vocabulary ends with `<pad>` (as `vocab.build_tokenizer` writes it).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from medkiln.core.errors import MedkilnError

TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json", "special_tokens_map.json")


def convert(model_dir: str | Path, out: str | Path, *, quantization: str = "int8") -> Path:
    """Convert `model_dir` to a CTranslate2 model in `out` (tokenizer files copied beside it)."""
    try:
        from ctranslate2.converters import TransformersConverter
    except ImportError:
        raise MedkilnError("E409", package="ctranslate2", what="the CTranslate2 conversion") from None
    model_dir, out = Path(model_dir), Path(out)
    if out.exists():
        shutil.rmtree(out)
    try:
        TransformersConverter(str(model_dir)).convert(str(out), quantization=quantization, force=True)
    except (ValueError, RuntimeError, KeyError, OSError) as err:
        raise MedkilnError("E408", path=model_dir, reason=f"{type(err).__name__}: {str(err)[:160]}") from None
    for name in TOKENIZER_FILES:
        if (model_dir / name).is_file():
            shutil.copy2(model_dir / name, out / name)
    return out


def load_translator(ct2_dir: str | Path, *, compute_type: str = "int8", threads: int = 1):
    import ctranslate2

    return ctranslate2.Translator(str(ct2_dir), device="cpu", compute_type=compute_type, intra_threads=threads)
