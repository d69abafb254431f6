/**
 * Writes .entries/<name>.js, one per shared name: an explicit re-export of every name the module has,
 * found by loading it in Node. (React is CommonJS: `export * from "react"` through Rollup loses its
 * named exports; explicit names keep them.) Workspace packages (@zw/*, TypeScript source) are ES
 * modules and use `export *`.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SHARED_NAMES, entryFileName } from "@zw/build/shared-names";

process.env.NODE_ENV = "production";
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const dir = path.join(root, ".entries");
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const require = createRequire(path.join(root, "package.json"));
const ident = /^[A-Za-z_$][\w$]*$/;


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
      // The "import" condition, as the browser build sees it (ES build of dual packages; for a CommonJS
      // package Node gives its detected names plus default = module.exports, as Rollup's interop does).
      const m = await import(name);
      for (const k of Object.keys(m)) keys.add(k);
      hasDefault = "default" in m;
      const resolved = fileURLToPath(import.meta.resolve(name, pathToFileURL(path.join(root, "package.json")).href));
      cjs = !/^\s*export\s*[{*]|^\s*export\s+(const|function|default|class|let|var)\b/m.test(fs.readFileSync(resolved, "utf8"));
      if (cjs) for (const k of Object.keys(m.default)) keys.add(k);
    } catch {
      try {
        // Needs a browser to load (single-spa touches window): take its names from the CommonJS build.
        for (const k of Object.keys(require(name))) keys.add(k);
      } catch {
        fs.writeFileSync(file, `// ${name}: ES module, re-exported whole\nexport * from ${JSON.stringify(name)};\n`);
        console.log(`[shared] ${name} → .entries/${path.basename(file)} (export *)`);
        continue;
      }
    }
    // A package Node loads as CommonJS but whose "module" field gives bundlers an ES build (antd):
    // the ES build decides whether there is a default export.
    if (hasDefault && !name.includes("/")) {
      const pkgJson = require.resolve(`${name}/package.json`);
      const pkg = JSON.parse(fs.readFileSync(pkgJson, "utf8"));
      if (typeof pkg.module === "string") {
        const esm = fs.readFileSync(path.join(path.dirname(pkgJson), pkg.module), "utf8");
        hasDefault = /export\s+default\b|\bas\s+default\b/.test(esm);
      }
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
