/**
 * The server's `copydesk/attributions` answer turned into the Speakers tree
 * (no `vscode` import, so it is unit-tested).
 *
 * Answer: {"speakers":[{"name","items":[{"kind":"quote"|"paraphrase","text","range"}]}],
 *          "unattributed":[{"code","text","range"}]} with LSP ranges.
 */
import type { Range } from "vscode-languageclient";

export const ATTRIBUTIONS_REQUEST = "copydesk/attributions";

export interface AttributionItem {
  kind: string;
  text: string;
  range: Range;
}

export interface Speaker {
  name: string;
  items: AttributionItem[];
}

export interface Unattributed {
  code: string;
  text: string;
  range: Range;
}

export interface AttributionsResult {
  speakers?: Speaker[];
  unattributed?: Unattributed[];
}

/** A node of the tree: a speaker (or the unattributed group) with children, or one item that jumps to `range`. */
export interface SpeakerNode {
  label: string;
  description?: string;
  tooltip?: string;
  icon: "person" | "quote" | "paraphrase" | "warning" | "unattributed";
  range?: Range;
  children: SpeakerNode[];
}

const UNATTRIBUTED_LABELS: Record<string, string> = {
  "unattributed-claim": "unsourced claim",
  "unattributed-quote": "quote with no speaker",
  "vague-attribution": "vague source",
};

export function shorten(text: string, limit = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= limit ? flat : `${flat.slice(0, limit - 1)}…`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function byPosition(a: { range: Range }, b: { range: Range }): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** Speakers first (most items first, then by name), then one node for everything unattributed. */
export function speakerTree(result: AttributionsResult | null | undefined): SpeakerNode[] {
  const speakers = [...(result?.speakers ?? [])].filter((s) => s.items.length > 0);
  speakers.sort((a, b) => b.items.length - a.items.length || a.name.localeCompare(b.name));
  const nodes: SpeakerNode[] = speakers.map((speaker) => {
    const quotes = speaker.items.filter((i) => i.kind === "quote").length;
    const paraphrases = speaker.items.length - quotes;
    const counts = [quotes ? plural(quotes, "quote") : "", paraphrases ? plural(paraphrases, "paraphrase") : ""];
    return {
      label: speaker.name,
      description: counts.filter(Boolean).join(" · "),
      icon: "person",
      children: [...speaker.items].sort(byPosition).map((item) => ({
        label: shorten(item.text),
        description: `line ${item.range.start.line + 1}`,
        tooltip: `${item.kind === "quote" ? "Quote" : "Paraphrase"} by ${speaker.name}: ${item.text}`,
        icon: item.kind === "quote" ? "quote" : "paraphrase",
        range: item.range,
        children: [],
      })),
    };
  });
  const unattributed = [...(result?.unattributed ?? [])].sort(byPosition);
  if (unattributed.length > 0) {
    nodes.push({
      label: "Unattributed",
      description: plural(unattributed.length, "item"),
      icon: "unattributed",
      children: unattributed.map((item) => {
        const what = UNATTRIBUTED_LABELS[item.code] ?? item.code;
        return {
          label: shorten(item.text),
          description: `${what} · line ${item.range.start.line + 1}`,
          tooltip: `${what}: ${item.text}`,
          icon: "warning",
          range: item.range,
          children: [],
        };
      }),
    });
  }
  return nodes;
}
