"""The benchmark's own code stays runnable (timings are reported, never asserted)."""

import os
import subprocess
import sys

from bench.matching import child_env, competing_load, measure, ratio, synthetic_cohort


def test_synthetic_cohort_and_measure_run_small():
    cohort = synthetic_cohort(30)
    assert len(cohort.mentees) == len(cohort.mentors) == 30
    row = measure(30, repeats=1)
    assert 0 < row["pairs"] <= 30
    assert row["fit"] > 0 and row["peer_seconds"] is None  # no peer environment here


def test_conditions_reach_the_child_processes():
    env = child_env("omp1")
    assert env["OMP_NUM_THREADS"] == env["OPENBLAS_NUM_THREADS"] == "1"
    assert child_env("quiet").get("OMP_NUM_THREADS") == os.environ.get("OMP_NUM_THREADS")
    before = _busy_processes()
    with competing_load(1):
        assert _busy_processes() == before + 1
    assert _busy_processes() == before


def test_ratios_read_as_people_read_them():
    assert ratio(10.0, 0.2) == "50.0"
    assert ratio(1.0, 0.5) == "2.00"
    assert ratio(562.3, 562.3, 4) == "1.0000"
    assert ratio(None, 1.0) == "-" and ratio(1.0, 0) == "-"


def _busy_processes() -> int:
    listing = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=True)
    busy = f"{sys.executable} -c while True: pass"
    return sum(1 for line in listing.stdout.splitlines() if line.strip() == busy)
