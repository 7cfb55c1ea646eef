"""The spaCy CNN student, trained from scratch with spaCy's own training loop (in-process).

The config is the single source of truth: the domain's `train_cnn.cfg` plus overrides (paths, seed,
`training.max_steps`, anything passed with `--set`) is resolved, written to `out_dir/config.cfg`, and
exactly that config is trained. Span records become DocBins first; spans that do not fall on token
boundaries are contracted to whole tokens or dropped, and only their counts are reported.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

from medkiln.core.errors import MedkilnError
from medkiln.core.records import records_to_docbin

log = logging.getLogger(__name__)

CONFIG_NAME = "train_cnn.cfg"


def parse_override(value: object) -> object:
    """Type a CLI override value the way `spacy train --x.y value` does (JSON if it parses, else a string)."""
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def config_path_for(spec) -> Path:
    """The domain's default CNN config; E014 when the domain ships none."""
    path = Path(spec.folder or "") / CONFIG_NAME
    if spec.folder is None or not path.exists():
        raise MedkilnError("E014", name="cnn", reason=f"domain '{spec.name}' ships no {CONFIG_NAME}")
    return path


def resolve_config(cfg_path: Path, overrides: dict):
    """Load a config with dotted overrides applied (not interpolated: `${...}` references survive)."""
    from spacy import util

    typed = {key: parse_override(value) for key, value in overrides.items()}
    return util.load_config(cfg_path, overrides=typed, interpolate=False)


def _run_overrides(spec, corpus: Path, out_dir: Path, seed: int, max_steps: int | None,
                   overrides: dict | None) -> dict:
    base = {
        "paths.train": str((corpus / "train.spacy").resolve()),
        "paths.dev": str((corpus / "dev.spacy").resolve()),
        "system.seed": seed,
        "training.seed": seed,
        "nlp.lang": spec.lang,
        "training.logger.output_file": str((out_dir / "train_log.jsonl").resolve()),
    }
    if max_steps is not None:
        base["training.max_steps"] = int(max_steps)
    base.update(overrides or {})
    return base


def _static_vectors(config, run_overrides: dict, out_dir: Path, lang: str) -> str:
    """When the config asks for static vectors but names none, build the MiniLM-derived table; without the
    transformer extra, train without them (and say so). Returns what was done ("" when nothing)."""
    embed = config["components"]["tok2vec"]["model"]["embed"]
    if not embed.get("include_static_vectors") or config["paths"].get("vectors"):
        return ""
    from .vectors import build_vectors

    try:
        run_overrides["paths.vectors"] = str(build_vectors(out_dir / "vectors", lang).resolve())
        return "minilm"
    except (ImportError, FileNotFoundError, StopIteration) as err:
        log.warning("static vectors unavailable (%s): training without them", type(err).__name__)
        run_overrides["components.tok2vec.model.embed.include_static_vectors"] = False
        return "none"


def _count_words(nlp) -> dict:
    """Count the words spaCy's loop trains on by wrapping this one pipeline's `update` (instance only)."""
    counter = {"words": 0, "updates": 0}
    update = nlp.update

    def counting_update(examples, *args, **kwargs):
        counter["words"] += sum(len(eg.predicted) for eg in examples)
        counter["updates"] += 1
        return update(examples, *args, **kwargs)

    nlp.update = counting_update
    return counter


def corpus_nlp(config, lang: str):
    """A blank pipeline that tokenizes like the one `config` trains: its `[initialize.before_init]` callback
    (the deid config's clinical tokenizer) is applied, so gold spans are aligned to the student's tokens."""
    import spacy
    from spacy import registry

    blank = spacy.blank(lang)
    before = config.get("initialize", {}).get("before_init")
    if before:
        registry.resolve({"cb": before})["cb"](blank)
    return blank


