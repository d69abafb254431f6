/**
 * The hazardous-waste module in a real browser on the demo data: the manifest signed step by step by
 * its three parties (producer → carrier with licensed crew → receiver), the printable manifest with QR
 * codes, QR verification (restricted for the public, full for staff), the hazard board workflow, unit
 * registration with credit-code validation, and the registers, map and statistics pages.
 */
import assert from "node:assert/strict";
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

const MANIFESTS = `query($f: ManifestFilter) { transferManifests(first: 50, filter: $f) { edges { node { id number state availableActions { action } } } } }`;

/** Picks the first option of an antd Select whose text does not match `avoid`. */
async function choose(page, testId, avoid = /已过期/) {
  await page.getByTestId(testId).click();
  const options = page.locator(".ant-select-dropdown:visible .ant-select-item-option");
  await options.first().waitFor();
  const n = await options.count();
  for (let i = 0; i < n; i++) {
    const text = await options.nth(i).innerText();
    if (!avoid.test(text)) {
      await options.nth(i).click();
      // Wait for the dropdown to close: while it animates out it is still ":visible", and the next
      // choose() would pick from it instead of its own.
      for (let t = 0; t < 100 && (await page.locator(".ant-select-dropdown:visible").count()) > 0; t++) await page.waitForTimeout(50);
      return text;
    }
  }
  throw new Error(`no usable option in ${testId}`);
}

describe("transfer manifest signed by its three parties", () => {
  it("producer submits, carrier binds a licensed vehicle and crew (e-waybill), receiver weighs; history and QR follow", async () => {
    const producerToken = await tokenFor(platform.url, "hz.producer");
    const drafts = (await gql(platform.url, producerToken, MANIFESTS, { f: { states: ["DRAFT"] } })).transferManifests.edges.map((e) => e.node);
    const m = drafts.find((d) => d.availableActions.some((a) => a.action === "submit"));
    assert.ok(m, "the demo producer has a draft to submit");
    const detail = `/hazardous/manifests/${encodeURIComponent(m.id)}`;

    // Producer
    const p = await newPage(browser, platform.url);
    await login(p.page, "hz.producer");
    await go(p.page, "/hazardous/manifests");
    await p.page.getByTestId("hz-manifests-table").getByTestId("hz-manifest-number").first().waitFor();
    await shot(p.page, "hz-01-producer-manifests");
    await go(p.page, detail);
    await p.page.getByTestId("hz-detail-state").waitFor();
    assert.equal(await p.page.getByTestId("hz-detail-state").getAttribute("data-state"), "DRAFT");
    await p.page.getByTestId("hz-action-submit").click();
    await p.page.locator('[data-testid="hz-detail-state"][data-state="SUBMITTED"]').waitFor();
    assert.equal(await p.page.getByTestId("hz-action-pickUp").count(), 0, "the producer cannot sign the carrier's step");
    await shot(p.page, "hz-02-producer-submitted");
    assert.deepEqual(p.errors, []);
    await p.context.close();

    // Carrier
    const c = await newPage(browser, platform.url);
    await login(c.page, "hz.carrier");
    await go(c.page, detail);
    await c.page.getByTestId("hz-action-pickUp").click();
    await choose(c.page, "hz-pickup-vehicle");
    await choose(c.page, "hz-pickup-driver");
    await choose(c.page, "hz-pickup-escort");
    await shot(c.page, "hz-03-carrier-pickup");
    await c.page.getByTestId("hz-pickup-ok").click();
    await c.page.locator('[data-testid="hz-detail-state"][data-state="PICKED_UP"]').waitFor();
    assert.equal(await c.page.getByTestId("hz-waybill").innerText(), `YD${m.number}`);
    await c.context.close();

    // Receiver: weighs (the declared weights are prefilled)
    const r = await newPage(browser, platform.url);
    await login(r.page, "hz.receiver");
    await go(r.page, detail);
    await r.page.getByTestId("hz-action-receive").click();
    await r.page.getByTestId("hz-receive-ok").click();
    await r.page.locator('[data-testid="hz-detail-state"][data-state="RECEIVED"]').waitFor();
    assert.equal(await r.page.getByTestId("hz-discrepancy").innerText(), "0.000%");
    await r.page.getByTestId("hz-timeline-item").nth(3).waitFor(); // the history refetches after the state
    const steps = await r.page.getByTestId("hz-timeline-item").allInnerTexts();
    assert.equal(steps.length, 4);
    assert.match(steps[3], /过磅签收/);
    await r.page.getByTestId("hz-qr").waitFor();
    await shot(r.page, "hz-04-receiver-received");
    assert.deepEqual(r.errors, []);

    // Printable manifest with its QR code and one label per package
    await r.page.getByTestId("hz-print-link").click();
    await r.page.getByTestId("hz-print").waitFor();
    assert.equal(await r.page.getByTestId("hz-print-number").innerText(), m.number);
    await r.page.getByTestId("hz-label").first().waitFor();
    assert.ok((await r.page.getByTestId("hz-label").count()) >= 1);
    await shot(r.page, "hz-05-print");
    await r.context.close();
  });
});

