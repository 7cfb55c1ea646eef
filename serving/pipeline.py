"""Load a de-identification pipeline: an installed spaCy package or a pipeline folder.

Any spaCy pipeline whose `doc.ents` are PHI works. An installed package brings its own component code and
registers it while it loads (`medkiln_package_code`), so it runs the code it was exported with. For a pipeline
folder, the repository's component modules are registered first: `serving.medkiln_rules` (factory
`medkiln_phi_rules`) whenever it is present, the others only when the folder's config uses them (so a
de-identification pipeline never imports torch or CTranslate2).

Matrix products: spaCy's CPU models multiply through blis (thinc's `NumpyOps(use_blis=True)`), single-threaded.
For inference `load_pipeline` switches them to numpy's BLAS (OpenBLAS in numpy's wheels): on the 2-core
development machine the `make demo` pipeline ran over the 1,352 PhysioNet dev notes in 9.1 s with blis, 5.3 s
with OpenBLAS on one thread and 4.0 s on two, with the same entities. Training keeps blis (reproducible across
machines whatever their core count). Where several processes share the cores (`--workers`, Spark executors),
each uses one BLAS thread (`blas_threads`).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from pathlib import Path

from medkiln.core.errors import UsageError

log = logging.getLogger(__name__)

HF_FACTORY = "medkiln_hf_ner"
NOTES_FACTORY = "medkiln_assertion"  # note extraction: serving.medkiln_notes registers its three components


def _import_if_present(module: str) -> None:
    if importlib.util.find_spec(module) is not None:
        importlib.import_module(module)


# The one table of medkiln's components: factory name in a pipeline's config -> the self-contained serving module
# that registers it. The loader imports a module only when a pipeline folder uses it (so a de-identification
# pipeline never imports torch or CTranslate2); `medkiln export` ships the same modules inside the package.
COMPONENT_MODULES = {"medkiln_phi_rules": "medkiln.serving.medkiln_rules", HF_FACTORY: "medkiln.serving.medkiln_hf",
                     "medkiln_tagger_ner": "medkiln.serving.medkiln_tagger",
                     # one module registers the three note-extraction components (sections, assertion, linker)
                     NOTES_FACTORY: "medkiln.serving.medkiln_notes",
                     # the notes student's dictionary features and concept linker (its term table ships too)
                     "medkiln_vocab": "medkiln.serving.medkiln_vocab",
                     "medkiln_translator": "medkiln.serving.medkiln_translator"}


def _register_components(configs: list[Path]) -> None:
    _import_if_present(COMPONENT_MODULES["medkiln_phi_rules"])
    texts = [cfg.read_text(encoding="utf-8", errors="replace") for cfg in configs]
    for factory, module in COMPONENT_MODULES.items():
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
        return name_or_path  # an installed package brings (and registers while it loads) its own component code
    raise UsageError("S001", name=name_or_path, reason="no such folder or installed package")


def load_pipeline(name_or_path: str | Path, *, numpy_blas: bool = True):
    """A loaded `spacy.Language` from a pipeline folder or an installed package name (raises S001); its
    thinc models multiply through numpy's BLAS unless `numpy_blas=False` (see the module's docstring)."""
    import spacy

    target = register_components(name_or_path)
    try:
        nlp = spacy.load(target)
    except (OSError, ValueError, KeyError, ImportError) as err:
        raise UsageError("S001", name=name_or_path, reason=type(err).__name__) from err
    switched = use_numpy_blas(nlp) if numpy_blas else 0
    log.info("loaded pipeline %s (%s; %d component(s) on numpy's BLAS)", nlp.meta.get("name", "?"),
             ", ".join(nlp.pipe_names), switched)
    return nlp


def use_numpy_blas(nlp) -> int:
    """Make the CPU thinc models of `nlp` multiply through numpy's BLAS instead of blis; returns how many
    components were switched. GPU ops, models already off blis and non-thinc models (torch) are left alone."""
    from thinc.api import Model, NumpyOps

    ops, switched = None, 0
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if not isinstance(model, Model) or type(model.ops) is not NumpyOps or not model.ops.use_blis:
            continue
        ops = ops or NumpyOps(use_blis=False)
        for node in model.walk():
            node.ops = ops
        switched += 1
    return switched


def blas_threads(limit: int):
    """A context (threadpoolctl) that holds numpy's BLAS to `limit` threads: processes forked inside it
    inherit the limit."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=limit, user_api="blas")
