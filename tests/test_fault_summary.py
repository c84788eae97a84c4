"""The fault summary line of bench/fault_bench.py: written once, read back by e2e/test_faults.py and the e2e part
(tools/e2e_server.py) with the same counts; a stale file from an earlier run is not taken for this run's."""
import os
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [os.path.join(REPO, "bench"), os.path.join(REPO, "tools")]

import fault_bench  # noqa: E402


def test_summary_round_trip(tmp_path):
    path = str(tmp_path / "e2e" / "faults.txt")
    counts = dict(zip(fault_bench.COUNTS, (27, 0, 1, 0, 2)))
    line = fault_bench.write_summary(counts, path)
    assert line == "faults injected: 27, answers lost: 0, double-scored: 1, messages lost: 0, messages doubled: 2"
    assert fault_bench.read_summary(0, path) == (line, counts)


def test_stale_or_missing_summary_is_not_read(tmp_path):
    path = str(tmp_path / "faults.txt")
    assert fault_bench.read_summary(0, path) == (None, {})
    fault_bench.write_summary(dict.fromkeys(fault_bench.COUNTS, 0), path)
    os.utime(path, (time.time() - 60, time.time() - 60))
    assert fault_bench.read_summary(time.time() - 5, path) == (None, {})
