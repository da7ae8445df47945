"""Prompt files: versioned Jinja2 templates in `prompts/`, found in the repo or in the wheel.

    prompts/VERSION            -> "v2": the version every report records (AnalystInfo.prompt_version)
    prompts/system.v2.md.j2    -> role and rules (the cached, stable prefix)
    prompts/user.v2.md.j2      -> the evidence pack, fenced (the second cache breakpoint)
    prompts/repair.v2.md.j2    -> the one repair turn: the exact validation errors

Rendered without HTML autoescaping: prompts are not HTML, and log text is fenced as data by
rca.llm.evidence (no entities, so the model reads `<PATH>` as logged).

A new prompt version is new files plus a new VERSION line; old versions stay so recordings made
with them can still be read. Installed wheels carry the folder as `rca/_resources/prompts`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent.parent  # .../rca


def prompts_dir() -> Path:
    """`rca/_resources/prompts` in an installed wheel, else the repository's `prompts/`."""
    for candidate in (_PACKAGE / "_resources" / "prompts", _PACKAGE.parent / "prompts"):
        if (candidate / "VERSION").is_file():
            return candidate
    raise FileNotFoundError(f"prompt files not found (looked in {_PACKAGE / '_resources' / 'prompts'} and {_PACKAGE.parent / 'prompts'})")


@lru_cache(maxsize=1)
def prompt_version() -> str:
    return (prompts_dir() / "VERSION").read_text(encoding="utf-8").strip()


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(prompts_dir())),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # prompts are not HTML; log text is fenced by rca.llm.evidence
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_prompt(name: str, version: str | None = None, **context: Any) -> str:
    """Render `prompts/{name}.{version}.md.j2` (version defaults to prompts/VERSION)."""
    template = _environment().get_template(f"{name}.{version or prompt_version()}.md.j2")
    return template.render(**context).strip() + "\n"
