/**
 * Copydesk for VS Code: wires the language client, the commands and the status item.
 * The server starts when the first article (a document in copydesk.languageIds) is
 * open, so activating on start-up for custom language ids costs nothing.
 */
import * as vscode from "vscode";
import { normaliseNames, showEntities } from "./commands";
import { clientSettings, RESTART_KEYS, SECTION } from "./config";
import { ServerManager } from "./server";
import { SpeakersView } from "./speakersView";
import { StatusItem } from "./status";

let manager: ServerManager | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel("Copydesk", { log: true });
  const status = new StatusItem("copydesk.showOutput");
  status.setLanguageIds(clientSettings().languageIds);
  manager = new ServerManager(output, status);
  const servers = manager;

  const isArticle = (document: vscode.TextDocument): boolean => clientSettings().languageIds.includes(document.languageId);
  const startIfArticleOpen = (): void => {
    if (vscode.workspace.textDocuments.some(isArticle)) {
      void servers.start();
    }
  };

  context.subscriptions.push(
    output,
    status,
    servers,
    vscode.commands.registerCommand("copydesk.restartServer", () => servers.restart()),
    vscode.commands.registerCommand("copydesk.showOutput", () => output.show()),
    vscode.commands.registerCommand("copydesk.showEntities", () => showEntities(servers.client)),
    vscode.commands.registerCommand("copydesk.normaliseNames", () => normaliseNames(servers.client, output)),
    new SpeakersView(() => servers.client, isArticle),
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (isArticle(document)) {
        void servers.start();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (RESTART_KEYS.some((key) => event.affectsConfiguration(key))) {
        status.setLanguageIds(clientSettings().languageIds);
        servers.forgetFailures();
        if (servers.client) {
          void servers.restart();
        } else {
          startIfArticleOpen();
        }
      } else if (event.affectsConfiguration(SECTION)) {
        servers.sendSettings();
      }
    }),
  );
  startIfArticleOpen();
}

export async function deactivate(): Promise<void> {
  await manager?.stop();
  manager = undefined;
}
