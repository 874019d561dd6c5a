"""Whole-process figures: `copydesk check` against spaCy alone and proselint on the same files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(command: list[str]) -> dict:
    """Wall and CPU seconds of one whole process (output thrown away)."""
    before = os.times()
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    if done.returncode not in (0, 1):  # check exits 1 when it finds something
        tail = done.stderr.decode(errors="replace")[-800:]
        raise RuntimeError(f"{command[:4]} exited {done.returncode}:\n{tail}")
    return {"wall": wall, "cpu": cpu}


def commands(files: list[str]) -> dict[str, list[str]]:
    python = sys.executable
    check = [python, "-m", "copydesk", "check", "--format", "json", "--fail-on", "none"]
    out = {
        "spacy": [python, str(HERE / "spacy_only.py"), *files],
        "check": [*check, *files],
        "check_j2": [*check, "--jobs", "2", *files],
    }
    proselint = shutil.which("proselint", path=str(Path(python).parent)) or shutil.which("proselint")
    if proselint:
        out["proselint"] = [proselint, "check", "--output-format", "compact", *files]
    return out


def batch_figures(files: list[str], rounds: int = 1) -> dict:
    """Each command ``rounds`` times, interleaved (A B C D A B C D) so drift hits all alike; medians."""
    cmds = commands(files)
    runs: dict[str, list[dict]] = {name: [] for name in cmds}
    for _ in range(rounds):
        for name, command in cmds.items():
            runs[name].append(timed(command))
    out = {}
    for name, results in runs.items():
        walls = sorted(r["wall"] for r in results)
        cpus = sorted(r["cpu"] for r in results)
        out[name] = {"wall": walls[len(walls) // 2], "cpu": cpus[len(cpus) // 2], "per_article_ms": walls[len(walls) // 2] / len(files) * 1000}
    out["files"] = len(files)
    out["commands"] = {name: " ".join(c[:6]) + (" ..." if len(c) > 6 else "") for name, c in cmds.items()}
    return out
