"""The documented Cloud Run deploy: what can be checked without Docker or GCP.

The image build and `gcloud run deploy` are not run here (no Docker daemon, no GCP project); the
container's command is: it is taken from the Dockerfile and run as Cloud Run would run it (PORT
set by the platform), and the documented deploy command must keep the settings that make
reports arrive (CPU outside requests, a warm instance).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.integration


def container_command() -> str:
    text = (REPO / "Dockerfile").read_text()
    [cmd] = re.findall(r"^CMD (.+)$", text, re.MULTILINE)
    return cmd


def test_the_containers_command_serves_on_cloud_runs_port(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    bin_dir = Path(sys.executable).parent  # `rca` as installed by pip, as in the image
    env = {"PATH": f"{bin_dir}:{os.environ['PATH']}", "PORT": str(port), "SLACK_SIGNING_SECRET": "s3cret",
           "RCA_GCP_PROJECT": "demo", "HOME": str(tmp_path)}
    proc = subprocess.Popen(["sh", "-c", container_command()], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except requests.ConnectionError:
                assert proc.poll() is None, proc.stdout.read()
                assert time.monotonic() < deadline, "the container command did not start serving"
                time.sleep(0.2)
        assert health.status_code == 200 and health.json()["ok"] is True
        ping = requests.post(f"http://127.0.0.1:{port}/slack/commands", data={"ssl_check": "1", "token": "t"}, timeout=5)
        assert ping.status_code == 200  # Slack's unsigned ssl_check, as Cloud Run would pass it on
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # `exec` in CMD: the server is PID 1's process, as in the container
        proc.wait(15)


def test_documented_deploy_keeps_cpu_and_a_warm_instance() -> None:
    doc = (REPO / "docs" / "slack-and-live.md").read_text()
    [deploy] = re.findall(r"gcloud run deploy rca-slack[^`]*?(?=\n\n|```)", doc, re.DOTALL)
    assert "--no-cpu-throttling" in deploy and "--min-instances=1" in deploy and "--source ." in deploy
    assert "exec rca serve slack" in container_command()
