"""The installed console script: JSON/SARIF contracts and exit codes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import COPYDESK, ROOT, SEED_000, SEED_003

SARIF_PACKAGE = "@microsoft/jest-sarif@1.0.0-beta.0"
SARIF_SCHEMA = "node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([COPYDESK, *args], capture_output=True, text=True, cwd=cwd, timeout=600)


@pytest.fixture(scope="module")
def seeds_json():
    proc = run("check", str(SEED_000), str(SEED_003), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    return json.loads(proc.stdout)


def test_check_json_contract(seeds_json):
    assert seeds_json["version"] == 1
    paths = [f["path"] for f in seeds_json["files"]]
    assert paths == sorted(paths) and len(paths) == 2
    codes = set()
    for entry in seeds_json["files"]:
        for d in entry["diagnostics"]:
            assert set(d) >= {"range", "severity", "code", "source", "message"}
            assert d["source"] == "copydesk" and d["severity"] in (1, 2, 3, 4)
            for end in ("start", "end"):
                assert set(d["range"][end]) == {"line", "character"}
            codes.add(d["code"])
    assert {"entity", "spelling-variant", "unattributed-claim"} <= codes


def test_check_json_ranges_are_utf16(tmp_path):
    text = "Emoji 😀😀 then Vladimir Putin spoke in Moscow.\n"
    path = tmp_path / "u.txt"
    path.write_text(text, encoding="utf-8")
    out = json.loads(run("check", str(path), "--format", "json", "--fail-on", "none").stdout)
    putin = [d for d in out["files"][0]["diagnostics"] if d["code"] == "entity" and "Putin" in d["message"]][0]
    utf16 = text.encode("utf-16-le")
    start, end = putin["range"]["start"]["character"], putin["range"]["end"]["character"]
    assert utf16[2 * start : 2 * end].decode("utf-16-le") == "Vladimir Putin"


def test_cross_file_variant_kiev_kyiv(seeds_json):
    messages = [d["message"] for f in seeds_json["files"] for d in f["diagnostics"] if d["code"] == "spelling-variant"]
    assert any("Kyiv" in m and "Kiev" in m for m in messages), messages


def test_text_format_and_exit_codes(tmp_path):
    proc = run("check", str(SEED_003))
    assert proc.returncode == 1
    line = proc.stdout.splitlines()[0]
    assert re.match(r".+:\d+:\d+: (error|warning|information|hint) [a-z-]+ .+", line), line
    assert run("check", str(SEED_003), "--fail-on", "none").returncode == 0
    calm = tmp_path / "calm.txt"
    calm.write_text("The meeting was held in Paris on Tuesday.\n", encoding="utf-8")
    assert run("check", str(calm)).returncode == 0
    assert run("check", str(tmp_path / "missing.txt")).returncode == 2
    assert run("frobnicate").returncode == 2


def test_unreadable_input_exit_2_but_others_checked(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners said the talks failed.\n".encode("latin-1"))
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02PNG")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    shutil.copy(SEED_003, tmp_path / "seed.txt")
    proc = run("check", str(tmp_path), "--format", "json")
    assert proc.returncode == 2
    assert "latin1.txt" in proc.stderr and "UTF-8" in proc.stderr and "binary.md" in proc.stderr
    files = {Path(f["path"]).name: f for f in json.loads(proc.stdout)["files"]}
    assert any(d["code"] == "spelling-variant" for d in files["seed.txt"]["diagnostics"])
    assert files["empty.txt"]["diagnostics"] == []
    assert files["latin1.txt"]["diagnostics"][0]["code"] == "input"


def test_missing_model_is_a_clear_error():
    proc = run("check", str(SEED_003), "--model", "no_such_model_xyz")
    assert proc.returncode == 2
    assert "no_such_model_xyz" in proc.stderr and "pip install" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_entities_json_contract():
    proc = run("entities", str(SEED_000), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    text = SEED_000.read_text(encoding="utf-8")
    ents = data["files"][0]["entities"]
    shoigu = next(e for e in ents if e["canonical"] == "Sergei Shoigu")
    assert shoigu["label"] == "PERSON" and "Sergey Shoigu" in shoigu["variants"]
    for e in ents:
        assert set(e) == {"id", "canonical", "label", "mentions", "variants"}
        for m in e["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
            assert set(m["range"]) == {"start", "end"}
    kyiv = next(e for e in ents if e["canonical"] == "Kyiv")
    assert kyiv["label"] == "GPE"


@pytest.fixture(scope="module")
def sarif_schema():
    cache = ROOT / "tests" / ".cache" / "sarif"
    schema = cache / SARIF_SCHEMA
    if not schema.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is needed to fetch the SARIF 2.1.0 schema")
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--prefix", str(cache), "--ignore-scripts", "--no-audit", "--no-fund", "--no-save", SARIF_PACKAGE],
            check=True, capture_output=True, timeout=300,
        )
    return json.loads(schema.read_text(encoding="utf-8"))


def test_sarif_is_valid_against_the_schema(sarif_schema):
    import jsonschema

    proc = run("check", str(SEED_000), str(SEED_003), "--format", "sarif")
    assert proc.returncode == 1
    log = json.loads(proc.stdout)
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    results = log["runs"][0]["results"]
    assert results and all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in results)
    assert {r["ruleId"] for r in results} >= {"spelling-variant", "entity"}
