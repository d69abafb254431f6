/**
 * The shared bundle as the browser gets it: one entry per import-map name, each exporting the
 * library's names, and no bare import left (everything is resolved inside the bundle, so React,
 * Apollo and antd exist once).
 */
import assert from "node:assert/strict";
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { SHARED_NAMES, entryFileName } from "@zw/build/shared-names";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const dist = path.join(root, "dist", version);
if (!fs.existsSync(path.join(dist, "importmap.json"))) execSync("npm run build", { cwd: root, stdio: "inherit" });

const files = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((f) => (f.isDirectory() ? files(path.join(dir, f.name)) : [path.join(dir, f.name)]));

test("one entry per shared name, listed in the import-map fragment", () => {
  const map = JSON.parse(fs.readFileSync(path.join(dist, "importmap.json"), "utf8"));
  assert.deepEqual(Object.keys(map.imports), SHARED_NAMES);
  for (const name of SHARED_NAMES) {
    assert.equal(map.imports[name], `/shared/${version}/${entryFileName(name)}.js`);
    assert.ok(fs.existsSync(path.join(dist, `${entryFileName(name)}.js`)), name);
  }
});

test("entries export the libraries' names (React's CommonJS names included)", () => {
  const exportsOf = (name) => {
    const src = fs.readFileSync(path.join(dist, `${entryFileName(name)}.js`), "utf8");
    return new Set([...src.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) => m[1].split(",").map((s) => s.trim().split(/\s+as\s+/).pop())));
  };
  for (const [name, expected] of [
    ["react", ["useState", "useEffect", "createElement", "default"]],
    ["react/jsx-runtime", ["jsx", "jsxs", "Fragment"]],
    ["react-dom/client", ["createRoot"]],
    ["antd", ["Button", "Table", "ConfigProvider"]],
    ["@apollo/client/react", ["useQuery", "ApolloProvider"]],
    ["single-spa", ["registerApplication", "start"]],
    ["@zw/client", ["getClient", "login"]],
    ["@zw/ui", ["ConnectionTable", "defineModule", "registerMessages"]],
    ["@zw/ui/charts", ["DistrictMap", "EChart"]],
  ]) {
    const have = exportsOf(name);
    for (const e of expected) assert.ok(have.has(e), `${name} exports ${e}`);
  }
});

test("no bare import is left in the bundle, and it is minified", () => {
  for (const f of files(dist).filter((f) => f.endsWith(".js"))) {
    const src = fs.readFileSync(f, "utf8");
    const bare = [...src.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g)].map((m) => m[1]).filter((s) => !s.startsWith(".") && !s.startsWith("/"));
    assert.deepEqual(bare, [], `${path.relative(dist, f)} imports ${bare.join(", ")}`);
    assert.ok(!/process\.env\.NODE_ENV/.test(src), `${path.relative(dist, f)} still reads process.env.NODE_ENV`);
    if (src.length > 20_000) assert.ok(src.split("\n").length < src.length / 400, `${path.relative(dist, f)} is not minified`);
  }
  const reactDom = files(dist).find((f) => /chunks\/react-dom__client-/.test(f));
  assert.ok(reactDom);
  assert.ok(fs.statSync(reactDom).size < 400_000, "react-dom is the production build, minified");
});
