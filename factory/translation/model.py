"""MarianMT students: a small configuration from scratch, or a local Marian checkpoint (full or LoRA)."""

from __future__ import annotations

import json
from pathlib import Path

from medkiln.core.errors import MedkilnError

SIZES = {
    # ~7.6k tokens/s training on one CPU core (KNOWN.md); the template-only student.
    "small": {"d_model": 256, "layers": 3, "heads": 4, "ffn": 1024},
    # Deep encoder, shallow decoder (Kasai et al., 2021): trains as fast as `small` and decodes ~2x faster,
    # since decoding cost is in the decoder. The default with a teacher that translates real text.
    "fast": {"d_model": 256, "layers": 6, "decoder_layers": 1, "heads": 4, "ffn": 1024},
    # For tests: trains in seconds.
    "tiny": {"d_model": 32, "layers": 1, "heads": 2, "ffn": 64},
}
LORA_TARGETS = ("q_proj", "v_proj")


def check_base_model(path: str | Path) -> Path:
    """E404 unless `path` is a local folder with a Marian config and tokenizer files."""
    path = Path(path)
    cfg = path / "config.json"
    if not cfg.is_file():
        raise MedkilnError("E404", path=path, reason="no config.json")
    if json.loads(cfg.read_text(encoding="utf-8")).get("model_type") != "marian":
        raise MedkilnError("E404", path=path, reason="model_type is not marian")
    missing = [f for f in ("source.spm", "target.spm", "vocab.json") if not (path / f).is_file()]
    if missing:
        raise MedkilnError("E404", path=path, reason="missing " + ", ".join(missing))
    return path


def zero_pad_embeddings(model, pad_id: int) -> None:
    """Marian decoders start from `<pad>`; CTranslate2 starts from a zero vector. Keep that row at zero
    (nn.Embedding's padding_idx then gives it no gradient) so both runtimes decode alike."""
    import torch

    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, torch.nn.Embedding) and module.num_embeddings > pad_id:
                module.weight[pad_id].zero_()


def new_model(tokenizer, size: str = "small", max_positions: int = 256, seed: int = 0):
    """A MarianMTModel from scratch with shared embeddings, sized by `SIZES[size]`."""
    import torch
    from transformers import MarianConfig, MarianMTModel

    dims = SIZES[size]
    vocab = len(tokenizer.get_vocab())
    pad, eos = tokenizer.pad_token_id, tokenizer.eos_token_id
    config = MarianConfig(
        vocab_size=vocab, decoder_vocab_size=vocab, d_model=dims["d_model"], encoder_layers=dims["layers"],
        decoder_layers=dims.get("decoder_layers", dims["layers"]), encoder_attention_heads=dims["heads"], decoder_attention_heads=dims["heads"],
        encoder_ffn_dim=dims["ffn"], decoder_ffn_dim=dims["ffn"], max_position_embeddings=max_positions,
        pad_token_id=pad, eos_token_id=eos, decoder_start_token_id=pad, forced_eos_token_id=None,
        share_encoder_decoder_embeddings=True, scale_embedding=True, dropout=0.1, attention_dropout=0.0,
        activation_dropout=0.0, activation_function="swish")
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    zero_pad_embeddings(model, pad)
    return model


def load_model(path: str | Path):
    from transformers import MarianMTModel, MarianTokenizer

    return MarianMTModel.from_pretrained(str(path)), MarianTokenizer.from_pretrained(str(path))


def add_lora(model, r: int = 8, alpha: int = 16, dropout: float = 0.05):
    """Wrap `model` with LoRA adapters on the attention query/value projections (peft)."""
    try:
        from peft import LoraConfig, get_peft_model
    except ImportError:
        raise MedkilnError("E409", package="peft", what="LoRA fine-tuning") from None
    config = LoraConfig(r=r, lora_alpha=alpha, lora_dropout=dropout, target_modules=list(LORA_TARGETS),
                        task_type="SEQ_2_SEQ_LM")
    return get_peft_model(model, config)


def merged(model):
    """A plain MarianMTModel: LoRA adapters merged into the weights (models without adapters pass through)."""
    return model.merge_and_unload() if hasattr(model, "merge_and_unload") else model


def parameter_counts(model) -> dict:
    total = sum(p.numel() for p in model.parameters())
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return {"total": total, "trainable": trainable}
