"""Record and replay model answers, keyed by the evidence hash.

    rca generate --provider anthropic --record DIR   # every validated answer -> DIR/<hash>.json
    rca generate --provider replay --replay DIR      # the same report again, offline, bit for bit

The key is sha256(evidence text, prompt version, model): the evidence pack is a pure function of
the mined clusters, the analysis, the budget and the redaction setting, so the same logs give the
same key. A recording holds the model's validated answer, the AnalystOutput made from it, the
usage of the recorded run and, for reviewers, the (redacted) evidence the model saw.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from rca.errors import ProviderError
from rca.llm.base import AnalystOptions, build_pack, evidence_hash, resolve_model
from rca.models import Analysis, AnalystOutput, MiningResult
from rca.schema import AnalystInfo

if TYPE_CHECKING:
    from rca.llm.evidence import EvidencePack
    from rca.llm.validate import ModelAnswer

RECORDING_FORMAT = 1


def recording_path(directory: str | Path, key: str) -> Path:
    return Path(directory) / f"{key}.json"


def write_recording(
    directory: str | Path,
    key: str,
    model: str,
    prompt_version: str,
    pack: EvidencePack,
    answer: ModelAnswer,
    output: AnalystOutput,
    info: AnalystInfo,
    redact: bool = True,
) -> Path:
    """Write DIR/<evidence hash>.json atomically (a crash never leaves half a recording).

    The recording passes the same redaction as every other output (the model may echo a secret).
    """
    from rca.redact import Redactor

    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    record = {
        "format": RECORDING_FORMAT,
        "evidence_hash": key,
        "model": model,
        "prompt_version": prompt_version,
        "recorded_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "answer": answer.model_dump(mode="json"),
        "output": output.model_dump(mode="json"),
        "info": info.model_dump(mode="json"),
        "evidence": {
            "cluster_ids": pack.cluster_ids,
            "summarised_ids": pack.summarised_ids,
            "estimated_tokens": pack.estimated_tokens,
            "text": pack.text,
        },
    }
    record = Redactor(enabled=redact).tree(record)
    path = recording_path(folder, key)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".rec-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(record, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read_recording(path: Path) -> tuple[AnalystOutput, AnalystInfo]:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        output = AnalystOutput.model_validate(record["output"])
        info = AnalystInfo.model_validate({**record["info"], "name": "replay", "fallback_reason": None})
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ProviderError(f"recording {path} is unreadable: {' '.join(str(exc).split())[:160]}") from None
    return output, info


class ReplayAnalyst:
    """Answers from recordings; raises ProviderError when none matches this evidence."""

    name = "replay"

    def __init__(self, options: AnalystOptions | None = None) -> None:
        self.options = options or AnalystOptions(provider="replay")

    def analyse(self, mining: MiningResult, analysis: Analysis) -> tuple[AnalystOutput, AnalystInfo]:
        from rca.llm.prompts import prompt_version

        directory = self.options.replay_dir or self.options.record_dir
        if not directory:
            raise ProviderError("no recordings folder: pass --replay DIR")
        folder = Path(directory)
        if not folder.is_dir():
            raise ProviderError(f"recordings folder {folder} does not exist")
        model, version = resolve_model(self.options), prompt_version()
        key = evidence_hash(build_pack(mining, analysis, self.options), version, model)
        path = recording_path(folder, key)
        if not path.is_file():
            raise ProviderError(
                f"no recording in {folder} matches this evidence (hash {key[:12]}, model {model}, prompt {version}); "
                f"{len(list(folder.glob('*.json')))} recordings there -- record one with --provider anthropic --record {folder}"
            )
        return read_recording(path)
