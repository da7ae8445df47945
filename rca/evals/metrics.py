"""Grading one report against one incident's truth.json (the contract: shared/incidents/FORMAT.md).

Every metric of FORMAT.md, per incident:

    root_cause@1       bool   report.root_cause.cluster_ids[0] matches a root_cause.evidence string
    root_cause@3       bool   the primary root-cause cluster or one of the first three `candidates`
                              (ranked best first) matches
    category           bool   report.root_cause.category == truth category
    mention_recall     float  share of must_mention terms found (case-insensitive) in the root-cause
                              statement + the five whys (questions and answers)
    symptom_recall     float  share of symptoms matched by some report cluster
    distractor_blamed  bool   the primary root-cause cluster matches a distractor
    priority           bool   report.priority == truth priority ("none" == "none")
    schema_valid       bool   the rendered JSON validates as rca.schema.Report and the analyst needed
                              no repair or fallback (analyst.fallback_reason is None, and no
                              `analyst.repaired: true` when the report carries that flag)
    grounded           bool   rca.evals.grounded.check_grounded(...).ok
    false_alarm        bool   healthy windows only: priority is P0 or P1
    confident_wrong    bool   rca's own, beside FORMAT.md's: the report names a cause with high
                              confidence (>= HIGH_CONFIDENCE, what the report calls "high") and
                              it is wrong (not root_cause@1; on a healthy window, any cause). The
                              issue asks for honest uncertainty: this counts where it failed.
    input_tokens / output_tokens / seconds    cost of the report

A metric that does not apply is None ("n/a") and is left out of the summary: root_cause@1/@3,
category and mention_recall on healthy windows; mention_recall without must_mention terms;
symptom_recall without symptoms; false_alarm on incident windows.

A cluster *matches* an evidence string when the string occurs, case-insensitively, in the cluster's
template or in one of its (raw) samples.

Beside them, `baseline_root_cause@1` (`grade_baseline`): root_cause@1 of the one-line baseline
"blame the most frequent ERROR headline line" on the same mined clusters, so every eval shows how
far rca is above it.

Summary (`summarise`): the mean of the applicable values for every metric (booleans count 1/0),
except the two "must be false" metrics, distractor_blamed, false_alarm and confident_wrong, which are summarised as a
COUNT of incidents where they were true (0 is the only good value; a count reads better than a
rate on a handful of incidents). input_tokens / output_tokens / seconds are means per incident.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from rca.analysis.knowledge import is_fragment
from rca.errors import InputError
from rca.models import CATEGORIES, HIGH_CONFIDENCE, ClusterStats, MiningResult
from rca.schema import Report, ReportCluster

# Metric names exactly as FORMAT.md writes them, in table order.
METRICS: tuple[str, ...] = (
    "root_cause@1",
    "root_cause@3",
    "category",
    "mention_recall",
    "symptom_recall",
    "distractor_blamed",
    "priority",
    "schema_valid",
    "grounded",
    "false_alarm",
    "confident_wrong",
    "input_tokens",
    "output_tokens",
    "seconds",
)
BASELINE = "baseline_root_cause@1"  # root_cause@1 of `baseline_cluster` on the same incident
COUNT_METRICS = frozenset({"distractor_blamed", "false_alarm", "confident_wrong"})  # summary = count of true
LOWER_IS_BETTER = frozenset({"distractor_blamed", "false_alarm", "confident_wrong", "input_tokens", "output_tokens", "seconds"})
PRIORITIES = ("P0", "P1", "P2", "P3", "none")


# --------------------------------------------------------------------------- truth.json


class TruthRootCause(BaseModel):
    model_config = ConfigDict(extra="allow")

    evidence: list[str] = Field(min_length=1)
    category: str
    must_mention: list[str] = Field(default_factory=list)

    @field_validator("evidence", "must_mention", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("evidence")
    @classmethod
    def _non_empty(cls, value: list[str]) -> list[str]:
        if any(not s.strip() for s in value):
            raise ValueError("evidence strings must not be empty")
        return value

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str) -> str:
        if value not in CATEGORIES:
            raise ValueError(f"unknown category {value!r} (one of {', '.join(CATEGORIES)})")
        return value


class TruthItem(BaseModel):
    model_config = ConfigDict(extra="allow")

    evidence: str = Field(min_length=1)


class Truth(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    title: str = ""
    window: dict[str, Any] | None = None
    root_cause: TruthRootCause | None
    symptoms: list[TruthItem] = Field(default_factory=list)
    distractors: list[TruthItem] = Field(default_factory=list)
    priority: str

    @field_validator("symptoms", "distractors", mode="before")
    @classmethod
    def _strings_allowed(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"evidence": v} if isinstance(v, str) else v for v in value]
        return value

    @field_validator("priority")
    @classmethod
    def _known_priority(cls, value: str) -> str:
        if value not in PRIORITIES:
            raise ValueError(f"priority must be one of {', '.join(PRIORITIES)}")
        return value

    @property
    def healthy(self) -> bool:
        return self.root_cause is None


def load_truth(path: str | Path) -> Truth:
    """Read and validate a truth.json; any problem is a one-line InputError naming the file."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path.parent}: no truth.json (see incidents/FORMAT.md)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON: {exc.msg} at line {exc.lineno}") from None
    if not isinstance(raw, dict):
        raise InputError(f"{path}: must hold a JSON object")
    if "root_cause" not in raw:
        raise InputError(f"{path}: missing 'root_cause' (use null for a healthy window)")
    raw.setdefault("id", path.parent.name)
    try:
        truth = Truth.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "(top level)"
        raise InputError(f"{path}: {where}: {err['msg']}") from None
    if truth.healthy and truth.priority in ("P0", "P1"):
        raise InputError(f"{path}: a healthy window (root_cause null) cannot deserve {truth.priority}")
    return truth


