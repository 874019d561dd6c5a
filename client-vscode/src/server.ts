/** Starting, stopping and restarting the language client; reporting a missing server once. */
import * as readline from "node:readline";
import type { Readable } from "node:stream";
import * as vscode from "vscode";
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  LanguageClient,
  State,
  type CloseHandlerResult,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import { clientSettings, README_URL, serverSettings, SECTION } from "./config";
import { describeAttempts, discoverServer, INSTALL_COMMAND, INSTALL_FROM_CHECKOUT, realDeps, type ServerCommand } from "./discovery";
import { pythonExtensionInterpreter } from "./pythonExtension";
import type { ServerState, StatusItem } from "./status";

/** Params of the server's copydesk/status notification; checked, since they come off the wire. */
interface StatusParams {
  state?: unknown;
  message?: unknown;
}
/** copydesk/status states -> status item states ("loading": the spaCy model is loading). */
const SERVER_STATES: Record<string, ServerState> = { loading: "loading", analysing: "analysing", ready: "ready", error: "error" };

/**
 * Logs the client library's errors to the output channel only. Its own notifications carry
 * stack traces ("couldn't create connection", "Restarting server failed"); ServerManager
 * shows one plain notification instead where the user has to act.
 */
class CopydeskLanguageClient extends LanguageClient {
  override error(message: string, data?: unknown): void {
    super.error(message, data, false);
  }
}

const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60_000;

