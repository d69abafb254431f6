#!/usr/bin/env node
/**
 * The network waterfall of one navigation (scenario 7's named cause when first figures / first list miss
 * 1.5 s): signs in as the leadership, then navigates twice to the route (the second with a warm HTTP
 * cache, as the bench measures) and prints every request's start and end in ms from the navigation.
 *   node bench/profile-frontend.mjs [/construction/permits] [--db zw_bench_small]
 */
import { createRequire } from "node:module";
import path from "node:path";
import { root, startApi, dbUrl } from "./lib.mjs";
const args = process.argv.slice(2);
const db = args.includes("--db") ? args[args.indexOf("--db") + 1] : "zw_bench_small";
const route0 = args.find((a, i) => a.startsWith("/") && args[i - 1] !== "--db") ?? "/construction/permits";
const { chromium } = createRequire(path.join(root, "e2e", "package.json"))("playwright-core");
const api = await startApi({ databaseUrl: dbUrl(db) });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "zh-CN", baseURL: api.url });
const page = await context.newPage();
await page.goto("/");
await page.getByTestId("zw-login-username").fill("leader");
await page.getByTestId("zw-login-password").fill("Zerowaste2026");
await page.getByTestId("zw-login-password").press("Enter");
await page.locator('[data-testid="fig-value-construction.spoilMovedM3"]').first().waitFor({ timeout: 60000 });
for (const route of [route0, route0]) {
  const ev = [];
  let t0 = 0;
  const onReq = (r) => ev.push({ t: performance.now() - t0, k: "req", u: new URL(r.url()).pathname + (r.postData()?.match(/"operationName":"(\w+)"/)?.[1] ?? "") });
  const onFin = (r) => ev.push({ t: performance.now() - t0, k: "fin", u: new URL(r.url()).pathname + (r.postData()?.match(/"operationName":"(\w+)"/)?.[1] ?? "") });
  page.on("request", onReq); page.on("requestfinished", onFin);
  t0 = performance.now();
  await page.goto(route, { waitUntil: "commit" });
  await page.getByTestId("zw-topbar").waitFor({ timeout: 60000 });
  const shell = performance.now() - t0;
  const sel = route === "/" ? '[data-testid="fig-value-construction.spoilMovedM3"]' : `tbody tr.ant-table-row`;
  await page.locator(sel).first().waitFor({ timeout: 60000 });
  const first = performance.now() - t0;
  page.off("request", onReq); page.off("requestfinished", onFin);
  console.log(`\n${route}: shell ${shell.toFixed(0)} first ${first.toFixed(0)}`);
  for (const e of ev) console.log(`${e.t.toFixed(0).padStart(6)} ${e.k} ${e.u}`);
}
await browser.close(); await api.stop();
