"""Extract, for every incident of the given sets, the candidate list the offline pipeline ranks,
with generic features per candidate and its label (does it match truth root_cause.evidence, the
eval's own matching), for the learned re-ranking experiment (evals/rerank/README.md).

    python evals/rerank/extract.py OUT.jsonl SET=DIR[,DIR...] ...

One JSON line per incident with a root cause (healthy windows are left out: root_cause@1 does not
apply to them):

    {"set", "id", "rules_rc1", "rules_rc3", "candidates": [{"cid", "label", "features": {...}}, ...]}

The pool is the analysis' candidates (causes and changes, the ranking's order) plus the report's
root-cause clusters and its first three candidates when the offline analyst named one outside it.
`rules_rc1`/`rules_rc3` are graded from the same report with rca.evals.metrics.grade, as the eval
does. Features never hold an incident's words: timing against the onset, rates, severity, the
ranking's flags and the generic reason sentences it set (numbers and quoted names stripped).
"""

from __future__ import annotations

import json
import math
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import rca.analysis as analysis_mod
from rca.analysis.knowledge import is_fragment
from rca.analysis.ranking import _NAMED_EXCEPTION, says_warning
from rca.evals.incidents import discover_incidents
from rca.evals.metrics import cluster_matches, grade
from rca.models import SEVERITY_RANK, WARNING_RANK, ReadStats

_captured: dict = {}
_original = analysis_mod.classify_and_score


def _capture(mining, onset, background=frozenset(), quiet_signals=False):  # noqa: ANN001, ANN202
    views = _original(mining, onset, background, quiet_signals=quiet_signals)
    _captured["views"] = views
    _captured["onset"] = onset
    return views


analysis_mod.classify_and_score = _capture


_QUOTED = re.compile(r"'[^']*'|`[^`]*`|\"[^\"]*\"")
_NUM = re.compile(r"\d+(?:\.\d+)?")
_ID = re.compile(r"\bcluster \S+")


def reason_key(reason: str) -> str:
    """A reason sentence with its names and numbers taken out: what kind of evidence it states."""
    text = _ID.sub("cluster X", _QUOTED.sub("Q", reason))
    text = _NUM.sub("N", text)
    return text.split(":")[0].strip().lower()[:90]


def _features(c, v, cand, rank: int, n_cands: int, top_score: float, mining, analysis, onset, report_top: list[str],
              primary: str | None, links: tuple[dict, dict]) -> dict:
    """Generic numbers and flags of one candidate (`v`: its ClusterView, None when the ranking made none)."""
    f: dict[str, float] = {}
    ws = mining.window_start.timestamp() if mining.window_start else 0.0
    we = mining.window_end.timestamp() if mining.window_end else ws
    span_min = max(1.0, (we - ws) / 60)
    onset_ts = onset.minute * 60 if onset is not None and onset.minute is not None else None
    first = c.first_seen.timestamp() if c.first_seen else None
    last = c.last_seen.timestamp() if c.last_seen else None
    # the rules' own verdict
    f["in_candidates"] = float(cand is not None)
    f["rules_rank"] = float(rank)
    f["rules_inv_rank"] = 1.0 / (1 + rank)
    f["rules_top"] = float(rank == 0)
    f["rules_score"] = cand.score if cand is not None else (v.score if v is not None else 0.0)
    f["rules_gap"] = top_score - f["rules_score"]
    f["report_primary"] = float(primary == c.id)
    f["report_top3"] = float(c.id in report_top)
    f["n_candidates"] = float(n_cands)
    f["role_change"] = float(cand is not None and cand.role == "change")
    f["signature"] = float(cand is not None and cand.signature is not None)
    f["echo"] = float(cand is not None and cand.echo_of is not None)
    f["surged"] = float(cand is not None and cand.surged)
    f["precursor"] = float(cand is not None and cand.precursor)
    f["first_signal"] = float(cand is not None and cand.first_signal)
    f["explains"] = float(cand is not None and cand.explains is not None)
    f["waited_on"] = float(cand is not None and cand.waited_on is not None)
    f["explained_by_top"] = float(any(x.explains == c.id for x in analysis.candidates[:1]))
    f["is_rival"] = float(c.id in analysis.rivals)
    f["hypotheses_close"] = float(analysis.hypotheses_close)
    if v is not None:
        f["stated"] = float(v.stated)
        f["takes_up"] = float(v.takes_up)
        f["parallel"] = float(v.parallel)
        f["new"] = float(v.new)
        f["before"] = math.log1p(v.before)
        f["during"] = math.log1p(v.during)
        f["pre_rate"] = math.log1p(v.pre_rate)
        f["post_rate"] = math.log1p(v.post_rate)
        f["rate_ratio"] = math.log((v.post_rate + 0.1) / (v.pre_rate + 0.1))
        f["absent_before"] = float(v.before == 0)
        for r in v.reasons:
            f["reason:" + reason_key(r)] = 1.0
    # timing against the onset
    f["has_onset"] = float(onset_ts is not None)
    f["mid_incident"] = float(analysis.mid_incident)
    if onset_ts is not None and first is not None:
        lead = (onset_ts - first) / 60
        f["lead_min"] = max(-30.0, min(30.0, lead)) / 10
        f["first_before_onset"] = float(lead > 0)
        f["first_at_onset"] = float(-1 <= lead <= 1)
        f["first_in_lead"] = float(0 < lead <= 15)
        f["first_late"] = float(lead < -3)
        f["lasts_past_onset"] = float(last is not None and last >= onset_ts)
    if first is not None:
        f["first_pos"] = (first - ws) / 60 / span_min  # where in the window it began (0..1)
        f["first_in_first_min"] = float(first - ws < 60)
    if first is not None and last is not None:
        f["active_share"] = min(1.0, max(0.0, (last - first) / 60 / span_min))
    f["onset_basis_" + (analysis.onset_basis or "none")] = 1.0
    # severity mix and size
    f["sev_rank"] = float(SEVERITY_RANK.get(c.severity, 0))
    f["sev_error"] = float(c.errors > 0)
    f["err_share"] = c.errors / c.count if c.count else 0.0
    f["below_warning"] = float(SEVERITY_RANK.get(c.severity, 0) < WARNING_RANK)
    f["says_warning"] = float(says_warning(c))
    f["log_count"] = math.log1p(c.count)
    total = max(1, mining.total_entries)
    f["count_share"] = c.count / total
    errs = sum(x.errors for x in mining.clusters) or 1
    f["error_share_of_all"] = c.errors / errs
    f["n_services"] = float(len(c.services))
    f["n_instances"] = math.log1p(c.instances)
    f["http"] = float(bool(c.http_statuses))
    f["http_5xx_share"] = (sum(n for s, n in c.http_statuses.items() if s >= 500) / sum(c.http_statuses.values())
                           if c.http_statuses else 0.0)
    failing = set(analysis.impact.failing_services)
    f["service_failing"] = float(bool(set(c.services) & failing))
    f["headline"] = float(bool(_NAMED_EXCEPTION.search(c.template) or c.exception))
    f["has_stack"] = float(bool(c.stack))
    f["fragment"] = float(is_fragment(c.template))
    f["words"] = math.log1p(len(re.findall(r"[A-Za-z]{2,}", c.template)))
    f["symptom_of_requests"] = float(c.id in analysis.symptoms)
    f["links_out"] = math.log1p(links[0].get(c.id, 0))
    f["links_in"] = math.log1p(links[1].get(c.id, 0))
    f["number_trend"] = c.number_trend
    return f


