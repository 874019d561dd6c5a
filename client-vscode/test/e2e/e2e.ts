/**
 * End-to-end check in a real VS Code (code-server) driven by Chromium.
 * run.sh starts code-server with the packaged extension and passes:
 *   E2E_URL        code-server base URL
 *   E2E_FILE       the article to open (absolute path, inside E2E_WORKSPACE)
 *   E2E_WORKSPACE  the folder code-server opened
 *   E2E_ARTIFACTS  where to write the screenshot and timings
 *   E2E_VARIANT    a spelling the server must flag as a variant (e.g. Zaporozhye)
 *   E2E_HOVER_WORD an entity whose hover must show details (e.g. Putin)
 *   E2E_STRICT     "0" to accept any Copydesk diagnostic instead of the variant
 *   E2E_COLOURS    "0" to only log, not require, entity colours (semantic tokens)
 *   E2E_MACHINE_SETTINGS  code-server's machine settings file: the last step breaks
 *                  copydesk.server.path there and expects one clear notification
 *   E2E_BROKEN_SERVER  an executable that fails like a broken install: the client must say so once
 *   E2E_NORMALISE  "0" to only log, not require, that Normalise Names applies the house style
 *   E2E_STYLE_FROM / E2E_STYLE_TO  the house-style form it must replace
 *   E2E_SPEAKER    a speaker the Speakers view must list (e.g. Shoigu); "" to skip that step
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { chromium, type Page } from "playwright-core";

const env = (name: string, fallback?: string): string => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) {
    throw new Error(`${name} is not set`);
  }
  return value;
};

const url = env("E2E_URL");
const file = env("E2E_FILE");
const artifacts = env("E2E_ARTIFACTS");
const variant = env("E2E_VARIANT", "Zaporozhye");
const hoverWord = env("E2E_HOVER_WORD", "Putin");
const strict = env("E2E_STRICT", "1") !== "0";
const checkColours = env("E2E_COLOURS", "1") !== "0";
const styleFrom = env("E2E_STYLE_FROM", "Kiev");
const styleTo = env("E2E_STYLE_TO", "Kyiv");
const requireNormalise = env("E2E_NORMALISE", "1") !== "0";
const speaker = env("E2E_SPEAKER", "Shoigu");
const machineSettings = process.env.E2E_MACHINE_SETTINGS;
const brokenServer = process.env.E2E_BROKEN_SERVER;
const workspace = env("E2E_WORKSPACE");
const timeoutMs = Number(env("E2E_TIMEOUT_MS", "120000"));

const text = readFileSync(file, "utf8");
const lines = text.split(/\r\n|\r|\n/);

/** 1-based line/column (UTF-16, as VS Code shows them) of every occurrence of `word`. */
function occurrences(word: string): { line: number; column: number }[] {
  const found: { line: number; column: number }[] = [];
  lines.forEach((line, i) => {
    for (let at = line.indexOf(word); at >= 0; at = line.indexOf(word, at + 1)) {
      found.push({ line: i + 1, column: at + 1 });
    }
  });
  return found;
}

function log(message: string): void {
  process.stderr.write(`[e2e ${new Date().toISOString().slice(11, 23)}] ${message}\n`);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = timeoutMs): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Copydesk diagnostics are visible: a squiggle in the editor, or a non-zero problem count in the status bar. */
async function diagnosticsShown(page: Page): Promise<string | undefined> {
  return page.evaluate((): string | undefined => {
    const squiggle = document.querySelector(".squiggly-error, .squiggly-warning, .squiggly-info, .squiggly-hint");
    if (squiggle) {
      return squiggle.className;
    }
    const problems = document.querySelector("#status\\.problems")?.textContent ?? "";
    return /[1-9]/.test(problems) ? `status bar: ${problems.trim()}` : undefined;
  });
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible" });
  await input.fill(`>${title}`);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first().waitFor({ state: "visible" });
  await page.keyboard.press("Enter");
}

async function goTo(page: Page, line: number, column: number): Promise<void> {
  await runCommand(page, "Go to Line/Column");
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press("Enter");
}

