"""Diversity controls for synthesis: each example gets a brief (note type, specialty, style, focus labels).

The axes come from the domain's `prompts/diversity.json` (`{"note_type": [...], "specialty": [...],
"style": [...]}`); focus labels rotate through the label set so every label is asked for regularly.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from medkiln.domains.base import DomainSpec

DEFAULT_AXES = {"note_type": ["note"], "style": ["plain"]}


def load_axes(domain: DomainSpec) -> dict[str, list[str]]:
    path = Path(domain.folder or ".") / "prompts" / "diversity.json"
    if not path.exists():
        return dict(DEFAULT_AXES)
    axes = json.loads(path.read_text(encoding="utf-8"))
    return {key: [str(v) for v in values] for key, values in axes.items() if values}


def brief_for(domain: DomainSpec, index: int, seed: int, axes: dict[str, list[str]] | None = None,
              n_focus: int = 3) -> dict:
    """A deterministic brief for example `index` (same seed and index -> same brief)."""
    axes = axes if axes is not None else load_axes(domain)
    rng = random.Random(f"{seed}:{index}")
    brief = {key: rng.choice(values) for key, values in sorted(axes.items())}
    names = sorted(domain.labels)
    width = min(n_focus, len(names))
    brief["focus_labels"] = [names[(index * width + k) % len(names)] for k in range(width)]
    return brief
