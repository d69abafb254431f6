/**
 * The leadership overview in a real browser: every stream's figures (the same as the API's) with their
 * change on the year before and links into the modules, time to the first figures; a district clicked
 * on the map filters the page; live alerts appear without a reload and the page falls back to polling
 * when the socket is refused; the big screen (1920×1080, no controls, rotating map, live); the monthly
 * briefing as a printable page and an Excel download.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { go, gql, launchBrowser, login, newPage, shot, startPlatform, tokenFor } from "./harness.mjs";

let platform;
let browser;

before(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await platform?.stop();
});

const realErrors = (errors) => errors.filter((e) => !/401|Unauthorized/i.test(e));
const FIG = "query($d: ID) { overviewFigures(districtId: $d) { streams { stream figures { key value changePct link } } } }";
const figuresOf = (data) => Object.fromEntries(data.overviewFigures.streams.flatMap((s) => s.figures.map((f) => [f.key, f])));

/** An alert raised right now through the API (an overdue task raises cells.task_overdue at once). */
async function raiseAlert(title) {
  const office = await tokenFor(platform.url, "office");
  const { districts } = await gql(platform.url, office, "{ districts { id code } }");
  const dept = await gql(platform.url, office, "{ me { department { id } } }");
  const r = await gql(
    platform.url,
    office,
    "mutation($i: CreateTrackingTaskInput!) { createTrackingTask(input: $i) { task { id } userErrors { message } } }",
    { i: { title, departmentId: dept.me.department.id, districtId: districts.find((d) => d.code === "yuecheng").id, owner: "测试", year: 2026, deadline: "2020-01-31" } },
  );
  assert.deepEqual(r.createTrackingTask.userErrors, []);
}