/** "Ln 3, Col 20 (14 selected)" in the status bar -> the selected text, read from the file. The position is the cursor, at the selection's end. */
async function selectedText(page: Page): Promise<string | undefined> {
  const label = await page.locator(".statusbar", { hasText: "Ln " }).first().innerText();
  const match = /Ln (\d+), Col (\d+) \((\d+) selected\)/.exec(label);
  if (!match) {
    return undefined;
  }
  const [line, column, length] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return lines[line - 1]?.slice(column - 1 - length, column - 1);
}

/** Copydesk: Show Entities lists the article's entities; picking one and a mention selects that mention. */
async function checkShowEntities(page: Page): Promise<void> {
  await page.keyboard.press("Escape");
  await runCommand(page, "Copydesk: Show Entities");
  const input = page.locator(".quick-input-widget input");
  await page.locator(".quick-input-list .monaco-list-row", { hasText: hoverWord }).first().waitFor({ state: "visible" });
  const entityCount = await page.locator(".quick-input-list .monaco-list-row").count();
  await input.fill(hoverWord);
  await page.keyboard.press("Enter");
  // A second pick for an entity with several mentions: choose the second.
  const mentionRows = page.locator(".quick-input-list .monaco-list-row", { hasText: "Line " });
  if (await mentionRows.first().isVisible({ timeout: 3_000 }).catch(() => false)) {
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
  }
  const selected = await waitFor("the mention to be selected", () => selectedText(page), 10_000);
  log(`Show Entities: ${entityCount} entities listed; selected "${selected}"`);
  if (!selected.includes(hoverWord)) {
    throw new Error(`Show Entities selected "${selected}", not a mention of ${hoverWord}`);
  }
}

/** The Speakers view (opened by its command) lists who said what; a click on an item selects it in the article. */
async function checkSpeakers(page: Page): Promise<string> {
  await page.keyboard.press("Escape");
  await runCommand(page, "Copydesk: Show Speakers");
  const pane = page.locator(".pane", { has: page.locator(".pane-header", { hasText: "Speakers" }) }).first();
  const rows = pane.locator(".monaco-list-row");
  const speakerRow = await waitFor(`a row naming ${speaker} in the Speakers view`, async () => {
    const texts = await rows.allInnerTexts().catch(() => []);
    return texts.map((t) => t.replace(/\s+/g, " ")).find((t) => t.includes(speaker));
  }, 60_000);
  const shot = path.join(artifacts, "vscode-e2e-speakers.png");
  await page.screenshot({ path: shot });
  // The first thing the top speaker said (rows under a speaker are at level 2).
  const item = pane.locator('.monaco-list-row[aria-level="2"]').first();
  const itemLabel = (await item.innerText()).replace(/\s+/g, " ");
  await item.click();
  const selected = await waitFor("the clicked item to be selected in the article", () => selectedText(page), 10_000);
  log(`Speakers view: "${speakerRow}"; clicked "${itemLabel.slice(0, 60)}", selected "${selected.slice(0, 60)}"`);
  const flat = selected.replace(/\s+/g, " ");
  if (flat.length < 10 || !itemLabel.startsWith(flat.slice(0, 10))) {
    throw new Error(`clicking "${itemLabel}" in the Speakers view selected "${selected}"`);
  }
  return shot;
}

