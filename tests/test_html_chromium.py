"""The HTML report in a real browser: Debian's chromium, headless, runs the inlined plotly.js with
no network; the DOM it leaves must hold the drawn charts (SVG) and every section of the Markdown."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from corpora import SYNTHETIC
from rca.models import ReadStats
from rca.pipeline import build_report
from rca.render import render
from rca.sources import read_records

LOGS = SYNTHETIC / "pool-exhaustion-13" / "logs.json.gz"
BROWSER = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
SECTIONS = {"summary": "Summary", "status": "Status", "root-cause": "Root cause", "impact": "Impact", "charts": "Over time",
            "timeline": "Timeline", "actions": "Actions", "follow-ups": "Follow-ups", "evidence": "Evidence"}

pytestmark = [
    pytest.mark.skipif(BROWSER is None, reason="chromium is not installed (apt-get install chromium): the HTML was not checked in a browser"),
    pytest.mark.skipif(not LOGS.exists(), reason="evals/synthetic not present"),
]


@pytest.fixture(scope="module")
def dom(tmp_path_factory) -> str:
    stats = ReadStats()
    report = build_report(read_records(str(LOGS), "auto", stats), stats)
    page = tmp_path_factory.mktemp("html") / "report.html"
    page.write_text(render(report, "html"), encoding="utf-8")
    profile = tmp_path_factory.mktemp("profile")
    out = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={profile}",
         "--virtual-time-budget=15000", "--dump-dom", page.as_uri()],
        capture_output=True, timeout=240,
    )
    assert out.returncode == 0, out.stderr.decode(errors="replace")[-2000:]
    return out.stdout.decode("utf-8", "replace")


def test_charts_are_drawn_by_the_browser(dom: str):
    charts = re.findall(r'<div class="chart[^"]*" id="(chart-[\w-]+)"', dom)
    assert len(charts) >= 2 and "chart-errors" in charts and "chart-requests" in charts
    for chart in charts:  # plotly replaced each empty div with its SVG drawing
        body = dom.split(f'id="{chart}"', 1)[1][:200_000]
        assert '<svg class="main-svg"' in body, chart
    assert dom.count('class="shapelayer"') >= 2 and ">onset<" in dom  # the onset marker is drawn


def test_every_section_of_the_markdown_is_there(dom: str):
    for anchor, heading in SECTIONS.items():
        assert re.search(rf'<section id="{anchor}"><h2>{heading}</h2>', dom), anchor
    assert "<details>" in dom and "<pre>" in dom  # samples, collapsible
    assert "`" not in dom.split('<section id="summary">', 1)[1].split("</section>", 1)[0]  # code spans, not backticks


def test_the_file_needs_no_network(dom: str):
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)="(https?:)?//', dom)
