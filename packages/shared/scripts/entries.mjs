/**
 * Writes .entries/<name>.js, one per shared name: an explicit re-export of every name the module has,
 * found by loading it in Node. (React is CommonJS: `export * from "react"` through Rollup loses its
 * named exports; explicit names keep them.) Workspace packages (@zw/*, TypeScript source) are ES
 * modules and use `export *`.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { SHARED_NAMES, entryFileName } from "@zw/build/shared-names";

process.env.NODE_ENV = "production";
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const dir = path.join(root, ".entries");
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const require = createRequire(path.join(root, "package.json"));
const ident = /^[A-Za-z_$][\w$]*$/;

// Browser-only modules touch window/document at load; give them a minimal stand-in while enumerating.
globalThis.window ??= globalThis;
globalThis.navigator ??= { userAgent: "node" };

for (const name of SHARED_NAMES) {
  const file = path.join(dir, `${entryFileName(name)}.js`);
  let body;
  if (name.startsWith("@zw/")) {
    body = `export * from ${JSON.stringify(name)};\n`;
  } else {
    let keys = new Set();
    let hasDefault = false;
    let cjs = false;
    try {
      const m = require(name);
      cjs = true;
      for (const k of Object.keys(m)) keys.add(k);
      hasDefault = true; // a CommonJS module's default export is module.exports
      if (m && m.__esModule) hasDefault = "default" in m;
    } catch {
      const m = await import(name);
      for (const k of Object.keys(m)) keys.add(k);
      hasDefault = "default" in m;
    }
    keys.delete("default");
    keys.delete("__esModule");
    const names = [...keys].filter((k) => ident.test(k)).sort();
    body = `// ${name}: ${names.length} names (${cjs ? "CommonJS" : "ES module"})\n`;
    body += `export { ${names.join(", ")} } from ${JSON.stringify(name)};\n`;
    if (hasDefault) body += `export { default } from ${JSON.stringify(name)};\n`;
  }
  fs.writeFileSync(file, body);
  console.log(`[shared] ${name} → .entries/${path.basename(file)}`);
}
