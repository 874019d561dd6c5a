import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import {
  checkExecutable,
  describeAttempts,
  discoverServer,
  pythonHasCopydesk,
  which,
  type DiscoveryDeps,
} from "../../src/discovery";

/** Fake machine: which files are executables, which Pythons have copydesk, what PATH holds. */
function fakeDeps(machine: { executables?: string[]; pythonsWithCopydesk?: string[]; onPath?: Record<string, string> }): DiscoveryDeps & {
  probed: string[];
} {
  const probed: string[] = [];
  return {
    probed,
    checkExecutable: (file) => ((machine.executables ?? []).includes(file) ? undefined : "does not exist"),
    pythonHasCopydesk: (python) => {
      probed.push(python);
      return Promise.resolve(
        (machine.pythonsWithCopydesk ?? []).includes(python) ? { ok: true } : { ok: false, detail: "has no copydesk package installed" },
      );
    },
    which: (name) => machine.onPath?.[name],
  };
}

describe("discoverServer order", () => {
  it("prefers copydesk.server.path over everything else", async () => {
    const deps = fakeDeps({ executables: ["/opt/copydesk"], pythonsWithCopydesk: ["/py"], onPath: { copydesk: "/usr/bin/copydesk" } });
    const result = await discoverServer(
      { serverPath: "/opt/copydesk", pythonPath: "/py", pythonExtensionInterpreter: () => Promise.resolve("/py") },
      deps,
    );
    assert.deepEqual(result.server, { command: "/opt/copydesk", args: ["serve"], source: "server.path" });
    assert.deepEqual(deps.probed, [], "no Python is probed once server.path works");
  });

  it("falls through a broken server.path to server.pythonPath and records why", async () => {
    const deps = fakeDeps({ pythonsWithCopydesk: ["/venv/bin/python"] });
    const result = await discoverServer({ serverPath: "/missing/copydesk", pythonPath: "/venv/bin/python" }, deps);
    assert.deepEqual(result.server, { command: "/venv/bin/python", args: ["-m", "copydesk", "serve"], source: "server.pythonPath" });
    assert.deepEqual(result.attempts[0], { source: "server.path", candidate: "/missing/copydesk", problem: "does not exist" });
  });

  it("uses the Python extension's interpreter when it has copydesk", async () => {
    const deps = fakeDeps({ pythonsWithCopydesk: ["/ext/python"], onPath: { copydesk: "/usr/bin/copydesk" } });
    const result = await discoverServer(
      { pythonPath: "/bare/python", pythonExtensionInterpreter: () => Promise.resolve("/ext/python") },
      deps,
    );
    assert.deepEqual(result.server, { command: "/ext/python", args: ["-m", "copydesk", "serve"], source: "python-extension" });
    assert.deepEqual(deps.probed, ["/bare/python", "/ext/python"]);
  });

  it("skips the Python extension's interpreter without copydesk, and an extension that fails", async () => {
    for (const interpreter of [() => Promise.resolve("/ext/python"), () => Promise.reject(new Error("boom"))]) {
      const deps = fakeDeps({ onPath: { copydesk: "/usr/bin/copydesk" } });
      const result = await discoverServer({ pythonExtensionInterpreter: interpreter }, deps);
      assert.deepEqual(result.server, { command: "/usr/bin/copydesk", args: ["serve"], source: "PATH" });
      assert.equal(result.attempts[0]?.source, "python-extension");
      assert.ok(result.attempts[0].problem);
    }
  });

  it("does not mention the Python extension when it is not installed", async () => {
    const result = await discoverServer({}, fakeDeps({ onPath: { copydesk: "/usr/bin/copydesk" } }));
    assert.deepEqual(
      result.attempts.map((a) => a.source),
      ["PATH"],
    );
  });

  it("ignores blank settings", async () => {
    const deps = fakeDeps({ onPath: { copydesk: "/usr/bin/copydesk" } });
    const result = await discoverServer({ serverPath: "  ", pythonPath: "" }, deps);
    assert.equal(result.server?.source, "PATH");
    assert.deepEqual(deps.probed, []);
  });

  it("returns no server and every reason when nothing works", async () => {
    const result = await discoverServer(
      { serverPath: "/nope", pythonPath: "/py", pythonExtensionInterpreter: () => Promise.resolve(undefined) },
      fakeDeps({}),
    );
    assert.equal(result.server, undefined);
    assert.deepEqual(describeAttempts(result.attempts), [
      "server.path: /nope — does not exist",
      "server.pythonPath: /py — has no copydesk package installed",
      "python-extension: (active interpreter) — no interpreter selected",
      "PATH: copydesk — not found on PATH",
    ]);
  });
});

describe("real checks on files and processes", { skip: process.platform === "win32" }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), "copydesk-discovery-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const script = (name: string, body: string, mode = 0o755): string => {
    const file = path.join(dir, name);
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, mode);
    return file;
  };

  it("finds an executable on PATH and skips a non-executable one", () => {
    const binA = path.join(dir, "a");
    const binB = path.join(dir, "b");
    mkdirSync(binA);
    mkdirSync(binB);
    writeFileSync(path.join(binA, "copydesk"), "not executable");
    chmodSync(path.join(binA, "copydesk"), 0o644);
    writeFileSync(path.join(binB, "copydesk"), "#!/bin/sh\n");
    chmodSync(path.join(binB, "copydesk"), 0o755);
    assert.equal(which("copydesk", [binA, binB].join(path.delimiter)), path.join(binB, "copydesk"));
    assert.equal(which("copydesk", binA), undefined);
    assert.equal(checkExecutable(path.join(binA, "copydesk")), "is not executable");
    assert.equal(checkExecutable(binA), "is not a file");
    assert.equal(checkExecutable(path.join(dir, "missing")), "does not exist");
  });

  it("probes a Python for copydesk by running it", async () => {
    const good = script("good-python", '[ "$1" = "-c" ] && [ "$2" = "import copydesk" ] && exit 0; exit 3');
    const bad = script("bad-python", "echo \"ModuleNotFoundError: No module named 'copydesk'\" >&2; exit 1");
    const broken = script("broken-python", 'echo "ImportError: libfoo.so missing" >&2; exit 1');
    assert.deepEqual(await pythonHasCopydesk(good), { ok: true });
    assert.deepEqual(await pythonHasCopydesk(bad), { ok: false, detail: "has no copydesk package installed" });
    assert.deepEqual(await pythonHasCopydesk(broken), { ok: false, detail: "failed to import copydesk: ImportError: libfoo.so missing" });
    assert.deepEqual(await pythonHasCopydesk(path.join(dir, "no-such-python")), { ok: false, detail: "does not exist" });
  });
});
