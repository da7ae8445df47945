"""The offline analyst: the embedded default, no API key needed.

It reasons from the mined evidence and the deterministic ranking with the knowledge base of
failure signatures (rca/data/signatures.toml). Every number it writes is taken from the
analysis; every sentence cites the clusters it rests on. When the logs do not say why, it says
"unknown from these logs" rather than guessing.
"""

from __future__ import annotations

import math
import re

from rca.analysis import CLOSE_SCORES, competing, tied_to_harm
from rca.analysis.culprit import change_category, changed_object, ddl_tables, fault_kind
from rca.analysis.impact import failing_traffic
from rca.analysis.changes import (DEPLOY_LEAD_S, NEW_REVISION_GAP_S, command_argv, deploy_before_onset, is_deploy,
                                  starts_bulk_work, took_effect)
from rca.analysis.ranking import CHANGE_LEAD_S, CHANGE_SET_S, gives_no_reason
from rca.analysis.knowledge import Signature, is_fragment, match_signatures, signature_by_id
from rca.models import (
    PLATFORM_STREAMS,
    SEVERITIES,
    SEVERITY_RANK,
    WARNING_RANK,
    Action,
    Analysis,
    AnalystOutput,
    ClusterStats,
    MiningResult,
    RootCause,
    Why,
)
from rca.redact import Redactor
from rca.fmt import excerpt, fmt_clock, fmt_duration, fmt_int, fmt_seconds, fmt_share
from rca.schema import AnalystInfo
from rca.sources.lineformat import message_of

_EXC_LINE = re.compile(r"^[\w.]*(?:Error|Exception|Exit|Interrupt|Timeout|Fault)\b.*$", re.MULTILINE)


_FRAME = re.compile(r"^\s+(?:File \"|at |\^)|^\s{4,}")
_ENTITY_PATTERNS = (
    re.compile(r"https?://([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"),  # hosts in URLs
    re.compile(r"'([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)'"),  # quoted dotted names: services, permissions
    re.compile(r"\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b"),  # CONFIG_KEYS, SECRET_NAMES
    re.compile(r"\b([a-z][a-z0-9]*(?:-[a-z0-9]+)*-(?:svc|service|api|db|cache|redis|worker|gateway))\b"),
    re.compile(r"\b(?:host|server|endpoint|bucket|table|topic|database)[ =:]+'?([A-Za-z][\w.-]*[A-Za-z])"),
)
_CODE_SELF = frozenset({"self", "this", "cls"})  # an attribute in quoted source code names no dependency
_NOT_ENTITIES = {"CERTIFICATE_VERIFY_FAILED", "RESOURCE_EXHAUSTED", "PERMISSION_DENIED", "DEADLINE_EXCEEDED", "NOT_FOUND"}


def key_line(text: str, limit: int = 160) -> str:
    """The most telling line of a message: the last exception line of a multi-line message, else
    the first line that is not a stack frame."""
    lines = [message_of(ln) for ln in text.splitlines() if ln.strip()]
    text = "\n".join(lines)
    if len(lines) > 1:
        found = _EXC_LINE.findall(text)
        if found:
            return excerpt(found[-1], limit)
        lines = [ln for ln in lines if not _FRAME.match(ln)] or lines
    return excerpt(lines[0] if lines else text, limit)


def detail_line(text: str, limit: int = 120) -> str:
    """The line after the final exception line (pydantic names the bad field there), if any."""
    lines = text.splitlines()
    found = [i for i, ln in enumerate(lines) if _EXC_LINE.match(ln)]
    if found and found[-1] + 1 < len(lines):
        nxt = lines[found[-1] + 1].strip()
        if nxt and not _FRAME.match(lines[found[-1] + 1]) and not nxt.startswith(("Traceback", "The above", "During handling")):
            return excerpt(nxt, limit)
    return ""


def context_line(text: str, limit: int = 160) -> str:
    """The message a trace was logged with (logger.exception's line before the traceback), which
    says what was being done when it failed; "" when the message is not a trace with such a line."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) < 2:
        return ""
    first = message_of(lines[0]).strip()
    if not first or first.startswith(("Traceback", "The above", "During handling")) or _FRAME.match(lines[0]):
        return ""
    return excerpt(first, limit)


def entities(texts: list[str], limit: int = 4) -> list[str]:
    """Names an on-call engineer would search for: hosts, services, config keys, permissions."""
    out: list[str] = []
    for text in texts:
        for pattern in _ENTITY_PATTERNS:
            for m in pattern.finditer(text):
                name = m.group(1).rstrip(".")
                before = text[max(0, m.start() - 40) : m.start()].lower()
                if any(w in before for w in ("see ", "background on this error", "documentation", "docs")):
                    continue  # a link to documentation, not a dependency
                if name in _NOT_ENTITIES or name in out or len(name) < 4 or re.search(r"\d{4,}", name):
                    continue
                if name.split(".", 1)[0] in _CODE_SELF:
                    continue  # `host=self.host` in a traceback's source line is code, not a host
                out.append(name)
                if len(out) >= limit:
                    return out
    return out


_EXC_NAME = re.compile(r"\b([A-Z]\w*(?:Error|Exception|Fault))\b")
_SHOWN = frozenset(s for s in SEVERITIES if SEVERITY_RANK[s] >= WARNING_RANK)
QUIET_S = 300  # no error for this long before the window's end: the errors stopped
# the confidence at most of a cause nothing but its rank ties to the harm (`tied_to_harm`): on the
# development sets such causes were right 44 of 78 times (each set left out: 47-60%), so moderate
UNTIED_CONFIDENCE = 0.65
_ROLLBACK = re.compile(r"\broll(?:ing)? (?:\w+ )?back\b|\brollback\b", re.IGNORECASE)


def _as_check(text: str) -> str:
    """A claim the logs cannot prove ("X is not monitored") as the question to check."""
    return text[0].lower() + text[1:] if text[:2].isalpha() and not text[:2].isupper() else text


class _Fill(dict):
    def __missing__(self, key: str) -> str:
        return {"module": "a module", "permission": "", "permission_clause": "", "exception": "exception", "name": "a name",
                "library": "a library"}.get(key, key)


def _deploy_when(deploy, analysis: Analysis) -> str:  # noqa: ANN001 - rca.analysis.changes' deploy
    """The statement and the rollback advice say the same of when the revision appeared."""
    return "shortly before the onset" if analysis.onset and deploy.at < analysis.onset else "at the onset"


def _starts_deploy(analysis: Analysis, change: ClusterStats) -> bool:
    """Is this change a new instance's first line after a deploy (ranking `_starting_up`): ranked as
    a step of a deploy while its own words are no deploy's?"""
    cand = next((c for c in analysis.candidates if c.cluster_id == change.id), None)
    return cand is not None and cand.role == "change" and cand.signature == "deploy" and not is_deploy(change)


def _when_made(change: ClusterStats) -> str:
    """'logged at <time>', or for a long-running operation whose completion was logged apart
    'requested at <time>, completed at <time>' (`changes.took_effect`): when it took effect."""
    done = took_effect(change)
    if done is not None and done != change.first_seen:
        return f"requested at {fmt_clock(change.first_seen)}, completed at {fmt_clock(done)}"
    return f"logged at {fmt_clock(change.first_seen)}"


