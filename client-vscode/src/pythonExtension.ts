/**
 * The Python extension's active interpreter, used only when that extension is
 * installed: Copydesk never depends on it (code-server and VSCodium users often
 * do not have it).
 */
import * as vscode from "vscode";

const PYTHON_EXTENSION_ID = "ms-python.python";
const ACTIVATION_TIMEOUT_MS = 15_000;

/** The parts of the Python extension's API we use; it is typed loosely because we do not bundle its types. */
interface PythonApi {
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { path: string } | undefined;
    resolveEnvironment(env: { path: string } | string): Promise<{ executable?: { uri?: vscode.Uri } } | undefined>;
  };
  settings?: {
    getExecutionDetails(resource?: vscode.Uri): { execCommand?: string[] };
  };
}

/** Undefined when the Python extension is not installed, so discovery skips this step. */
export function pythonExtensionInterpreter(resource?: vscode.Uri): (() => Promise<string | undefined>) | undefined {
  const extension = vscode.extensions.getExtension<PythonApi>(PYTHON_EXTENSION_ID);
  if (!extension) {
    return undefined;
  }
  return async () => {
    const api = extension.isActive ? extension.exports : await withTimeout(extension.activate(), ACTIVATION_TIMEOUT_MS);
    if (!api) {
      throw new Error("activation timed out");
    }
    if (api.environments) {
      const envPath = api.environments.getActiveEnvironmentPath(resource);
      if (!envPath) {
        return undefined;
      }
      const resolved = await api.environments.resolveEnvironment(envPath);
      return resolved?.executable?.uri?.fsPath ?? envPath.path;
    }
    // Older releases of the Python extension only have this API.
    return api.settings?.getExecutionDetails(resource).execCommand?.[0];
  };
}

function withTimeout<T>(promise: Thenable<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
