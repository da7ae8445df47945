"""Writing a result file: never lose a user's file, follow links, write devices in place.

    with open_output(path, force) as fh:   # -> a text file; atomic for regular files
        fh.write(...)

A regular file is written to a temporary sibling and renamed over the target, so a crash never
leaves half a report; a symlink is written through (its target is replaced, the link stays); a
character device or FIFO (`/dev/stdout`, a named pipe) is opened and written in place. An
existing file is replaced only with `force`; a device is never "overwritten", so it needs none.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from rca.errors import OutputError, OutputExistsError, UsageError


def is_stream(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def refuse_overwrite(output: Path | None, force: bool) -> None:
    """Checked before any work starts, and again before writing: a user's file is never lost."""
    if output is not None and output.exists() and not force and not is_stream(output):
        raise OutputExistsError(f"{output} already exists; pass --force to overwrite it")


@contextmanager
def open_output(output: Path, force: bool) -> Iterator[TextIO]:
    output = Path(output)
    refuse_overwrite(output, force)
    if output.is_dir():
        raise UsageError(f"{output} is a directory")
    if is_stream(output):
        try:
            with open(output, "w", encoding="utf-8") as fh:
                yield fh
        except OSError as exc:
            raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from None
        return
    target = Path(os.path.realpath(output))  # through symlinks: the link stays a link
    tmp = target.with_name(f".{target.name}.rca-tmp")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            yield fh
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