def _write_corpus(train_records: list[dict], dev_records: list[dict], corpus: Path, blank) -> dict:
    corpus.mkdir(parents=True, exist_ok=True)
    stats = {}
    for split, records in (("train", train_records), ("dev", dev_records)):
        docbin, stats[split] = records_to_docbin(records, blank)
        docbin.to_disk(corpus / f"{split}.spacy")
        log.info("%s: %d docs, %d spans, %d misaligned, %d overlapping", split, stats[split]["docs"],
                 stats[split]["spans"], stats[split]["misaligned"], stats[split]["overlapping"])
    return stats


def _source_from(config, base: Path) -> None:
    """Start the student from `base`'s trained tok2vec and NER (spaCy's sourced components resume training)
    with `base`'s static vectors, instead of from random weights."""
    import medkiln.serving.medkiln_rules  # noqa: F401  the base pipeline folder holds the PHI rules component

    for name in ("tok2vec", "ner"):
        config["components"][name] = {"source": str(base)}
    config["initialize"]["vectors"] = str(base)


def train_cnn(spec, train_records: list[dict], dev_records: list[dict], out_dir: Path, *, seed: int = 0,
              max_steps: int | None = None, overrides: dict | None = None, use_gpu: int = -1,
              init_from: Path | None = None) -> dict:
    """Train the CNN NER student; return the best pipeline folder, its scores and run statistics. `init_from`:
    a trained CNN pipeline folder whose tok2vec and NER the training continues from (adaptation)."""
    from spacy.cli._util import setup_gpu
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as train_loop

    import medkiln.serving.medkiln_tagger  # noqa: F401  registers the `medkiln_tagger_ner` factory

    from .tokenizer import register as register_tokenizer

    register_tokenizer()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    cfg_path = config_path_for(spec)
    run_overrides = _run_overrides(spec, out_dir / "corpus", out_dir, seed, max_steps, overrides)
    if init_from is not None:
        run_overrides["paths.vectors"] = str(Path(init_from).resolve())
    config = resolve_config(cfg_path, run_overrides)
    corpus_stats = _write_corpus(train_records, dev_records, out_dir / "corpus", corpus_nlp(config, spec.lang))
    (out_dir / "train_log.jsonl").unlink(missing_ok=True)  # spaCy's logger refuses to overwrite a log
    vectors_note = _static_vectors(config, run_overrides, out_dir, spec.lang)
    if vectors_note:
        config = resolve_config(cfg_path, run_overrides)
    if init_from is not None:
        _source_from(config, Path(init_from).resolve())
    setup_gpu(use_gpu)
    nlp = init_nlp(config, use_gpu=use_gpu)
    resolved = out_dir / "config.cfg"
    nlp.config.to_disk(resolved)
    counter = _count_words(nlp)
    (out_dir / "spacy").mkdir(exist_ok=True)
    started = time.perf_counter()
    # The progress table goes to stderr so `medkiln train` keeps stdout for its JSON summary.
    train_loop(nlp, out_dir / "spacy", use_gpu=use_gpu, stdout=sys.stderr, stderr=sys.stderr)
    seconds = time.perf_counter() - started
    best = out_dir / "spacy" / "model-best"
    meta = json.loads((best / "meta.json").read_text(encoding="utf-8"))
    perf = meta.get("performance", {})
    return {
        "pipeline": str(best),
        "config": str(resolved),
        "scores": {k: perf.get(k) for k in ("ents_f", "ents_p", "ents_r", "ents_per_type") if k in perf},
        "seconds": round(seconds, 1),
        "steps": max(counter["updates"] - 1, 0),  # spaCy's step counter: updates are steps 0..max_steps
        "train_words": counter["words"],
        "words_per_second": round(counter["words"] / seconds) if seconds > 0 else None,
        "misaligned_spans": corpus_stats["train"]["misaligned"] + corpus_stats["dev"]["misaligned"],
        "alignment": corpus_stats,
        "ner_labels": list(meta.get("labels", {}).get("ner", [])),
    }
