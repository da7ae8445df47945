"""`rca mine` output: the clusters alone, as a terminal table or JSON."""

from __future__ import annotations

from rca.models import MiningResult
from rca.fmt import fmt_int, fmt_share, fmt_time


def render_mining_json(result: MiningResult) -> str:
    """Pydantic writes NaN and infinities as null: the output is always valid JSON."""
    return result.model_dump_json(indent=2)


def render_mining_table(result: MiningResult, top: int = 30) -> str:
    lines = [
        f"{fmt_int(result.total_entries)} records in {fmt_int(len(result.clusters))} clusters, "
        f"{fmt_time(result.window_start)} to {fmt_time(result.window_end)}",
        "",
        f"{'cluster':<9} {'count':>9} {'share':>6}  {'severity':<9} template",
    ]
    for c in result.clusters[:top]:
        template = c.template.replace("\n", " ⏎ ")
        template = template if len(template) <= 110 else template[:109] + "…"
        lines.append(f"{c.id:<9} {c.count:>9,} {fmt_share(c.count, result.total_entries):>6}  {c.severity:<9} {template}")
    if len(result.clusters) > top:
        lines.append(f"… {len(result.clusters) - top:,} more (use --top or --format json)")
    if result.other:
        lines.append(f"{result.other.entries:,} records of {result.other.clusters:,} smaller clusters folded into "
                     f"\"other\" (at most {len(result.clusters):,} clusters are kept)")
    return "\n".join(lines)