/** Copydesk: Normalise Names applies the workspace's house style (copydesk.toml, written by run.sh) to the saved article. */
async function checkNormalise(page: Page): Promise<void> {
  const word = (w: string) => new RegExp(`\\b${w}\\b`, "g");
  const count = (source: string, w: string) => (source.match(word(w)) ?? []).length;
  if (count(text, styleFrom) === 0) {
    throw new Error(`${styleFrom} does not occur in ${file}: pick another E2E_STYLE_FROM`);
  }
  await page.keyboard.press("Escape");
  await page.locator(".monaco-editor .view-lines").first().click();
  await runCommand(page, "Copydesk: Normalise Names in This Article");
  const outcome = await waitFor("the article to change, or the 'nothing to normalise' message", async () => {
    if (await page.locator(".tab.active.dirty").isVisible()) {
      return "edited";
    }
    // files.refactoring.autoSave (on by default) saves a file a workspace edit changed.
    if (readFileSync(file, "utf8") !== text) {
      return "saved";
    }
    const toast = page.locator(".notifications-toasts .notification-toast", { hasText: "no names to normalise" });
    return (await toast.isVisible()) ? "nothing" : undefined;
  }, 30_000);
  if (outcome === "nothing") {
    if (requireNormalise) {
      throw new Error(`Normalise Names changed nothing: the server offered no edit for ${styleFrom} -> ${styleTo}`);
    }
    log(`Normalise Names: SKIPPED, the server offered no edit for ${styleFrom} -> ${styleTo} (E2E_NORMALISE=0)`);
    return;
  }
  await page.keyboard.press("Control+S");
  // Wait for the saved result itself: a read can catch the file half-written.
  const normalised = (source: string) => count(source, styleFrom) === 0 && count(source, styleTo) >= count(text, styleFrom);
  const after = await waitFor("the normalised article on disk", () => {
    const now = readFileSync(file, "utf8");
    return Promise.resolve(normalised(now) ? now : undefined);
  }, 15_000).catch(() => readFileSync(file, "utf8"));
  log(`Normalise Names: ${styleFrom} ${count(text, styleFrom)} -> ${count(after, styleFrom)}, ${styleTo} ${count(text, styleTo)} -> ${count(after, styleTo)}`);
  if (count(after, styleFrom) !== 0 || count(after, styleTo) < count(text, styleFrom)) {
    throw new Error(`after Normalise Names the article still has ${count(after, styleFrom)} × ${styleFrom}`);
  }
}

/** A settings change reaches the running server: turning spelling-variant off empties those Problems rows. */
async function checkSettingsReachServer(page: Page): Promise<void> {
  const rows = page.locator(".markers-panel .monaco-list-row", { hasText: "spelling-variant" });
  const filter = page.locator(".markers-panel-action-filter input, .viewpane-filter input").first();
  await page.keyboard.press("Control+Shift+M");
  await filter.fill("spelling-variant");
  await rows.first().waitFor({ state: "visible", timeout: 15_000 });
  // Workspace settings: code-server applies edits to them at once (user settings files are re-read lazily).
  mkdirSync(path.join(workspace, ".vscode"), { recursive: true });
  writeFileSync(path.join(workspace, ".vscode", "settings.json"), JSON.stringify({ "copydesk.diagnostics": { "spelling-variant": { enabled: false } } }) + "\n");
  const started = Date.now();
  await waitFor("spelling-variant rows to leave the Problems panel", async () => ((await rows.count()) === 0 ? true : undefined), 30_000);
  log(`settings: spelling-variant switched off, Problems updated in ${Date.now() - started} ms`);
}

/**
 * Points copydesk.server.path at `serverPath` (machine settings: the extension restarts the
 * server) and expects exactly one notification containing `expected`, no stack trace in any
 * notification, and the status item in its error state.
 */
