/** The status-bar item: analysing / ready / error, fed by $/progress and copydesk/status. */
import * as vscode from "vscode";

export type ServerState = "starting" | "loading" | "analysing" | "ready" | "error" | "stopped";

const ICONS: Record<ServerState, string> = {
  starting: "$(loading~spin)",
  loading: "$(loading~spin)",
  analysing: "$(sync~spin)",
  ready: "$(check)",
  error: "$(error)",
  stopped: "$(circle-slash)",
};

const WORDS: Record<ServerState, string> = {
  starting: "starting",
  loading: "loading",
  analysing: "analysing",
  ready: "ready",
  error: "error",
  stopped: "stopped",
};

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private languageIds: string[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Open work-done progress tokens: the server may analyse several documents at once. */
  private readonly busy = new Set<string>();
  state: ServerState = "stopped";

  constructor(showOutputCommand: string) {
    this.item = vscode.window.createStatusBarItem("copydesk.status", vscode.StatusBarAlignment.Right, 100);
    this.item.name = "Copydesk";
    this.item.command = showOutputCommand;
    this.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.updateVisibility()));
    this.set("stopped");
  }

  setLanguageIds(languageIds: string[]): void {
    this.languageIds = languageIds;
    this.updateVisibility();
  }

  set(state: ServerState, message?: string): void {
    this.state = state;
    this.item.text = `${ICONS[state]} Copydesk`;
    this.item.tooltip = `Copydesk: ${message ?? WORDS[state]}. Click to show the output.`;
    this.item.accessibilityInformation = { label: `Copydesk ${WORDS[state]}${message ? `: ${message}` : ""}` };
    this.item.backgroundColor = state === "error" ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
    this.updateVisibility();
  }

  progressBegan(token: string | number, message?: string): void {
    this.busy.add(String(token));
    this.set("analysing", message);
  }

  progressEnded(token: string | number): void {
    this.busy.delete(String(token));
    // copydesk/status may already have said "error": progress ending does not clear that.
    if (this.busy.size === 0 && this.state === "analysing") {
      this.set("ready");
    }
  }

  resetProgress(): void {
    this.busy.clear();
  }

  private updateVisibility(): void {
    const editor = vscode.window.activeTextEditor;
    // Errors stay visible everywhere, so a broken install cannot go unnoticed.
    if (this.state === "error" || (editor && this.languageIds.includes(editor.document.languageId))) {
      this.item.show();
    } else {
      this.item.hide();
    }
  }

  dispose(): void {
    this.item.dispose();
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
  }
}
