"""Dump, per incident, the offline analyst's confidence, whether its named cause is right, and the
evidence a confidence could be computed from (bench/calib.py reads the dump).

    python bench/calib_dump.py OUT.jsonl SET=DIR[,DIR...] ...

SET names the set (a writer's: blind10, real, shared); each DIR is a folder of incident folders.
Each line of OUT.jsonl: {"set", "id", "healthy", "right" (root_cause@1, None on a healthy window),
"confidence", "path" (which branch of the offline analyst wrote the cause), features...}.
"""

from __future__ import annotations

import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

PATHS = ("_change_before_failures", "_slower_after_change", "_slower_without_change", "_unexplained", "_healthy",
         "_change_first")


def features(mining, analysis, output) -> dict:  # noqa: ANN001
    """The evidence behind the named cause, as numbers and flags."""
    return cause_evidence(mining, analysis, output.root_cause)


def ties(mining, analysis, cluster_ids: list[str]) -> dict:  # noqa: ANN001
    """Each way the named cause may be tied to the harm, apart (rca.analysis.tied_to_harm reads some)."""
    from rca.analysis.ranking import names_any, own_words
    from rca.models import PLATFORM_STREAMS

    named = [c for i in cluster_ids if (c := mining.cluster(i)) is not None]
    services = sorted({s for c in named for s in c.services if s not in PLATFORM_STREAMS})
    since = analysis.onset.timestamp() // 60 if analysis.onset is not None else None
    failed = any(f and (since is None or m >= since) for s in services for m, (_, f) in analysis.requests.service_timeline.get(s, {}).items())
    harm = dict.fromkeys([*analysis.symptoms, *(cid for sig in analysis.impact.signals for cid in sig.cluster_ids)])
    ids = {c.id for c in named}
    others = [c for h in harm if h not in ids and (c := mining.cluster(h)) is not None]
    return {"t_failed": failed, "t_names": any(names_any(own_words(c), services) for c in others),
            "t_same_svc": any(set(c.services) & set(services) for c in others),
            "t_endpoint": any(e.failed and names_any(e.endpoint.lower(), services) for e in analysis.impact.endpoints),
            "t_harm_self": bool(ids & set(harm))}


def one(args: tuple[str, str]) -> dict:
    set_name, folder = args
    from datetime import datetime, timezone

    from rca.analysis import analyse
    from rca.evals.incidents import _load_incident
    from rca.evals.metrics import grade
    from rca.llm.offline import OfflineAnalyst
    from rca.models import ReadStats
    from rca.pipeline import mine_and_tally, write_analysis
    from rca.llm.base import AnalystOptions
    from rca.render.assemble import assemble_report
    from rca.sources import read_records

    taken: list[str] = []
    for name in PATHS:
        orig = getattr(OfflineAnalyst, name)

        def wrap(*a, _orig=orig, _name=name, **k):  # noqa: ANN002, ANN003, ANN202
            taken.append(_name)
            return _orig(*a, **k)
        setattr(OfflineAnalyst, name, wrap)
    inc = _load_incident(Path(folder))
    stats = ReadStats()
    mining, requests = mine_and_tally(read_records(str(inc.logs), "auto", stats), stats)
    analysis = analyse(mining, requests)
    options = AnalystOptions(provider="offline")
    output, info = write_analysis(mining, analysis, options)
    report = assemble_report(mining, analysis, output, info, redact=options.redact, generated_at=datetime.now(timezone.utc))
    g = grade(report, inc.truth, schema_valid=True, grounded=True, seconds=0.0)
    rc = output.root_cause
    row = {"set": set_name, "id": inc.truth.id, "healthy": inc.truth.healthy, "right": g["root_cause@1"],
           "confident_wrong": g["confident_wrong"], "confidence": rc.confidence if rc else None,
           "cluster": rc.cluster_ids[0] if rc and rc.cluster_ids else None,
           "path": "/".join(taken) or "main", "priority": analysis.priority}
    if rc is not None:
        row.update(features(mining, analysis, output))
    return row


def main() -> None:
    out = sys.argv[1]
    jobs = []
    for spec in sys.argv[2:]:
        name, dirs = spec.split("=", 1)
        for d in dirs.split(","):
            for p in sorted(Path(d).iterdir()):
                if (p / "truth.json").exists():
                    jobs.append((name, str(p)))
    with ProcessPoolExecutor(2) as ex, open(out, "w") as fh:
        for row in ex.map(one, jobs):
            fh.write(json.dumps(row) + "\n")
            fh.flush()


import re  # noqa: E402

from rca.analysis import competing  # noqa: E402
from rca.analysis.changes import deploy_before_onset  # noqa: E402
from rca.analysis.ranking import gives_no_reason  # noqa: E402
from rca.models import PLATFORM_STREAMS, Analysis, ClusterStats, MiningResult, RootCause  # noqa: E402


