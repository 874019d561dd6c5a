import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DocumentSymbol } from "vscode-languageclient";
import { entitiesFromSymbols } from "../../src/entities";

const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });
const symbol = (name: string, r: ReturnType<typeof range>, children?: DocumentSymbol[]): DocumentSymbol => ({
  name,
  kind: 13,
  range: r,
  selectionRange: r,
  ...(children ? { children } : {}),
});
const asLine = (r: DocumentSymbol["range"]) => `${r.start.line}:${r.start.character}`;

describe("entitiesFromSymbols", () => {
  it("flattens type groups into entities with their mentions", () => {
    const tree = [
      symbol("People", range(0, 0, 40), [
        symbol("Vladimir Putin", range(2, 20, 34), [symbol("Vladimir Putin", range(2, 20, 34)), symbol("Putin", range(3, 5, 10))]),
      ]),
      symbol("Places", range(0, 0, 40), [symbol("Moscow", range(1, 3, 9), [symbol("Moscow", range(1, 3, 9))])]),
    ];
    assert.deepEqual(entitiesFromSymbols(tree, asLine), [
      { name: "Vladimir Putin", group: "People", detail: undefined, mentions: ["2:20", "3:5"] },
      { name: "Moscow", group: "Places", detail: undefined, mentions: ["1:3"] },
    ]);
  });

  it("accepts entities at the top level, with or without mention children", () => {
    const tree = [symbol("NATO", range(4, 0, 4), [symbol("NATO", range(4, 0, 4))]), symbol("AUKUS", range(5, 1, 6))];
    assert.deepEqual(
      entitiesFromSymbols(tree, asLine).map((e) => [e.name, e.group, e.mentions]),
      [
        ["NATO", undefined, ["4:0"]],
        ["AUKUS", undefined, ["5:1"]],
      ],
    );
  });
});