describe("overview", () => {
  it("shows every stream's figures as the API gives them, with the change on the year before, fast, each linking into its module", async () => {
    const { page, context, errors } = await newPage(browser, platform.url);
    await login(page, "leader");
    await page.getByTestId("zw-ov-figures").waitFor();
    // Time to the first figures on a fresh page load (signed in).
    const t0 = Date.now();
    await page.goto("/");
    await page.getByTestId("fig-value-construction.spoilMovedM3").waitFor();
    const firstFigures = Date.now() - t0;
    console.log(`[overview] navigation to first figures: ${firstFigures} ms`);
    assert.ok(firstFigures < 5000, `first figures after ${firstFigures} ms`);
    const nav = await page.evaluate(() => performance.getEntriesByType("navigation")[0].toJSON());
    console.log(`[overview] DOMContentLoaded ${Math.round(nav.domContentLoadedEventEnd)} ms, load ${Math.round(nav.loadEventEnd)} ms`);

    const api = figuresOf(await gql(platform.url, await tokenFor(platform.url, "leader"), FIG));
    for (const s of ["construction", "hazardous", "recycling", "cells"]) await page.getByTestId(`stream-${s}`).waitFor();
    for (const key of ["construction.spoilMovedM3", "construction.cases", "hazardous.hazards.found", "recycling.tonnage", "cells.certifiedCells"]) {
      assert.equal(await page.getByTestId(`fig-value-${key}`).getAttribute("data-value"), api[key].value, key);
      assert.equal(await page.getByTestId(`fig-${key}`).getAttribute("href"), api[key].link, key);
    }
    assert.match(await page.getByTestId("fig-construction.cases").innerText(), /同比/);
    await page.getByTestId("zw-ov-ranking").locator("tbody tr.ant-table-row").first().waitFor();
    await page.getByTestId("zw-ov-capacity").locator("tbody tr.ant-table-row").first().waitFor();
    await shot(page, "overview-01-city");

    // A figure opens its module's page.
    await page.getByTestId("fig-construction.permitsActive").click();
    await page.waitForURL(/\/construction\/permits$/);
    await page.getByTestId("mfe-construction-waste").waitFor();
    assert.equal(await page.getByTestId("zw-overview").count(), 0);
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });

  it("filters the page by the district clicked on the map, and back to the city on a second click", async () => {
    const { page, context, errors, operations } = await newPage(browser, platform.url);
    await login(page, "leader");
    await page.getByTestId("zw-district-map-chart").locator("canvas").first().waitFor();
    await page.getByTestId("zw-ov-map-table").locator("tbody tr.ant-table-row").first().waitFor();
    // Where Shangyu is on the canvas: ECharts converts its centroid to pixels.
    const click = async () => {
      // The map sits below the fold of a 1400×900 window: a click outside the viewport reaches nothing.
      await page.getByTestId("zw-district-map-chart").scrollIntoViewIfNeeded();
      const xy = await page.evaluate(async () => {
        const m = await import("@zw/ui/charts");
        const el = document.querySelector('[data-testid="zw-district-map-chart"]');
        const chart = m.echarts.getInstanceByDom(el);
        return chart.convertToPixel({ geoIndex: 0 }, [120.8804, 29.986645]);
      });
      const box = await page.getByTestId("zw-district-map-chart").boundingBox();
      await page.mouse.click(box.x + xy[0], box.y + xy[1]);
    };
    const before = operations.filter((o) => o === "OverviewFigures").length;
    await click();
    await page.waitForURL(/district=330604/);
    await page.waitForFunction(() => document.querySelector('[data-testid="zw-ov-district-tag"]')?.textContent?.includes("上虞区"));
    assert.ok(operations.filter((o) => o === "OverviewFigures").length > before, "figures asked again for the district");
    const token = await tokenFor(platform.url, "leader");
    const { districts } = await gql(platform.url, token, "{ districts { id adcode } }");
    const shangyu = figuresOf(await gql(platform.url, token, FIG, { d: districts.find((d) => d.adcode === "330604").id }));
    for (const key of ["construction.spoilMovedM3", "hazardous.hazards.found", "recycling.tonnage"]) {
      await page.waitForFunction(([k, v]) => document.querySelector(`[data-testid="fig-value-${k}"]`)?.getAttribute("data-value") === v, [key, shangyu[key].value]);
    }
    assert.match(await page.getByTestId("zw-ov-subtitle").innerText(), /上虞区/);
    await shot(page, "overview-02-shangyu");
    await click();
    await page.waitForFunction(() => !location.search.includes("district="));
    await page.waitForFunction(() => document.querySelector('[data-testid="zw-ov-district-tag"]')?.textContent === "全市");
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });

  it("shows a new alert without a reload, and falls back to polling when the socket is refused", async () => {
    const { page, context, errors } = await newPage(browser, platform.url);
    await login(page, "leader");
    await page.getByTestId("zw-ov-alert-list").waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="zw-ov-live"]')?.getAttribute("data-live") === "live");
    await raiseAlert("浏览器实时预警测试");
    const fresh = page.locator('[data-testid="zw-ov-alert"][data-new="1"]', { hasText: "浏览器实时预警测试" });
    await fresh.waitFor({ timeout: 15_000 });
    await shot(page, "overview-03-live-alert");
    assert.deepEqual(realErrors(errors), []);
    await context.close();

    // A proxy that refuses WebSockets: the page says it is polling and still gets the alert.
    const p2 = await newPage(browser, platform.url);
    await p2.page.routeWebSocket(/\/graphql/, (ws) => ws.close({ code: 1011, reason: "no upgrade here" }));
    await login(p2.page, "leader");
    await p2.page.getByTestId("zw-ov-alert-list").waitFor();
    await p2.page.waitForFunction(() => document.querySelector('[data-testid="zw-ov-live"]')?.getAttribute("data-live") === "polling", null, { timeout: 30_000 });
    await raiseAlert("轮询回退预警测试");
    // The title (the alert's subject label repeats the task's title in the meta line).
    await p2.page.getByTestId("zw-ov-alert-list").locator(".zw-ov-alert-title", { hasText: "轮询回退预警测试" }).waitFor({ timeout: 45_000 });
    await shot(p2.page, "overview-04-polling");
    await p2.context.close();
  });
});

