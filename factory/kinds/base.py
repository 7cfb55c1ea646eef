"""The protocol every domain kind implements, what the kinds share (review through `annotation`, the data
card), and the refusal of `--adapt-notes` by the kinds that do not adapt."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

from medkiln.core.errors import MedkilnError
from medkiln.domains import DomainSpec


@runtime_checkable
class DomainKind(Protocol):
    """What the loop does for one kind of domain. Every step receives the resolved `DomainSpec`.

    - `read`: the records of one data file, validated for this kind (a clear error names file, line, field).
    - `synthesize`: a teacher writes the train/dev/test splits and the data card into `out`.
    - `train`: a student from a data folder; returns where the model went and its dev scores.
    - `evaluate`: a model's scores on one data file of this kind.
    - `card`: the data card of a data folder `synthesize` (or the run's data step) wrote.
    - `review`: the `annotation.kinds` review of this kind (Label Studio view, tasks <-> records);
      `to_tasks` / `from_tasks` convert with it.
    - `run`: the whole chain of `medkiln run` for a domain of this kind.
    """

    name: ClassVar[str]

    @property
    def review(self) -> Any: ...

    def read(self, spec: DomainSpec, path: str | Path) -> list[dict]: ...

    def synthesize(self, spec: DomainSpec, out: str | Path, *, n: int, seed: int, **teacher_options: Any) -> dict: ...

    def train(self, spec: DomainSpec, data: str | Path, out: str | Path, *, seed: int = 0,
              max_steps: int | None = None, **options: Any) -> dict: ...

    def evaluate(self, spec: DomainSpec, model: Any, data: str | Path, **options: Any) -> dict: ...

    def card(self, spec: DomainSpec, data: str | Path) -> dict: ...

    def to_tasks(self, records: list[dict], model_version: str | None = None) -> list[dict]: ...

    def from_tasks(self, spec: DomainSpec, tasks: list[dict], *, rule: str = "majority",
                   where: str = "export") -> tuple[list[dict], dict]: ...

    def run(self, spec: DomainSpec, out: str | Path, *, n: int, seed: int = 0, max_steps: int | None = None,
            install: bool = False, real_data: Path | None = None, adapt: dict | None = None,
            **options: Any) -> dict: ...


class ReviewedKind:
    """What every kind does the same way: the Label Studio exchange through `annotation` (its `review_kind`,
    `to_task` and `records_from_tasks`) and the data card a data step wrote. Subclasses set `name`."""

    name: ClassVar[str]

    @property
    def review(self):
        from medkiln.annotation.kinds import review_kind

        return review_kind(self.name)

    def to_tasks(self, records: list[dict], model_version: str | None = None) -> list[dict]:
        from medkiln.annotation.convert import to_task

        return [to_task(rec, self.name, model_version, rank) for rank, rec in enumerate(records)]

    def from_tasks(self, spec: DomainSpec, tasks: list[dict], *, rule: str = "majority",
                   where: str = "export") -> tuple[list[dict], dict]:
        from medkiln.annotation.pull import records_from_tasks

        return records_from_tasks(tasks, self.name, rule, where=where, labels=frozenset(spec.labels) or None)

    def card(self, spec: DomainSpec, data: str | Path) -> dict:
        return json.loads((Path(data) / "datacard.json").read_text(encoding="utf-8"))


def refuse_adapt(spec: DomainSpec, adapt: dict | None) -> None:
    """`--adapt-notes` adapts span students only: other kinds refuse it (E019)."""
    if adapt:
        raise MedkilnError("E019", option="--adapt-notes", reason=f"not used by the {spec.kind} domain {spec.name}")
