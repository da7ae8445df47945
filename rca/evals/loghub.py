"""Template-mining accuracy on Loghub-2k (16 labelled datasets of 2,000 lines).

Metrics exactly as /work/shared/loghub2k/README.md defines them:

- GA (grouping accuracy): a line is correct when the set of lines in its predicted group is
  exactly the set of lines of its true group. GA = correct lines / lines.
- PA (parsing accuracy): a line is correct when its predicted template equals the true template
  after collapsing whitespace runs and writing rca's named placeholders (`<NUM>`, `<IP>`...) as
  `<*>`. Strict: `<*>:<*>` is not `<*>`.
- FGA: F1 over groups; a true group is recovered when one predicted group holds exactly its lines.
  precision = recovered / predicted groups, recall = recovered / true groups.

True groups are keyed by the whitespace-normalised EventTemplate of the structured file
(`truth_key="eventid"` keys them by EventId). Two miners are scored on the 2,000 `Content`
strings fed in file order: "rca" (rca's TemplateMiner with the default MinerConfig, the one
configuration used everywhere) and "drain3-default" (plain drain3 with a default
TemplateMinerConfig and no masking).

    python -m rca.evals.loghub [DATA_DIR] [--truth corrected|original] [--truth-key template|eventid]
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import time
from collections import defaultdict
from typing import Callable, Hashable, Sequence

from pydantic import BaseModel, Field

from rca.mining.masking import to_star

DATASETS: tuple[str, ...] = (
    "Android",
    "Apache",
    "BGL",
    "HDFS",
    "HPC",
    "Hadoop",
    "HealthApp",
    "Linux",
    "Mac",
    "OpenSSH",
    "OpenStack",
    "Proxifier",
    "Spark",
    "Thunderbird",
    "Windows",
    "Zookeeper",
)
MINERS: tuple[str, ...] = ("rca", "drain3-default")
DEFAULT_DATA_DIR = "/work/shared/loghub2k"

_WS = re.compile(r"\s+")


def normalise_template(template: str) -> str:
    """Collapse whitespace runs and write rca's named placeholders as `<*>`."""
    return _WS.sub(" ", to_star(template)).strip()


def _truth_norm(template: str) -> str:
    return _WS.sub(" ", template).strip()


# --------------------------------------------------------------------------- metrics


