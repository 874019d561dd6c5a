/**
 * The "Speakers" view in the explorer: who said what in the active article, from the
 * server's `copydesk/attributions` request. It follows the active editor and refreshes
 * when the server publishes new diagnostics for it (that is, after each analysis).
 */
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { ATTRIBUTIONS_REQUEST, speakerTree, type AttributionsResult, type SpeakerNode } from "./speakers";

export const SPEAKERS_VIEW = "copydesk.speakers";
export const REVEAL_COMMAND = "copydesk.speakers.reveal";
/** Opens the view; also the command of the server's summary code lens. */
export const SHOW_COMMAND = "copydesk.showSpeakers";
const REFRESH_DELAY_MS = 300;
const ICONS: Record<SpeakerNode["icon"], string> = {
  person: "person",
  quote: "quote",
  paraphrase: "comment",
  warning: "warning",
  unattributed: "question",
};

export class SpeakersView implements vscode.TreeDataProvider<SpeakerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<SpeakerNode>;
  private readonly disposables: { dispose(): unknown }[] = [];
  private nodes: SpeakerNode[] = [];
  private document: vscode.TextDocument | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly isArticle: (document: vscode.TextDocument) => boolean,
  ) {
    this.view = vscode.window.createTreeView(SPEAKERS_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.changed,
      vscode.commands.registerCommand(REVEAL_COMMAND, (uri: vscode.Uri, range: vscode.Range) => reveal(uri, range)),
      vscode.commands.registerCommand(SHOW_COMMAND, () => vscode.commands.executeCommand(`${SPEAKERS_VIEW}.focus`)),
      vscode.window.onDidChangeActiveTextEditor(() => {
        this.schedule(0);
      }),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && event.uris.some((uri) => uri.toString() === active)) {
          this.schedule(REFRESH_DELAY_MS);
        }
      }),
      this.view.onDidChangeVisibility((event) => {
        if (event.visible) {
          this.schedule(0);
        }
      }),
    );
    this.schedule(0);
  }

  getTreeItem(node: SpeakerNode): vscode.TreeItem {
    const state = node.children.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, state);
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.iconPath = new vscode.ThemeIcon(ICONS[node.icon]);
    const client = this.client();
    if (node.range && this.document && client) {
      const range = client.protocol2CodeConverter.asRange(node.range);
      item.command = { command: REVEAL_COMMAND, title: "Go to", arguments: [this.document.uri, range] };
    }
    return item;
  }

  getChildren(node?: SpeakerNode): SpeakerNode[] {
    return node ? node.children : this.nodes;
  }

  /** Ask again for the active article (debounced). */
  schedule(delayMs: number): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delayMs);
  }

  private async refresh(): Promise<void> {
    if (!this.view.visible) {
      return; // asked again when the view is shown
    }
    const generation = ++this.generation;
    const document = vscode.window.activeTextEditor?.document;
    const client = this.client();
    let nodes: SpeakerNode[] = [];
    let message: string | undefined;
    if (!document || !this.isArticle(document)) {
      message = "Open an article to see who said what.";
    } else if (!client?.isRunning()) {
      message = "Waiting for the Copydesk server…";
    } else {
      try {
        const result = await client.sendRequest<AttributionsResult | null>(ATTRIBUTIONS_REQUEST, {
          textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
        });
        nodes = speakerTree(result);
        if (nodes.length === 0) {
          message = "No speakers or unattributed items in this article.";
        }
      } catch (error) {
        message = `Copydesk could not list the speakers: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    if (generation !== this.generation) {
      return; // a newer refresh started while this one waited for the server
    }
    this.document = document;
    this.nodes = nodes;
    this.view.message = message;
    this.view.description = document && this.isArticle(document) ? vscode.workspace.asRelativePath(document.uri) : undefined;
    this.changed.fire(undefined);
  }

  dispose(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}

async function reveal(uri: vscode.Uri, range: vscode.Range): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri, { preserveFocus: false });
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