class OfflineAnalyst:
    name = "offline"

    def __init__(self, redactor: Redactor | None = None) -> None:
        self.redact = redactor or Redactor()

    def analyse(self, mining: MiningResult, analysis: Analysis) -> tuple[AnalystOutput, AnalystInfo]:
        # an error, or a cascade's first signal below ERROR that matches a known failure mode (or
        # that surged at the onset, or warned of it with a number running one way)
        causes = [c for c in analysis.candidates if c.role == "cause" and (cl := mining.cluster(c.cluster_id))
                  and (cl.errors or c.signature or c.surged or c.waited_on or c.precursor or c.first_signal)]
        info = AnalystInfo(name="offline", model=None, prompt_version=None)
        if not causes and analysis.priority != "none" and analysis.onset_basis == "latency":
            changes = self._changes_before_onset(mining, analysis)
            if changes:  # requests got slower, nothing failed: the change just before is the suspect
                return self._slower_after_change(mining, analysis, changes[0]), info
            # no change logged: the first stream that started with the step, else what slowed
            return self._slower_without_change(mining, analysis), info
        lead = analysis.candidates[0] if analysis.candidates else None
        if (analysis.priority != "none" and lead is not None and lead.role == "change" and lead.explains
                and not any(c.cluster_id == lead.explains for c in causes) and (not causes or lead.score >= causes[0].score)
                and (change := mining.cluster(lead.cluster_id)) is not None and (failure := mining.cluster(lead.explains)) is not None
                and not any((cl := mining.cluster(c.cluster_id)) is not None and cl.first_seen is not None
                            and change.first_seen is not None and cl.first_seen >= change.first_seen for c in causes)):
            # the change ranked first explains failures that only show harm (failed requests, their
            # proxies' errors), and every error of its own began before it: what fails after it are its symptoms
            return self._change_before_failures(mining, analysis, change, causes, failure), info
        if not causes and analysis.priority != "none":
            change = self._change_just_before(mining, analysis)
            if change is not None:  # requests fail, nothing errs before them: the change just before is the suspect
                return self._change_before_failures(mining, analysis, change, causes), info
            return self._unexplained(mining, analysis), info
        if not causes or analysis.priority == "none":
            return self._healthy(mining, analysis), info
        # the analysis ranked first a change that explains a failure among the causes (the primary,
        # or another cluster of the failure the ranking put first when it paired them)
        explained = next((c for c in causes if lead is not None and c.cluster_id == lead.explains), None)
        if explained is None and lead is not None:
            explained = self._after_lead_change(mining, lead, causes)
        first_change = (mining.cluster(lead.cluster_id)
                        if lead is not None and lead.role == "change" and explained is not None and lead.score >= causes[0].score
                        else None)
        # the failure the report tells: the one the change explains, else the best cause
        cause = explained if first_change is not None and explained is not None else causes[0]
        primary = mining.cluster(cause.cluster_id)
        assert primary is not None
        sig = signature_by_id(cause.signature)
        related = self._related(mining, analysis, primary, sig)
        linked = self._linked(mining, primary) or (self._linked(mining, related) if related else [])
        changes = self._changes_before_onset(mining, analysis)
        # a change named first is not named again after the failure
        change_note = "" if first_change is not None else self._change_note(mining, analysis, primary, changes)
        fill = self._fill(primary, sig)
        after = "" if first_change is None else "right after it" if _soon_after(first_change, primary) else "minutes after it"
        statement = self._statement(primary, sig, fill, related, linked, cause.waited_on, after_change=after,
                                    precursor=cause.precursor, first_signal=cause.first_signal)
        statement += self._on_instances(mining, primary)
        if cause.first_signal:
            statement += self._what_followed(mining, analysis, primary)
        if related is not None and cause.echo_of == related.id and related.samples and (first_change is None or related.id != first_change.id):
            statement += f" First logged as `{self.redact(key_line(related.samples[0]))}` (cluster `{related.id}`)."
        # a change named first brings the failure it explains with it: that failure is no rival
        statement += change_note + self._rival_note(mining, analysis, [first_change.id] if first_change else [causes[0].cluster_id])
        confidence = self._confidence(mining, analysis, sig, primary, related)
        root = RootCause(
            cluster_ids=list(dict.fromkeys([primary.id] + ([related.id] if related else []))),
            statement=statement,
            category=_category(cause.category, primary, changes, deployed=deploy_before_onset(mining, analysis) is not None),
            confidence=confidence,
        )
        actions = self._actions(mining, analysis, primary, sig, fill)
        if first_change is not None:
            root, actions = self._change_first(mining, analysis, first_change, primary, root, actions)
        output = AnalystOutput(
            root_cause=root,
            five_whys=self._whys(mining, analysis, primary, sig, fill, first_change),
            impact_summary=self._impact(analysis, mining.window_end),
            remediation=actions,
            success_metrics=self._metrics(analysis, primary),
        )
        return output, info

    @staticmethod
    def _after_lead_change(mining: MiningResult, lead, causes: list):  # noqa: ANN001, ANN205 - Candidates
        """The cause a change ranked first leads to when the ranking did not tie them by name: the
        best cause, when it began after the change. The report then follows the ranking and leads
        with the change, rather than naming the failure and the change beside it (the ranking put the
        change first for its timing, what it explains or what the cause waits on)."""
        change = mining.cluster(lead.cluster_id)
        if lead.role != "change" or change is None or change.first_seen is None or not causes:
            return None
        best = causes[0]
        failure = mining.cluster(best.cluster_id)
        if failure is None or failure.first_seen is None or failure.first_seen < change.first_seen:
            return None
        return best

    def _change_first(self, mining: MiningResult, analysis: Analysis, change: ClusterStats, failure: ClusterStats,
                      root: RootCause, actions: list[Action]) -> tuple[RootCause, list[Action]]:
        """The root cause when a configuration change just before the onset explains the calls
        that fail since (see ranking._change_explains_failed_calls): the change first, then the
        failure it explains, as the analysis ranked them (the note naming the change after the
        failure is left out: the statement already leads with it)."""
        when = "right after it" if _soon_after(change, failure) else "minutes after it, with no other change in between"
        timing = f"the failure below started {when}"
        bulk = starts_bulk_work(change)
        if bulk:
            # a bulk job's work (ranking._bulk_work_before_shared_limit): its load, not a setting, is what changed
            timing = f"the job's load falls on what the failing services share, and {timing}"
        statement = f"{self._change_leads(mining, analysis, change, timing)} {root.statement}"
        ids = [change.id, failure.id]
        if _starts_deploy(analysis, change) and deploy_before_onset(mining, analysis) is not None:
            # the new instances' settings: the deploy's rollback (in `actions`) undoes them
            return RootCause(cluster_ids=ids, statement=statement, category=change_category(change, root.category),
                             confidence=min(root.confidence, 0.6)), actions
        act = Action(action=f"Check the change {_when_made(change)} (cluster `{change.id}`) and revert it "
                            "if the failing calls started with it.", timeframe="now")
        if bulk:  # a job's run is not undone by a revert: it is paused or throttled, and the failures watched
            act = Action(action=f"Pause or throttle the job (its start {_when_made(change)}, cluster `{change.id}`) and check "
                                "that the failing calls recover; rerun it later within the shared limit.", timeframe="now")
        # the category is the failure's, or what the change touched: a network policy or firewall
        # rule that stops calls is a network failure, a removed binding a permissions one
        # the generic "check the change" step for this same change would only repeat `act`
        rest = [a for a in actions if not (a.action.startswith("Check the change") and f"(cluster `{change.id}`)" in a.action)]
        return RootCause(cluster_ids=ids, statement=statement, category=change_category(change, root.category),
                         confidence=min(root.confidence, 0.6)), [act, *rest]

    def _change_sentence(self, change: ClusterStats, analysis: Analysis | None = None) -> str:
        """'A change to <kind> `<name>` logged at <time>, `<line>` (cluster `<id>`)': the object it
        changed, when the entry names one (its kind and name from the resource the audit line ends
        on, a DDL statement's table), else the entry's service (a Kubernetes audit entry's service
        is the object; an entry that names none keeps its stream's name, an audit log's)."""
        text = self.redact(key_line(change.samples[0] if change.samples else change.template))
        if analysis is not None and _starts_deploy(analysis, change):
            return (f"The new instances of `{self.redact(', '.join(change.services))}` started at {fmt_clock(change.first_seen)} "
                    f"stating what they run with, `{text}` (cluster `{change.id}`)")
        named = changed_object(change.samples[0] if change.samples else change.template)
        tables = ddl_tables(change.samples[0] if change.samples else change.template)
        named = named or (("table", tables[0]) if tables else None)  # a DDL statement changes the table it names
        # (a command's log names the program that logged it, sudo or a script, not what it changed)
        obj = "" if command_argv(text) else next((s for s in change.services if s not in PLATFORM_STREAMS and s not in text), "")
        what = (f" to {named[0]} `{self.redact(named[1])}`" if named else f" to `{self.redact(obj)}`" if obj else "")
        # the same object changed again later (a flag flipped back, a key re-enabled): when, since the
        # quoted line may be either entry; not a long-running operation's completion (`_when_made`)
        again = (f" (changed again at {fmt_clock(change.last_seen)})"
                 if change.count > 1 and change.last_seen is not None and change.first_seen is not None
                 and change.last_seen.timestamp() - change.first_seen.timestamp() >= 60 and took_effect(change) == change.first_seen
                 else "")
        return f"A change{what} {_when_made(change)}{again}, `{text}` (cluster `{change.id}`)"

    def _change_leads(self, mining: MiningResult, analysis: Analysis, change: ClusterStats, timing: str) -> str:
        """The sentence a report led by a change opens with: the change, that it is the likely cause
        and why (`timing`), and the changes made with it."""
        return (f"{self._change_sentence(change, analysis)}, shortly before the onset, is the likely cause: {timing}."
                f"{self._same_act(mining, analysis, change)}")

    def _same_act(self, mining: MiningResult, analysis: Analysis, change: ClusterStats) -> str:
        """The other changes logged with this one (`ranking.CHANGE_SET_S`: one apply, one sync, one
        migration's steps): named, since nothing in the timing tells them apart."""
        if change.first_seen is None:
            return ""
        others = [c for cand in analysis.candidates if cand.role == "change" and cand.cluster_id != change.id
                  and (c := mining.cluster(cand.cluster_id)) is not None and c.first_seen is not None
                  and abs((c.first_seen - change.first_seen).total_seconds()) <= CHANGE_SET_S]
        if not others:
            return ""
        shown = ", ".join(f"`{self.redact(key_line(c.samples[0] if c.samples else c.template))}` at {fmt_clock(c.first_seen)} "
                          f"(cluster `{c.id}`)" for c in others[:2])
        more = " and more" if len(others) > 2 else ""
        if _starts_deploy(analysis, change):  # where the deploy took effect: the deploy is its act, not its rival
            return f" They came with the deploy: {shown}{more}; their line says what the new version runs with."
        return f" Logged with it, as one act: {shown}{more}; the timing does not tell these apart."

    def _change_before_failures(self, mining: MiningResult, analysis: Analysis, change: ClusterStats, causes: list,  # noqa: ANN001
                                failure: ClusterStats | None = None) -> AnalystOutput:
        """Users are hurt and a change was logged just before the failures: on timing alone, the
        likely cause. With `failure`, the ranking found the change leading the burst
        (ranking._change_just_before_failures: one-off, no failure before it), and the failures
        since are its symptoms, `failure` the one it explains; without, nothing errs before the
        failures and the change is the last one logged within DEPLOY_LEAD_S before the onset
        (`_change_just_before`), a weaker tie. The statement names the change, the harm since, and
        an error already running before the change as another failure beside it; confidence
        stays moderate or low, as timing is the only evidence."""
        what, where = self._harm(analysis)
        cand = next((c for c in analysis.candidates if c.cluster_id == change.id), None)
        timing = ("the failures began right after it and none came before it" if failure is not None else
                  "it is the last change logged before the failures began, and no error or warning precedes them")
        statement = f"{self._change_leads(mining, analysis, change, timing)} Since {fmt_clock(analysis.onset)}, {what}{where}"
        if failure is not None:
            symptom = self.redact(key_line(failure.samples[0] if failure.samples else failure.template))
            statement += (f"; the failures after the change: `{symptom}` (cluster `{failure.id}`, {fmt_int(failure.count)} "
                          f"{'entry' if failure.count == 1 else 'entries'} from {fmt_clock(failure.first_seen)}).")
        else:
            statement += "."
        before = [c for cand_ in causes if (c := mining.cluster(cand_.cluster_id)) is not None and c.first_seen is not None
                  and change.first_seen is not None and c.first_seen < change.first_seen]
        if before:
            statement += (f" `{self.redact(key_line(before[0].samples[0] if before[0].samples else before[0].template))}` "
                          f"(cluster `{before[0].id}`) was failing before the change, at {fmt_clock(before[0].first_seen)}: "
                          "another failure beside this one, not its doing.")
        elif not causes:
            statement += " No log line names another cause."
        default = (cand.category if cand is not None and cand.category else "configuration")
        root = RootCause(cluster_ids=[change.id] + ([failure.id] if failure is not None else []), statement=statement,
                         category=change_category(change, default), confidence=0.5 if failure is not None else 0.4)
        whys = [Why(question="Why are users affected?", answer=f"Since the onset, {what}{where}.", cluster_ids=list(analysis.symptoms[:3])),
                Why(question="What changed first?", answer=f"{self._change_sentence(change, analysis)}, before any failure of the burst.",
                    cluster_ids=[change.id])]
        if failure is None:
            whys.append(Why(question="Why does that change fail requests?",
                            answer="Unknown from these logs: compare what the change did with what the failing requests need "
                                   "(the object it removed, disabled or switched).", cluster_ids=[]))
        return self._suspect_change(mining, analysis, change, root, whys, "the failures started with it", "the failed-request share",
                                    "Failed-request share back at its level before the onset.")

    # ------------------------------------------------------------------ pieces

    def _fill(self, c: ClusterStats, sig: Signature | None) -> _Fill:
        named = _EXC_NAME.search(key_line(c.samples[0] if c.samples else c.template))
        fill = _Fill(service=(c.services[0] if c.services else "The service"),
                     exception=c.exception or (named.group(1) if named else "exception"))
        for m in match_signatures(c):
            if sig and m.signature.id == sig.id:
                fill.update({k: self.redact(v) for k, v in m.groups.items()})
        if fill.get("permission"):
            fill["permission_clause"] = f" ('{fill['permission']}')"
        return fill

    def _statement(
        self, c: ClusterStats, sig: Signature | None, fill: _Fill, related: ClusterStats | None, linked: list[str],
        callee: str | None = None, after_change: str = "", precursor: bool = False, first_signal: bool = False,
    ) -> str:
        sample = c.samples[0] if c.samples else c.template
        evidence = self.redact(self._headline(c))
        if sig and sig.statement:
            head = sig.statement.format_map(fill)
        elif callee:
            head = _waited_on_statement(fill["service"], callee)
        elif precursor:
            head = (f"{fill['service']} warned before it failed: the number in this warning ran steadily one way "
                    f"until its errors began, and the errors after it are its consequence.")
        elif first_signal:
            head = (f"{fill['service']} showed its failure here first: this began minutes before its other failures "
                    f"and ran on through them, and those are its consequence.")
        else:
            what = f"{c.exception} errors" if c.exception else "a new error"
            # after a change named first, the change is the deeper cause the failure's own lines do not name
            head = (f"{fill['service']} started logging {what} {after_change}." if after_change else
                    f"{fill['service']} started logging {what} just before the failures began; the logs do not name a deeper cause.")
        text = f"{head} First evidence at {fmt_clock(c.first_seen)}: `{evidence}`"
        detail = self.redact(detail_line(sample))
        if detail:
            text += f" (`{detail}`)"
        context = self.redact(context_line(sample))
        if context and context not in evidence:
            text += f", logged as `{context}`"
        texts = [key_line(sample), detail_line(sample)] + ([key_line(related.samples[0])] if related and related.samples else []) + c.samples[:2]
        texts += [key_line(s) for s in linked]  # what the failing calls were calling
        names = [self.redact(n) for n in entities(texts)]
        names = [n for n in names if n not in text]
        if names:
            text += ". Involved: " + ", ".join(f"`{n}`" for n in names)
        return text + "."

    def _on_instances(self, mining: MiningResult, c: ClusterStats) -> str:
        """Where the failure sits when it is confined to one or two of the instances its service
        logs from (a bad host, a pod, a node): the reader's next step is that instance. Only when
        lines spread evenly over the service's instances would rarely (< 1%) land on so few."""
        top = c.top_instances
        k = len(top)
        if not c.services or not 1 <= c.instances <= 2 or k != c.instances:
            return ""
        service = c.services[0]
        fleet = max((o.instances for o in mining.clusters if service in o.services), default=0)
        on = sum(n for _, n in top)
        if fleet <= k or math.comb(fleet, k) * (k / fleet) ** on >= 0.01:
            return ""
        share = f"all {fmt_int(c.count)} of its lines" if on == c.count else f"{fmt_int(on)} of its {fmt_int(c.count)} lines"
        if k == 1:
            where = f"instance `{self.redact(top[0][0])}` ({share})"
        else:
            names = [f"`{self.redact(name)}` ({fmt_int(n)} line{'' if n == 1 else 's'})" for name, n in top]
            where = f"instances {' and '.join(names)}, {share}"
        return f" It is confined to {where}; the other instances of `{self.redact(service)}` do not log it."

    @staticmethod
    def _headline(c: ClusterStats) -> str:
        """The line that names the failure: the sample's exception line, or the mined template
        (a folded trace's headline) when the sample was cut before it."""
        line = key_line(c.samples[0] if c.samples else c.template)
        return excerpt(c.template, 160) if is_fragment(line) else line

    def _linked(self, mining: MiningResult, primary: ClusterStats, limit: int = 3) -> list[str]:
        """First samples of the clusters seen right before or after the cause on the same instance/trace."""
        links = sorted((lk for lk in mining.links if primary.id in (lk.source, lk.target)), key=lambda lk: -lk.count)
        out = []
        for lk in links:
            other = mining.cluster(lk.target if lk.source == primary.id else lk.source)
            if other is not None and other.samples and other.errors:
                out.append(other.samples[0])
            if len(out) >= limit:
                break
        return out

    def _changes_before_onset(self, mining: MiningResult, analysis: Analysis) -> list[ClusterStats]:
        """Change events (deploys, IAM / secret / config changes) shortly before the onset."""
        if analysis.onset is None:
            return []
        out = []
        for cand in analysis.candidates:
            c = mining.cluster(cand.cluster_id)
            if cand.role == "change" and c is not None and c.first_seen is not None and mining.window_start is not None:
                lead = (analysis.onset - c.first_seen).total_seconds()
                opened = (c.first_seen - mining.window_start).total_seconds()
                if -120 <= lead <= 3600 and opened >= NEW_REVISION_GAP_S and not analysis.mid_incident:
                    out.append(c)
        return out

    def _related(self, mining: MiningResult, analysis: Analysis, primary: ClusterStats, sig: Signature | None) -> ClusterStats | None:
        """A second cluster that carries the same cause: the line that logged the same failure
        first (the primary repeats it), or another cluster of the same signature."""
        top = next((c for c in analysis.candidates if c.cluster_id == primary.id), None)
        if top is not None and top.echo_of and (origin := mining.cluster(top.echo_of)) is not None:
            return origin
        for cand in analysis.candidates[1:]:
            other = mining.cluster(cand.cluster_id)
            if other is None:
                continue
            if sig and cand.signature == sig.id and cand.role == "cause":
                return other
        return None

    def _change_note(self, mining: MiningResult, analysis: Analysis, primary: ClusterStats, changes: list[ClusterStats]) -> str:
        """Name the changed thing (revision and who deployed it, or the change entry) and the failure it precedes."""
        deploy = deploy_before_onset(mining, analysis)
        others = [c for c in changes if deploy is None or c.id != deploy.cluster_id]
        if deploy is not None and deploy.revision:
            by = f" (deployed by {self.redact(deploy.who)})" if deploy.who else ""
            note = (f" Revision `{self.redact(deploy.revision)}`{by} was first seen {_deploy_when(deploy, analysis)}:"
                    f" the errors of cluster `{primary.id}` follow that deploy.")
            if others:  # a flag or config switch as well: the nearest one before the onset is named too
                nearest = max(others, key=lambda c: c.first_seen)  # type: ignore[arg-type,return-value]
                text = self.redact(key_line(nearest.samples[0] if nearest.samples else nearest.template))
                note += f" Also just before: `{text}` at {fmt_clock(nearest.first_seen)} (cluster `{nearest.id}`)."
            return note
        if changes:
            named = [f"`{self.redact(key_line(c.samples[0] if c.samples else c.template))}` at {fmt_clock(c.first_seen)} (cluster `{c.id}`)"
                     for c in changes[:2]]
            if len(named) == 1:
                image = _image_rolled_out(mining, changes[0])
                rolled = f"; the image it rolled out is `{self.redact(image)}`" if image else ""
                return f" A change came shortly before: {named[0]}{rolled}; the errors of cluster `{primary.id}` follow it."
            return f" Changes came shortly before: {named[0]} and {named[1]}; the errors of cluster `{primary.id}` follow them."
        return ""

    def _what_followed(self, mining: MiningResult, analysis: Analysis, first: ClusterStats) -> str:
        """A first signal's statement names the failure that followed it on its component (the
        candidate ranked highest of those `ranking._first_signal` marked as following it): what
        the reader sees failing is what this explains."""
        after = next((c for c in analysis.candidates if c.echo_of == first.id and c.role == "cause"), None)
        follower = mining.cluster(after.cluster_id) if after is not None else None
        if follower is None:
            return ""
        return (f" Its component's later failure followed it: `{self.redact(self._headline(follower))}` "
                f"(cluster `{follower.id}`), first at {fmt_clock(follower.first_seen)}.")

    def _rival_note(self, mining: MiningResult, analysis: Analysis, named: list[str]) -> str:
        """When the evidence does not single out the cause named (`named`: its cluster ids), say so
        and name what tells them apart: the competing explanations as close to the best cause as
        the first one (CLOSE_SCORES), two at most, so that a tie of three is read as one."""
        rivals = competing(analysis, named)
        if not analysis.hypotheses_close or not rivals:
            return ""
        best = next(c.score for c in analysis.candidates if c.role == "cause")
        close = [c for c in rivals[:2] if best - c.score < CLOSE_SCORES] or rivals[:1]
        shown = [(c, cl) for c in close if (cl := mining.cluster(c.cluster_id)) is not None]
        if not shown:
            return ""
        listed = " and ".join(f"cluster `{cl.id}`{f' in {cl.services[0]}' if cl.services else ''}, first at {fmt_clock(cl.first_seen)},"
                              for _, cl in shown)
        one = len(shown) == 1
        return (f" The evidence does not single out this cause: {listed} {'fits' if one else 'fit'} nearly as well. To tell them apart,"
                f" check which of the {'two' if one else 'three'} the failing requests or operations hit first on the same trace or"
                f" instance, and which one stops when the {'other is' if one else 'others are'} fixed.")

    def _confidence(self, mining: MiningResult, analysis: Analysis, sig: Signature | None, primary: ClusterStats,
                    related: ClusterStats | None = None) -> float:
        """Higher when the best cause leads the best *competing* explanation (another signature),
        and when a known failure mode explains it. A failure that only says a call or the process
        failed (`gives_no_reason`: a timeout, a refused connection) gets no such credit: what it
        waited on is the question, and a named signature does not answer it. Never "high" for a
        cause tied to the harm by nothing but its rank (`tied_to_harm`: its service failed no
        requests, no line of the harm names it): such causes were right about half the time."""
        top = next(c for c in analysis.candidates if c.role == "cause")
        rivals = competing(analysis, [top.cluster_id])
        gap = top.score - rivals[0].score if rivals else top.score
        explained = sig is not None and not gives_no_reason(primary, sig.id)
        conf = 0.45 + min(0.3, 0.1 * gap) + (0.15 if explained else 0.0)
        if analysis.hypotheses_close:
            conf = min(conf, 0.5)  # two explanations fit about equally well
        if analysis.mid_incident:
            conf -= 0.1  # the window opens mid-incident: its start is not in these logs
        if not tied_to_harm(mining, analysis, [primary.id] + ([related.id] if related is not None else [])):
            conf = min(conf, UNTIED_CONFIDENCE)
        return round(min(0.95, max(0.2, conf)), 2)

    def _whys(self, mining: MiningResult, analysis: Analysis, primary: ClusterStats, sig: Signature | None, fill: _Fill,
              change: ClusterStats | None = None) -> list[Why]:
        """Five whys from the users' harm down to the first error and what explains it: the failure
        signature's mechanism, the callee it waits on, or `change` (a change named first, just
        before it) when its own words say nothing more."""
        imp = analysis.impact
        callee = next((c.waited_on for c in analysis.candidates if c.cluster_id == primary.id), None)
        symptoms = [mining.cluster(i) for i in analysis.symptoms]
        symptoms = [s for s in symptoms if s is not None]
        request_syms = [s.id for s in symptoms if s.http_statuses]
        restart_syms = [s.id for s in symptoms if any(m.signature.role == "symptom" and m.signature.id in ("container-exit", "startup-failed") for m in match_signatures(s))]
        whys: list[Why] = []
        if imp.incident_failed_requests:
            whys.append(Why(
                question="Why are users affected?",
                answer=(f"{fmt_int(imp.incident_failed_requests)} of {fmt_int(imp.incident_requests)} requests since the onset "
                        f"failed with a server error ({fmt_share(imp.incident_failed_requests, imp.incident_requests)})."
                        + _where_requests_fail(analysis)),
                cluster_ids=request_syms[:3],
            ))
        elif imp.signals:
            top = imp.signals[0]
            shown = [cid for cid in top.cluster_ids if (c := mining.cluster(cid)) is not None and c.severity in _SHOWN]
            whys.append(Why(
                question="Why are users affected?",
                answer=f"Since the onset, {top.text}.",
                cluster_ids=shown[:3],  # the report lists clusters at WARNING or above
            ))
        else:
            whys.append(Why(
                question="What is going wrong?",
                answer=f"{fmt_int(imp.error_entries)} entries at ERROR or above were logged; no failed requests are visible in these logs.",
                cluster_ids=[primary.id],
            ))
        if restart_syms and imp.restarts:  # a job's clean exit matches the words but restarts nothing
            crashing = ", ".join(sorted({sv for s in symptoms if s.id in restart_syms for sv in s.services})) or "The service's"
            whys.append(Why(
                question="Why do requests fail?",
                answer=(f"{crashing} instances fail to start or exit: {fmt_int(imp.restarts)} container exits and failed"
                        " starts were logged, so requests that reach them fail."),
                cluster_ids=restart_syms[:3],
            ))
        elif request_syms:
            whys.append(Why(
                question="Why do requests fail?",
                answer="The service returns errors while handling them; the errors below appear on the same instances just before the failed responses.",
                cluster_ids=[primary.id] + request_syms[:1],
            ))
        evidence = self.redact(self._headline(primary))
        whys.append(Why(
            question="Why does the service fail?" if restart_syms else "Which error comes first?",
            answer=(f"{fill['service']} logs `{evidence}`, first at {fmt_clock(primary.first_seen)}, "
                    f"{fmt_int(primary.count)} {'time' if primary.count == 1 else 'times'} in the window."),
            cluster_ids=[primary.id],
        ))
        ids = [primary.id]
        if sig and sig.mechanism:
            why = sig.mechanism.format_map(fill)
        elif callee:
            why = _waited_on_mechanism(callee, next((c.category for c in analysis.candidates if c.cluster_id == primary.id), None))
        elif change is not None:
            why = (f"It began right after a change: {self._change_sentence(change, analysis)}. The logs do not say how the change "
                   "causes it: compare what the change did with what the failing code needs.")
            ids.append(change.id)
        else:
            why = "Unknown from these logs: the error message does not say why; inspect the stack trace and recent changes."
        whys.append(Why(question="Why does that error happen?", answer=why, cluster_ids=ids))
        whys.append(Why(
            question="Why was it not caught before it reached users?",
            answer=(f"Not visible in these logs; check: {_as_check(sig.process.format_map(fill))}" if sig and sig.process
                    else "Unknown from these logs: check whether the change that introduced it went through tests and a canary."),
            cluster_ids=[],
        ))
        return whys[:5]

    def _impact(self, analysis: Analysis, analysis_end=None) -> str:  # noqa: ANN001 - datetime | None
        """Impact in words; says whether errors stopped (quiet for QUIET_S before the window's end)."""
        imp = analysis.impact
        parts = []
        if imp.incident_requests:
            parts.append(f"{fmt_int(imp.incident_failed_requests)} of {fmt_int(imp.incident_requests)} requests failed since the onset ({fmt_share(imp.incident_failed_requests, imp.incident_requests)})")
        if imp.failing_service_requests:
            named = [s for s in imp.failing_services[:3] if s not in PLATFORM_STREAMS]
            where = (f"on the failing {'service' if len(imp.failing_services) == 1 else 'services'} {', '.join(imp.failing_services[:3])}"
                     if len(named) == len(imp.failing_services[:3]) else f"of the {failing_traffic(imp.failing_services)}")
            parts.append(f"{where} alone, {fmt_int(imp.failing_service_failed_requests)} of "
                         f"{fmt_int(imp.failing_service_requests)} ({fmt_share(imp.failing_service_failed_requests, imp.failing_service_requests)}): "
                         "the other services' requests did not fail")
        if imp.restarts:
            parts.append(f"{fmt_int(imp.restarts)} container exits or failed starts")
        if imp.services:
            parts.append("services with errors: " + ", ".join(imp.services))
        for sig in imp.signals:
            if sig.kind not in ("server-errors", "restarts"):
                parts.append(sig.text)  # the other measured impacts, numbers from code
        if imp.duration_s is not None:
            quiet = (analysis_end - imp.last_error).total_seconds() if analysis_end and imp.last_error else 0
            if quiet >= QUIET_S:
                parts.append(f"errors lasted {fmt_duration(imp.duration_s)} and stopped at {fmt_clock(imp.last_error)}")
            else:
                parts.append(f"errors have lasted {fmt_duration(imp.duration_s)} so far")
        if analysis.mid_incident:
            parts.append("the window opens with the incident under way, so its start is not in these logs")
        if not parts:
            return "No user-facing impact is visible in these logs."
        text = "; ".join(parts) + "."
        return text[0].upper() + text[1:]

    def _actions(self, mining: MiningResult, analysis: Analysis, primary: ClusterStats, sig: Signature | None, fill: _Fill) -> list[Action]:
        """Rollback only when a deploy is shown to precede the onset (naming the revision and who
        deployed it when logged); otherwise a check of the deploy history, never a rollback."""
        actions: list[Action] = []
        deploy = deploy_before_onset(mining, analysis)
        # (a deploy's new instances' first line is that deploy: its rollback covers it)
        changes = [c for c in self._changes_before_onset(mining, analysis)
                   if not deploy or c.id != deploy.cluster_id and not _starts_deploy(analysis, c)]
        if deploy is not None:
            what = f"revision `{self.redact(deploy.revision)}`" if deploy.revision else "the deploy"
            logged = f" (logged in cluster `{deploy.cluster_id}`)" if deploy.cluster_id else ""
            by = f", deployed by {self.redact(deploy.who)}" if deploy.who else ""
            when = _deploy_when(deploy, analysis)
            actions.append(Action(action=f"Roll back: {what} was first seen {when}{logged}{by}; send traffic to the previous revision.", timeframe="now"))
        elif not changes:
            onset = f" just before {fmt_clock(analysis.onset)}" if analysis.onset else ""
            actions.append(Action(action=f"Check the deploy and configuration history for a change{onset}: these logs show no new revision or deploy before the onset.", timeframe="now"))
        if changes:  # a logged change (config, flag, audit entry) before the onset: the first thing to check
            actions.append(Action(action=f"Check the change {_when_made(changes[0])} (cluster `{changes[0].id}`): revert it if the failure started with it.", timeframe="now"))
        if sig:
            for a in sig.actions:
                text = a["action"].format_map(fill)
                if not _ROLLBACK.search(text):
                    actions.append(Action(action=text, timeframe=a["timeframe"]))
        else:
            actions.append(Action(action=f"Inspect the stack trace and samples of cluster `{primary.id}` next to the code path it names.", timeframe="now"))
            actions.append(Action(action="Fix the failing code path and add a regression test for it.", timeframe="this week"))
        actions.append(Action(action=f"Confirm recovery: cluster `{primary.id}` stops and the server-error rate returns to its baseline.", timeframe="after the fix"))
        return actions

    def _metrics(self, analysis: Analysis, primary: ClusterStats) -> list[str]:
        metrics = [f"No new entries in cluster `{primary.id}` for an hour after the fix."]
        if analysis.impact.incident_failed_requests:
            metrics.append("The server-error share of requests back at its pre-incident baseline.")
        if analysis.impact.restarts:
            metrics.append("No container exits or failed instance starts.")
        return metrics

    def _slower_without_change(self, mining: MiningResult, analysis: Analysis) -> AnalystOutput:
        """A latency regression with no change logged before it. The suspect is the first stream
        (any level) that started with the step: slow queries, pool waits, cache reloads, retries.
        With none, the report says which endpoint slowed, by how much and since when, and that
        these logs do not show why, rather than "no root cause"."""
        imp = analysis.impact
        slower = next((s.text for s in imp.signals if s.kind == "latency"), "request latency rose")
        first = [c for cand in analysis.candidates if cand.role == "cause" and (c := mining.cluster(cand.cluster_id)) is not None]
        first.sort(key=lambda c: c.first_seen.timestamp() if c.first_seen else float("inf"))
        since = fmt_clock(analysis.onset)
        actions = [Action(action="Confirm recovery: request latency back at its level before the onset.", timeframe="after the fix")]
        if first:
            c = first[0]
            cand = next(x for x in analysis.candidates if x.cluster_id == c.id)
            text = self.redact(key_line(c.samples[0] if c.samples else c.template))
            statement = (f"Requests got slower from {since} on without failing: {slower}. No change is logged before it; "
                         f"the first new log stream at that time is `{text}` (cluster `{c.id}`, first at {fmt_clock(c.first_seen)}, "
                         f"{fmt_int(c.count)} {'time' if c.count == 1 else 'times'}): the work it logs is the likely source of the added latency.")
            root = RootCause(cluster_ids=[c.id], statement=statement, category=cand.category or "other", confidence=0.4)
            whys = [Why(question="Why are users affected?", answer=f"Since the onset, {slower}.", cluster_ids=[]),
                    Why(question="What started with it?", answer=f"`{text}` from {fmt_clock(c.first_seen)} on, absent before.",
                        cluster_ids=[c.id])]
            actions.insert(0, Action(action=f"Check what cluster `{c.id}` logs (first at {fmt_clock(c.first_seen)}) and why it started: "
                                            "it began with the added latency.", timeframe="now"))
        else:
            where = (f"{imp.slowed_endpoint} slowed most, from {fmt_seconds(imp.slowed_before_s)} to {fmt_seconds(imp.slowed_after_s)} "
                     "on average" if imp.slowed_endpoint else "requests slowed")
            statement = (f"Requests got slower from {since} on without failing: {where}. These logs show no change, error or new "
                         "log stream before or at the step, so its cause is outside them: a dependency's latency, load, or "
                         "resource limits of the instances.")
            root = RootCause(cluster_ids=[], statement=statement, category="other", confidence=0.2)
            whys = [Why(question="Why are users affected?", answer=f"Since the onset, {slower}.", cluster_ids=[]),
                    Why(question="What changed?", answer="Unknown from these logs: nothing new is logged before or at the step.",
                        cluster_ids=[])]
            actions.insert(0, Action(action=(f"Trace {'`' + imp.slowed_endpoint + '`' if imp.slowed_endpoint else 'the slowed requests'} "
                                             f"from {since} on: which call inside it takes the added time (database, downstream "
                                             "service, CPU throttling)."), timeframe="now"))
        return AnalystOutput(root_cause=root, five_whys=whys, impact_summary=self._impact(analysis, mining.window_end),
                             remediation=actions, success_metrics=["Mean and p95 request latency back at their pre-step level."])

    def _slower_after_change(self, mining: MiningResult, analysis: Analysis, change: ClusterStats) -> AnalystOutput:
        """A latency regression without errors: requests slowed from the onset on, right after a
        change event. The change is named, and when it deployed a revision, the lines that revision
        logs and no earlier one did: the new behaviour (per-request work first, then startup
        lines). Confidence stays moderate."""
        cand = next((c for c in analysis.candidates if c.cluster_id == change.id), None)
        text = self.redact(key_line(change.samples[0] if change.samples else change.template))
        slower = next((s.text for s in analysis.impact.signals if s.kind == "latency"), "request latency rose")
        deploy = deploy_before_onset(mining, analysis)
        novel = self._new_revision_lines(mining, deploy.revision) if deploy is not None and deploy.revision else []
        statement = (f"Requests got slower from {fmt_clock(analysis.onset)} on without failing: {slower}. "
                     f"The change logged just before, `{text}` at {fmt_clock(change.first_seen)} (cluster `{change.id}`), "
                     "is the only new event at that time.")
        if novel:
            shown = "; ".join(f"`{self.redact(key_line(c.samples[0] if c.samples else c.template))}` "
                              f"({fmt_int(c.count)} {'time' if c.count == 1 else 'times'}, cluster `{c.id}`)" for c in novel[:2])
            statement += (f" The revision it deployed, `{self.redact(deploy.revision)}`, logs lines no earlier revision "  # type: ignore[union-attr]
                          f"logged: {shown}. The new behaviour they show is the likely cause of the added latency.")
        elif deploy is not None and deploy.revision:
            statement += f" Revision `{self.redact(deploy.revision)}` was first seen with it: what it changed made requests slower."
        else:
            statement += " What it changed made requests slower."
        ids = [c.id for c in novel[:2]] + [change.id]
        root = RootCause(cluster_ids=ids, statement=statement,
                         category=(cand.category if cand and cand.category else "configuration"), confidence=0.5)
        whys = [
            Why(question="Why are users affected?", answer=f"Since the onset, {slower}.", cluster_ids=[]),
            Why(question="What changed?", answer=f"`{text}` at {fmt_clock(change.first_seen)}, just before latency rose.",
                cluster_ids=[change.id]),
            Why(question="Why does that change slow requests?",
                answer=("The new revision does work the old one did not: see the new lines of cluster"
                        f"{'s' if len(novel) > 1 else ''} {', '.join(f'`{c.id}`' for c in novel[:2])}." if novel else
                        "Unknown from these logs: compare the configuration before and after the change (new settings, "
                        "synchronous work added to the request path, smaller pools or limits)."),
                cluster_ids=[c.id for c in novel[:2]]),
        ]
        return self._suspect_change(mining, analysis, change, root, whys, "latency rose with it", "request latency",
                                    "Mean and p95 request latency back at their pre-change level.")

    def _suspect_change(self, mining: MiningResult, analysis: Analysis, change: ClusterStats, root: RootCause,
                        whys: list[Why], revert_if: str, measure: str, metric: str) -> AnalystOutput:
        """The report of a change suspected on its timing: check it and revert it `revert_if`, then
        confirm `measure` is back at its level before the onset."""
        actions = [
            Action(action=f"Check the change {_when_made(change)} (cluster `{change.id}`): "
                          f"revert it if {revert_if}.", timeframe="now"),
            Action(action=f"Confirm recovery: {measure} back at its level before the onset.", timeframe="after the fix"),
        ]
        return AnalystOutput(root_cause=root, five_whys=whys, impact_summary=self._impact(analysis, mining.window_end),
                             remediation=actions, success_metrics=[metric])

    @staticmethod
    def _new_revision_lines(mining: MiningResult, revision: str) -> list[ClusterStats]:
        """Application lines (not the platform's request or system logs) only this revision wrote,
        below WARNING, first seen after the window opened: the most frequent first (work on every
        request), then by first appearance."""
        if mining.window_start is None:
            return []
        opened = mining.window_start.timestamp()
        out = [c for c in mining.clusters
               if c.revisions == [revision] and not c.http_statuses and not c.errors and c.first_seen is not None
               and SEVERITY_RANK.get(c.severity, 0) < WARNING_RANK and c.first_seen.timestamp() - opened >= NEW_REVISION_GAP_S
               and not set(c.streams) & PLATFORM_STREAMS]
        out.sort(key=lambda c: (-c.count, c.first_seen, c.id))  # type: ignore[arg-type,return-value]
        return out

    def _harm(self, analysis: Analysis) -> tuple[str, str]:
        """What fails (the first impact signal's phrase) and where ('; the most failed endpoint is …'
        or ""): how the reports of a cause told by timing alone, or of none, say the harm."""
        imp = analysis.impact
        what = imp.signals[0].text if imp.signals else (analysis.priority_reason or "requests fail")
        worst = next((e for e in imp.endpoints if e.failed), None)
        where = (f"; the most failed endpoint is `{self.redact(worst.endpoint)}` ({fmt_int(worst.failed)} of "
                 f"{fmt_int(worst.total)})" if worst else "")
        return what, where

    def _change_just_before(self, mining: MiningResult, analysis: Analysis) -> ClusterStats | None:
        """The latest change logged within DEPLOY_LEAD_S before the onset (or in its minute), or None."""
        if analysis.onset is None:
            return None
        near = [c for c in self._changes_before_onset(mining, analysis)
                if -60 <= (analysis.onset - c.first_seen).total_seconds() <= DEPLOY_LEAD_S]  # type: ignore[operator]
        return max(near, key=lambda c: c.first_seen, default=None)  # type: ignore[arg-type,return-value]

    def _unexplained(self, mining: MiningResult, analysis: Analysis) -> AnalystOutput:
        """Users are hurt (the priority is measured) but no log line stands out as the cause: say
        what fails, where and since when, that these logs do not show why, and where to look,
        rather than "no incident"."""
        imp = analysis.impact
        since = f" from {fmt_clock(analysis.onset)} on" if analysis.onset else ""
        what, where = self._harm(analysis)
        worst = next((e for e in imp.endpoints if e.failed), None)  # named again where to look
        services = [s for s in imp.failing_services or imp.services if s not in PLATFORM_STREAMS][:3]
        who = f" on {', '.join(services)}" if services else ""
        seen = ("the errors that start with the failures read as their symptoms, and nothing fails or changes before them"
                if analysis.symptoms else "nothing in them fails or changes before the failures begin")
        statement = (f"Users are affected{since}: {what}{who}{where}. No log line in this window singles out a cause: "
                     f"{seen}, so the cause is in a part that logs nothing here (a backend, the network path, a "
                     "dependency) or before the window.")
        root = RootCause(cluster_ids=[], statement=statement, category="other", confidence=0.2)
        whys = [Why(question="Why are users affected?", answer=f"Since the onset, {what}{where}.", cluster_ids=list(analysis.symptoms[:3])),
                Why(question="What fails first?", answer="Unknown from these logs: no error, warning or change starts "
                    "before the failed requests.", cluster_ids=[])]
        target = f"`{self.redact(worst.endpoint)}`" if worst else "the failing requests"
        actions = [
            Action(action=f"Follow {target} past the service that answered it{since}: the backend or dependency it calls, "
                          "its health checks and the network path between them; these logs hold no line from the part that fails.",
                   timeframe="now"),
            Action(action=(f"Check the deploy, configuration and infrastructure history for a change shortly before "
                           f"{fmt_clock(analysis.onset)}" if analysis.onset else
                           "Check the deploy, configuration and infrastructure history for a recent change")
                          + " that these logs do not record.", timeframe="now"),
            Action(action="Confirm recovery: the failed-request share back at its level before the onset.", timeframe="after the fix"),
        ]
        return AnalystOutput(root_cause=root, five_whys=whys, impact_summary=self._impact(analysis, mining.window_end),
                             remediation=actions, success_metrics=["Failed-request share back at its level before the onset."])

    def _healthy(self, mining: MiningResult, analysis: Analysis) -> AnalystOutput:
        imp = analysis.impact
        failed = (
            f"{fmt_int(imp.failed_requests)} of {fmt_int(imp.total_requests)} requests failed with a server error ({fmt_share(imp.failed_requests, imp.total_requests)})"
            if imp.total_requests
            else "no request logs in the window"
        )
        return AnalystOutput(
            root_cause=None,
            five_whys=[],
            impact_summary=f"No incident: no error burst in this window; {failed}.",
            remediation=[Action(action="No action needed; recurring warnings listed as noise can be cleaned up at leisure.", timeframe="backlog")],
            success_metrics=[],
        )


