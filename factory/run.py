"""`medkiln run DOMAIN`: every arrow of the loop, chained. Each step is a plain function over files on disk;
the chain is the domain's kind's (`factory.kinds`: spans, extraction, translation)."""

from __future__ import annotations

from pathlib import Path

from medkiln.domains import DomainSpec, as_spec


def run_domain(domain: DomainSpec | str, out: str | Path, *, n: int | None = None, seed: int = 0, backbone: str = "cnn",
               max_steps: int | None = None, install: bool = False, real_data: Path | None = None,
               real_map: str = "physionet", adapt: dict | None = None, **kind_options) -> dict:
    """The whole loop for `domain`, as its kind chains it (`kind_of(spec).run`): spans: synthesize -> train ->
    evaluate (synthetic test, optional real gold) -> export [-> adapt to the user's notes -> evaluate]
    (-> install -> deid sample); extraction and translation: see `factory.extraction.run`, `factory.translation.run`.

    `n` synthetic examples (default: the domain's `default_n`). `adapt`: options of the adaptation step (spans
    only). `kind_options` (e.g. src/tgt/base_model for translation) go to the kind's chain."""
    from .kinds import kind_of

    spec = as_spec(domain)
    return kind_of(spec).run(spec, Path(out), n=spec.default_n if n is None else n, seed=seed, max_steps=max_steps,
                             install=install, real_data=real_data, adapt=adapt, backbone=backbone, real_map=real_map,
                             **kind_options)