describe("QR verification", () => {
  it("shows the public a restricted page and staff the full flow, logging each scan", async () => {
    const staff = await tokenFor(platform.url, "ecology");
    const list = (await gql(platform.url, staff, `{ transferManifests(first: 1, filter: { states: [RECEIVED, ACCEPTED, DISPOSED] }) { edges { node { id number qrUrl } } } }`)).transferManifests.edges;
    const m = list[0].node;
    const token = new URL(m.qrUrl).pathname.split("/").pop();
    const anon = await fetch(`${platform.url}/v/m/${token}`);
    const html = await anon.text();
    assert.equal(anon.status, 200);
    assert.match(html, new RegExp(m.number));
    assert.match(html, /登录后可查看数量与流向/);

    const s = await newPage(browser, platform.url);
    await login(s.page, "ecology");
    await go(s.page, `/hazardous/verify/${token}`);
    await s.page.getByTestId("hz-verify-level").waitFor();
    assert.equal(await s.page.getByTestId("hz-verify-level").getAttribute("data-restricted"), "false");
    await s.page.getByTestId("hz-verify-flow").locator("tbody tr.ant-table-row").first().waitFor();
    assert.ok((await s.page.getByTestId("hz-verify-flow").locator("tbody tr.ant-table-row").count()) >= 3);
    await shot(s.page, "hz-06-verify-staff");
    const scans = await gql(platform.url, staff, `query($id: ID!) { node(id: $id) { ... on TransferManifest { scans(last: 10) { view viewer } } } }`, { id: m.id });
    assert.deepEqual(scans.node.scans.map((x) => x.view).slice(0, 2), ["FULL", "RESTRICTED"]);
    assert.deepEqual(s.errors, []);
    await s.context.close();
  });
});