async function checkServerFailure(page: Page, name: string, serverPath: string, expected: string[]): Promise<void> {
  if (!machineSettings) {
    return;
  }
  await runCommand(page, "Notifications: Clear All Notifications");
  writeFileSync(machineSettings, JSON.stringify({ "copydesk.server.path": serverPath }) + "\n");
  const toast = page.locator(".notifications-toasts .notification-toast", { hasText: expected[0] });
  await toast.first().waitFor({ state: "visible", timeout: 60_000 });
  const message = (await toast.first().innerText()).replace(/\s+/g, " ");
  for (const text of expected) {
    if (!message.includes(text)) {
      throw new Error(`${name}: the notification lacks "${text}": ${message}`);
    }
  }
  // Let any late notification (e.g. from the client being stopped) show up, then check them all.
  await new Promise((r) => setTimeout(r, 2_000));
  const allToasts = (await page.locator(".notifications-toasts .notification-toast").allInnerTexts()).map((t) => t.replace(/\s+/g, " "));
  const traced = allToasts.find((t) => /\bat .*:\d+:\d+|Traceback|Error: /.test(t));
  if (traced) {
    throw new Error(`${name}: a notification shows a stack trace: ${traced}`);
  }
  const copydeskToasts = allToasts.filter((t) => t.includes("Copydesk"));
  const status = await waitFor("the status item to say error", async () => {
    const labels = await page.locator(".statusbar [aria-label^='Copydesk']").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
    return labels.find((label) => label.startsWith("Copydesk error"));
  }, 10_000);
  await page.screenshot({ path: path.join(artifacts, `vscode-e2e-${name}.png`) });
  log(`${name}: ${copydeskToasts.length} notification(s): ${message.slice(0, 160)}; status "${status}"`);
  if (copydeskToasts.length !== 1) {
    throw new Error(`${name}: expected one Copydesk notification, saw ${JSON.stringify(copydeskToasts)}`);
  }
}

