/** Writes dist/<version>/importmap.json: where each shared name lives (under /shared/<version>/). */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SHARED_NAMES, entryFileName } from "@zw/build/shared-names";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const out = path.join(root, "dist", version);
const imports = {};
for (const name of SHARED_NAMES) {
  const f = `${entryFileName(name)}.js`;
  if (!fs.existsSync(path.join(out, f))) throw new Error(`shared entry missing: ${f}`);
  imports[name] = `/shared/${version}/${f}`;
}
fs.writeFileSync(path.join(out, "importmap.json"), JSON.stringify({ imports }, null, 2) + "\n");
console.log(`[shared] dist/${version}/importmap.json: ${Object.keys(imports).length} names`);
