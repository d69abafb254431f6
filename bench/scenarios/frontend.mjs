/**
 * Scenario 7 — front end: gzip sizes of the built shell, each micro-frontend and the shared bundle (from
 * their dist folders: every .js/.css file gzipped at level 9, the module's own code); that React, Apollo
 * and the UI kit are fetched once (no module bundle contains them; in a browser session that visits every
 * module no shared file is requested twice); and, in headless Chromium (/usr/bin/chromium,
 * playwright-core from e2e/), the time from navigation to the overview's first figures and to each
 * module's first list, signed in, against the built API on the benchmark database. Baseline in the same
 * run: the same navigation until the shell's top bar shows (the shell alone, no module, no data).
 * Targets: each module's own code ≤ 150 KB gzip; first figures / first list ≤ 1.5 s.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { median, root, round, startApi, loadAvg } from "../lib.mjs";

const KB = 1024;

function gzipSize(dir) {
  let raw = 0;
  let gz = 0;
  let files = 0;
  const texts = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(m?js|css)$/.test(e.name)) {
        const b = fs.readFileSync(p);
        raw += b.length;
        gz += zlib.gzipSync(b, { level: 9 }).length;
        files++;
        if (/\.m?js$/.test(e.name)) texts.push(b.toString("utf8"));
      }
    }
  };
  walk(dir);
  return { raw, gz, files, texts };
}

const MODULES = [
  { name: "shell (root config, login, overview)", dir: "shell/dist", own: true },
  { name: "mfe-construction-waste", dir: "mfe-construction-waste/dist", own: true, route: "/construction/permits" },
  { name: "mfe-hazardous", dir: "mfe-hazardous/dist", own: true, route: "/hazardous/units" },
  { name: "mfe-recycling", dir: "mfe-recycling/dist", own: true, route: "/recycling/devices" },
  { name: "mfe-cells", dir: "mfe-cells/dist", own: true, route: "/cells/applications" },
  { name: "shared bundle (React, Apollo, antd, i18n, single-spa, @zw/client, @zw/ui)", dir: "packages/shared/dist", own: false },
];
// Markers that only a bundled copy of React / Apollo / antd contains.
const VENDOR_MARKERS = [
  ["React", "__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE"],
  ["ReactDOM", "__DOM_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE"],
  ["Apollo Client", "ApolloClient.prototype"],
];

export function sizes() {
  return MODULES.map((m) => {
    const dir = path.join(root, m.dir);
    if (!fs.existsSync(dir)) return { ...m, missing: true };
    const s = gzipSize(dir);
    const vendored = m.own ? VENDOR_MARKERS.filter(([, mark]) => s.texts.some((t) => t.includes(mark))).map(([n]) => n) : [];
    return { name: m.name, dir: m.dir, own: m.own, files: s.files, rawKb: round(s.raw / KB, 1), gzipKb: round(s.gz / KB, 1), vendored };
  });
}

async function browserTimes({ opts, log }) {
  const { chromium } = createRequire(path.join(root, "e2e", "package.json"))("playwright-core");
  const api = await startApi({ databaseUrl: opts.frontendDatabaseUrl });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"] });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "zh-CN", baseURL: api.url });
    const page = await context.newPage();
    const requested = new Map();
    page.on("request", (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith("/shared/") || u.pathname.startsWith("/modules/")) requested.set(u.pathname, (requested.get(u.pathname) ?? 0) + 1);
    });
    await page.goto("/");
    await page.getByTestId("zw-login-username").fill("leader");
    await page.getByTestId("zw-login-password").fill("Zerowaste2026");
    await page.getByTestId("zw-login-submit").click();
    await page.getByTestId("zw-topbar").waitFor({ timeout: 60_000 });
    // one session through every module by in-app navigation: each shared file must be fetched once
    for (const m of MODULES.filter((x) => x.route)) {
      await page.evaluate((p) => window.singleSpaNavigate(p), m.route);
      try {
        await page.locator(`[data-testid="mfe-${m.name.replace(/^mfe-/, "")}"] tbody tr.ant-table-row`).first().waitFor({ timeout: 60_000 });
      } catch (e) {
        await page.screenshot({ path: path.join(root, "bench", "results", `failed-${m.name}.png`) });
        throw new Error(`${m.route}: no list row within 60 s (screenshot bench/results/failed-${m.name}.png): ${e.message.split("\n")[0]}`);
      }
    }
    const twice = [...requested].filter(([, n]) => n > 1).map(([p]) => p);
    const sharedFetched = [...requested.keys()].filter((p) => p.startsWith("/shared/")).length;

    const targets = [{ name: "overview: first figures", route: "/", selector: '[data-testid="fig-value-construction.spoilMovedM3"]' }, ...MODULES.filter((x) => x.route).map((m) => ({ name: `${m.name}: first list`, route: m.route, selector: `[data-testid="mfe-${m.name.replace(/^mfe-/, "")}"] tbody tr.ant-table-row` }))];
    const rows = [];
    for (const t of targets) {
      const per = [];
      for (let r = 0; r < opts.runs; r++) {
        // baseline: the same full navigation until the shell's top bar shows
        let t0 = performance.now();
        await page.goto(t.route, { waitUntil: "commit" });
        await page.getByTestId("zw-topbar").waitFor({ timeout: 60_000 });
        const shellMs = performance.now() - t0;
        await page.locator(t.selector).first().waitFor({ timeout: 60_000 });
        const firstMs = performance.now() - t0;
        per.push({ shellMs, firstMs, load: loadAvg() });
      }
      const row = { name: t.name, route: t.route, firstMs: median(per.map((p) => p.firstMs)), shellMs: median(per.map((p) => p.shellMs)), ratio: median(per.map((p) => p.firstMs / p.shellMs)), load: median(per.map((p) => p.load)), runs: per };
      rows.push(row);
      log(`  ${t.name.padEnd(42)} ${Math.round(row.firstMs)} ms (shell top bar ${Math.round(row.shellMs)} ms) (load ${row.load.toFixed(1)})`);
    }
    await context.close();
    return { rows, fetchedTwice: twice, sharedFilesFetched: sharedFetched };
  } finally {
    await browser.close();
    await api.stop();
  }
}

export async function run({ opts, log, databaseUrl }) {
  const s = sizes();
  for (const m of s) log(`  ${m.name.padEnd(40)} ${m.missing ? "not built" : `${m.gzipKb} KB gzip (${m.rawKb} KB, ${m.files} files)${m.vendored?.length ? ` BUNDLES ${m.vendored.join(", ")}` : ""}`}`);
  const shared = s.find((m) => !m.own);
  const summary = s.map((m) =>
    m.missing
      ? { scenario: "7 front end", measure: `${m.name}: gzip`, value: "not built", ratio: null, target: m.own ? "≤ 150 KB" : "", ok: false, load: null }
      : { scenario: "7 front end", measure: `${m.name}: gzip (JS + CSS)`, value: `${m.gzipKb} KB${m.vendored?.length ? `; bundles ${m.vendored.join(", ")}` : ""}`, ratio: m.own && shared && !shared.missing ? round(m.gzipKb / shared.gzipKb) : null, target: m.own ? "≤ 150 KB, no vendored React/Apollo/antd" : "fetched once", ok: m.own ? m.gzipKb <= 150 && m.vendored.length === 0 : null, load: null },
  );
  let browser = null;
  if (fs.existsSync(process.env.CHROMIUM_PATH || "/usr/bin/chromium") && !s.some((m) => m.missing)) {
    browser = await browserTimes({ opts: { ...opts, frontendDatabaseUrl: databaseUrl }, log });
    summary.push({ scenario: "7 front end", measure: "shared files fetched once in a session through every module", value: browser.fetchedTwice.length ? `fetched twice: ${browser.fetchedTwice.join(", ")}` : `yes (${browser.sharedFilesFetched} shared files, each once)`, ratio: null, target: "once", ok: browser.fetchedTwice.length === 0, load: null });
    for (const r of browser.rows) summary.push({ scenario: "7 front end", measure: `${r.name} (${r.route}), headless Chromium`, value: `${Math.round(r.firstMs)} ms (shell alone ${Math.round(r.shellMs)} ms)`, ratio: round(r.ratio), target: "≤ 1.5 s", ok: r.firstMs <= 1500, load: round(r.load, 1) });
  } else log("  chromium or a build missing: browser timings skipped");
  return { sizes: s.map(({ texts, ...m }) => m), browser, summary };
}