describe("census and hazards", () => {
  it("registers a unit only with a valid credit code, and works a hazard on the deadline board", async () => {
    const { page, context, errors } = await newPage(browser, platform.url);
    await login(page, "ecology.keqiao");
    await go(page, "/hazardous/units");
    await page.getByTestId("hz-units-table").locator("tbody tr.ant-table-row").first().waitFor();
    await page.getByTestId("hz-unit-new").click();
    await page.getByTestId("hz-unit-name").fill("柯桥浏览器测试印染厂");
    await page.getByTestId("hz-unit-code").fill("91330603MA2BC3DE10");
    // A district user's form offers (and preselects) only the own district.
    await page.getByTestId("zw-api-form").getByRole("button", { name: /提\s*交/ }).click();
    await page.getByText(/统一社会信用代码无效|check character/).first().waitFor();
    await shot(page, "hz-07-unit-invalid-code");

    await go(page, "/hazardous/hazards");
    const table = page.getByTestId("hz-hazards-table");
    await table.locator("tbody tr.ant-table-row").first().waitFor();
    await shot(page, "hz-08-hazard-board");
    // Filter to hazards still FOUND, open the first and take it through rectification.
    await page.getByTestId("zw-filter-bar").locator(".ant-select").first().click();
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option").first().click();
    await page.keyboard.press("Escape");
    await page.getByTestId("zw-filter-search").click();
    await table.locator('tbody tr.ant-table-row:has([data-status="RECTIFYING"])').first().waitFor({ state: "detached" });
    const found = table.locator('tbody tr.ant-table-row:has([data-status="FOUND"])').first();
    await found.click();
    await page.getByTestId("hz-hazard-startRectification").click();
    await page.getByTestId("hz-hazard-submitEvidence").waitFor();
    await page.getByTestId("hz-hazard-note").fill("已设置防渗托盘并张贴标识");
    await page.getByTestId("hz-hazard-submitEvidence").click();
    await page.getByTestId("hz-hazard-verify").waitFor();
    await page.getByTestId("hz-hazard-verify").click();
    await page.getByTestId("hz-hazard-actions").waitFor({ state: "detached" });
    await shot(page, "hz-09-hazard-verified");
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe("registers, map and statistics", () => {
  it("shows collection totals, licence expiry, the live map, relocation steps and statistics", async () => {
    const { page, context, errors } = await newPage(browser, platform.url);
    await login(page, "ecology");
    await go(page, "/hazardous");
    await page.getByTestId("hz-home-figures").waitFor();
    await shot(page, "hz-10-home");

    await go(page, "/hazardous/collection");
    await page.getByTestId("hz-collection-totals").locator("tbody tr.ant-table-row").nth(2).waitFor();
    const runs = await page.getByTestId("hz-collection-runs").allInnerTexts();
    assert.equal(runs.length, 3);
    assert.ok(runs.every((x) => Number(x.replace(/,/g, "")) > 0));
    await shot(page, "hz-11-collection");

    await go(page, "/hazardous/transport");
    await page.getByTestId("hz-vehicles-table").locator("tbody tr.ant-table-row").first().waitFor();
    // Filter to expired licences: every row shows the expired tag.
    await page.getByTestId("zw-filter-bar").first().locator(".ant-select").nth(1).click();
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option").first().click();
    await page.getByTestId("zw-filter-search").first().click();
    await page.getByTestId("hz-expired").first().waitFor();
    const rows = await page.getByTestId("hz-vehicles-table").locator("tbody tr.ant-table-row").count();
    assert.equal(await page.getByTestId("hz-vehicles-table").getByTestId("hz-expired").count(), rows);
    await shot(page, "hz-12-transport");

    await go(page, "/hazardous/map");
    await page.getByTestId("hz-map-canvas").locator("canvas").first().waitFor();
    await shot(page, "hz-13-map");

    // Speed-limited and restricted roads (the demo data has two restricted roads in the old town).
    await go(page, "/hazardous/roads");
    await page.getByTestId("hz-segments-table").getByTestId("hz-segment-restricted").first().waitFor();
    await shot(page, "hz-13b-roads");
    // City staff edit the rule parameters.
    await go(page, "/hazardous/rules");
    await page.getByTestId("hz-rule-tolerance").waitFor();
    await shot(page, "hz-13c-rules");

    await go(page, "/hazardous/decommission");
    await page.getByTestId("hz-projects-table").locator("tbody tr.ant-table-row").first().waitFor();
    await page.getByTestId("hz-projects-table").locator("tbody tr.ant-table-row").first().click();
    await page.getByTestId("hz-project-steps").waitFor();
    await shot(page, "hz-14-decommission");

    await go(page, "/hazardous/statistics");
    await page.getByTestId("hz-stats-table").locator("tbody tr.ant-table-row").first().waitFor();
    await page.getByTestId("hz-capacity-table").waitFor();
    await shot(page, "hz-15-statistics");
    assert.deepEqual(errors, []);
    await context.close();
  });
});
