"""A progress bar for long runs (rich, on stderr): records and records/s, never text."""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Callable, Iterator


@contextmanager
def progress_bar(quiet: bool, total: int | None, completed: int,
                 label: str = "de-identifying") -> Iterator[Callable[[int], None]]:
    """A rich progress bar with records/s on stderr; a no-op when quiet."""
    if quiet:
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.0f} records/s"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True)) as progress:
        task = progress.add_task("run", total=total, completed=completed, rate=0.0)
        start, done = time.perf_counter(), 0

        def advance(n: int) -> None:
            nonlocal done
            done += n
            elapsed = time.perf_counter() - start
            progress.update(task, advance=n, rate=done / elapsed if elapsed > 0 else 0.0)

        yield advance


__all__ = ["progress_bar"]
