"""A progress bar on a terminal, silence when piped (stderr is not a TTY) or in CI."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def progress_enabled(flag: bool | None = None) -> bool:
    if flag is not None:
        return flag
    return sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def progress_bar(label: str, total: int | None = None, enabled: bool | None = None) -> Iterator[Callable[[int], None]]:
    """Yield `update(n_done)`; a no-op when disabled."""
    if not progress_enabled(enabled):
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.update(task, completed=n)