async function main(): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  const browser = await chromium.launch({
    executablePath: env("E2E_CHROMIUM", "/usr/bin/chromium"),
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
  });
  const timings: { openToFirstDiagnosticsMs?: number; openToVariantMs?: number; statusBar?: string; entityColour?: string } = {};
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const failure = async (err: unknown): Promise<never> => {
    await page.screenshot({ path: path.join(artifacts, "vscode-e2e-failure.png") }).catch(() => undefined);
    throw err;
  };
  try {
    log(`opening ${url}`);
    await page.goto(url);
    await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: timeoutMs });
    await page.locator(".explorer-folders-view, .explorer-viewlet").first().waitFor({ state: "visible", timeout: timeoutMs });
    log("workbench ready; opening the article");

    await page.keyboard.press("Control+P");
    const quickOpen = page.locator(".quick-input-widget input");
    await quickOpen.waitFor({ state: "visible" });
    await quickOpen.fill(path.basename(file));
    await page.locator(".quick-input-list .monaco-list-row", { hasText: path.basename(file) }).first().waitFor({ state: "visible" });
    const opened = Date.now();
    await page.keyboard.press("Enter");
    await page.locator(".monaco-editor .view-lines").first().waitFor({ state: "visible" });

    const first = await waitFor("the first Copydesk diagnostic", () => diagnosticsShown(page));
    timings.openToFirstDiagnosticsMs = Date.now() - opened;
    log(`first diagnostics after ${timings.openToFirstDiagnosticsMs} ms (${first})`);

    // Problems panel, filtered to the variant.
    await page.keyboard.press("Control+Shift+M");
    const filter = page.locator(".markers-panel-action-filter input, .viewpane-filter input").first();
    await filter.waitFor({ state: "visible" });
    const places = occurrences(variant);
    if (places.length === 0) {
      throw new Error(`${variant} does not occur in ${file}`);
    }
    const rows = page.locator(".markers-panel .monaco-list-row");
    let problemRow: string;
    if (strict) {
      await filter.fill(variant);
      // A variant finding is one row (on whichever spelling is the odd one out) plus
      // related-information rows for the other spellings: the variant must be named
      // in a spelling-variant row, and one of the rows must point at one of its places.
      problemRow = await waitFor(`a spelling-variant row in Problems naming ${variant} at one of its places`, async () => {
        const texts = (await rows.allInnerTexts()).map((row) => row.replace(/\s+/g, " "));
        const finding = texts.find((row) => row.includes("spelling-variant") && row.includes(variant));
        const located = texts.some((row) => places.some((p) => row.includes(`[Ln ${p.line}, Col ${p.column}]`)));
        return finding && located ? texts.join(" | ") : undefined;
      });
      timings.openToVariantMs = Date.now() - opened;
    } else {
      await filter.fill("copydesk");
      problemRow = await waitFor("any Copydesk row in the Problems panel", async () => (await rows.allInnerTexts())[1]);
    }
    log(`Problems panel: ${problemRow}`);

    // Hover over an entity.
    // A mention below the first lines, so the hover opens over the text, not the tabs.
    const mentions = occurrences(hoverWord);
    const target = mentions.find((m) => m.line >= 3) ?? mentions[0];
    if (!target) {
      throw new Error(`${hoverWord} does not occur in ${file}`);
    }
    await page.locator(".monaco-editor .view-lines").first().click();
    await goTo(page, target.line, target.column + 1);
    await runCommand(page, "Show or Focus Hover");
    const hover = page.locator(".monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents").first();
    const hoverText = await waitFor(`a hover on ${hoverWord}`, async () => {
      const texts = await page.locator(".monaco-hover:not(.hidden)").allInnerTexts();
      const joined = texts.join("\n").trim();
      return joined.includes(hoverWord) ? joined : undefined;
    });
    await hover.waitFor({ state: "visible" }).catch(() => undefined);
    log(`hover: ${hoverText.replace(/\s+/g, " ").slice(0, 200)}`);

    // Entity colours (semantic tokens): the entity's text is drawn in a colour of its own.
    const colours = await page.locator(".monaco-editor .view-lines .view-line span span").evaluateAll((spans) =>
      // Monaco draws spaces as no-break spaces.
      spans.map((span) => [span.textContent.replace(/\u00a0/g, " "), getComputedStyle(span).color] as const),
    );
    const plain = colours.find(([t]) => t.includes(" the "))?.[1];
    const entityColour = colours.find(([t]) => t.trim() === hoverWord)?.[1];
    log(`colours: plain ${plain ?? "?"}, ${hoverWord} ${entityColour ?? "(no span of its own)"}`);
    timings.entityColour = entityColour;
    // Reported at the end, so the checks after this one still run.
    const colourProblem =
      !entityColour || entityColour === plain
        ? `${hoverWord} is not coloured as an entity (no semantic tokens on screen; E2E_COLOURS=0 to only log this)`
        : undefined;

    // The status item's state is in its accessible label ("Copydesk ready").
    const statusText = await waitFor("the Copydesk status item to say ready", async () => {
      const labels = await page.locator(".statusbar [aria-label^='Copydesk']").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
      return labels.find((label) => label.startsWith("Copydesk ready"));
    }, 30_000);
    timings.statusBar = statusText;
    const screenshot = path.join(artifacts, "vscode-e2e.png");
    await page.screenshot({ path: screenshot });
    log(`screenshot: ${screenshot}`);

    let speakersShot: string | undefined;
    if (strict && speaker) {
      speakersShot = await checkSpeakers(page);
    }
    if (strict) {
      await checkShowEntities(page);
      await checkNormalise(page);
    }
    await checkSettingsReachServer(page);
    // A server that dies at start-up (as with a broken install), then no server at all: the
    // Python extension is not installed and copydesk is not on the login shell's PATH.
    if (brokenServer) {
      await checkServerFailure(page, "broken-server", brokenServer, ["Copydesk", "Show Output"]);
    }
    await checkServerFailure(page, "no-server", "/nonexistent/copydesk", ["language server was not found", "pip install", "Open Install Guide"]);

    const report = { ...timings, problemRow, hover: hoverText, screenshot, speakersShot, colourProblem };
    writeFileSync(path.join(artifacts, "vscode-e2e.json"), JSON.stringify(report, null, 2) + "\n");
    process.stdout.write(`vscode-e2e: open->first diagnostics ${timings.openToFirstDiagnosticsMs} ms` +
      (timings.openToVariantMs !== undefined ? `, open->variant in Problems ${timings.openToVariantMs} ms` : "") + "\n");
    if (checkColours && colourProblem) {
      throw new Error(colourProblem);
    }
  } catch (err) {
    await failure(err);
  } finally {
    await browser.close();
  }
}

main().then(
  () => {
    process.stdout.write("1 passed, 0 failed\n");
  },
  (err: unknown) => {
    process.stderr.write(`vscode-e2e FAILED: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.stdout.write("0 passed, 1 failed\n");
    process.exit(1);
  },
);
