"""Markdown on a terminal: rendered by rich to the terminal's width, so no line runs past it.

Piped or written with `-o`, the report stays plain Markdown (it pastes into a GitHub issue).
"""

from __future__ import annotations

from typing import TextIO


def print_markdown(text: str, file: TextIO | None = None, width: int | None = None) -> None:
    """Tables wrap their cells and code blocks are cropped to `width` (default: the terminal's)."""
    from rich.console import Console
    from rich.markdown import Markdown

    console = Console(file=file, width=width, highlight=False)
    console.print(Markdown(text, hyperlinks=False))
