/** The browser tests run the built platform; build it when something is missing (the root `test` builds first anyway). */
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const needed = ["api/dist/main.js", "shell/dist/index.html", "shell/dist/importmap.json"];
const missing = needed.filter((f) => !fs.existsSync(path.join(root, f)));
if (missing.length) {
  console.log(`[e2e] not built (${missing.join(", ")}): building the platform …`);
  execSync("npx -y pnpm@12.4.2 run build", { cwd: root, stdio: "inherit" });
}