def cause_evidence(mining: MiningResult, analysis: Analysis, root: RootCause | None) -> dict:
    """What the logs hold for the cause a report names, beside its rank (study aid, bench/calib_dump.py)."""
    if root is None or not root.cluster_ids:
        return {}
    named = [c for i in root.cluster_ids if (c := mining.cluster(i)) is not None]
    cands = {c.cluster_id: c for c in analysis.candidates}
    first = named[0] if named else None
    cand = cands.get(first.id) if first else None
    causes = [c for c in analysis.candidates if c.role == "cause"]
    top = causes[0] if causes else None
    rivals = competing(analysis, root.cluster_ids)
    onset = analysis.onset.timestamp() if analysis.onset else None
    start = mining.window_start.timestamp() if mining.window_start else None
    om = int(onset // 60) if onset is not None else None
    svcs = {s for c in named for s in c.services if s not in PLATFORM_STREAMS}
    svc_failed = svc_req = 0
    for s in svcs:
        for m, (n, f) in analysis.requests.service_timeline.get(s, {}).items():
            if om is None or m >= om:
                svc_req += n
                svc_failed += f
    harm = set(analysis.symptoms) | {cid for sg in analysis.impact.signals for cid in sg.cluster_ids}
    ids = {c.id for c in named}
    linked = [lk for lk in mining.links if (lk.source in ids and lk.target in harm) or (lk.target in ids and lk.source in harm)]
    harm_text = " ".join(c.template for h in harm if (c := mining.cluster(h)) is not None and c.id not in ids)
    names_svc = any(re.search(rf"(?<![\w-]){re.escape(s)}(?![\w-])", harm_text) for s in svcs if len(s) >= 3)
    return {
        "role": cand.role if cand else None,
        "score": cand.score if cand else None,
        "top_score": top.score if top else None,
        "is_top": bool(top and first and top.cluster_id == first.id),
        "rival": rivals[0].score if rivals else None,
        "n_rivals_close": sum(1 for r in rivals if cand and cand.score - r.score < 0.3),
        "close": analysis.hypotheses_close, "mid": analysis.mid_incident, "basis": analysis.onset_basis,
        "sig": cand.signature if cand else None,
        "no_reason": bool(first and cand and gives_no_reason(first, cand.signature)),
        "svc_req": svc_req, "svc_failed": svc_failed,
        "svc_failing": bool(svcs & set(analysis.impact.failing_services)),
        "in_harm": bool(ids & harm), "linked_harm": sum(lk.count for lk in linked), "names_svc": names_svc,
        "lead_s": (onset - first.first_seen.timestamp()) if onset is not None and first and first.first_seen else None,
        "baseline_s": (onset - start) if onset is not None and start is not None else None,
        "http5xx": sum(n for c in named for s, n in c.http_statuses.items() if s >= 500),
        "errors": first.errors if first else 0, "count": first.count if first else 0,
        "n_causes": len(causes), "waited_on": bool(cand and cand.waited_on), "echo": bool(cand and cand.echo_of),
        "n_named": len(named), "failed_requests": analysis.impact.incident_failed_requests,
        "requests": analysis.requests.total,
        **_change_evidence(mining, analysis, first), **ties(mining, analysis, root.cluster_ids),
        "reason": cand.reason if cand else None, "category": cand.category if cand else None,
        "severity": first.severity if first else None,
        "http4xx": sum(n for c in named for s, n in c.http_statuses.items() if 400 <= s < 500),
        "surged": bool(cand and cand.surged), "precursor": bool(cand and cand.precursor),
        "first_signal": bool(cand and cand.first_signal), "instances": first.instances if first else 0,
        "window_s": (mining.window_end - mining.window_start).total_seconds() if mining.window_end and mining.window_start else None,
    }


def _change_evidence(mining: MiningResult, analysis: Analysis, first: ClusterStats | None) -> dict:
    changes = __import__("rca.llm.offline", fromlist=["x"]).OfflineAnalyst()._changes_before_onset(mining, analysis)
    deploy = deploy_before_onset(mining, analysis)
    t = first.first_seen.timestamp() if first is not None and first.first_seen else None
    before = [c for c in changes if c.first_seen is not None and t is not None and c.first_seen.timestamp() <= t and c.id != (first.id if first else None)]
    return {"n_changes": len(changes), "deploy": deploy is not None,
            "change_gap_s": (t - max(c.first_seen.timestamp() for c in before)) if before else None,
            "any_change_cand": sum(1 for c in analysis.candidates if c.role == "change")}


if __name__ == "__main__":
    main()