export class ServerManager implements vscode.Disposable {
  client: LanguageClient | undefined;
  server: ServerCommand | undefined;
  private starting: Promise<void> | undefined;
  private crashes: number[] = [];
  /** No server was found, or it failed to start: opening more articles does not retry (or notify) until a restart. */
  private gaveUp = false;
  /** The current client reached the running state (so a close is a crash, not a failed start). */
  private ran = false;

  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly status: StatusItem,
  ) {}

  /** Start unless running or starting; concurrent callers share one start. */
  start(): Promise<void> {
    if (this.client?.isRunning() || this.gaveUp) {
      return Promise.resolve();
    }
    this.starting ??= this.doStart().finally(() => (this.starting = undefined));
    return this.starting;
  }

  async restart(): Promise<void> {
    await this.starting;
    await this.stop();
    this.forgetFailures();
    await this.start();
  }

  /** After a restart or a settings change, a server that failed before is tried again. */
  forgetFailures(): void {
    this.crashes = [];
    this.gaveUp = false;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.status.resetProgress();
    if (client) {
      try {
        await client.stop(5_000);
      } catch (err) {
        this.output.warn(`Stopping the server: ${errorText(err)}`);
      }
      await client.dispose();
    }
    this.status.set("stopped");
  }

  /**
   * Sends the settings to a running server. Done here rather than through the client's
   * `synchronize.configurationSection`, which would also notify a client that a settings
   * change is restarting, and so start it again (and report that as an error).
   */
  sendSettings(): void {
    const client = this.client;
    if (client?.isRunning()) {
      client
        .sendNotification(DidChangeConfigurationNotification.type, { settings: { [SECTION]: serverSettings() } })
        .catch((err: unknown) => {
          this.output.warn(`Could not send the settings: ${errorText(err)}`);
        });
    }
  }

  private async doStart(): Promise<void> {
    if (this.client) {
      await this.stop(); // a client that stopped for good after crashes
    }
    const settings = clientSettings();
    this.status.setLanguageIds(settings.languageIds);
    this.status.set("starting");
    const resource = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    const result = await discoverServer(
      {
        serverPath: settings.serverPath,
        pythonPath: settings.pythonPath,
        pythonExtensionInterpreter: pythonExtensionInterpreter(resource),
      },
      realDeps,
    );
    for (const line of describeAttempts(result.attempts)) {
      this.output.info(`Server discovery: ${line}`);
    }
    if (!result.server) {
      this.gaveUp = true;
      this.status.set("error", "server not found");
      void this.reportNotFound();
      return;
    }
    const skipped = result.attempts.filter((a) => a.problem !== undefined && a.source.startsWith("server."));
    if (skipped.length > 0) {
      const what = skipped.map((a) => `copydesk.${a.source} (${a.candidate} ${a.problem})`).join(", ");
      void vscode.window.showWarningMessage(`Copydesk: ignoring ${what}; using ${result.server.command} instead.`);
    }
    this.server = result.server;
    this.output.info(`Starting ${[result.server.command, ...result.server.args].join(" ")}`);

    const serverOptions: ServerOptions = {
      command: result.server.command,
      args: result.server.args,
      options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath, env: { ...process.env, PYTHONUNBUFFERED: "1" } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: settings.languageIds.flatMap((language) => [
        { language, scheme: "file" },
        { language, scheme: "untitled" },
      ]),
      initializationOptions: serverSettings(),
      outputChannel: this.output,
      traceOutputChannel: this.output,
      stdioOptions: { stdout: pipeServerLog, stderr: pipeServerLog },
      initializationFailedHandler: (error) => {
        this.output.error(`The server failed to initialise: ${errorText(error)}`);
        return false;
      },
      errorHandler: {
        error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue, handled: true }),
        closed: (): CloseHandlerResult => this.onClosed(),
      },
      middleware: {
        handleWorkDoneProgress: (token, params, next) => {
          if (params.kind === "begin") {
            this.status.progressBegan(token, params.message ?? params.title);
          } else if (params.kind === "end") {
            this.status.progressEnded(token);
          }
          next(token, params);
        },
      },
    };
    const client = new CopydeskLanguageClient(SECTION, "Copydesk", serverOptions, clientOptions);
    client.onNotification("copydesk/status", (params: StatusParams) => {
      const state = typeof params.state === "string" ? SERVER_STATES[params.state] : undefined;
      if (state) {
        this.status.set(state, typeof params.message === "string" ? params.message : undefined);
      }
    });
    this.ran = false;
    client.onDidChangeState((event) => {
      if (event.newState === State.Running) {
        this.ran = true;
        if (this.status.state === "starting") {
          this.status.set("ready");
        }
      }
    });
    this.client = client;
    try {
      await client.start();
      if (this.status.state === "starting") {
        this.status.set("ready");
      }
    } catch (err) {
      this.client = undefined;
      this.gaveUp = true;
      this.status.set("error", "server failed to start");
      this.output.error(`Could not start the server: ${errorText(err)}`);
      void vscode.window
        .showErrorMessage(`Copydesk: the server (${result.server.command}) failed to start. See the output for details.`, "Show Output")
        .then((choice) => choice && this.output.show());
      await client.dispose().catch(() => undefined);
    }
  }

  private onClosed(): CloseHandlerResult {
    if (!this.ran) {
      // It died during start-up: client.start() rejects and doStart reports it once.
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < RESTART_WINDOW_MS), now];
    if (this.crashes.length <= MAX_RESTARTS) {
      this.output.warn("The server stopped unexpectedly; restarting it.");
      return { action: CloseAction.Restart, handled: true };
    }
    this.status.set("error", "server keeps crashing");
    void vscode.window
      .showErrorMessage(
        `Copydesk: the server stopped ${this.crashes.length} times in 3 minutes and will not be restarted. Run "Copydesk: Restart Server" after fixing it.`,
        "Show Output",
      )
      .then((choice) => choice && this.output.show());
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  private async reportNotFound(): Promise<void> {
    const openReadme = "Open Install Guide";
    const openSettings = "Settings";
    const choice = await vscode.window.showErrorMessage(
      `Copydesk: the Copydesk language server was not found. Install it into your Python environment ` +
        `with "${INSTALL_COMMAND}" (from a checkout of the repository: "${INSTALL_FROM_CHECKOUT}"), ` +
        `or set copydesk.server.path, then run "Copydesk: Restart Server".`,
      openReadme,
      openSettings,
    );
    if (choice === openReadme) {
      await vscode.env.openExternal(vscode.Uri.parse(README_URL));
    } else if (choice === openSettings) {
      await vscode.commands.executeCommand("workbench.action.openSettings", "copydesk.server");
    }
  }

  dispose(): void {
    void this.stop();
  }
}

const PYTHON_LEVEL = /^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+(.*)$/;

/**
 * The server logs "LEVEL logger: message" lines to stderr (Python logging); give each
 * line its own level in the channel instead of labelling all of stderr as errors.
 */
function pipeServerLog(input: Readable, channel: vscode.LogOutputChannel): void {
  readline.createInterface({ input, crlfDelay: Infinity, terminal: false }).on("line", (line) => {
    const match = PYTHON_LEVEL.exec(line);
    const [level, message] = match ? [match[1], match[2] ?? ""] : ["", line];
    switch (level) {
      case "DEBUG":
        channel.debug(message);
        break;
      case "INFO":
        channel.info(message);
        break;
      case "WARNING":
        channel.warn(message);
        break;
      default:
        channel.error(message); // ERROR, CRITICAL, tracebacks
    }
  });
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
