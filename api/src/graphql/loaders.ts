import DataLoader from "dataloader";
import type { Context } from "./context.js";

/**
 * A per-request DataLoader: `loader(ctx, "construction.company", ids => …)` batches every
 * lookup of one request into one query. `batch` must return results in the order of `keys`.
 */
export function loader<K, V>(ctx: Context, name: string, batch: (keys: readonly K[]) => Promise<(V | null)[]>): DataLoader<K, V | null> {
  let l = ctx.loaders.get(name) as DataLoader<K, V | null> | undefined;
  if (!l) {
    l = new DataLoader<K, V | null>(batch, { maxBatchSize: 1000 });
    ctx.loaders.set(name, l as DataLoader<unknown, unknown>);
  }
  return l;
}

/** Orders fetched rows by the requested keys (missing → null). */
export function byKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (v: V) => K): (V | null)[] {
  const m = new Map<K, V>();
  for (const r of rows) m.set(keyOf(r), r);
  return keys.map((k) => m.get(k) ?? null);
}

/** Groups fetched rows by key, for one-to-many relations. */
export function groupByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (v: V) => K): V[][] {
  const m = new Map<K, V[]>();
  for (const r of rows) {
    const k = keyOf(r);
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(r);
  }
  return keys.map((k) => m.get(k) ?? []);
}
