"""Does a learned re-ranking of the candidates generalise to a writer it never saw better than the
hand-written rules do? Leave-one-writer-out on the candidate lists of `extract.py`.

    python evals/rerank/experiment.py CANDIDATES.jsonl [RESULTS.json] [--conservative]

Needs numpy and scikit-learn (`pip install scikit-learn`), which rca itself does not depend on.
Results of main 63ca9b4 and the reading of them: evals/rerank/README.md and results/.

Each of the 19 sets (blind10..blind26, one independent writer each; real; shared) is left out in
turn; a model is trained on the candidates of every other set and picks the root cause of each
left-out incident (the candidate it scores highest; ties go to the rules' order). Its
root_cause@1 / @3 on the left-out set is compared with the rules' (the report's primary cluster,
graded as the eval does) on the same incidents. Also: trained on blind10-22 (+ real, shared),
tested on blind23-26, in the order the sets were written.

Models (all linear, features standardised on the training folds only):
  pointwise  logistic regression, one row per candidate, label = matches the truth's evidence
  pairwise   logistic regression on differences (a matching candidate minus each other one of
             the same incident), the linear RankNet
Feature sets:
  all        the rules' own verdict (rank, score, flags, reasons they set, the report's pick) and
             the raw evidence (timing against the onset, rates, severity, size, links)
  raw        the raw evidence only: what a model learns with none of the rules' scoring
The L2 strength C is fixed before any result was seen (C_MAIN = 0.1, a strong penalty for ~250
incidents); the results for every C of C_GRID are printed beside it, so no value is picked on the
left-out sets (a nested choice, an inner leave-one-writer-out per fold, costs ~90 times the fits
and did not finish on the shared machine).
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict

import numpy as np
from sklearn.linear_model import LogisticRegression

C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)
C_MAIN = 0.1
RULES_PREFIXES = ("rules_", "report_", "reason:", "is_rival", "hypotheses_close", "explained_by_top", "in_candidates", "n_candidates")
RULES_FLAGS = {"role_change", "signature", "echo", "surged", "precursor", "first_signal", "explains", "waited_on", "stated",
               "takes_up", "parallel", "symptom_of_requests"}
BLIND = [f"blind{n}" for n in range(10, 27)]
SETS = BLIND + ["real", "shared"]
MIN_REASON_INCIDENTS = 5  # a reason sentence must appear in this many training incidents to be a feature


def load(path: str) -> list[dict]:
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def is_raw(name: str) -> bool:
    return not name.startswith(RULES_PREFIXES) and name not in RULES_FLAGS


def vocabulary(train: list[dict], raw_only: bool) -> list[str]:
    seen: dict[str, set[str]] = defaultdict(set)
    for inc in train:
        for c in inc["candidates"]:
            for k in c["features"]:
                seen[k].add(inc["set"] + "/" + inc["id"])
    names = [k for k, ids in seen.items()
             if (not k.startswith("reason:") or len(ids) >= MIN_REASON_INCIDENTS) and (not raw_only or is_raw(k))]
    return sorted(names)


def matrix(incs: list[dict], names: list[str]) -> list[np.ndarray]:
    idx = {n: i for i, n in enumerate(names)}
    out = []
    for inc in incs:
        x = np.zeros((len(inc["candidates"]), len(names)))
        for r, c in enumerate(inc["candidates"]):
            for k, v in c["features"].items():
                if k in idx:
                    x[r, idx[k]] = v
        out.append(x)
    return out


class Ranker:
    def __init__(self, kind: str, c: float):
        self.kind, self.c = kind, c

    def fit(self, xs: list[np.ndarray], ys: list[np.ndarray]) -> "Ranker":
        allx = np.vstack([x for x in xs if len(x)])
        self.mu, self.sd = allx.mean(0), allx.std(0) + 1e-6
        zs = [(x - self.mu) / self.sd for x in xs]
        if self.kind == "pointwise":
            X = np.vstack([z for z in zs if len(z)])
            y = np.concatenate([y for y in ys if len(y)])
            self.model = LogisticRegression(C=self.c, max_iter=2000, class_weight="balanced").fit(X, y)
            self.w = self.model.coef_[0]
        else:
            rows = []
            for z, y in zip(zs, ys):
                pos, neg = np.where(y == 1)[0], np.where(y == 0)[0]
                for p in pos:
                    for n in neg:
                        rows.append(z[p] - z[n])
            D = np.array(rows)
            X = np.vstack([D, -D])
            t = np.concatenate([np.ones(len(D)), np.zeros(len(D))])
            self.model = LogisticRegression(C=self.c, max_iter=2000, fit_intercept=False).fit(X, t)
            self.w = self.model.coef_[0]
        return self

    def scores(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mu) / self.sd) @ self.w if len(x) else np.zeros(0)


def order(scores: np.ndarray) -> list[int]:
    """Best first; ties keep the rules' order (the candidates come in it)."""
    return sorted(range(len(scores)), key=lambda i: (-round(float(scores[i]), 9), i))


