/**
 * The cells module in a real browser: a unit completes and submits its application; the office scores
 * it item by item (a score above an item's points is refused) and certifies it; the certified-cell map
 * and counts, the indicator board with reporting, the zero-waste index with drill-down, the task board,
 * the academy's Chinese search, the public pages (FAQ, question form, answer look-up, academy) for a
 * visitor without an account, the enquiry form with hostile markup shown inert in the inbox and the
 * FAQ, and an Excel export.
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

/** The <input> of an antd control carrying a test id (on the input itself or on a wrapper). */
async function inputOf(page, testId) {
  const el = page.getByTestId(testId);
  const tag = await el.evaluate((e) => e.tagName);
  return tag === "INPUT" || tag === "TEXTAREA" ? el : el.locator("input, textarea").first();
}

async function fill(page, testId, value) {
  const input = await inputOf(page, testId);
  await input.fill("");
  await input.fill(String(value));
}

/** Ignore the noise of a 401 before login; everything else in the console is an error of the test. */
const realErrors = (errors) => errors.filter((e) => !/401|Unauthorized/i.test(e));

let applicationId;

describe("zero-waste cells", () => {
  it("lets the Xianhu kindergarten complete its self-assessment and submit it", async () => {
    const { page, context, errors } = await newPage(browser, platform.url);
    await login(page, "xianhu");
    await go(page, "/cells");
    await page.getByTestId("unit-home").waitFor();
    assert.equal(await page.getByTestId("unit-name").innerText(), "嵊州市仙湖幼儿园");
    // A unit sees only its own things: no units, map or inbox tabs.
    assert.equal(await page.getByTestId("tab-units").count(), 0);
    assert.equal(await page.getByTestId("tab-consultation").count(), 0);
    await page.getByTestId("unit-applications").locator("tbody tr.ant-table-row").first().click();
    await page.getByTestId("assessment-items").waitFor();
    // The draft lacks evidence for two items: submitting is refused with a clear message.
    await page.getByTestId("action-submit").click();
    await page.getByTestId("app-errors").waitFor();
    assert.match(await page.getByTestId("app-errors").innerText(), /REUSE|DISPOSE/);
    await fill(page, "self-evidence-REUSE", "校园可回收物回收点照片、回收台账（2026 年 1–10 月）");
    await fill(page, "self-evidence-DISPOSE", "实验室废液委托处置合同及转移联单");
    await page.getByTestId("save-self").click();
    await page.getByText("自评已保存").waitFor();
    await page.getByTestId("action-submit").click();
    await page.locator('[data-testid="zw-detail-drawer"] [data-status="SUBMITTED"]').first().waitFor();
    await shot(page, "cells-01-unit-submitted");
    const token = await tokenFor(platform.url, "xianhu");
    const d = await gql(platform.url, token, "{ cellApplications(first: 5) { edges { node { id status unit { name } } } } }");
    assert.equal(d.cellApplications.edges.length, 1);
    assert.equal(d.cellApplications.edges[0].node.status, "SUBMITTED");
    applicationId = d.cellApplications.edges[0].node.id;
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });

  it("lets the office score item by item, refuses a score above the item's points, and certifies", async () => {
    assert.ok(applicationId, "needs the application submitted above");
    const { page, context, errors } = await newPage(browser, platform.url);
    await login(page, "office");
    await go(page, `/cells/applications?open=${encodeURIComponent(applicationId)}`);
    await page.getByTestId("action-startReview").click();
    await page.getByTestId("save-scores").waitFor();
    await fill(page, "score-ORG", 12);
    await page.getByTestId("save-scores").click();
    await page.getByTestId("app-errors").waitFor();
    assert.match(await page.getByTestId("app-errors").innerText(), /ORG.*10/);
    const scores = { ORG: 10, RULES: 9, REDUCE: 14, SORT: 14, REUSE: 13.5, DISPOSE: 14, PUBLICITY: 9, OPINION: 9 };
    for (const [code, v] of Object.entries(scores)) await fill(page, `score-${code}`, v);
    assert.match(await page.getByTestId("live-total").innerText(), /92\.5/);
    await page.getByTestId("save-scores").click();
    await page.getByText("评分已保存").waitFor();
    await page.getByTestId("action-certify").click();
    await page.getByTestId("action-confirm").click();
    await page.getByTestId("app-certificate").waitFor();
    assert.match(await page.getByTestId("app-certificate").innerText(), /^ZWC-\d{4}-SCHOOL-\d{4}$/);
    await shot(page, "cells-02-office-certified");
    const token = await tokenFor(platform.url, "office");
    const d = await gql(platform.url, token, "query($id: ID!) { cellApplication(id: $id) { status totalScore unit { cellStatus } } }", { id: applicationId });
    assert.deepEqual(d.cellApplication, { status: "CERTIFIED", totalScore: "92.5", unit: { cellStatus: "CERTIFIED" } });
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });

  it("shows certified cells on the map with each district's count against its target, and exports the list to Excel", async () => {
    const { page, context, errors } = await newPage(browser, platform.url);
    await login(page, "office");
    await go(page, "/cells/map");
    await page.getByTestId("map-card").locator("canvas").first().waitFor();
    await page.getByTestId("map-counts").locator("tbody tr.ant-table-row").nth(5).waitFor();
    assert.equal(await page.getByTestId("map-counts").locator("tbody tr.ant-table-row").count(), 6);
    await shot(page, "cells-03-map");
    await go(page, "/cells/applications");
    await page.getByTestId("applications-table").locator("tbody tr.ant-table-row").first().waitFor();
    const download = page.waitForEvent("download", { timeout: 120_000 });
    await page.getByTestId("zw-export").hover();
    await page.getByText("XLSX", { exact: true }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), /\.xlsx$/);
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });
});

