import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { modulePackages } from "./importmap.mjs";

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "importmap.mjs");

describe("importmap script", () => {
  it("knows the four modules", () => {
    expect(modulePackages().map((m) => m.specifier)).toEqual(["@zw/mfe-cells", "@zw/mfe-construction-waste", "@zw/mfe-hazardous", "@zw/mfe-recycling"]);
  });

  it("points one module at another version or URL in a deployment's map, refusing versions not built", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zw-map-"));
    const file = path.join(dir, "importmap.json");
    fs.writeFileSync(file, JSON.stringify({ imports: { react: "/shared/0.1.0/react.js", "@zw/mfe-hazardous": "/modules/hazardous/0.1.0/index.js" } }));
    const env = { ...process.env, IMPORT_MAP: file };
    execFileSync(process.execPath, [script, "set", "@zw/mfe-hazardous", "http://localhost:8112/index.js"], { env });
    expect(JSON.parse(fs.readFileSync(file, "utf8")).imports).toEqual({ react: "/shared/0.1.0/react.js", "@zw/mfe-hazardous": "http://localhost:8112/index.js" });
    expect(() => execFileSync(process.execPath, [script, "set", "@zw/mfe-hazardous", "99.0.0"], { env, stdio: "pipe" })).toThrow();
    expect(JSON.parse(fs.readFileSync(file, "utf8")).imports["@zw/mfe-hazardous"]).toBe("http://localhost:8112/index.js");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
