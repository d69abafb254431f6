/**
 * Starts the platform the way the README does — the built api/dist/main.js, serving the built front
 * end — on a free port with a fresh temporary DATA_DIR (embedded PGlite, demo seed), and drives
 * Debian's headless chromium with playwright-core.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SCREENSHOTS = path.join(ROOT, "e2e", "screenshots");
export const PASSWORD = "Zerowaste2026";

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The per-address throttles (login: 10 at once, then one per 6 s) are scaled up: every browser test signs
 * in many times from 127.0.0.1. The throttles themselves are tested in the API's tests.
 */
export async function startPlatform(env = {}) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "zw-e2e-"));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(ROOT, "api", "dist", "main.js")], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, DEMO_SCALE: "small", LOG_LEVEL: "warn", WORKERS: "1", THROTTLE_SCALE: "50", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const deadline = Date.now() + Number(process.env.E2E_START_TIMEOUT_MS ?? 600_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`platform exited (${child.exitCode}):\n${output}`);
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.ok && /open\s+http/.test(output)) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`platform did not start in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => {
          const t = setTimeout(() => (child.kill("SIGKILL"), r()), 10_000);
          child.once("exit", () => (clearTimeout(t), r()));
        });
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

/** A page that records console errors, page errors, CSP violations and every request URL. */
export async function newPage(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "zh-CN", baseURL: base });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  const operations = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("request", (r) => {
    requests.push(r.url());
    if (r.method() === "POST" && new URL(r.url()).pathname === "/graphql") {
      try {
        operations.push(r.postDataJSON()?.operationName ?? "");
      } catch {
        operations.push("");
      }
    }
  });
  return { context, page, errors, requests, operations };
}

export async function login(page, username, password = PASSWORD) {
  await page.goto("/");
  await page.getByTestId("zw-login-username").fill(username);
  await page.getByTestId("zw-login-password").fill(password);
  await page.getByTestId("zw-login-submit").click();
  await page.getByTestId("zw-topbar").waitFor();
  await page.getByTestId("zw-nav").waitFor();
}

/** Navigates inside the single-page app (as a click in the navigation would). */
export async function go(page, pathname) {
  await page.evaluate((p) => window.singleSpaNavigate(p), pathname);
}

export async function shot(page, name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** GraphQL as a user (to prepare data and to read what the API says). */
export async function gql(base, token, query, variables = {}) {
  const r = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const j = await r.json();
  if (j.errors) throw new Error(JSON.stringify(j.errors));
  return j.data;
}

export async function tokenFor(base, username) {
  const d = await gql(base, null, "mutation($u:String!,$p:String!){login(username:$u,password:$p){token userErrors{message}}}", { u: username, p: PASSWORD });
  if (!d.login.token) throw new Error(`login ${username}: ${JSON.stringify(d.login.userErrors)}`);
  return d.login.token;
}