# --------------------------------------------------------------------------- matching


def cluster_matches(cluster: ReportCluster | ClusterStats | None, evidence: str) -> bool:
    """FORMAT.md: the evidence occurs (case-insensitive) in the template or in one of the samples."""
    if cluster is None:
        return False
    needle = evidence.lower()
    return needle in cluster.template.lower() or any(needle in s.lower() for s in cluster.samples)


def _matches_any(cluster: ReportCluster | None, evidence: list[str]) -> bool:
    return any(cluster_matches(cluster, e) for e in evidence)


def primary_cluster(report: Report) -> ReportCluster | None:
    if report.root_cause is None or not report.root_cause.cluster_ids:
        return None
    return report.cluster(report.root_cause.cluster_ids[0])


def top3_clusters(report: Report) -> list[ReportCluster]:
    """The primary root-cause cluster plus the first three candidates (best first)."""
    ids: list[str] = []
    if report.root_cause is not None and report.root_cause.cluster_ids:
        ids.append(report.root_cause.cluster_ids[0])
    ids.extend(c.cluster_id for c in report.candidates[:3])
    seen: dict[str, ReportCluster] = {}
    for cid in ids:
        cluster = report.cluster(cid)
        if cluster is not None and cid not in seen:
            seen[cid] = cluster
    return list(seen.values())


def analysis_text(report: Report) -> str:
    """Root-cause statement and five whys: where must_mention terms are looked for."""
    parts: list[str] = []
    if report.root_cause is not None:
        parts.append(report.root_cause.statement)
    for why in report.five_whys:
        parts.extend((why.question, why.answer))
    return "\n".join(parts).lower()


def stats_match(cluster: ClusterStats, evidence: list[str]) -> bool:
    """`cluster_matches` for a mined cluster (template or any raw sample)."""
    return any(cluster_matches(cluster, e) for e in evidence)  # type: ignore[arg-type]


def baseline_cluster(mining: MiningResult) -> ClusterStats | None:
    """The one-line baseline rca must beat: blame the most frequent ERROR headline line.

    Clusters with ERROR+ entries, stack-frame lines set aside (a frame never names a failure);
    the most ERROR entries wins (ties: more entries, then earlier first sighting, then id).
    """
    errors = [c for c in mining.clusters if c.errors and not is_fragment(c.template)]
    if not errors:
        return None
    far = float("inf")
    return min(errors, key=lambda c: (-c.errors, -c.count, c.first_seen.timestamp() if c.first_seen else far, c.id))


