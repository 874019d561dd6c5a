/** Reading the `copydesk` configuration section: what the server gets and what stays in the client. */
import * as vscode from "vscode";

export const SECTION = "copydesk";
export const DEFAULT_LANGUAGE_IDS = ["plaintext", "markdown"];
export const README_URL = "https://github.com/copydesk/copydesk#vs-code";

/** Keys only the extension reads; the server ignores them. */
const CLIENT_ONLY = new Set(["server", "trace"]);

/** Settings that take effect only when the server is started again. */
export const RESTART_KEYS = ["copydesk.server.path", "copydesk.server.pythonPath", "copydesk.languageIds"];

export interface ClientSettings {
  serverPath: string;
  pythonPath: string;
  languageIds: string[];
}

export function clientSettings(): ClientSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const languageIds = config.get<string[]>("languageIds", DEFAULT_LANGUAGE_IDS);
  return {
    serverPath: config.get<string>("server.path", ""),
    pythonPath: config.get<string>("server.pythonPath", ""),
    languageIds: Array.isArray(languageIds) && languageIds.length > 0 ? languageIds : DEFAULT_LANGUAGE_IDS,
  };
}

/**
 * The server's part of the section as plain JSON (camelCase keys, as the server
 * expects), sent as initializationOptions. Later changes reach the server through
 * workspace/configuration and didChangeConfiguration.
 */
export function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const settings: Record<string, unknown> = {};
  // The object also carries the methods has/get/update/inspect: skip functions.
  for (const [key, value] of Object.entries(config) as [string, unknown][]) {
    if (CLIENT_ONLY.has(key) || typeof value === "function") {
      continue;
    }
    settings[key] = JSON.parse(JSON.stringify(value ?? null)) as unknown;
  }
  return settings;
}
