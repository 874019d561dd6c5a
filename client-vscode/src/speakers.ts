/**
 * The server's `copydesk/attributions` answer turned into the Speakers tree
 * (no `vscode` import, so it is unit-tested).
 *
 * Answer (README, "copydesk/attributions"): {"speakers":[{"name","vague","range",
 * "quotes":[{"kind","text","range"}],"paraphrases":[...]}],"unattributed":[{"code","text","range"}]}
 * with LSP ranges. A speaker with one `items` list (each item's kind "quote" or
 * "paraphrase", or the attribution kind) is read too.
 */
import type { Range } from "vscode-languageclient";

export const ATTRIBUTIONS_REQUEST = "copydesk/attributions";
/** Attribution kinds in the speaker's own words; the others are paraphrases. */
const QUOTE_KINDS = new Set(["quote", "direct", "mixed", "carry-over"]);

export interface AttributionItem {
  kind: string;
  text: string;
  range: Range;
}

export interface Speaker {
  name: string;
  vague?: boolean;
  /** Where the speaker is first named in full. */
  range?: Range;
  quotes?: AttributionItem[];
  paraphrases?: AttributionItem[];
  items?: AttributionItem[];
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

interface Said {
  quote: boolean;
  text: string;
  range: Range;
}

function saidBy(speaker: Speaker): Said[] {
  const tag = (items: AttributionItem[] | undefined, quote?: boolean): Said[] =>
    (items ?? []).map((item) => ({ quote: quote ?? QUOTE_KINDS.has(item.kind), text: item.text, range: item.range }));
  return [...tag(speaker.quotes, true), ...tag(speaker.paraphrases, false), ...tag(speaker.items)].sort(byPosition);
}

/** Speakers first (most items first, then by name), then one node for everything unattributed. */
export function speakerTree(result: AttributionsResult | null | undefined): SpeakerNode[] {
  const speakers = (result?.speakers ?? []).map((speaker) => ({ speaker, said: saidBy(speaker) })).filter((s) => s.said.length > 0);
  speakers.sort((a, b) => b.said.length - a.said.length || a.speaker.name.localeCompare(b.speaker.name));
  const nodes: SpeakerNode[] = speakers.map(({ speaker, said }) => {
    const quotes = said.filter((i) => i.quote).length;
    const paraphrases = said.length - quotes;
    const counts = [
      speaker.vague ? "vague source" : "",
      quotes ? plural(quotes, "quote") : "",
      paraphrases ? plural(paraphrases, "paraphrase") : "",
    ];
    return {
      label: speaker.name,
      description: counts.filter(Boolean).join(" · "),
      icon: speaker.vague ? "warning" : "person",
      range: speaker.range,
      children: said.map((item) => ({
        label: shorten(item.text),
        description: `line ${item.range.start.line + 1}`,
        tooltip: `${item.quote ? "Quote" : "Paraphrase"} by ${speaker.name}: ${item.text}`,
        icon: item.quote ? "quote" : "paraphrase",
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