def _category(category: str | None, primary: ClusterStats, changes: list[ClusterStats], deployed: bool = False) -> str | None:
    """A network failure (an unresolvable name, a refused address) that starts right after a rollout
    of the same service is that rollout's configuration, not the network. A dependency that fails
    its callers (rate limits, timeouts) right after a change put a fault on the network path or a
    load on a host fails for what that change did (fault_kind). A failure the code raised, or a
    refusal, whose first line comes right after a one-off change to an object (a bucket's policy,
    an endpoint's traffic split, a subnet's setting; not a deploy, and no new revision before the
    onset: then the new code is as likely) fails for what that change set (change_category)."""
    if category == "upstream-dependency":
        return next((kind for change in changes if (kind := fault_kind(change))), category)
    if category in ("code-bug", "permissions") and not deployed and (change := _one_off_change_before(primary, changes)) is not None:
        return change_category(change, category)
    if category != "network":
        return category
    for change in changes:
        if set(change.services) & set(primary.services) and is_deploy(change):
            return "configuration"
    return category


ONE_OFF_CHANGES = 3  # a change logged this many times or fewer is one act (a setting, perhaps put back), not a routine renewal


def _one_off_change_before(primary: ClusterStats, changes: list[ClusterStats]) -> ClusterStats | None:
    """The latest one-off change (not a deploy) logged before the failure's own first line."""
    if primary.first_seen is None:
        return None
    before = [c for c in changes if c.first_seen is not None and c.first_seen <= primary.first_seen and c.count <= ONE_OFF_CHANGES
              and not is_deploy(c) and not _stated_by_the_failing_program(c, primary)]
    return max(before, key=lambda c: c.first_seen, default=None)  # type: ignore[arg-type,return-value]


