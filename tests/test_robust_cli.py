"""Hostile and broken input on the command line: exit 2 with a clear message, the rest still checked (issue 8)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import COPYDESK
from robust_support import broken_model

NAMES = "Vladimir Putin met Sergei Shoigu in Moscow, officials said.\n"


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([COPYDESK, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_cli_unreadable_files_exit_2_and_the_rest_is_checked(tmp_path):
    (tmp_path / "good.txt").write_text(NAMES, encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Café in Zürich, said Müller.\n".encode("latin-1"))
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "utf16.txt").write_bytes("Vladimir Putin".encode("utf-16"))
    result = run_cli("check", "--format", "json", "good.txt", "latin1.txt", "binary.txt", "empty.txt", "utf16.txt", "missing.txt", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    for name in ("latin1.txt", "binary.txt", "utf16.txt", "missing.txt"):
        assert name in result.stderr, (name, result.stderr)
    assert "UTF-8" in result.stderr and "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    by_path = {Path(e["path"]).name: e for e in (report.get("files") or report.get("results") or [])} if isinstance(report, dict) else {}
    if by_path:
        assert any(d["code"] == "entity" for d in by_path["good.txt"]["diagnostics"])
        assert by_path["empty.txt"]["diagnostics"] == []
    else:
        assert "good.txt" in result.stdout


def test_cli_missing_model_exits_2_with_a_clear_message(tmp_path):
    (tmp_path / "a.txt").write_text(NAMES, encoding="utf-8")
    for model in ("no_such_model", broken_model(tmp_path)):
        for command in ("check", "entities", "attributions"):
            result = run_cli(command, "--model", model, "a.txt", cwd=tmp_path)
            assert result.returncode == 2, (command, result.returncode, result.stderr)
            assert model in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_cli_bad_settings_and_style_files(tmp_path):
    (tmp_path / "a.txt").write_text(NAMES, encoding="utf-8")
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    result = run_cli("check", "--config", "settings.json", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and "settings.json" in result.stderr and "Traceback" not in result.stderr
    (tmp_path / "copydesk.toml").write_text("[forms\n", encoding="utf-8")
    result = run_cli("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and "copydesk.toml:" in result.stderr and "Traceback" not in result.stderr