def grade_baseline(mining: MiningResult, truth: Truth) -> dict[str, Any]:
    """The baseline's root_cause@1 (None on a healthy window) and the cluster it blamed."""
    pick = baseline_cluster(mining)
    hit = None if truth.root_cause is None else (pick is not None and stats_match(pick, truth.root_cause.evidence))
    return {BASELINE: hit, "baseline_cluster": pick.id if pick else None}


# --------------------------------------------------------------------------- grading


def grade(
    report: Report,
    truth: Truth,
    *,
    schema_valid: bool,
    grounded: bool,
    seconds: float,
) -> dict[str, Any]:
    """All metrics for one incident, keyed by METRICS names; None where a metric does not apply."""
    primary = primary_cluster(report)
    rc = truth.root_cause
    out: dict[str, Any] = {}
    if rc is None:
        out["root_cause@1"] = out["root_cause@3"] = out["category"] = out["mention_recall"] = None
    else:
        out["root_cause@1"] = _matches_any(primary, rc.evidence)
        out["root_cause@3"] = any(_matches_any(c, rc.evidence) for c in top3_clusters(report))
        out["category"] = report.root_cause is not None and report.root_cause.category == rc.category
        if rc.must_mention:
            text = analysis_text(report)
            found = sum(1 for term in rc.must_mention if term.lower() in text)
            out["mention_recall"] = found / len(rc.must_mention)
        else:
            out["mention_recall"] = None
    if truth.symptoms:
        found = sum(1 for s in truth.symptoms if any(cluster_matches(c, s.evidence) for c in report.clusters))
        out["symptom_recall"] = found / len(truth.symptoms)
    else:
        out["symptom_recall"] = None
    out["distractor_blamed"] = any(cluster_matches(primary, d.evidence) for d in truth.distractors)
    out["priority"] = report.priority == truth.priority
    out["schema_valid"] = bool(schema_valid)
    out["grounded"] = bool(grounded)
    out["false_alarm"] = report.priority in ("P0", "P1") if truth.healthy else None
    confident = report.root_cause is not None and report.root_cause.confidence >= HIGH_CONFIDENCE
    out["confident_wrong"] = confident and (truth.healthy or not out["root_cause@1"])
    out["input_tokens"] = report.analyst.input_tokens
    out["output_tokens"] = report.analyst.output_tokens
    out["seconds"] = round(seconds, 3)
    return out


def failed_grade(truth: Truth, seconds: float = 0.0) -> dict[str, Any]:
    """The scores of an incident whose report could not be built: every applicable metric fails."""
    out: dict[str, Any] = {}
    rc = truth.root_cause
    for name in ("root_cause@1", "root_cause@3", "category"):
        out[name] = None if rc is None else False
    out["mention_recall"] = 0.0 if rc is not None and rc.must_mention else None
    out["symptom_recall"] = 0.0 if truth.symptoms else None
    out["distractor_blamed"] = False
    out["priority"] = False
    out["schema_valid"] = False
    out["grounded"] = False
    out["false_alarm"] = None if not truth.healthy else False
    out["confident_wrong"] = False  # no report, no claim
    out["input_tokens"] = 0
    out["output_tokens"] = 0
    out["seconds"] = round(seconds, 3)
    return out


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Summary over incidents: mean of applicable values; a count for distractor_blamed/false_alarm.

    A metric with no applicable incident is None (n/a).
    """
    summary: dict[str, Any] = {}
    for name in (*METRICS, BASELINE):
        values = [row[name] for row in rows if row.get(name) is not None]
        if not values:
            summary[name] = None
        elif name in COUNT_METRICS:
            summary[name] = sum(1 for v in values if v)
        else:
            mean = sum(float(v) for v in values) / len(values)
            summary[name] = round(mean, 1 if name in ("input_tokens", "output_tokens") else 4)
    if summary[BASELINE] is None and not any(BASELINE in row for row in rows):
        del summary[BASELINE]  # rows graded without the mined clusters (e.g. from a report alone)
    summary["incidents"] = len(rows)
    return summary