describe("construction tracking", () => {
  it("lets the postal administration report its express-packaging indicator from the board", async () => {
    const { page, context, errors } = await newPage(browser, platform.url);
    await login(page, "postal");
    await go(page, "/cells/indicators");
    await page.getByTestId("ind-table").locator("tbody tr.ant-table-row").first().waitFor();
    await page.getByTestId("ind-mine").click();
    const names = await page.getByTestId("ind-name").allInnerTexts();
    assert.equal(names.length, 6);
    assert.ok(names.some((n) => n.includes("45mm")));
    await page.getByTestId("ind-report-NARROW_TAPE_RATE").click();
    await fill(page, "report-value", "100");
    await fill(page, "report-evidence", "全市邮政网点 45mm 窄胶带使用情况统计表");
    await page.getByTestId("zw-api-form").getByRole("button").last().click();
    await page.getByText("已报送").waitFor();
    await shot(page, "cells-04-indicators");
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });

  it("ranks the districts by the zero-waste index and drills down to the indicators", async () => {
    const { page, context, errors } = await newPage(browser, platform.url);
    await login(page, "leader");
    await go(page, "/cells/index");
    await page.getByTestId("index-ranking").locator("tbody tr.ant-table-row").nth(5).waitFor();
    assert.equal(await page.getByTestId("index-ranking").locator("tbody tr.ant-table-row").count(), 6);
    assert.match(await page.getByTestId("index-provincial-rank").innerText(), /全省第 \d+ 位/);
    await page.getByTestId("index-ranking").locator("tbody tr.ant-table-row").first().click();
    await page.getByTestId("drill-components").locator("tbody tr.ant-table-row").nth(20).waitFor();
    await shot(page, "cells-05-index-drill");
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });

  it("lists overdue tasks on the task board", async () => {
    const { page, context, errors } = await newPage(browser, platform.url);
    await login(page, "office");
    await go(page, "/cells/tasks?overdue=1");
    await page.getByTestId("tasks-table").locator("tbody tr.ant-table-row").first().waitFor();
    const token = await tokenFor(platform.url, "office");
    const d = await gql(platform.url, token, "{ trackingTasks(first: 1, filter: { overdue: true }) { totalCount } }");
    assert.ok(d.trackingTasks.totalCount > 0);
    assert.match(await page.getByTestId("zw-total").innerText(), new RegExp(`共 ${d.trackingTasks.totalCount} 条`));
    await page.getByTestId("tasks-table").locator("tbody tr.ant-table-row").first().click();
    await page.getByTestId("zw-detail-drawer").getByText("逾期").first().waitFor();
    await shot(page, "cells-06-tasks");
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });
});

