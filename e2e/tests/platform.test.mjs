/**
 * The whole platform in a real browser: login per role, navigation from `me.modules`, each module's
 * live content, cursor paging, React fetched once, module clean-up on navigation, the fallback for a
 * missing module file, the language switch, logout.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PASSWORD, go, gql, launchBrowser, login, newPage, shot, startPlatform, tokenFor } from "./harness.mjs";

const MODULES = [
  { key: "construction", root: "mfe-construction-waste", path: "/construction", spec: "@zw/mfe-construction-waste", titleZh: "工程渣土/泥浆", titleEn: "Construction spoil and mud" },
  { key: "hazardous", root: "mfe-hazardous", path: "/hazardous", spec: "@zw/mfe-hazardous", titleZh: "危险废物/工业固废", titleEn: "Hazardous and industrial solid waste" },
  { key: "recycling", root: "mfe-recycling", path: "/recycling", spec: "@zw/mfe-recycling", titleZh: "再生资源回收", titleEn: "Renewable-resource recycling" },
  { key: "cells", root: "mfe-cells", path: "/cells", spec: "@zw/mfe-cells", titleZh: "无废细胞与建设跟踪", titleEn: "Zero-waste cells and construction tracking" },
];
const ROLES = ["admin", "leader", "housing", "enforcement", "ecology", "commerce", "coop", "office", "postal", "ecology.keqiao", "housing.shangyu", "commerce.xinchang"];
const ME = "{ me { user { displayName } department { nameZh nameEn } district { id nameZh nameEn } modules { key read } } districts { id code nameZh } }";

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

describe("login", () => {
  it("shows the login page in Chinese, refuses a wrong password, keeps the session across reloads", { timeout: 240_000 }, async () => {
    const { page, context, errors } = await newPage(browser, platform.url);
    await page.goto("/hazardous");
    await page.getByTestId("zw-login-page").waitFor();
    assert.match(page.url(), /\/login\?next=%2Fhazardous$/);
    assert.equal(await page.locator("html").getAttribute("lang"), "zh-CN");
    assert.equal(await page.getByTestId("zw-login-submit").innerText(), "登 录");
    await shot(page, "01-login");
    await page.getByTestId("zw-login-username").fill("ecology");
    await page.getByTestId("zw-login-password").fill("wrong-password-1");
    await page.getByTestId("zw-login-submit").click();
    assert.match(await page.getByTestId("zw-login-error").innerText(), /用户名或密码错误/);
    await page.getByTestId("zw-login-password").fill(PASSWORD);
    await page.getByTestId("zw-login-submit").click();
    // back where the user wanted to go
    await page.getByTestId("mfe-hazardous").waitFor();
    assert.equal(new URL(page.url()).pathname, "/hazardous");
    await page.reload();
    await page.getByTestId("mfe-hazardous").waitFor();
    assert.deepEqual(errors.filter((e) => !/401|Unauthorized/i.test(e)), []);
    await context.close();
  });
});

describe("roles", () => {
  // One browser context for all roles, signing out between them: the HTTP cache is kept (faster), and
  // each user must see only their own data after the previous one signed out.
  let ctx;
  before(async () => {
    ctx = await newPage(browser, platform.url);
  });
  after(async () => {
    await ctx?.context.close();
  });

  for (const username of ROLES) {
    it(`${username}: navigation from me.modules, user box, each allowed module live, forbidden modules refused`, { timeout: 240_000 }, async () => {
      const token = await tokenFor(platform.url, username);
      const { me, districts } = await gql(platform.url, token, ME);
      const readable = new Set(me.modules.filter((m) => m.read).map((m) => m.key));
      const { page, errors } = ctx;
      await login(page, username);

      // top bar: what the API says about the user
      await page.getByTestId("zw-user-box").waitFor();
      assert.equal(await page.getByTestId("zw-user-name").innerText(), me.user.displayName);
      if (me.department) assert.equal(await page.getByTestId("zw-user-department").innerText(), me.department.nameZh);
      else assert.equal(await page.getByTestId("zw-user-department").count(), 0);
      assert.equal(await page.getByTestId("zw-user-district").innerText(), me.district ? me.district.nameZh : "市级");

      // navigation: exactly the modules the API allows
      for (const m of MODULES) {
        assert.equal(await page.getByTestId(`zw-nav-${m.key}`).count(), readable.has(m.key) ? 1 : 0, `${username} nav ${m.key}`);
      }
      assert.equal(await page.getByTestId("zw-nav-overview").count(), readable.has("overview") ? 1 : 0);
      if (readable.has("overview")) {
        await page.getByTestId("zw-overview").waitFor();
        await page.getByTestId("zw-ov-figures").waitFor();
        // the overview is the city's, or the district's for district staff
        assert.equal(await page.getByTestId("zw-ov-district-tag").innerText(), me.district ? me.district.nameZh : "全市");
        await page.getByTestId("zw-ov-map-table").locator("tbody tr.ant-table-row").first().waitFor();
        assert.equal(await page.getByTestId("zw-ov-map-table").locator("tbody tr.ant-table-row").count(), districts.length - 1);
      }
      await shot(page, `10-${username}-home`);

      for (const m of MODULES) {
        if (readable.has(m.key)) {
          await page.getByTestId(`zw-nav-${m.key}`).click();
          const root = page.getByTestId(m.root);
          await root.waitFor();
          assert.equal(await root.getByTestId("mfe-stream-title").innerText(), m.titleZh);
          await root.getByTestId("zw-viewer-summary").waitFor();
          assert.equal(await root.getByTestId("zw-viewer-user").innerText(), me.user.displayName);
          assert.equal(await root.getByTestId("zw-viewer-department").innerText(), me.department ? me.department.nameZh : "无");
          assert.equal(await root.getByTestId("zw-viewer-district").innerText(), me.district ? me.district.nameZh : "市级（全市）");
          await root.getByTestId("mfe-district-row").first().waitFor();
          assert.equal(await root.getByTestId("mfe-district-row").count(), districts.length);
          await shot(page, `11-${username}-${m.key}`);
        } else {
          // typed URL of a forbidden module: refused, and its code is never loaded
          await go(page, m.path);
          await page.getByTestId("zw-notice-no-access").waitFor();
          assert.equal(await page.getByTestId(m.root).count(), 0);
        }
      }
      assert.deepEqual(errors, [], `console errors for ${username}`);
      await page.getByTestId("zw-logout").click();
      await page.getByTestId("zw-login-page").waitFor();
      for (const m of MODULES) assert.equal(await page.getByTestId(m.root).count(), 0, "no module stays mounted after logout");
    });
  }
});

describe("lists", () => {
  it("pages the stream's cases by cursor and scopes a district user to the district", { timeout: 240_000 }, async () => {
    const token = await tokenFor(platform.url, "ecology");
    const { districts } = await gql(platform.url, token, ME);
    const keqiao = districts.find((d) => d.code === "keqiao");
    const yuecheng = districts.find((d) => d.code === "yuecheng");
    const open = "mutation($i: OpenCaseInput!) { openCase(input: $i) { case { id number } userErrors { message } } }";
    // The demo data may already hold cases of the stream (the hazardous seed opens some): count from there.
    const countCases = async (t) => (await gql(platform.url, t, '{ cases(first: 1, filter: { stream: hazardous }) { totalCount } }')).cases.totalCount;
    const before = await countCases(token);
    const beforeKeqiao = await countCases(await tokenFor(platform.url, "ecology.keqiao"));
    for (let i = 0; i < 25; i++) {
      const d = i < 22 ? keqiao : yuecheng;
      const r = await gql(platform.url, token, open, {
        i: { stream: "hazardous", source: "INSPECTION", subjectType: "Company", subjectLabel: `E2E 企业 ${i + 1}`, districtId: d.id, violationType: "未按规定贮存危险废物" },
      });
      assert.deepEqual(r.openCase.userErrors, []);
    }
    const { page, context } = await newPage(browser, platform.url);
    await login(page, "ecology");
    await go(page, "/hazardous/cases");
    const table = page.getByTestId("zw-cases-table");
    await table.getByTestId("zw-case-number").first().waitFor();
    assert.equal(await table.getByTestId("zw-case-number").count(), 20);
    assert.match(await table.getByTestId("zw-total").innerText(), new RegExp(`共 ${before + 25} 条 · 第 1 页`));
    const firstPage = await table.getByTestId("zw-case-number").allInnerTexts();
    await table.getByTestId("zw-next").click();
    const rest = Math.min(20, before + 25 - 20);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="zw-cases-table"] [data-testid="zw-case-number"]').length === n && !document.querySelector('[data-testid="zw-cases-table"] .ant-spin-spinning'), rest);
    const second = await table.getByTestId("zw-case-number").allInnerTexts();
    assert.equal(second.filter((n) => firstPage.includes(n)).length, 0, "the second page has other cases");
    assert.match(await table.getByTestId("zw-total").innerText(), /第 2 页/);
    if (before + 25 <= 40) assert.equal(await table.getByTestId("zw-next").isDisabled(), true);
    await shot(page, "20-cases-page-2");
    await table.getByTestId("zw-case-number").first().click();
    await page.getByTestId("zw-detail-drawer").waitFor();
    await shot(page, "21-case-drawer");
    await context.close();

    const k = await newPage(browser, platform.url);
    await login(k.page, "ecology.keqiao");
    await go(k.page, "/hazardous/cases");
    const kt = k.page.getByTestId("zw-cases-table");
    await kt.getByTestId("zw-case-number").first().waitFor();
    assert.match(await kt.getByTestId("zw-total").innerText(), new RegExp(`共 ${beforeKeqiao + 22} 条`));
    const districtsShown = new Set(await kt.getByTestId("zw-case-district").allInnerTexts());
    assert.deepEqual([...districtsShown], ["柯桥区"]);
    await k.context.close();
  });
});

describe("composition", () => {
  it("fetches React, Apollo and the UI kit once across all modules, and unmounts a module completely", { timeout: 240_000 }, async () => {
    const { page, context, requests, errors, operations } = await newPage(browser, platform.url);
    await login(page, "admin");
    await page.getByTestId("zw-overview").waitFor();
    for (const m of [...MODULES, MODULES[0], MODULES[1]]) {
      await page.getByTestId(`zw-nav-${m.key}`).click();
      await page.getByTestId(m.root).waitFor();
      // the module's own <style> is in while it is mounted …
      assert.equal(await page.locator(`style[data-zw-module="${m.spec}"]`).count(), 1);
      // … and no other module's DOM or styles are left
      for (const other of MODULES.filter((o) => o.key !== m.key)) {
        assert.equal(await page.getByTestId(other.root).count(), 0, `${other.key} DOM left while on ${m.key}`);
        assert.equal(await page.locator(`style[data-zw-module="${other.spec}"]`).count(), 0, `${other.key} style left`);
        assert.equal(await page.locator(`[data-zw-app="${other.spec}"]`).count(), 0, `${other.key} container left`);
      }
    }
    await page.getByTestId("zw-nav-overview").click();
    await page.getByTestId("zw-overview").waitFor();
    // only the overview's own style (the shell's overview is mounted like a module) — no stream module's
    assert.deepEqual(await page.locator("[data-zw-module]").evaluateAll((els) => els.map((e) => e.getAttribute("data-zw-module"))), ["@zw/shell-overview"]);

    const count = (re) => requests.filter((u) => re.test(new URL(u).pathname)).length;
    assert.equal(count(/^\/shared\/[^/]+\/react\.js$/), 1, "react entry fetched once");
    assert.equal(count(/^\/shared\/[^/]+\/chunks\/react-[A-Za-z0-9_-]{8}\.js$/), 1, "react code fetched once");
    assert.equal(count(/^\/shared\/[^/]+\/react-dom__client\.js$/), 1, "react-dom/client fetched once");
    assert.equal(count(/^\/shared\/[^/]+\/chunks\/react-dom__client-[^/]+\.js$/), 1, "react-dom code fetched once");
    assert.equal(count(/^\/shared\/[^/]+\/antd\.js$/), 1, "antd fetched once");
    assert.equal(count(/^\/shared\/[^/]+\/apollo__client__react\.js$/), 1, "apollo (react) fetched once");
    assert.ok(count(/^\/shared\/[^/]+\/apollo__client\.js$/) <= 1, "apollo core fetched at most once");
    assert.equal(count(/^\/shared\/[^/]+\/zw__ui\.js$/), 1, "@zw/ui fetched once");
    // no shared file (React, Apollo, antd, their chunks) was fetched twice
    const shared = requests.map((u) => new URL(u).pathname).filter((p) => p.startsWith("/shared/"));
    assert.deepEqual(shared.filter((p, i) => shared.indexOf(p) !== i), [], "a shared file fetched twice");
    for (const m of MODULES) assert.equal(count(new RegExp(`^/modules/${m.spec.slice(8)}/[^/]+/index\\.js$`)), 1, `${m.spec} fetched once`);
    // one Apollo cache for all: the shell asked for `me` once; the overview and every module read it from the cache
    assert.equal(operations.filter((o) => o === "Me").length, 1, `Me requested ${operations.filter((o) => o === "Me").length} times`);
    // nothing from another origin, ever
    assert.deepEqual(requests.filter((u) => !u.startsWith(platform.url) && !u.startsWith("data:")), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it("shows a fallback with retry when a module's file is missing, while the rest of the shell works", { timeout: 240_000 }, async () => {
    const { page, context } = await newPage(browser, platform.url);
    await login(page, "leader");
    await page.goto("/?importmap-override=@zw/mfe-hazardous=/modules/hazardous/0.0.0-missing/index.js");
    await page.getByTestId("zw-nav").waitFor();
    assert.equal(new URL(page.url()).search, "", "the override parameter is taken out of the address");
    await page.getByTestId("zw-nav-hazardous").click();
    const fallback = page.getByTestId("zw-module-fallback");
    await fallback.waitFor();
    assert.match(await fallback.innerText(), /模块加载失败/);
    assert.equal(await page.getByTestId("mfe-hazardous").count(), 0);
    await shot(page, "30-module-fallback");
    // the rest of the shell still works
    await page.getByTestId("zw-nav-recycling").click();
    await page.getByTestId("mfe-recycling").waitFor();
    assert.equal(await page.getByTestId("zw-module-fallback").count(), 0, "the fallback leaves with its module");
    await page.getByTestId("zw-nav-hazardous").click();
    await fallback.waitFor();
    // the file is back (override removed): retry loads the module
    await page.evaluate(() => localStorage.removeItem("zw.importmap.overrides"));
    await page.getByTestId("zw-module-retry").click();
    await page.getByTestId("mfe-hazardous").waitFor();
    assert.equal(await page.getByTestId("zw-module-fallback").count(), 0);
    await context.close();
  });
});

describe("language and logout", () => {
  it("switches to English everywhere, keeps the choice across reloads, and signs out", { timeout: 240_000 }, async () => {
    const { page, context } = await newPage(browser, platform.url);
    await login(page, "leader");
    await page.getByTestId("zw-nav-recycling").click();
    await page.getByTestId("mfe-recycling").waitFor();
    await page.getByTestId("zw-lang-en").click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    assert.equal(await page.getByTestId("mfe-stream-title").innerText(), MODULES[2].titleEn);
    assert.equal(await page.getByTestId("zw-nav-overview").innerText(), "Overview");
    assert.equal(await page.getByTestId("zw-logout").innerText(), "Sign out");
    await shot(page, "40-english");
    await page.reload();
    await page.getByTestId("mfe-recycling").waitFor();
    assert.equal(await page.getByTestId("mfe-stream-title").innerText(), MODULES[2].titleEn);
    await page.getByTestId("zw-lang-zh-CN").click();
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    assert.equal(await page.getByTestId("mfe-stream-title").innerText(), MODULES[2].titleZh);

    const token = await page.evaluate(() => JSON.parse(localStorage.getItem("zw.session")).token);
    await page.getByTestId("zw-logout").click();
    await page.getByTestId("zw-login-page").waitFor();
    assert.equal(new URL(page.url()).pathname, "/login");
    assert.equal(await page.evaluate(() => localStorage.getItem("zw.session")), null);
    assert.equal(await page.getByTestId("mfe-recycling").count(), 0, "the module is unmounted on logout");
    // the token was revoked on the server
    const r = await fetch(`${platform.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query: "{ me { user { id } } }" }) });
    assert.equal(r.status, 401);
    await shot(page, "41-logged-out");
    await context.close();
  });
});
