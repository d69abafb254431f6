/**
 * Organisation kinds that OPERATOR accounts and org-bound keys act for. Each stream registers its
 * own ("construction.company", "hazardous.collection_operator", "recycling.merchant", …) with a way
 * to name an organisation, so core can show who a user or key belongs to without reading stream tables.
 */
import type { Tx } from "./db.js";

export interface OrgKind {
  kind: string;
  labelZh: string;
  labelEn: string;
  /** The GraphQL type an organisation of this kind is exposed as. */
  typeName: string;
  nameOf(tx: Tx, id: number): Promise<string | null>;
}

const kinds = new Map<string, OrgKind>();
export function registerOrgKind(k: OrgKind): void {
  kinds.set(k.kind, k);
}
export function orgKind(kind: string): OrgKind | undefined {
  return kinds.get(kind);
}
export function orgKinds(): OrgKind[] {
  return [...kinds.values()];
}