describe("academy and enquiries", () => {
  it("finds academy items in Chinese, the closest first", async () => {
    const { page, context, errors } = await newPage(browser, platform.url);
    await login(page, "xianhu");
    await go(page, "/cells/academy");
    await page.getByTestId("academy-search").locator("input").fill("垃圾分类");
    await page.getByTestId("academy-search").locator("input").press("Enter");
    await page.getByTestId("academy-result-title").first().waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="academy-result-title"]')?.textContent === "垃圾分类，从家门口的四个桶开始");
    await page.getByTestId("academy-result-title").first().click();
    await page.getByTestId("academy-reader").waitFor();
    assert.match(await page.getByTestId("academy-reader").innerText(), /有害垃圾/);
    await shot(page, "cells-07-academy");
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });

  it("opens the FAQ and the academy to a visitor without an account, and nothing else", async () => {
    const { page, context, errors } = await newPage(browser, platform.url);
    await page.goto("/cells/academy");
    await page.getByTestId("zw-public-bar").waitFor();
    assert.equal(await page.getByTestId("zw-login-page").count(), 0);
    assert.equal(await page.getByTestId("zw-nav").count(), 0);
    await page.getByTestId("academy-search").waitFor();
    // Only the public tabs: the academy and the FAQ.
    await page.getByTestId("tab-faq").waitFor();
    assert.equal(await page.getByTestId("tab-applications").count(), 0);
    assert.equal(await page.getByTestId("tab-consultation").count(), 0);
    await page.getByTestId("academy-search").locator("input").fill("垃圾分类");
    await page.getByTestId("academy-search").locator("input").press("Enter");
    await page.waitForFunction(() => document.querySelector('[data-testid="academy-result-title"]')?.textContent === "垃圾分类，从家门口的四个桶开始");
    await page.getByTestId("tab-faq").click();
    await page.getByTestId("faq-results").waitFor();
    await page.getByTestId("zw-public-bar").waitFor();
    await shot(page, "cells-09-public-faq");
    // A page that is not public sends the visitor to the login page, and back after signing in.
    await go(page, "/cells/applications");
    await page.getByTestId("zw-login-page").waitFor();
    assert.equal(new URL(page.url()).searchParams.get("next"), "/cells/applications");
    await page.locator('[data-testid="mfe-cells"]').waitFor({ state: "detached" });
    assert.deepEqual(realErrors(errors), []);
    await context.close();
  });

  it("takes a question from a visitor through the form, shows its markup inert to staff, and publishes the answer to the FAQ", async () => {
    // The asker has no account: the FAQ page is public.
    const asker = await newPage(browser, platform.url);
    await asker.page.goto("/cells/faq");
    await asker.page.getByTestId("zw-public-bar").waitFor();
    await asker.page.getByTestId("ask-card").waitFor();
    await asker.page.getByTestId("ask-category").click();
    await asker.page.locator(".ant-select-item-option").filter({ hasText: "无废细胞" }).click();
    await fill(asker.page, "ask-title", "复评需要重新提交全部材料吗");
    const hostile = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> 证书到期后复评，需要重新提交全部佐证材料吗？`;
    await fill(asker.page, "ask-body", hostile);
    await asker.page.getByTestId("ask-card").getByRole("button").last().click();
    await asker.page.getByTestId("ask-sent").waitFor();
    const sent = await asker.page.getByTestId("ask-sent").innerText();
    const number = /ZX\d{4}-\d{6}/.exec(sent)[0];
    const code = /查询码\s*(\S+?)（/.exec(sent)?.[1];
    assert.ok(code, `tracking code in: ${sent}`);
    assert.equal(await asker.page.evaluate(() => window.__xss), undefined);
    assert.deepEqual(realErrors(asker.errors), []);
    await asker.context.close();

    const staff = await newPage(browser, platform.url);
    await login(staff.page, "office");
    await go(staff.page, "/cells/consultation");
    await staff.page.getByTestId("question-title").filter({ hasText: "复评需要重新提交全部材料吗" }).first().click();
    await staff.page.getByTestId("question-body").waitFor();
    assert.equal(await staff.page.getByTestId("question-body").innerText(), hostile);
    assert.equal(await staff.page.evaluate(() => window.__xss), undefined);
    assert.equal(await staff.page.locator('[data-testid="question-body"] img, [data-testid="question-body"] script').count(), 0);
    await fill(staff.page, "answer-input", "复评时在平台发起复评申请，已有材料可沿用，只需补充近一年的台账和满意度调查。");
    await staff.page.getByTestId("question-answer").click();
    await staff.page.getByTestId("faq-title-input").waitFor();
    await fill(staff.page, "faq-title-input", "无废细胞复评需要重新提交全部材料吗？");
    await staff.page.getByTestId("question-publish").click();
    await staff.page.locator('[data-testid="zw-detail-drawer"] [data-status="PUBLISHED"]').first().waitFor();
    await go(staff.page, "/cells/faq?q=复评");
    await staff.page.getByTestId("faq-question").filter({ hasText: "无废细胞复评需要重新提交全部材料吗？" }).waitFor();
    await shot(staff.page, "cells-08-faq");
    assert.equal(await staff.page.evaluate(() => window.__xss), undefined);
    assert.deepEqual(realErrors(staff.errors), []);
    await staff.context.close();

    const anon = await gql(platform.url, null, "query($q: String) { faq(search: $q, first: 5) { edges { node { number question } } } }", { q: "复评" });
    assert.ok(anon.faq.edges.some((e) => e.node.number === number));

    // The visitor looks the answer up with the number and the tracking code, still without an account.
    const back = await newPage(browser, platform.url);
    await back.page.goto("/cells/faq");
    await back.page.getByTestId("zw-public-bar").waitFor();
    await fill(back.page, "lookup-number", number);
    await fill(back.page, "lookup-code", code);
    await back.page.getByTestId("lookup-submit").click();
    await back.page.getByTestId("lookup-result").waitFor();
    assert.match(await back.page.getByTestId("lookup-result").innerText(), /已有材料可沿用/);
    await shot(back.page, "cells-10-public-lookup");
    assert.deepEqual(realErrors(back.errors), []);
    await back.context.close();
  });
});