def grade(incs: list[dict], xs: list[np.ndarray], ranker: Ranker) -> list[tuple[bool, bool]]:
    out = []
    for inc, x in zip(incs, xs):
        labels = [c["label"] for c in inc["candidates"]]
        if not labels:
            out.append((False, False))
            continue
        o = order(ranker.scores(x))
        out.append((bool(labels[o[0]]), any(labels[i] for i in o[:3])))
    return out


def fit(kind: str, c: float, train: list[dict], names: list[str]) -> Ranker:
    xs = matrix(train, names)
    ys = [np.array([c_["label"] for c_ in inc["candidates"]]) for inc in train]
    return Ranker(kind, c).fit(xs, ys)


def evaluate(incs: list[dict], kind: str, raw_only: bool, train_sets: list[str], test_sets: list[str], c: float) -> dict:
    train = [i for i in incs if i["set"] in train_sets]
    names = vocabulary(train, raw_only)
    ranker = fit(kind, c, train, names)
    out = {}
    for s in test_sets:
        te = [i for i in incs if i["set"] == s]
        graded = grade(te, matrix(te, names), ranker)
        out[s] = {
            "n": len(te), "C": c,
            "rules_rc1": sum(i["rules_rc1"] for i in te), "rules_rc3": sum(i["rules_rc3"] for i in te),
            "model_rc1": sum(g[0] for g in graded), "model_rc3": sum(g[1] for g in graded),
            "oracle": sum(any(c_["label"] for c_ in i["candidates"]) for i in te),
            "fixed": [i["id"] for i, g in zip(te, graded) if g[0] and not i["rules_rc1"]],
            "lost": [i["id"] for i, g in zip(te, graded) if not g[0] and i["rules_rc1"]],
        }
    top = sorted(zip(names, ranker.w), key=lambda t: -abs(t[1]))[:12]
    return {"per_set": out, "weights": [(n, round(float(w), 3)) for n, w in top]}


def overrides(incs: list[dict], xs: list[np.ndarray], ranker: Ranker) -> list[tuple[dict, float, int]]:
    """Per incident where the model's pick is not the rules' (the report's primary, else the rules'
    first candidate): (incident, the model's margin of its pick over the rules' pick, +1 when the
    override fixes root_cause@1, -1 when it breaks it, 0 otherwise)."""
    out = []
    for inc, x in zip(incs, xs):
        cands = inc["candidates"]
        if not cands:
            continue
        s = ranker.scores(x)
        pick = order(s)[0]
        rules = next((i for i, c in enumerate(cands) if c["features"]["report_primary"]), 0)
        if pick == rules:
            continue
        delta = int(bool(cands[pick]["label"])) - int(bool(inc["rules_rc1"]))
        out.append((inc, float(s[pick] - s[rules]), delta))
    return out


def choose_margin(seen: list[tuple[dict, float, int]]) -> float:
    """The smallest margin an override must exceed so that the overrides kept fix the most
    incidents net of those they break on `seen` (ties: the larger margin, fewer overrides)."""
    best, best_net = math.inf, 0
    for tau in sorted({m for _, m, _ in seen}, reverse=True):
        net = sum(d for _, m, d in seen if m >= tau)
        if net > best_net:
            best, best_net = tau, net
    return best


def conservative(incs: list[dict], c: float) -> dict:
    """The re-ranker overrides the rules only when its margin over their pick exceeds a threshold,
    itself fitted by leave-one-writer-out inside the training sets (nested): for a left-out set S,
    each other set T is scored by a model trained without S and T, the threshold is chosen on
    those out-of-fold overrides, and the model trained without S applies it to S."""
    per_set = {}
    for s in SETS:
        seen = []
        for t in SETS:
            if t == s:
                continue
            tr = [i for i in incs if i["set"] not in (s, t)]
            te = [i for i in incs if i["set"] == t]
            names = vocabulary(tr, False)
            seen += overrides(te, matrix(te, names), fit("pointwise", c, tr, names))
        tau = choose_margin(seen)
        tr = [i for i in incs if i["set"] != s]
        te = [i for i in incs if i["set"] == s]
        names = vocabulary(tr, False)
        kept = [(inc, m, d) for inc, m, d in overrides(te, matrix(te, names), fit("pointwise", c, tr, names)) if m >= tau]
        fixed = [inc["id"] for inc, _, d in kept if d > 0]
        lost = [inc["id"] for inc, _, d in kept if d < 0]
        rules = sum(i["rules_rc1"] for i in te)
        per_set[s] = {"n": len(te), "C": c, "margin": tau, "rules_rc1": rules, "model_rc1": rules + len(fixed) - len(lost),
                      "rules_rc3": sum(i["rules_rc3"] for i in te), "model_rc3": None,
                      "oracle": sum(any(c_["label"] for c_ in i["candidates"]) for i in te), "fixed": fixed, "lost": lost}
        print(f"conservative C={c} {s:8} margin={tau:.2f} rules@1={rules} model@1={per_set[s]['model_rc1']} "
              f"+{len(fixed)}/-{len(lost)} {fixed} {lost}", flush=True)
    return {"per_set": per_set, "pooled_blind": pooled(per_set, BLIND), "pooled_all": pooled(per_set, SETS)}


