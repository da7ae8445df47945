"""What the model must answer (`ModelAnswer`) and the checks its answer must pass.

The schema is both the instruction (sent as the structured-output JSON schema, and shown in the
system prompt) and the check (Pydantic, because the API moves min/max constraints into
descriptions and does not enforce them). It holds prose and cluster ids only: confidence is a
word that code maps to a number, and every count, rate and time in the report comes from
`rca.analysis`.

    answer = parse_answer(raw_text, pack)   # raises AnswerInvalid(errors) -> the repair turn
    output = to_output(answer)              # -> rca.models.AnalystOutput
"""

from __future__ import annotations

import json
import re
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from rca.llm.evidence import EvidencePack
from rca.models import CATEGORIES, Action, AnalystOutput, RootCause, Why

Category = Literal[CATEGORIES]  # type: ignore[valid-type]
Confidence = Literal["low", "medium", "high"]
Timeframe = Literal["now (0-30 min)", "today", "this week", "this quarter"]
CONFIDENCE = {"low": 0.3, "medium": 0.6, "high": 0.85}

ClusterIds = list[str]


class AnswerRootCause(BaseModel):
    cluster_ids: ClusterIds = Field(
        min_length=1, max_length=2, description="one or two cluster ids from the evidence holding the cause, primary first"
    )
    statement: str = Field(min_length=10, max_length=600, description="one or two sentences naming the root cause")
    category: Category = Field(description="the category that fits best; 'other' when none does")
    confidence: Confidence = Field(description="high only when the evidence shows the mechanism, not just timing")


class AnswerWhy(BaseModel):
    question: str = Field(min_length=3, max_length=300)
    answer: str = Field(min_length=3, max_length=600, description="'unknown' when the logs do not say")
    cluster_ids: ClusterIds = Field(default_factory=list, max_length=4, description="cluster ids this answer rests on")


class AnswerAction(BaseModel):
    action: str = Field(min_length=5, max_length=400, description="a concrete step an on-call engineer can take")
    timeframe: Timeframe
    owner: str | None = Field(default=None, max_length=80, description="a team or role, or null when unknown")


class ModelAnswer(BaseModel):
    """The analysis: prose that cites cluster ids. No counts, rates or times of your own."""

    root_cause: AnswerRootCause | None = Field(
        description="null when the logs show no incident or the cause cannot be told from them"
    )
    five_whys: list[AnswerWhy] = Field(min_length=1, max_length=5, description="from the symptom down to the root cause")
    impact_summary: str = Field(
        max_length=800, description="who and what was affected, in words; refer to the computed figures, do not restate new ones"
    )
    remediation: list[AnswerAction] = Field(min_length=1, max_length=8, description="most urgent first")
    success_metrics: list[str] = Field(
        default_factory=list, max_length=5, description="observable signs in the logs that the fix worked"
    )


class AnswerInvalid(Exception):
    """The answer failed validation; `errors` are the exact messages sent back in the repair turn."""

    def __init__(self, errors: list[str], raw: str) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors
        self.raw = raw


def answer_schema() -> dict:
    return ModelAnswer.model_json_schema()


# --------------------------------------------------------------------------- checks


def _loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


def pydantic_errors(exc: ValidationError) -> list[str]:
    errors = []
    for err in exc.errors(include_url=False):
        got = err.get("input")
        shown = json.dumps(got, ensure_ascii=False)[:80] if got is not None and err["type"] != "missing" else ""
        errors.append(f"{_loc(err['loc'])}: {err['msg']}" + (f" (got {shown})" if shown else ""))
    return errors


def cited_ids(answer: ModelAnswer) -> list[tuple[str, str]]:
    """(where, cluster id) for every id the answer cites."""
    cites: list[tuple[str, str]] = []
    if answer.root_cause:
        cites += [(f"root_cause.cluster_ids[{i}]", cid) for i, cid in enumerate(answer.root_cause.cluster_ids)]
    for w, why in enumerate(answer.five_whys):
        cites += [(f"five_whys[{w}].cluster_ids[{i}]", cid) for i, cid in enumerate(why.cluster_ids)]
    return cites


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?%?")
_PROSE_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?%?")


