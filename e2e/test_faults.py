"""Nothing lost under faults (bench/fault_bench.py, real processes): the scoring server killed with SIGKILL
several times while it works, the WeChat mock refusing, failing and answering too late. Runs in the e2e part of
`make test` (same PostgreSQL cluster, its own database and server) and prints the fault summary line."""
import os
import subprocess
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

pytestmark = pytest.mark.skipif(not os.environ.get("HRAI_E2E_DB"), reason="runs in the e2e part of make test")


def test_nothing_lost_under_faults():
    proc = subprocess.run([sys.executable, os.path.join(REPO, "bench", "fault_bench.py")], cwd=REPO, text=True,
                          capture_output=True, timeout=1500)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("faults injected:")]
    assert proc.returncode == 0 and lines, proc.stdout[-4000:] + proc.stderr[-4000:]
    summary = lines[-1]
    assert "answers lost: 0, double-scored: 0, messages lost: 0, messages doubled: 0" in summary, summary
    assert int(summary.split("faults injected:")[1].split(",")[0]) >= 10, summary