def sign_test(fixed: int, lost: int) -> float:
    """Two-sided binomial test of fixed vs lost incidents (p that a coin would split them this unevenly)."""
    n = fixed + lost
    if n == 0:
        return 1.0
    k = min(fixed, lost)
    p = sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n
    return min(1.0, 2 * p)


def pooled(per_set: dict, sets: list[str]) -> dict:
    keys = ("n", "rules_rc1", "rules_rc3", "model_rc1", "model_rc3", "oracle")
    tot = {k: sum(per_set[s][k] or 0 for s in sets if s in per_set) for k in keys}
    tot["fixed"] = sum(len(per_set[s]["fixed"]) for s in sets if s in per_set)
    tot["lost"] = sum(len(per_set[s]["lost"]) for s in sets if s in per_set)
    tot["sign_p"] = round(sign_test(tot["fixed"], tot["lost"]), 4)
    return tot


def main(argv: list[str]) -> int:
    incs = load(argv[0])
    results: dict = {"lowo": {}, "time_ordered": {}, "conservative": {}, "C_MAIN": C_MAIN}
    if "--conservative" in argv:
        argv = [a for a in argv if a != "--conservative"]
        for c in (C_MAIN, 0.01):
            r = conservative(incs, c)
            results["conservative"][f"pointwise/all/C={c}"] = r
            print(f"conservative C={c} pooled_blind {r['pooled_blind']}\nconservative C={c} pooled_all {r['pooled_all']}", flush=True)
        if len(argv) > 1:
            with open(argv[1], "w", encoding="utf-8") as fh:
                json.dump(results, fh, indent=1)
        return 0
    for c in (C_MAIN, *(x for x in C_GRID if x != C_MAIN)):  # the pre-set C first, then the sensitivity
        for kind in ("pointwise", "pairwise"):
            for raw_only in (False, True):
                label = f"{kind}/{'raw' if raw_only else 'all'}/C={c}"
                per_set, weights = {}, {}
                for s in SETS:
                    r = evaluate(incs, kind, raw_only, [x for x in SETS if x != s], [s], c)
                    per_set.update(r["per_set"])
                    weights[s] = r["weights"]
                results["lowo"][label] = {"per_set": per_set, "pooled_blind": pooled(per_set, BLIND),
                                          "pooled_all": pooled(per_set, SETS), "weights_without_blind26": weights["blind26"]}
                train = [f"blind{n}" for n in range(10, 23)] + ["real", "shared"]
                test = [f"blind{n}" for n in range(23, 27)]
                r = evaluate(incs, kind, raw_only, train, test, c)
                results["time_ordered"][label] = {"per_set": r["per_set"], "pooled": pooled(r["per_set"], test), "weights": r["weights"]}
                print(report_lines(label, results), flush=True)
                if len(argv) > 1:
                    with open(argv[1], "w", encoding="utf-8") as fh:
                        json.dump(results, fh, indent=1)
    return 0


def report_lines(label: str, results: dict) -> str:
    lo = results["lowo"][label]
    lines = [f"== {label}: leave-one-writer-out", "set       n  rules@1 model@1  rules@3 model@3 oracle  C     fixed/lost"]
    for s, r in lo["per_set"].items():
        lines.append(f"{s:8} {r['n']:3}  {r['rules_rc1']:5}   {r['model_rc1']:5}    {r['rules_rc3']:5}   {r['model_rc3']:5}  {r['oracle']:5}"
                     f"  {r['C']:<5} +{len(r['fixed'])}/-{len(r['lost'])}")
    for name in ("pooled_blind", "pooled_all"):
        p = lo[name]
        lines.append(f"{name}: n={p['n']} rules@1={p['rules_rc1']} model@1={p['model_rc1']} rules@3={p['rules_rc3']} "
                     f"model@3={p['model_rc3']} oracle={p['oracle']} fixed={p['fixed']} lost={p['lost']} sign_p={p['sign_p']}")
    to = results["time_ordered"][label]
    lines.append(f"-- {label}: train blind10-22+real+shared, test blind23-26")
    for s, r in to["per_set"].items():
        lines.append(f"{s:8} {r['n']:3}  {r['rules_rc1']:5}   {r['model_rc1']:5}    {r['rules_rc3']:5}   {r['model_rc3']:5}  {r['oracle']:5}"
                     f"  {r['C']:<5} +{len(r['fixed'])}/-{len(r['lost'])}")
    p = to["pooled"]
    lines.append(f"pooled: n={p['n']} rules@1={p['rules_rc1']} model@1={p['model_rc1']} rules@3={p['rules_rc3']} "
                 f"model@3={p['model_rc3']} fixed={p['fixed']} lost={p['lost']} sign_p={p['sign_p']}")
    lines.append("weights (time-ordered model): " + ", ".join(f"{n}={w}" for n, w in to["weights"]))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