def _normalise(number: str) -> str:
    """'1,234' -> '1234'; '0.500' -> '0.5'; '12.0%' -> '12%'."""
    pct = "%" if number.endswith("%") else ""
    bare = number.rstrip("%").replace(",", "")
    if "." in bare:
        bare = bare.rstrip("0").rstrip(".")
    return bare + pct


def numbers_in(text: str, pattern: re.Pattern[str] = _PROSE_NUMBER) -> set[str]:
    return {_normalise(m.group(0)) for m in pattern.finditer(text)}


def evidence_numbers(text: str) -> set[str]:
    """Every number in the evidence, also inside words ('python3.11'), with and without '%'."""
    found = numbers_in(text, _NUMBER)
    return found | {n.rstrip("%") for n in found}


def prose_fields(answer: ModelAnswer) -> list[tuple[str, str]]:
    """(where, text) for every piece of prose that reaches the report."""
    fields = [("impact_summary", answer.impact_summary)]
    if answer.root_cause:
        fields.append(("root_cause.statement", answer.root_cause.statement))
    for i, why in enumerate(answer.five_whys):
        fields += [(f"five_whys[{i}].question", why.question), (f"five_whys[{i}].answer", why.answer)]
    for i, action in enumerate(answer.remediation):
        fields += [(f"remediation[{i}].action", action.action), (f"remediation[{i}].owner", action.owner or "")]
    fields += [(f"success_metrics[{i}]", metric) for i, metric in enumerate(answer.success_metrics)]
    return fields


def ungrounded_numbers(answer: ModelAnswer, evidence_text: str) -> list[str]:
    """Numbers in the prose that appear nowhere in the evidence: the model must not invent figures.

    Identifiers count as numbers here too (`exit(1)`, `HTTP 503`, `python3.11`): they are fine
    exactly when the evidence contains them.
    """
    known = evidence_numbers(evidence_text)
    errors = []
    for where, text in prose_fields(answer):
        for number in sorted(numbers_in(text) - known):
            errors.append(
                f"{where}: the number {number} does not appear in the evidence; describe it in words, or quote "
                "only figures written in the evidence"
            )
    return errors


def check_answer(answer: ModelAnswer, pack: EvidencePack) -> list[str]:
    """Checks beyond the schema: cited ids exist in the pack, the root cause is shown in detail."""
    known = pack.known_ids
    errors = [
        f"{where}: {cid!r} is not a cluster id in the evidence" for where, cid in cited_ids(answer) if cid not in known
    ]
    if answer.root_cause and answer.root_cause.cluster_ids:
        primary = answer.root_cause.cluster_ids[0]
        if primary in known and primary not in pack.cluster_ids:
            errors.append(
                f"root_cause.cluster_ids[0]: {primary!r} is only summarised in the evidence; the primary root-cause "
                "cluster must be one of the clusters shown in detail"
            )
    if errors:
        errors.append("cluster ids shown in detail: " + ", ".join(pack.cluster_ids))
    return errors + ungrounded_numbers(answer, pack.text)


def parse_answer(raw: str, pack: EvidencePack) -> ModelAnswer:
    """Strict: the whole text must be the JSON object; no markdown fences, no salvage."""
    try:
        answer = ModelAnswer.model_validate_json(raw)
    except ValidationError as exc:
        raise AnswerInvalid(pydantic_errors(exc), raw) from None
    errors = check_answer(answer, pack)
    if errors:
        raise AnswerInvalid(errors, raw)
    return answer


def to_output(answer: ModelAnswer) -> AnalystOutput:
    rc = answer.root_cause
    return AnalystOutput(
        root_cause=None
        if rc is None
        else RootCause(
            cluster_ids=rc.cluster_ids, statement=rc.statement, category=rc.category, confidence=CONFIDENCE[rc.confidence]
        ),
        five_whys=[Why(question=w.question, answer=w.answer, cluster_ids=w.cluster_ids) for w in answer.five_whys],
        impact_summary=answer.impact_summary,
        remediation=[Action(action=a.action, timeframe=a.timeframe, owner=a.owner) for a in answer.remediation],
        success_metrics=answer.success_metrics,
    )