def extract(incident_dir: str, set_name: str) -> dict | None:
    from rca.llm.base import AnalystOptions
    from rca.pipeline import mine_and_tally, write_analysis
    from rca.render.assemble import assemble_report
    from rca.schema import Report
    from rca.sources import read_records
    from rca.render import render

    inc = discover_incidents([incident_dir])[0]
    truth = inc.truth
    if truth.root_cause is None:
        return None
    stats = ReadStats()
    mining, requests = mine_and_tally(read_records(str(inc.logs), "auto", stats), stats)
    _captured.clear()
    analysis = analysis_mod.analyse(mining, requests)
    views = {v.cluster.id: v for v in _captured.get("views", [])}
    onset = _captured.get("onset")
    options = AnalystOptions(provider="offline")
    output, info = write_analysis(mining, analysis, options)
    report = assemble_report(mining, analysis, output, info, redact=options.redact, generated_at=datetime.now(timezone.utc))
    graded_report = Report.model_validate_json(render(report, "json"))
    g = grade(graded_report, truth, schema_valid=True, grounded=True, seconds=0.0)
    primary = graded_report.root_cause.cluster_ids[0] if graded_report.root_cause and graded_report.root_cause.cluster_ids else None
    report_top = ([primary] if primary else []) + [c.cluster_id for c in graded_report.candidates[:3]]
    pool = [c.cluster_id for c in analysis.candidates]
    extra = [cid for cid in ((graded_report.root_cause.cluster_ids if graded_report.root_cause else []) + report_top) if cid not in pool]
    pool += list(dict.fromkeys(extra))
    by_cand = {c.cluster_id: (i, c) for i, c in enumerate(analysis.candidates)}
    top_score = analysis.candidates[0].score if analysis.candidates else 0.0
    error_ids = {c.id for c in mining.clusters if c.errors}
    out_links: dict[str, int] = {}
    in_links: dict[str, int] = {}
    for link in mining.links:
        if link.target in error_ids:
            out_links[link.source] = out_links.get(link.source, 0) + link.count
        if link.source in error_ids:
            in_links[link.target] = in_links.get(link.target, 0) + link.count
    rows = []
    firsts = sorted({int(cl.first_seen.timestamp() // 10) for cid in pool if (cl := mining.cluster(cid)) and cl.first_seen})
    for cid in pool:
        c = mining.cluster(cid)
        if c is None:
            continue
        rank, cand = by_cand.get(cid, (len(analysis.candidates), None))
        feats = _features(c, views.get(cid), cand, rank, len(analysis.candidates), top_score, mining, analysis, onset,
                          report_top, primary, (out_links, in_links))
        if c.first_seen is not None and firsts:
            feats["first_order"] = 1.0 / (1 + firsts.index(int(c.first_seen.timestamp() // 10)))
        rc = graded_report.cluster(cid)
        label = any(cluster_matches(rc if rc is not None else c, e) for e in truth.root_cause.evidence)
        rows.append({"cid": cid, "label": int(label), "features": feats})
    return {"set": set_name, "id": truth.id, "rules_rc1": bool(g["root_cause@1"]), "rules_rc3": bool(g["root_cause@3"]),
            "primary": primary, "candidates": rows}


def _job(args: tuple[str, str]) -> dict | None:
    try:
        return extract(*args)
    except Exception as exc:  # noqa: BLE001
        return {"set": args[1], "dir": args[0], "error": repr(exc)}


def main(argv: list[str]) -> int:
    out, specs = argv[0], argv[1:]
    jobs = []
    for spec in specs:
        name, dirs = spec.split("=", 1)
        for inc in discover_incidents(dirs.split(",")):
            jobs.append((str(inc.dir), name))
    with ProcessPoolExecutor(2) as pool, open(out, "w") as fh:
        for row in pool.map(_job, jobs):
            if row is not None:
                fh.write(json.dumps(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
