/**
 * The browser tests drive Debian's chromium (playwright-core cannot download browsers here). Installs
 * it (and a CJK font, so screenshots show Chinese) with apt-get when missing; needs root.
 */
import { execSync } from "node:child_process";
import fs from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const hasFont = () => {
  try {
    return /wqy|noto.*cjk|droid.*fallback/i.test(execSync("fc-list", { encoding: "utf8" }));
  } catch {
    return false;
  }
};
const missing = [];
if (!fs.existsSync(CHROMIUM)) missing.push("chromium");
if (!hasFont()) missing.push("fonts-wqy-zenhei");
if (missing.length) {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (!root) {
    if (missing.includes("chromium")) {
      console.error(`[e2e] ${CHROMIUM} is missing; install it with: apt-get install -y chromium`);
      process.exit(1);
    }
  } else {
    console.log(`[e2e] installing ${missing.join(" ")} …`);
    execSync("apt-get update -qq", { stdio: "inherit" });
    execSync(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(" ")}`, { stdio: "inherit" });
  }
}
if (!fs.existsSync(CHROMIUM)) {
  console.error(`[e2e] ${CHROMIUM} still missing`);
  process.exit(1);
}
console.log(`[e2e] ${execSync(`${CHROMIUM} --version`, { encoding: "utf8" }).trim()}`);
