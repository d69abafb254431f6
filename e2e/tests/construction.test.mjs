/**
 * The construction spoil module in a real browser on the demo data: the statistics home with the
 * year-over-year case figures, the registers with filters and detail drawers (credit history), the
 * permit workflow (a company applies, staff approve in the page, the printable permit carries its QR
 * code, the public verification page shows it valid), the live map, manifests, capacity matching and
 * the rule parameters; the company account sees its own vehicles only; staff work an alert into a case
 * and the case to its close (the company's credit loses the violation's points); staff register a vehicle
 * through the form.
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

const rows = (page, testId) => page.getByTestId(testId).locator("tbody tr.ant-table-row");
/** The text input of a form field, whether Ant Design put the test id on the input or on its wrapper. */
const field = (scope, testId) => scope.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

describe("construction spoil module", () => {
  it("shows the year's cases with their change against last year, and the registers with drawers", async () => {
    const { page, context, errors } = await newPage(browser, platform.url);
    await login(page, "housing");
    await go(page, "/construction");
    await page.getByTestId("cw-cases-count").waitFor();
    const staff = await tokenFor(platform.url, "housing");
    const y = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const s = (await gql(platform.url, staff, `query($f: DateTime!, $t: DateTime!) { caseStatistics(stream: construction, from: $f, to: $t) { count countChangePct } }`, { f: new Date(Date.UTC(y, 0, 1) - 8 * 3600_000).toISOString(), t: new Date(Date.UTC(y + 1, 0, 1) - 8 * 3600_000).toISOString() })).caseStatistics;
    assert.equal((await page.getByTestId("cw-cases-count").innerText()).replace(/,/g, ""), String(s.count));
    assert.match(await page.getByTestId("cw-cases-yoy").innerText(), new RegExp(`\\+${s.countChangePct}%`));
    await shot(page, "cw-01-home");

    await go(page, "/construction/sites");
    await rows(page, "cw-sites-table").first().waitFor();
    await rows(page, "cw-sites-table").first().click();
    await page.getByTestId("cw-history").waitFor();
    await shot(page, "cw-02-site-drawer");
    await page.keyboard.press("Escape");

    await go(page, "/construction/companies");
    await rows(page, "cw-companies-table").first().waitFor();
    await rows(page, "cw-companies-table").first().click();
    await page.getByTestId("cw-credit-history").waitFor();
    await shot(page, "cw-03-company-credit");
    await page.keyboard.press("Escape");

    await go(page, "/construction/manifests");
    await page.getByTestId("cw-manifest-number").first().waitFor();
    await go(page, "/construction/disposal-places");
    await rows(page, "cw-places-table").first().waitFor();
    await go(page, "/construction/capacity");
    await page.getByTestId("cw-capacity-districts").waitFor();
    assert.equal(await rows(page, "cw-capacity-districts").count(), 6);
    await shot(page, "cw-04-capacity");
    await go(page, "/construction/rules");
    await page.getByTestId("cw-rule-OFF_ROUTE").waitFor();
    assert.equal(await page.locator('[data-testid^="cw-rule-"]').count(), 7);
    await go(page, "/construction/map");
    await page.getByTestId("cw-map-counts").waitFor();
    assert.match(await page.getByTestId("cw-map-counts").innerText(), /[1-9]\d* (辆|vehicles)/);
    await shot(page, "cw-05-map");
    assert.deepEqual(errors, []);
    await context.close();
  });

  it("a company applies; staff approve in the page; the printed permit's QR code verifies publicly", async () => {
    const op = await tokenFor(platform.url, "transport.demo");
    const mine = (await gql(platform.url, op, `{ spoilVehicles(first: 100, filter: { status: ACTIVE, standardCompliant: true }) { edges { node { id plate activePermit { validTo } } } } excavationSites(first: 100, filter: { status: [REGISTERED, ACTIVE] }) { edges { node { id lon lat periodTo } } } disposalPlaces(first: 100, filter: { status: OPEN, kind: DISPOSAL_SITE }) { edges { node { id lon lat } } } transportPermits(first: 100, filter: { status: [PENDING] }) { edges { node { vehicle { id } } } } }`));
    const pendingVehicles = new Set(mine.transportPermits.edges.map((e) => e.node.vehicle.id));
    // A vehicle without a pending application whose permit in force (if any) ends first; the new permit follows it.
    const ends = (v) => (v.activePermit ? new Date(v.activePermit.validTo).getTime() : 0);
    const vehicle = mine.spoilVehicles.edges.map((e) => e.node).filter((v) => !pendingVehicles.has(v.id)).sort((a, b) => ends(a) - ends(b))[0];
    assert.ok(vehicle, "the demo company has a vehicle without a pending application");
    const from = new Date(Math.max(Date.now() + 86_400_000, ends(vehicle) + 3600_000));
    const to = new Date(from.getTime() + 10 * 86_400_000);
    const site = mine.excavationSites.edges.map((e) => e.node).find((x) => new Date(`${x.periodTo}T00:00:00+08:00`).getTime() > to.getTime());
    assert.ok(site, "a registered site runs long enough");
    const place = mine.disposalPlaces.edges[0].node;
    const applied = (await gql(platform.url, op, `mutation($i: ApplyPermitInput!) { applyForPermit(input: $i) { permit { id } userErrors { code message } } }`, { i: { vehicleId: vehicle.id, siteId: site.id, disposalPlaceId: place.id, route: [[site.lon, site.lat], [place.lon, place.lat]], validFrom: from.toISOString(), validTo: to.toISOString() } })).applyForPermit;
    assert.deepEqual(applied.userErrors, []);

    const { page, context, errors } = await newPage(browser, platform.url);
    await login(page, "housing");
    await go(page, "/construction/permits");
    await rows(page, "cw-permits-table").first().waitFor();
    const pending = page.getByTestId("cw-permits-table").locator("tbody tr.ant-table-row", { hasText: vehicle.plate }).filter({ hasText: /待审批|pending/i });
    await pending.first().click();
    await page.getByTestId("cw-permit-approve").click();
    await page.locator('[data-testid="cw-permit-status"][data-status="ACTIVE"]').waitFor();
    await page.getByTestId("cw-permit-qr").waitFor();
    await shot(page, "cw-06-permit-approved");
    await page.getByTestId("cw-permit-print").click();
    await page.getByTestId("cw-permit-print-page").waitFor();
    const number = await page.getByTestId("cw-print-number").innerText();
    assert.match(number, /^ZY\d{4}-\d{2}-\d{6}$/);
    assert.ok((await page.getByTestId("cw-print-qr").innerHTML()).includes("<svg"));
    await shot(page, "cw-07-permit-print");
    assert.deepEqual(errors, []);
    await context.close();

    const detail = (await gql(platform.url, op, `query($id: ID!) { node(id: $id) { ... on TransportPermit { number qrCode { url } } } }`, { id: applied.permit.id })).node;
    assert.equal(detail.number, number);
    const pub = await browser.newContext({ viewport: { width: 420, height: 800 } });
    const vp = await pub.newPage();
    await vp.goto(detail.qrCode.url);
    const body = await vp.locator("body").innerText();
    assert.ok(body.includes(number));
    assert.match(body, /有效 VALID|无效 NOT VALID/);
    assert.ok(!/1[3-9]\d{9}/.test(body), "no phone numbers on the public page");
    await vp.screenshot({ path: "screenshots/cw-08-verify.png" }).catch(() => {});
    await pub.close();
  });

  it("the company account sees its own vehicles only", async () => {
    const op = await tokenFor(platform.url, "transport.demo");
    const me = (await gql(platform.url, op, `{ me { org { id } } spoilVehicles(first: 100) { totalCount } }`));
    const { page, context, errors } = await newPage(browser, platform.url);
    await login(page, "transport.demo");
    await go(page, "/construction/vehicles");
    await page.getByTestId("cw-vehicle-plate").first().waitFor();
    assert.equal(await page.getByTestId("cw-vehicle-plate").count(), Math.min(20, me.spoilVehicles.totalCount));
    await shot(page, "cw-09-operator-vehicles");
    assert.deepEqual(errors, []);
    await context.close();
  });

  it("staff acknowledge an alert, turn it into a case, decide and close the case; the company's credit falls", async () => {
    const staff = await tokenFor(platform.url, "enforcement");
    const ALERTS = `{ alerts(first: 20, filter: { stream: construction }) { edges { node { id status subjectType subjectLabel rule case { id } } } } }`;
    const list = (await gql(platform.url, staff, ALERTS)).alerts.edges.map((e) => e.node);
    const index = list.findIndex((a) => a.status === "OPEN" && !a.case && (a.subjectType === "Vehicle" || a.subjectType === "TripManifest") && ["OFF_ROUTE", "NO_PERMIT", "OVERSPEED", "SUSPECTED_DUMPING", "PERMIT_EXPIRED"].includes(a.rule));
    assert.ok(index >= 0, "an open vehicle alert without a case on the first page");
    const alert = list[index];

    const { page, context, errors } = await newPage(browser, platform.url);
    await login(page, "enforcement");
    await go(page, "/construction/alerts");
    await rows(page, "zw-alerts-table").first().waitFor();
    await rows(page, "zw-alerts-table").nth(index).click();
    const actions = page.getByTestId("cw-alert-actions");
    await actions.getByTestId("cw-alert-acknowledge").click();
    await actions.getByTestId("cw-alert-reopen").waitFor();
    await actions.getByTestId("cw-alert-to-case").click();
    await field(actions, "cw-case-fine").fill("5000");
    await actions.locator('[data-testid="zw-api-form"] button[type="submit"]').click();
    await actions.getByTestId("cw-alert-case").waitFor();
    await shot(page, "cw-10-alert-to-case");
    const after = (await gql(platform.url, staff, `query($id: ID!) { node(id: $id) { ... on Alert { status case { id number subjectType subjectLabel violationType fineYuan source } } } }`, { id: alert.id })).node;
    assert.equal(after.status, "ACKNOWLEDGED");
    assert.equal(after.case.subjectType, "Vehicle");
    assert.equal(after.case.source, "ALERT");
    assert.equal(after.case.fineYuan, "5000.00");
    const expected = { OFF_ROUTE: "OFF_ROUTE", NO_PERMIT: "NO_PERMIT", OVERSPEED: "OVERSPEED", SUSPECTED_DUMPING: "ILLEGAL_DUMPING", PERMIT_EXPIRED: "PERMIT_EXPIRED" }[alert.rule];
    assert.equal(after.case.violationType, expected);
    assert.match(await actions.getByTestId("cw-alert-case").innerText(), new RegExp(after.case.number));

    const plate = after.case.subjectLabel;
    const CO = `query($s: String) { spoilVehicles(first: 1, filter: { search: $s }) { edges { node { company { id creditScore } } } } }`;
    const before = (await gql(platform.url, staff, CO, { s: plate })).spoilVehicles.edges[0].node.company;

    await go(page, "/construction/cases");
    await page.getByTestId("zw-cases-table").waitFor();
    await page.getByTestId("zw-case-number").filter({ hasText: after.case.number }).click();
    const ca = page.getByTestId("cw-case-actions");
    await ca.getByTestId("cw-case-action-DECIDE").click();
    await field(ca, "cw-case-decide-fine").fill("8000");
    await ca.locator('[data-testid="zw-api-form"] button[type="submit"]').click();
    await ca.getByTestId("cw-case-action-CLOSE").waitFor();
    await ca.locator('[data-testid="zw-api-form"] button[type="submit"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="cw-case-status"]')?.textContent === "已结案");
    // The drawer's own details follow the action (status tag and fine).
    await page.locator('.ant-drawer [data-status="CLOSED"]').waitFor();
    await shot(page, "cw-11-case-closed");
    const closed = (await gql(platform.url, staff, `query($id: ID!) { node(id: $id) { ... on Case { status fineYuan } } }`, { id: after.case.id })).node;
    assert.deepEqual(closed, { status: "CLOSED", fineYuan: "8000.00" });
    const rules = (await gql(platform.url, staff, `{ creditRules { violations { code deduction } } }`)).creditRules.violations;
    const co = (await gql(platform.url, staff, CO, { s: plate })).spoilVehicles.edges[0].node.company;
    assert.equal(co.id, before.id);
    assert.equal(co.creditScore, Math.max(0, before.creditScore - rules.find((v) => v.code === expected).deduction));
    assert.deepEqual(errors, []);
    await context.close();
  });

  it("staff register a vehicle through the form (plate checked) and find it in the register", async () => {
    const { page, context, errors } = await newPage(browser, platform.url);
    await login(page, "housing");
    await go(page, "/construction/vehicles");
    await rows(page, "cw-vehicles-table").first().waitFor();
    await page.getByTestId("cw-vehicle-new").click();
    const form = page.locator(".ant-drawer-open [data-testid=zw-api-form]");
    await field(form, "cw-vehicle-plate-input").fill("浙DIO12");
    await form.locator('button[type="submit"]').click();
    await form.getByText(/车牌格式不正确/).waitFor();
    const plate = `浙D${String(Date.now() % 100000).padStart(5, "0")}`.replace(/0/g, "7");
    await field(form, "cw-vehicle-plate-input").fill(plate.replace("D", "d "));
    await form.locator(".ant-form-item", { hasText: "运输企业" }).locator(".ant-select").click();
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option").first().click();
    await field(form, "cw-vehicle-load").fill("20");
    await field(form, "cw-vehicle-terminal").fill(`E2E${Date.now() % 1000000}`);
    await form.locator('button[type="submit"]').click();
    await page
      .locator(".ant-drawer-open [data-testid=zw-api-form]")
      .waitFor({ state: "detached" })
      .catch(async (e) => {
        await shot(page, "cw-12-vehicle-form-stuck");
        throw new Error(`the vehicle form did not close: ${await form.innerText().catch(() => "?")}\n${e.message}`);
      });
    const staff = await tokenFor(platform.url, "housing");
    const found = (await gql(platform.url, staff, `query($s: String) { spoilVehicles(first: 5, filter: { search: $s }) { edges { node { plate loadM3 status } } } }`, { s: plate })).spoilVehicles.edges.map((e) => e.node);
    assert.deepEqual(found, [{ plate, loadM3: "20.00", status: "ACTIVE" }]);
    await shot(page, "cw-12-vehicle-registered");
    assert.deepEqual(errors, []);
    await context.close();
  });
});
