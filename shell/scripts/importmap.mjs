#!/usr/bin/env node
/**
 * The import map: where the browser finds each shared library and each micro-frontend.
 *
 *   node scripts/importmap.mjs write            build-time: shared bundle + each mfe-*'s current version
 *                                               → shell/dist/importmap.json
 *   node scripts/importmap.mjs set <spec> <v>   point one module at version <v> (or at a URL) in the
 *                                               deployed map (IMPORT_MAP, else shell/dist/importmap.json)
 *   node scripts/importmap.mjs versions <spec>  the versions of a module built and available to serve
 *   node scripts/importmap.mjs show             print the map in force
 *
 * Rolling a module back = `set @zw/mfe-hazardous 0.1.0`; the server reads the file on every page load.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const shellRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const workspace = path.resolve(shellRoot, "..");
const defaultFile = path.join(shellRoot, "dist", "importmap.json");
const mapFile = () => process.env.IMPORT_MAP || defaultFile;
const readJson = (f) => JSON.parse(fs.readFileSync(f, "utf8"));

/** Every mfe-* package: { specifier, urlName, version, dir }. */
export function modulePackages() {
  return fs
    .readdirSync(workspace, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.startsWith("mfe-") && fs.existsSync(path.join(workspace, d.name, "package.json")))
    .map((d) => {
      const pkg = readJson(path.join(workspace, d.name, "package.json"));
      return { specifier: pkg.name, urlName: d.name.slice(4), version: pkg.version, dir: path.join(workspace, d.name) };
    })
    .sort((a, b) => a.specifier.localeCompare(b.specifier));
}

export function buildImportMap() {
  const sharedPkg = readJson(path.join(workspace, "packages", "shared", "package.json"));
  const fragment = path.join(workspace, "packages", "shared", "dist", sharedPkg.version, "importmap.json");
  if (!fs.existsSync(fragment)) throw new Error(`shared bundle not built: ${fragment} (run pnpm --filter @zw/shared build)`);
  const imports = { ...readJson(fragment).imports };
  const missing = [];
  for (const m of modulePackages()) {
    const built = path.join(m.dir, "dist", m.version, "index.js");
    if (!fs.existsSync(built) || !fs.existsSync(path.join(m.dir, "dist", m.version, "manifest.json"))) {
      missing.push(`${m.specifier}@${m.version}`);
      continue;
    }
    imports[m.specifier] = `/modules/${m.urlName}/${m.version}/index.js`;
  }
  return { map: { imports }, missing };
}

function write() {
  const { map, missing } = buildImportMap();
  fs.mkdirSync(path.dirname(defaultFile), { recursive: true });
  fs.writeFileSync(defaultFile, JSON.stringify(map, null, 2) + "\n");
  console.log(`[importmap] ${path.relative(workspace, defaultFile)}: ${Object.keys(map.imports).length} names`);
  if (missing.length) console.warn(`[importmap] not built, left out: ${missing.join(", ")}`);
}

function set(spec, value) {
  if (!spec || !value) throw new Error("usage: importmap.mjs set <specifier> <version|url>");
  const file = mapFile();
  const map = readJson(file);
  let url = value;
  if (/^\d+\.\d+\.\d+([-+].*)?$/.test(value)) {
    const m = modulePackages().find((p) => p.specifier === spec);
    if (!m) throw new Error(`unknown module ${spec}`);
    if (!process.env.WEB_MODULES_DIR && !fs.existsSync(path.join(m.dir, "dist", value, "index.js"))) throw new Error(`${spec}@${value} is not built (no mfe-${m.urlName}/dist/${value}/index.js)`);
    url = `/modules/${m.urlName}/${value}/index.js`;
  }
  const before = map.imports[spec];
  map.imports[spec] = url;
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(map, null, 2) + "\n");
  fs.renameSync(tmp, file);
  console.log(`[importmap] ${file}: ${spec} ${before ?? "(none)"} → ${url}`);
}

function versions(spec) {
  const m = modulePackages().find((p) => p.specifier === spec);
  if (!m) throw new Error(`unknown module ${spec}`);
  const dist = path.join(m.dir, "dist");
  const list = fs.existsSync(dist) ? fs.readdirSync(dist).filter((v) => fs.existsSync(path.join(dist, v, "index.js"))) : [];
  console.log(list.join("\n"));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [cmd = "write", ...args] = process.argv.slice(2);
  try {
    if (cmd === "write") write();
    else if (cmd === "set") set(args[0], args[1]);
    else if (cmd === "versions") versions(args[0]);
    else if (cmd === "show") console.log(fs.readFileSync(mapFile(), "utf8"));
    else throw new Error(`unknown command ${cmd}`);
  } catch (e) {
    console.error(`[importmap] ${e.message}`);
    process.exit(1);
  }
}
