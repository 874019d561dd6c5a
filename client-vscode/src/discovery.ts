/**
 * Finding the Copydesk language server. Kept free of the `vscode` module so the
 * order and the failure reasons can be unit-tested with plain Node.
 *
 * Order: `copydesk.server.path`, `copydesk.server.pythonPath`, the Python
 * extension's active interpreter (only if that extension is installed), then
 * `copydesk` on PATH. Each candidate is checked before it is used, so a stale
 * setting falls through to the next one instead of failing at start-up.
 */
import { execFile } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import * as path from "node:path";

export type ServerSource = "server.path" | "server.pythonPath" | "python-extension" | "PATH";

export interface ServerCommand {
  command: string;
  args: string[];
  source: ServerSource;
}

export interface Attempt {
  source: ServerSource;
  /** What was tried, e.g. the executable's path. */
  candidate: string;
  /** Why it was not used; undefined when it was chosen. */
  problem?: string;
}

export interface DiscoveryInput {
  serverPath?: string;
  pythonPath?: string;
  /** Resolves the Python extension's interpreter; absent when that extension is not installed. */
  pythonExtensionInterpreter?: () => Promise<string | undefined>;
}

export interface ProbeResult {
  ok: boolean;
  detail?: string;
}

export interface DiscoveryDeps {
  /** Is `file` an existing executable file? Returns a problem description, or undefined if fine. */
  checkExecutable(file: string): string | undefined;
  /** Does `python` import copydesk? */
  pythonHasCopydesk(python: string): Promise<ProbeResult>;
  /** Full path of `name` on PATH, or undefined. */
  which(name: string): string | undefined;
}

export interface DiscoveryResult {
  server?: ServerCommand;
  attempts: Attempt[];
}

export const INSTALL_COMMAND = "pip install copydesk";
export const INSTALL_FROM_CHECKOUT = "pip install -e .";

export async function discoverServer(input: DiscoveryInput, deps: DiscoveryDeps): Promise<DiscoveryResult> {
  const attempts: Attempt[] = [];
  const choose = (server: ServerCommand, candidate: string): DiscoveryResult => {
    attempts.push({ source: server.source, candidate });
    return { server, attempts };
  };

  const serverPath = expandHome(input.serverPath?.trim() ?? "");
  if (serverPath) {
    const problem = deps.checkExecutable(serverPath);
    if (problem === undefined) {
      return choose({ command: serverPath, args: ["serve"], source: "server.path" }, serverPath);
    }
    attempts.push({ source: "server.path", candidate: serverPath, problem });
  }

  const pythonPath = expandHome(input.pythonPath?.trim() ?? "");
  if (pythonPath) {
    const probe = await deps.pythonHasCopydesk(pythonPath);
    if (probe.ok) {
      return choose(pythonServer(pythonPath, "server.pythonPath"), pythonPath);
    }
    attempts.push({ source: "server.pythonPath", candidate: pythonPath, problem: probe.detail ?? "cannot import copydesk" });
  }

  if (input.pythonExtensionInterpreter) {
    let interpreter: string | undefined;
    let problem: string | undefined;
    try {
      interpreter = await input.pythonExtensionInterpreter();
    } catch (err) {
      problem = `the Python extension did not report an interpreter (${errorText(err)})`;
    }
    if (interpreter) {
      const probe = await deps.pythonHasCopydesk(interpreter);
      if (probe.ok) {
        return choose(pythonServer(interpreter, "python-extension"), interpreter);
      }
      attempts.push({ source: "python-extension", candidate: interpreter, problem: probe.detail ?? "cannot import copydesk" });
    } else {
      attempts.push({ source: "python-extension", candidate: "(active interpreter)", problem: problem ?? "no interpreter selected" });
    }
  }

  const onPath = deps.which("copydesk");
  if (onPath) {
    return choose({ command: onPath, args: ["serve"], source: "PATH" }, onPath);
  }
  attempts.push({ source: "PATH", candidate: "copydesk", problem: "not found on PATH" });
  return { attempts };
}

function pythonServer(python: string, source: ServerSource): ServerCommand {
  return { command: python, args: ["-m", "copydesk", "serve"], source };
}

/** One line per attempt, for the output channel and the "not found" message. */
export function describeAttempts(attempts: Attempt[]): string[] {
  return attempts.map((a) =>
    a.problem === undefined ? `${a.source}: using ${a.candidate}` : `${a.source}: ${a.candidate} — ${a.problem}`,
  );
}

function expandHome(p: string): string {
  if (p === "~" || p.startsWith("~/")) {
    const home = process.env.HOME ?? process.env.USERPROFILE;
    if (home) {
      return path.join(home, p.slice(1));
    }
  }
  return p;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// ---- the real dependencies -------------------------------------------------

export function checkExecutable(file: string): string | undefined {
  try {
    if (!statSync(file).isFile()) {
      return "is not a file";
    }
  } catch {
    return "does not exist";
  }
  if (process.platform === "win32") {
    return undefined; // Windows has no execute bit; spawning will tell.
  }
  try {
    accessSync(file, constants.X_OK);
    return undefined;
  } catch {
    return "is not executable";
  }
}

export function which(name: string, envPath = process.env.PATH ?? "", platform = process.platform): string | undefined {
  const exts = platform === "win32" ? (process.env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";").filter(Boolean) : [""];
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) {
      continue;
    }
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (checkExecutable(candidate) === undefined) {
        return candidate;
      }
    }
  }
  return undefined;
}

export function pythonHasCopydesk(python: string, timeoutMs = 20_000): Promise<ProbeResult> {
  return new Promise((resolve) => {
    // Importing the package only (not spaCy) keeps this probe well under a second.
    execFile(python, ["-c", "import copydesk"], { timeout: timeoutMs, windowsHide: true }, (err, _stdout, stderr) => {
      if (!err) {
        resolve({ ok: true });
        return;
      }
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT") {
        resolve({ ok: false, detail: "does not exist" });
      } else if (code === "EACCES") {
        resolve({ ok: false, detail: "is not executable" });
      } else if (/ModuleNotFoundError|No module named/.test(stderr)) {
        resolve({ ok: false, detail: "has no copydesk package installed" });
      } else {
        const lastLine = stderr.trim().split(/\r?\n/).pop();
        resolve({ ok: false, detail: `failed to import copydesk${lastLine ? `: ${lastLine}` : ""}` });
      }
    });
  });
}

export const realDeps: DiscoveryDeps = { checkExecutable, pythonHasCopydesk, which: (name) => which(name) };