def _stated_by_the_failing_program(change: ClusterStats, primary: ClusterStats) -> bool:
    """Is the change a line the failing program itself logged stating a value, which no change
    signature knows (`ranking._stated_change`)? The program then raised its own error: its code met
    the new value and failed, so the failure keeps its own category (`ranking._own_failure_after_stated`)."""
    return bool(set(change.services) & set(primary.services)) and not match_signatures(change, roles=("change",))


# a container image the platform pulled for a pod ('Successfully pulled image "…:v2"', 'Pulling image "…"')
_PULLED_IMAGE = re.compile(r"\b(?:pulled|pulling) image \\?\"([^\"\\\s]+)", re.IGNORECASE)
ROLLOUT_PULL_S = 600  # an image pulled for the changed workload this soon after the change is what it rolled out


def _image_rolled_out(mining: MiningResult, change: ClusterStats) -> str:
    """The image a rollout of a workload (its service is the changed object) brought in: the first
    image pulled for the same workload within ROLLOUT_PULL_S after the change ("" when none)."""
    if change.first_seen is None:
        return ""
    start = change.first_seen.timestamp()
    pulls = []
    for c in mining.clusters:
        if c.first_seen is None or not set(c.services) & set(change.services) or not 0 <= c.first_seen.timestamp() - start <= ROLLOUT_PULL_S:
            continue
        m = next((m for sample in c.samples[:1] if (m := _PULLED_IMAGE.search(sample))), None)
        if m is not None:
            pulls.append((c.first_seen, m.group(1)))
    return min(pulls)[1] if pulls else ""


