"""A progress bar on stderr while a command works through files, only on a terminal.

Piped or redirected (CI logs, `> out.txt`, `| less`), stderr is not a terminal and nothing
is drawn, so logs and reports stay clean.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def wanted(stream=None) -> bool:
    stream = stream if stream is not None else sys.stderr
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        return False
    return tty and os.environ.get("TERM") != "dumb"


def track(items: Iterable[T], total: int, label: str) -> Iterator[T]:
    """Yield ``items`` unchanged, advancing a bar of ``total`` steps on stderr when it is a terminal."""
    if total < 1 or not wanted():
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=sys.stderr)
    # Redrawn per file, not by rich's refresh thread: `--jobs` forks worker processes while
    # the bar is up, and a fork should not copy a thread that may hold the console's lock.
    with Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True, auto_refresh=False,
    ) as bar:
        task = bar.add_task(label, total=total)
        bar.refresh()
        for item in items:
            yield item
            bar.advance(task)
            bar.refresh()
