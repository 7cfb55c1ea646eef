"""Load a de-identification pipeline: an installed spaCy package or a pipeline folder.

Any spaCy pipeline whose `doc.ents` are PHI works. Custom components that travel inside exported pipelines
are registered first: `serving.medkiln_rules` (factory `medkiln_phi_rules`) whenever it is present, and
`serving.medkiln_hf` only when the pipeline's config uses `medkiln_hf_ner` (keeps torch out otherwise).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from pathlib import Path

from .errors import UsageError

log = logging.getLogger(__name__)

HF_FACTORY = "medkiln_hf_ner"
NOTES_FACTORY = "medkiln_assertion"  # note extraction: serving.medkiln_notes registers its three components


def _import_if_present(module: str) -> None:
    if importlib.util.find_spec(module) is not None:
        importlib.import_module(module)


def _package_configs(name: str) -> list[Path]:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return []
    root = Path(next(iter(spec.submodule_search_locations)))
    return [p for p in (root / "config.cfg", *root.glob("*/config.cfg")) if p.is_file()]


# factory name in a pipeline's config -> the serving module that registers it (imported only when used,
# so a de-identification pipeline never imports torch or CTranslate2).
_COMPONENT_MODULES = {HF_FACTORY: "serving.medkiln_hf", NOTES_FACTORY: "serving.medkiln_notes",
                      "medkiln_tagger_ner": "serving.medkiln_tagger",
                      "medkiln_translator": "serving.medkiln_translator"}


def _register_components(configs: list[Path]) -> None:
    _import_if_present("serving.medkiln_rules")
    texts = [cfg.read_text(encoding="utf-8", errors="replace") for cfg in configs]
    for factory, module in _COMPONENT_MODULES.items():
        if any(factory in text for text in texts):
            importlib.import_module(module)


def register_components(name_or_path: str | Path) -> str | Path:
    """Register the medkiln factories a pipeline folder or installed package uses; returns what to
    `spacy.load` (the folder path or the package name). Raises S001 when it is neither."""
    import spacy

    path = Path(name_or_path)
    if path.is_dir():
        _register_components([path / "config.cfg"] if (path / "config.cfg").is_file() else [])
        return path
    if isinstance(name_or_path, str) and spacy.util.is_package(name_or_path):
        _register_components(_package_configs(name_or_path))
        return name_or_path
    raise UsageError("S001", name=name_or_path, reason="no such folder or installed package")


def load_pipeline(name_or_path: str | Path):
    """A loaded `spacy.Language` from a pipeline folder or an installed package name (raises S001)."""
    import spacy

    target = register_components(name_or_path)
    try:
        nlp = spacy.load(target)
    except (OSError, ValueError, KeyError, ImportError) as err:
        raise UsageError("S001", name=name_or_path, reason=type(err).__name__) from err
    log.info("loaded pipeline %s (%s)", nlp.meta.get("name", "?"), ", ".join(nlp.pipe_names))
    return nlp


def pipe_items(nlp, source, *, skip: int, batch_size: int, workers: int):
    """(doc, item) for every input unit after `skip`, through `nlp.pipe`; a bad record gets an empty doc so it
    keeps its place (the caller reports it)."""
    from .io.records import Record

    items = source.records(skip=skip)
    pairs = ((item.text if isinstance(item, Record) else "", item) for item in items)
    return nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=workers)

