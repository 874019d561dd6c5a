import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { shorten, speakerTree, type AttributionsResult } from "../../src/speakers";

const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });

const answer: AttributionsResult = {
  speakers: [
    { name: "Olena Petrenko", items: [{ kind: "paraphrase", text: "the line would pay for itself", range: range(4, 2, 30) }] },
    {
      name: "Ana Ruiz",
      items: [
        { kind: "quote", text: "\u201cWe waited too long,\u201d", range: range(6, 0, 22) },
        { kind: "quote", text: "\u201cThe boats are ready \u{1F6A2}.\u201d", range: range(2, 0, 25) },
        { kind: "paraphrase", text: "that the pier\n  would reopen", range: range(8, 5, 20) },
      ],
    },
    { name: "Nobody", items: [] },
  ],
  unattributed: [
    { code: "vague-attribution", text: "Critics say", range: range(9, 0, 11) },
    { code: "unattributed-claim", text: "The plan is the costliest ever.", range: range(3, 0, 31) },
  ],
};

describe("speakerTree", () => {
  it("lists speakers by how much they say, their items in text order, then the unattributed", () => {
    const tree = speakerTree(answer);
    assert.deepEqual(
      tree.map((n) => [n.label, n.description]),
      [
        ["Ana Ruiz", "2 quotes · 1 paraphrase"],
        ["Olena Petrenko", "1 paraphrase"],
        ["Unattributed", "2 items"],
      ],
    );
    const [ana, , unattributed] = tree;
    assert.ok(ana && unattributed);
    assert.deepEqual(
      ana.children.map((c) => [c.label, c.icon, c.range?.start.line]),
      [
        ["\u201cThe boats are ready \u{1F6A2}.\u201d", "quote", 2],
        ["\u201cWe waited too long,\u201d", "quote", 6],
        ["that the pier would reopen", "paraphrase", 8],
      ],
    );
    assert.equal(ana.children[0]?.description, "line 3");
    assert.deepEqual(
      unattributed.children.map((c) => c.description),
      ["unsourced claim · line 4", "vague source · line 10"],
    );
    assert.ok(unattributed.children.every((c) => c.range && c.children.length === 0));
  });

  it("reads the server's quotes and paraphrases lists, and marks vague sources", () => {
    const tree = speakerTree({
      speakers: [
        {
          name: "Oksana Melnyk",
          vague: false,
          range: range(1, 4, 17),
          quotes: [{ kind: "carry-over", text: "\u201cIt holds.\u201d", range: range(5, 0, 14) }],
          paraphrases: [{ kind: "according-to", text: "the bridge would reopen", range: range(2, 3, 26) }],
        },
        { name: "Critics", vague: true, quotes: [], paraphrases: [{ kind: "indirect", text: "it is late", range: range(7, 12, 22) }] },
      ],
      unattributed: [{ code: "unattributed-quote", text: "\u201cNever again\u201d", range: range(9, 0, 13) }],
    });
    assert.deepEqual(
      tree.map((n) => [n.label, n.description, n.icon, n.range?.start.line]),
      [
        ["Oksana Melnyk", "1 quote · 1 paraphrase", "person", 1],
        ["Critics", "vague source · 1 paraphrase", "warning", undefined],
        ["Unattributed", "1 item", "unattributed", undefined],
      ],
    );
    assert.deepEqual(
      tree[0]?.children.map((c) => [c.icon, c.range?.start.line]),
      [
        ["paraphrase", 2],
        ["quote", 5],
      ],
    );
    assert.equal(tree[2]?.children[0]?.description, "quote with no speaker · line 10");
  });

  it("gives an empty tree for an empty or missing answer", () => {
    assert.deepEqual(speakerTree(null), []);
    assert.deepEqual(speakerTree({}), []);
    assert.deepEqual(speakerTree({ speakers: [], unattributed: [] }), []);
  });

  it("shortens long items on one line", () => {
    const long = "word ".repeat(40);
    const short = shorten(long, 20);
    assert.equal(short.length, 20);
    assert.ok(short.endsWith("\u2026") && !short.includes("  "));
  });
});
