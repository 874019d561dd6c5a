/** Turning the server's documentSymbol tree into a flat entity list (no `vscode` import, so it is unit-tested). */
import type { DocumentSymbol } from "vscode-languageclient";

/** One entity: a symbol whose children (if any) are its mentions. */
export interface EntityEntry<R> {
  name: string;
  group?: string;
  detail?: string;
  mentions: R[];
}

/**
 * The server groups entities by type (group -> entity -> mentions); a tree one
 * level shallower (entity -> mentions) is accepted too, so the command keeps
 * working if the grouping changes.
 */
export function entitiesFromSymbols<R>(symbols: DocumentSymbol[], asRange: (r: DocumentSymbol["range"]) => R): EntityEntry<R>[] {
  const out: EntityEntry<R>[] = [];
  const visit = (symbol: DocumentSymbol, group: string | undefined): void => {
    const children = symbol.children ?? [];
    if (children.some((child) => (child.children ?? []).length > 0)) {
      for (const child of children) {
        visit(child, symbol.name);
      }
      return;
    }
    const mentions = children.length > 0 ? children.map((c) => asRange(c.selectionRange)) : [asRange(symbol.selectionRange)];
    out.push({ name: symbol.name, group, detail: symbol.detail, mentions });
  };
  for (const symbol of symbols) {
    visit(symbol, undefined);
  }
  return out;
}