FEATURE_SHARE = 0.8  # the endpoints that hold this share of the failed requests are where it fails
FEATURE_ENDPOINTS = 3  # ... when they are this few: a feature, not the whole service


def _where_requests_fail(analysis: Analysis) -> str:
    """Which endpoints the failed requests are on, when a few of them hold nearly all failures while
    other endpoints serve their requests: the feature that is broken, as a user would name it."""
    endpoints = sorted((e for e in analysis.requests.endpoints if e.failed), key=lambda e: -e.failed)
    total = sum(e.failed for e in endpoints)
    top, held = [], 0
    for e in endpoints:
        if held >= FEATURE_SHARE * total:
            break
        top.append(e)
        held += e.failed
    served = [e for e in analysis.requests.endpoints if e not in top and e.total and e.failed * 50 <= e.total]
    if not top or len(top) > FEATURE_ENDPOINTS or not served:
        return ""
    names = " and ".join(f"`{e.endpoint}`" for e in top)
    return f" The failures are on {names}; the other endpoints' requests are served."


def _waited_on_statement(service: str, callee: str) -> str:
    """A cascade's root cause when the cluster is the signal of what callers wait on
    (ranking._waiting_callers_below_callee), not the callers' timeouts."""
    if callee != service:  # a proxy's record of the calls: the callee logs nothing itself
        return (f"{service}'s calls to {callee} get no answer in time (its proxy records the calls it gave up on), "
                f"so the requests that need {callee} fail; {callee} logs no error itself: check its latency and the network path to it.")
    return (f"Callers began to wait (timeouts, pool waits) as {callee} changed: its own signal, logged without an error, "
            "started by the time the waits began, and the failures follow from the waits.")


# what a callee that answers too slowly is short of, by the category of its own signal
_SLOW_BECAUSE = {
    "resource-exhaustion": "it is starved of CPU or memory (its own signal: throttling, thread starvation, GC pauses)",
    "network": "the network path to it adds delay or loses packets (a partition, a policy, injected delay)",
    "database": "its query times grew (slow queries, lock waits, connections held)",
}


def _waited_on_mechanism(callee: str, category: str | None = None) -> str:
    why = _SLOW_BECAUSE.get(category or "", "it answers too slowly or takes what they need (CPU starvation, network delay or loss, "
                                             "slow queries, connections)")
    return f"The callers wait until their deadlines on what {callee} serves or holds: {why}, and its signal changed first."


def _soon_after(change: ClusterStats, failure: ClusterStats) -> bool:
    """Did the failure start within CHANGE_LEAD_S of the change ("right after it")? A change whose
    effect waited for the next use (ranking's lagging change) is said to come minutes before."""
    if change.first_seen is None or failure.first_seen is None:
        return True
    return (failure.first_seen - change.first_seen).total_seconds() <= CHANGE_LEAD_S