def _groups(labels: Sequence[Hashable]) -> dict[Hashable, frozenset[int]]:
    out: dict[Hashable, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        out[lab].append(i)
    return {k: frozenset(v) for k, v in out.items()}


def grouping_accuracy(truth_labels: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """Share of lines whose predicted group is exactly their true group."""
    if len(truth_labels) != len(predicted):
        raise ValueError("truth and prediction differ in length")
    if not truth_labels:
        return 0.0
    truth_sets = set(_groups(truth_labels).values())
    correct = sum(len(s) for s in _groups(predicted).values() if s in truth_sets)
    return correct / len(truth_labels)


def parsing_accuracy(truth_templates: Sequence[str], predicted_templates: Sequence[str]) -> float:
    """Share of lines whose predicted template equals the true one (normalised as documented)."""
    if len(truth_templates) != len(predicted_templates):
        raise ValueError("truth and prediction differ in length")
    if not truth_templates:
        return 0.0
    ok = sum(
        1
        for t, p in zip(truth_templates, predicted_templates)
        if _truth_norm(t) == normalise_template(p)
    )
    return ok / len(truth_templates)


def f1_grouping(truth_labels: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """F1 over groups: a true group is recovered when a predicted group holds exactly its lines."""
    if len(truth_labels) != len(predicted):
        raise ValueError("truth and prediction differ in length")
    if not truth_labels:
        return 0.0
    truth_sets = set(_groups(truth_labels).values())
    pred_sets = set(_groups(predicted).values())
    recovered = len(truth_sets & pred_sets)
    if recovered == 0:
        return 0.0
    precision = recovered / len(pred_sets)
    recall = recovered / len(truth_sets)
    return 2 * precision * recall / (precision + recall)


# --------------------------------------------------------------------------- data and miners


class Dataset(BaseModel):
    name: str
    contents: list[str]
    truth_labels: list[str]
    truth_templates: list[str]


def load_dataset(data_dir: str, name: str, truth: str = "corrected", truth_key: str = "template") -> Dataset:
    if truth not in ("corrected", "original"):
        raise ValueError("truth must be 'corrected' or 'original'")
    if truth_key not in ("template", "eventid"):
        raise ValueError("truth_key must be 'template' or 'eventid'")
    suffix = "_structured_corrected.csv" if truth == "corrected" else "_structured.csv"
    path = os.path.join(data_dir, name, f"{name}_2k.log{suffix}")
    contents: list[str] = []
    labels: list[str] = []
    templates: list[str] = []
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            contents.append(row["Content"])
            tmpl = row["EventTemplate"]
            templates.append(tmpl)
            labels.append(_truth_norm(tmpl) if truth_key == "template" else row["EventId"])
    return Dataset(name=name, contents=contents, truth_labels=labels, truth_templates=templates)


def run_rca(contents: Sequence[str]) -> tuple[list[int], list[str]]:
    from rca.mining.miner import TemplateMiner

    tm = TemplateMiner()
    keys = [tm.add(c) for c in contents]
    final = tm.final_groups()
    return [final[k] for k in keys], [tm.template(k) for k in keys]


def run_drain3_default(contents: Sequence[str]) -> tuple[list[int], list[str]]:
    from drain3 import TemplateMiner as Drain3
    from drain3.template_miner_config import TemplateMinerConfig

    tm = Drain3(config=TemplateMinerConfig())
    ids = [tm.add_log_message(c)["cluster_id"] for c in contents]
    templates = {c.cluster_id: c.get_template() for c in tm.drain.clusters}
    return ids, [templates[i] for i in ids]


MINER_FUNCS: dict[str, Callable[[Sequence[str]], tuple[list[int], list[str]]]] = {
    "rca": run_rca,
    "drain3-default": run_drain3_default,
}


# --------------------------------------------------------------------------- evaluation


class DatasetScore(BaseModel):
    dataset: str
    miner: str
    ga: float
    pa: float
    fga: float
    groups: int
    truth_groups: int
    seconds: float


class LoghubResult(BaseModel):
    truth: str
    truth_key: str
    datasets: list[str]
    scores: list[DatasetScore]
    mean: dict[str, dict[str, float]] = Field(default_factory=dict)  # miner -> {ga, pa, fga}

    def score(self, dataset: str, miner: str) -> DatasetScore | None:
        for s in self.scores:
            if s.dataset == dataset and s.miner == miner:
                return s
        return None

    def table(self) -> str:
        miners = [m for m in MINERS if m in self.mean] + [m for m in self.mean if m not in MINERS]
        head = "| dataset | " + " | ".join(f"{m} GA | PA | FGA" for m in miners) + " |"
        sep = "|---|" + "---|---|---|" * len(miners)
        lines = [head, sep]
        for d in self.datasets:
            cells = []
            for m in miners:
                s = self.score(d, m)
                cells.append(f"{s.ga:.3f} | {s.pa:.3f} | {s.fga:.3f}" if s else " | | ")
            lines.append(f"| {d} | " + " | ".join(cells) + " |")
        cells = [
            f"**{self.mean[m]['ga']:.3f}** | **{self.mean[m]['pa']:.3f}** | **{self.mean[m]['fga']:.3f}**"
            for m in miners
        ]
        lines.append("| mean | " + " | ".join(cells) + " |")
        return "\n".join(lines)


def score_dataset(ds: Dataset, miner: str) -> DatasetScore:
    t0 = time.perf_counter()
    groups, templates = MINER_FUNCS[miner](ds.contents)
    secs = time.perf_counter() - t0
    return DatasetScore(
        dataset=ds.name,
        miner=miner,
        ga=grouping_accuracy(ds.truth_labels, groups),
        pa=parsing_accuracy(ds.truth_templates, templates),
        fga=f1_grouping(ds.truth_labels, groups),
        groups=len(set(groups)),
        truth_groups=len(set(ds.truth_labels)),
        seconds=round(secs, 4),
    )


def evaluate_loghub(
    data_dir: str = DEFAULT_DATA_DIR,
    truth: str = "corrected",
    truth_key: str = "template",
    datasets: Sequence[str] | None = None,
    miners: Sequence[str] = MINERS,
) -> LoghubResult:
    names = list(datasets) if datasets else [d for d in DATASETS if os.path.isdir(os.path.join(data_dir, d))]
    scores: list[DatasetScore] = []
    for name in names:
        ds = load_dataset(data_dir, name, truth, truth_key)
        for m in miners:
            scores.append(score_dataset(ds, m))
    mean: dict[str, dict[str, float]] = {}
    for m in miners:
        rows = [s for s in scores if s.miner == m]
        if rows:
            mean[m] = {k: round(sum(getattr(s, k) for s in rows) / len(rows), 4) for k in ("ga", "pa", "fga")}
    return LoghubResult(truth=truth, truth_key=truth_key, datasets=names, scores=scores, mean=mean)


_GATE_METRICS = {"ga": "ga", "pa": "pa", "fga": "fga"}


def parse_loghub_gates(specs: Sequence[str]) -> list[tuple[str, float]]:
    """["GA=0.85", "FGA=0.8"] -> [("ga", 0.85), ("fga", 0.8)] (minimums on our mean)."""
    from rca.errors import UsageError

    gates: list[tuple[str, float]] = []
    for spec in specs:
        name, sep, value = spec.replace(">=", "=").partition("=")
        metric = _GATE_METRICS.get(name.strip().lower())
        if not sep or metric is None:
            raise UsageError(f"--fail-under {spec!r}: write GA=VALUE, PA=VALUE or FGA=VALUE")
        try:
            gates.append((metric, float(value)))
        except ValueError:
            raise UsageError(f"--fail-under {spec!r}: {value.strip()!r} is not a number") from None
    return gates


def run_loghub_cli(
    data_dir: str | os.PathLike[str],
    json_path: str | os.PathLike[str] | None = None,
    truth_key: str = "template",
    fail_under: Sequence[str] = (),
    history: bool = False,
    truth: str = "corrected",
) -> int:
    """`rca eval loghub`: print the table, optionally write JSON / history; 1 when a gate fails."""
    from rca.errors import InputError, UsageError

    gates = parse_loghub_gates(fail_under)
    if truth_key not in ("template", "eventid"):
        raise UsageError("--truth-key must be 'template' or 'eventid'")
    if not os.path.isdir(data_dir):
        raise InputError(f"{data_dir}: no such folder")
    res = evaluate_loghub(str(data_dir), truth=truth, truth_key=truth_key)
    if not res.datasets:
        raise InputError(f"{data_dir}: no Loghub-2k dataset folders found")
    print(res.table())
    if json_path is not None:
        try:
            with open(json_path, "w", encoding="utf-8") as fh:
                fh.write(res.model_dump_json(indent=2))
        except OSError as exc:
            raise UsageError(f"cannot write {json_path}: {exc.strerror or exc}") from None
    if history:
        from rca.evals.history import append_history

        summary = {f"{m}_{k}": v for m, vals in res.mean.items() for k, v in vals.items()}
        written = append_history("loghub", summary, None, {"truth": truth, "truth_key": truth_key,
                                                            "datasets": len(res.datasets)})
        print(f"history: appended to {written}", file=sys.stderr)
    ours = res.mean.get("rca", {})
    failed = False
    for metric, minimum in gates:
        value = ours.get(metric, 0.0)
        if value < minimum:
            failed = True
            print(f"rca eval: FAIL {metric.upper()} = {value:g}, wanted >= {minimum:g}", file=sys.stderr)
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m rca.evals.loghub", description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", nargs="?", default=DEFAULT_DATA_DIR)
    ap.add_argument("--truth", choices=("corrected", "original"), default="corrected")
    ap.add_argument("--truth-key", choices=("template", "eventid"), default="template")
    ap.add_argument("--datasets", default="", help="comma-separated subset")
    ap.add_argument("--miners", default=",".join(MINERS))
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    res = evaluate_loghub(
        a.data_dir,
        a.truth,
        a.truth_key,
        [d for d in a.datasets.split(",") if d] or None,
        [m for m in a.miners.split(",") if m],
    )
    print(res.model_dump_json(indent=2) if a.json else res.table())
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = [
    "Dataset",
    "DatasetScore",
    "LoghubResult",
    "evaluate_loghub",
    "f1_grouping",
    "grouping_accuracy",
    "load_dataset",
    "parsing_accuracy",
    "run_loghub_cli",
]
