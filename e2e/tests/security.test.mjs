/**
 * Browser safety (issue 11, point 7), in a real browser against the built platform:
 *  - the shell's page carries a Content-Security-Policy without inline script (only the hashed import
 *    map), module files are served with nosniff, and the browser enforces the policy: a script injected
 *    into the page at run time does not run and raises a CSP violation;
 *  - text a user typed that contains markup and script (a transport company's name and contact, a case's
 *    subject) is shown as text in the construction module's pages: the literal characters are on screen,
 *    no element was created from them, and no handler ran.
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

const HOSTILE = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><svg onload="window.__xss=3">`;
const day = (d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

describe("browser safety", () => {
  it("serves the shell with a CSP that allows no inline script, and modules with nosniff", async () => {
    const r = await fetch(`${platform.url}/`, { headers: { accept: "text/html" } });
    const csp = r.headers.get("content-security-policy") ?? "";
    assert.match(csp, /script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    assert.doesNotMatch(csp, /script-src[^;]*'unsafe-(inline|eval)'/);
    assert.match(csp, /object-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /base-uri 'self'/);
    const html = await r.text();
    // The only inline script is the import map; every other script is a file of this origin.
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
    assert.deepEqual(inline.map((a) => /type="importmap"/.test(a)), inline.map(() => true));
    const map = await (await fetch(`${platform.url}/importmap.json`)).json();
    const mod = Object.values(map.imports).find((u) => u.startsWith("/modules/"));
    assert.ok(mod, "the import map lists the modules");
    const m = await fetch(`${platform.url}${mod}`);
    assert.equal(m.status, 200);
    assert.match(m.headers.get("content-type") ?? "", /javascript/);
    assert.equal(m.headers.get("x-content-type-options"), "nosniff");
  });

  it("blocks a script injected into the page at run time (the CSP is enforced, not only sent)", async () => {
    const { page, context } = await newPage(browser, platform.url);
    await login(page, "housing");
    const result = await page.evaluate(async () => {
      const violations = [];
      document.addEventListener("securitypolicyviolation", (e) => violations.push(e.violatedDirective));
      const s = document.createElement("script");
      s.textContent = "window.__injected = 1";
      document.head.appendChild(s);
      const d = document.createElement("div");
      d.innerHTML = `<img src="data:," onerror="window.__injected = 2">`;
      document.body.appendChild(d);
      await new Promise((r) => setTimeout(r, 500));
      return { injected: window.__injected ?? null, violations };
    });
    assert.equal(result.injected, null);
    assert.ok(result.violations.some((v) => v.startsWith("script-src")), `violations: ${result.violations}`);
    await context.close();
  });

  it("shows user-entered markup and script as text in the construction pages", async () => {
    const token = await tokenFor(platform.url, "housing");
    const districts = (await gql(platform.url, null, "{ districts { id code } }")).districts;
    const yuecheng = districts.find((d) => d.code === "yuecheng").id;
    const name = `恶意公司${HOSTILE}`;
    const created = await gql(
      platform.url,
      token,
      `mutation($i: CreateTransportCompanyInput!) { createTransportCompany(input: $i) { company { id name } userErrors { field code message } } }`,
      { i: { name, creditCode: "91330602MA2B3C4D5X", districtId: yuecheng, contactName: HOSTILE.slice(0, 40), contactPhone: "13800000000", qualificationNo: "XSS-1", qualificationValidFrom: day(-10), qualificationValidTo: day(300) } },
    );
    assert.deepEqual(created.createTransportCompany.userErrors, []);
    assert.equal(created.createTransportCompany.company.name, name, "stored as typed (it is text, not HTML)");

    const { page, context, errors } = await newPage(browser, platform.url);
    await login(page, "housing");
    await go(page, "/construction/companies");
    const cell = page.getByText("恶意公司<img", { exact: false }).first();
    await cell.waitFor();
    assert.equal((await cell.innerText()).includes(HOSTILE), true, "the characters are on screen");
    await cell.click();
    await page.waitForTimeout(500);
    await shot(page, "security-01-hostile-company");
    assert.equal(await page.evaluate(() => window.__xss ?? null), null);
    assert.equal(await page.locator('img[src="x"], svg[onload], script:not([src]):not([type="importmap"])').count(), 0);
    assert.deepEqual(errors.filter((e) => /Content Security Policy|__xss/i.test(e)), []);
    await context.close();
  });
});