describe("big screen", () => {
  it("fills a 1920×1080 wall without controls, rotates the map and shows new alerts on its own", async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: "zh-CN", baseURL: platform.url });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await login(page, "leader");
    await go(page, "/?screen=big");
    await page.getByTestId("bs-fig-construction.spoilMovedM3").waitFor();
    const box = await page.getByTestId("zw-big-screen").boundingBox();
    assert.deepEqual([box.x, box.y, box.width, box.height], [0, 0, 1920, 1080]);
    const canvas = await page.getByTestId("zw-bs-canvas").boundingBox();
    assert.ok(Math.abs(canvas.width - 1920) < 1 && Math.abs(canvas.height - 1080) < 1, JSON.stringify(canvas));
    // Nothing to operate, and the shell's chrome is covered.
    assert.equal(await page.getByTestId("zw-big-screen").locator("button, input, select, .ant-select, .ant-segmented, .ant-pagination").count(), 0);
    assert.equal(await page.evaluate(() => !!document.elementFromPoint(40, 20)?.closest('[data-testid="zw-big-screen"]')), true);
    await page.getByTestId("zw-district-map-chart").locator("canvas").first().waitFor();
    const clock = await page.getByTestId("zw-bs-clock").innerText();
    const caption = await page.getByTestId("zw-ov-map-caption").innerText();
    await shot(page, "overview-05-big-screen");
    await raiseAlert("大屏实时预警测试");
    await page.getByTestId("zw-ov-alerts").locator(".zw-ov-alert-title", { hasText: "大屏实时预警测试" }).waitFor({ timeout: 15_000 });
    assert.notEqual(await page.getByTestId("zw-bs-clock").innerText(), clock);
    // The map moves on to the next measure by itself (every 20 s).
    await page.waitForFunction((c) => document.querySelector('[data-testid="zw-ov-map-caption"]')?.textContent !== c, caption, { timeout: 30_000 });
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe("monthly briefing", () => {
  it("shows last month in the bulletin's manner, prints without the chrome, and downloads the Excel workbook", async () => {
    const { page, context, errors } = await newPage(browser, platform.url);
    await login(page, "leader");
    await page.getByTestId("zw-ov-briefing-link").click();
    await page.getByTestId("zw-briefing").waitFor();
    assert.match(await page.getByTestId("zw-brief-title").innerText(), /绍兴市全域“无废城市”建设工作月报/);
    for (const s of ["construction", "hazardous", "recycling", "cells", "capacity"]) await page.getByTestId(`brief-section-${s}`).waitFor();
    assert.match(await page.getByTestId("brief-section-construction").innerText(), /渣土外运量/);
    assert.ok((await page.getByTestId("zw-brief-table").locator("tbody tr").count()) > 15);
    assert.equal(await page.getByTestId("zw-brief-districts").locator("tbody tr").count(), 6);
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.getByTestId("zw-topbar").isVisible(), false);
    assert.equal(await page.getByTestId("zw-brief-excel").isVisible(), false);
    assert.equal(await page.getByTestId("zw-briefing").isVisible(), true);
    await shot(page, "overview-06-briefing-print");
    await page.emulateMedia({ media: "screen" });

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("zw-brief-excel").click()]);
    assert.match(download.suggestedFilename(), /月报-\d{4}-\d{2}\.xlsx$/);
    const file = path.join(os.tmpdir(), `zw-briefing-${Date.now()}.xlsx`);
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    fs.rmSync(file);
    assert.equal(bytes.subarray(0, 2).toString(), "PK", "a zip (xlsx) file");
    const names = bytes.toString("latin1");
    for (let i = 1; i <= 4; i++) assert.ok(names.includes(`xl/worksheets/sheet${i}.xml`), `sheet ${i}`);
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });
});
