/** Show Entities and Normalise Names: thin UI over the server's documentSymbol, code actions and commands. */
import * as vscode from "vscode";
import { entitiesFromSymbols, type EntityEntry } from "./entities";
import {
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  type DocumentSymbol,
  type LanguageClient,
  type SymbolInformation,
} from "vscode-languageclient/node";

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append("copydesk");
export const SERVER_NORMALISE_COMMAND = "copydesk.normaliseArticle";
const NOTHING_TO_NORMALISE = "Copydesk: no names to normalise in this article.";

export async function showEntities(client: LanguageClient | undefined): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client?.isRunning()) {
    void vscode.window.showInformationMessage("Copydesk: open an article (with the server running) to list its entities.");
    return;
  }
  const document = editor.document;
  const result: DocumentSymbol[] | SymbolInformation[] | null = await client.sendRequest(DocumentSymbolRequest.type, {
    textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
  });
  const symbols = (result ?? []).filter((s): s is DocumentSymbol => "selectionRange" in s);
  const entities = entitiesFromSymbols(symbols, (r) => client.protocol2CodeConverter.asRange(r));
  if (entities.length === 0) {
    void vscode.window.showInformationMessage("Copydesk: no entities found in this article.");
    return;
  }
  const picked = await vscode.window.showQuickPick(
    entities.map((entity) => ({
      label: entity.name,
      description: [entity.group, entity.detail].filter(Boolean).join(" · "),
      // The server's detail usually counts the mentions already.
      detail: entity.detail?.includes("mention") ? undefined : `${entity.mentions.length} mention${entity.mentions.length === 1 ? "" : "s"}`,
      entity,
    })),
    { title: "Copydesk: entities in this article", placeHolder: "Pick an entity to jump to a mention", matchOnDescription: true },
  );
  if (!picked) {
    return;
  }
  const mention = await pickMention(editor, picked.entity);
  if (mention) {
    revealRange(editor, mention);
  }
}

async function pickMention(editor: vscode.TextEditor, entity: EntityEntry<vscode.Range>): Promise<vscode.Range | undefined> {
  if (entity.mentions.length === 1) {
    return entity.mentions[0];
  }
  const original = editor.selection;
  const items = entity.mentions.map((range) => ({
    label: `Line ${range.start.line + 1}, column ${range.start.character + 1}`,
    detail: editor.document.lineAt(range.start.line).text.trim().slice(0, 160),
    range,
  }));
  const quickPick = vscode.window.createQuickPick<(typeof items)[number]>();
  quickPick.title = `${entity.name}: mentions`;
  quickPick.items = items;
  quickPick.onDidChangeActive((active) => active[0] && revealRange(editor, active[0].range));
  const chosen = await new Promise<vscode.Range | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]?.range));
    quickPick.onDidHide(() => resolve(undefined));
    quickPick.show();
  });
  quickPick.dispose();
  if (!chosen) {
    editor.selection = original;
    editor.revealRange(original);
  }
  return chosen;
}

function revealRange(editor: vscode.TextEditor, range: vscode.Range): void {
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/**
 * Applies the server's fix-all code actions for Copydesk; if the server offers
 * none, falls back to its `copydesk.normaliseArticle` command (which edits
 * through workspace/applyEdit).
 */
export async function normaliseNames(client: LanguageClient | undefined, output: vscode.LogOutputChannel): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client?.isRunning()) {
    void vscode.window.showInformationMessage("Copydesk: open an article (with the server running) to normalise its names.");
    return;
  }
  const document = editor.document;
  const versionBefore = document.version;
  const fullRange = new vscode.Range(0, 0, document.lineCount, 0);
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[] | undefined>(
      "vscode.executeCodeActionProvider",
      document.uri,
      fullRange,
      FIX_ALL_KIND.value,
    )) ?? [];
  const ours = actions.filter((a): a is vscode.CodeAction => "kind" in a && a.kind !== undefined && FIX_ALL_KIND.contains(a.kind));
  output.info(`Normalise Names: ${ours.length} ${FIX_ALL_KIND.value} action(s) for ${document.uri.toString()}`);
  if (ours.length > 0) {
    for (const action of ours) {
      if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) {
        output.warn(`Normalise Names: VS Code did not apply "${action.title}" (the article changed meanwhile?)`);
      }
      if (action.command) {
        await vscode.commands.executeCommand(action.command.command, ...((action.command.arguments ?? []) as unknown[]));
      }
    }
  } else if (serverOffers(client, SERVER_NORMALISE_COMMAND)) {
    await client.sendRequest(ExecuteCommandRequest.type, {
      command: SERVER_NORMALISE_COMMAND,
      arguments: [client.code2ProtocolConverter.asUri(document.uri)],
    });
  }
  if (document.version === versionBefore) {
    void vscode.window.showInformationMessage(NOTHING_TO_NORMALISE);
  }
}

function serverOffers(client: LanguageClient, command: string): boolean {
  return client.initializeResult?.capabilities.executeCommandProvider?.commands.includes(command) ?? false;
}
