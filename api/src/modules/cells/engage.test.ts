/**
 * The public side: asking a question without logging in (and its abuse cases: flooding, duplicates,
 * oversized input, control characters, markup), answering and publishing to the FAQ, Chinese search of
 * the academy and the FAQ on both databases, the academy publishing workflow, and publicity totals.
 */
import "reflect-metadata";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHarness, ok, type Harness } from "../../test/harness.js";
import { seedCells } from "./seed.js";
import { rows } from "../core/db.js";
import { clientHashOf, DAILY_LIMIT_PER_CLIENT } from "./consultation-service.js";
import { PUBLIC_LIMITS } from "../core/throttle.js";
import { LOOKUP_BUCKET } from "./resolvers-engage.js";

let h: Harness;
const tokens: Record<string, string> = {};
const as = async (u: string) => (tokens[u] ??= await h.login(u));
const from = (ip: string) => ({ headers: { "x-forwarded-for": ip } });

beforeAll(async () => {
  // Real public limits (the harness relaxes them by default).
  h = await createHarness({ seed: "accounts", config: { throttleScale: 1 } });
  await seedCells(await h.seedContext("small"));
}, 600_000);
afterAll(async () => h?.close());
/** Empties the address buckets (as if time had passed). */
const refill = async (ip?: string) =>
  ip
    ? h.database.db.execute(sql`delete from core.rate_buckets where key in (${`question:${clientHashOf(ip)}`}, ${`consultation.lookup:${clientHashOf(ip)}`}, ${`read:${clientHashOf(ip)}`})`)
    : h.database.db.execute(sql`delete from core.rate_buckets where key like 'question:%' or key like 'consultation.lookup:%' or key like 'read:%'`);
beforeEach(async () => {
  await refill();
});

const ASK = `mutation($i: AskQuestionInput!) { askQuestion(input: $i) { number trackingCode userErrors { field code message } } }`;
let serial = 0;
const question = (over: Record<string, unknown> = {}) => ({ category: "垃圾分类", title: `旧手机电池怎么处理${++serial}`, body: `家里有几块旧手机电池，第 ${serial} 次想问能不能扔进其他垃圾桶？`, ...over });

describe("asking without an account", () => {
  it("takes a question from anyone and lets the asker look up the answer with the tracking code only", async () => {
    const r = ok(await h.gql(ASK, { i: question({ askerName: "王女士", contact: "13800000000" }) }, from("10.0.0.1")));
    expect(r.askQuestion.userErrors).toEqual([]);
    expect(r.askQuestion.number).toMatch(/^ZX\d{4}-\d{6}$/);
    const code = r.askQuestion.trackingCode as string;
    const LOOK = `query($n: String!, $c: String!) { consultationStatus(number: $n, trackingCode: $c) { number status title answer } }`;
    const wrong = ok(await h.gql(LOOK, { n: r.askQuestion.number, c: "not-the-code" }, from("10.0.0.1")));
    expect(wrong.consultationStatus).toBeNull();
    const right = ok(await h.gql(LOOK, { n: r.askQuestion.number, c: code }, from("10.0.0.1")));
    expect(right.consultationStatus).toMatchObject({ status: "NEW", answer: null });
    // The contact details are not part of any public view, and the address is stored only as a hash.
    const [row] = await rows<{ client_hash: string; contact: string }>(h.database.db, sql`select client_hash, contact from cells.questions where number = ${r.askQuestion.number}`);
    expect(row!.contact).toBe("13800000000");
    expect(row!.client_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.client_hash).not.toContain("10.0.0.1");
    const publicFields = await h.gql(`{ __type(name: "ConsultationStatusView") { fields { name } } }`);
    expect(publicFields.data.__type.fields.map((f: { name: string }) => f.name)).not.toContain("contact");
  });

  it("stores markup as plain text and strips control and direction-override characters", async () => {
    const body = "<script>alert('x')</script><img src=x onerror=alert(1)>\u0000\u0007\u202E请问 大件垃圾 怎么预约？";
    const r = ok(await h.gql(ASK, { i: question({ title: "<b>大件垃圾</b>\u200B预约", body }) }, from("10.0.0.2")));
    expect(r.askQuestion.userErrors).toEqual([]);
    const [row] = await rows<{ title: string; body: string }>(h.database.db, sql`select title, body from cells.questions where number = ${r.askQuestion.number}`);
    expect(row!.title).toBe("<b>大件垃圾</b>预约");
    expect(row!.body).toBe("<script>alert('x')</script><img src=x onerror=alert(1)>请问 大件垃圾 怎么预约？");
    expect(row!.body).not.toMatch(/[\u0000-\u0008\u202E]/);
  });

  it("refuses oversized and empty input, naming the field, and stores nothing", async () => {
    const [before] = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from cells.questions`);
    const long = ok(await h.gql(ASK, { i: question({ body: "问".repeat(2001) }) }, from("10.0.0.3")));
    expect(long.askQuestion.userErrors).toEqual([expect.objectContaining({ field: "input.body", code: "LENGTH" })]);
    const huge = await h.gql(ASK, { i: question({ title: "题".repeat(5000) }) }, from("10.0.0.3"));
    expect(huge.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(huge.errors?.[0]?.extensions?.fields?.[0]?.field).toBe("input.title");
    const blank = ok(await h.gql(ASK, { i: question({ title: " \u200B ", category: "不存在的类别" }) }, from("10.0.0.3")));
    expect(blank.askQuestion.userErrors.map((e: { field: string }) => e.field).sort()).toEqual(["input.category", "input.title"]);
    const links = ok(await h.gql(ASK, { i: question({ body: "http://a.example http://b.example http://c.example 便宜" }) }, from("10.0.0.3")));
    expect(links.askQuestion.userErrors[0].code).toBe("TOO_MANY_LINKS");
    const [after] = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from cells.questions`);
    expect(after!.n).toBe(before!.n);
  });

  it("refuses the same content again (duplicate flooding), from any address", async () => {
    const q = question();
    expect(ok(await h.gql(ASK, { i: q }, from("10.0.1.1"))).askQuestion.userErrors).toEqual([]);
    const dup = ok(await h.gql(ASK, { i: { ...q, title: `${q.title}！！`, body: q.body.replace("，", " , ") } }, from("10.0.1.2")));
    expect(dup.askQuestion.userErrors[0]).toMatchObject({ code: "DUPLICATE_QUESTION", field: "input.body" });
    // In parallel, too: exactly one of identical requests is stored.
    const q2 = question();
    const results = await Promise.all(["10.0.2.1", "10.0.2.2", "10.0.2.3", "10.0.2.4"].map((ip) => h.gql(ASK, { i: q2 }, from(ip))));
    expect(results.filter((r) => r.data?.askQuestion?.userErrors?.length === 0)).toHaveLength(1);
    const [n] = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from cells.questions where title = ${q2.title}`);
    expect(n!.n).toBe(1);
  });

  it("throttles bursts from one address with 429 RATE_LIMITED while other addresses go on", async () => {
    for (let i = 0; i < 5; i++) expect(ok(await h.gql(ASK, { i: question() }, from("10.0.3.1"))).askQuestion.userErrors).toEqual([]);
    const sixth = await h.gql(ASK, { i: question() }, from("10.0.3.1"));
    expect(sixth.status).toBe(429);
    expect(sixth.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect(sixth.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(0);
    expect(sixth.headers["retry-after"]).toBeDefined();
    // The bucket is keyed by a hash of the address, never the address itself.
    const keys = await rows<{ key: string }>(h.database.db, sql`select key from core.rate_buckets where key like 'question:%'`);
    expect(keys.some((k) => k.key.includes("10.0.3.1"))).toBe(false);
    expect(ok(await h.gql(ASK, { i: question() }, from("10.0.3.2"))).askQuestion.userErrors).toEqual([]);
  });

  it("holds a daily limit per address in the database (across API processes)", async () => {
    for (let i = 0; i < DAILY_LIMIT_PER_CLIENT; i++) {
      await refill("10.0.4.1"); // spread over the day: the burst bucket is full again each time
      expect(ok(await h.gql(ASK, { i: question() }, from("10.0.4.1"))).askQuestion.userErrors).toEqual([]);
    }
    await refill("10.0.4.1");
    const over = await h.gql(ASK, { i: question() }, from("10.0.4.1"));
    expect(over.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
  });

  it("throttles tracking-code guessing", async () => {
    const LOOK = `query { consultationStatus(number: "ZX2026-000001", trackingCode: "guess") { status } }`;
    const b = LOOKUP_BUCKET;
    const started = Date.now();
    let allowed = 0;
    let over: Awaited<ReturnType<typeof h.gql>> | null = null;
    while (allowed < b.burst * 3) {
      const r = await h.gql(LOOK, {}, from("10.0.5.1"));
      if (r.errors) {
        over = r;
        break;
      }
      allowed++;
    }
    // The bucket refills while the loop runs: the refusal comes after the burst plus what refilled.
    expect(allowed).toBeGreaterThanOrEqual(b.burst);
    expect(allowed).toBeLessThanOrEqual(b.burst + Math.ceil(((Date.now() - started) / 1000) * b.perSecond) + 1);
    expect(over?.status).toBe(429);
    expect(over?.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
  });
});

describe("public reading without an account", () => {
  it("throttles a flood of FAQ and academy reads from one address (429) while signed-in callers and other addresses go on", async () => {
    const FAQ = `{ faq(search: "电池", first: 3) { totalCount } }`;
    const ACADEMY = `{ academySearch(query: "垃圾分类", first: 3) { totalCount } }`;
    // The bucket refills 1 a second while the loop runs: the first refusal comes after the burst plus
    // at most one request per second elapsed.
    const started = Date.now();
    let allowed = 0;
    let over: Awaited<ReturnType<typeof h.gql>> | null = null;
    while (allowed < PUBLIC_LIMITS.read.burst * 3) {
      const r = await h.gql(allowed % 2 ? ACADEMY : FAQ, {}, from("10.0.9.1"));
      if (r.errors) {
        over = r;
        break;
      }
      allowed++;
    }
    const elapsed = (Date.now() - started) / 1000;
    expect(allowed).toBeGreaterThanOrEqual(PUBLIC_LIMITS.read.burst);
    expect(allowed).toBeLessThanOrEqual(PUBLIC_LIMITS.read.burst + Math.ceil(elapsed * PUBLIC_LIMITS.read.perSecond) + 1);
    expect(over?.status).toBe(429);
    expect(over?.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect(over?.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(0);
    // Another address, and a signed-in caller from the same address, are not held back.
    expect(ok(await h.gql(FAQ, {}, from("10.0.9.2"))).faq.totalCount).toBeGreaterThan(0);
    expect(ok(await h.gql(ACADEMY, {}, { ...from("10.0.9.1"), token: await as("xianhu") })).academySearch.totalCount).toBeGreaterThan(0);
    // The bucket is keyed by a hash of the address.
    const keys = await rows<{ key: string }>(h.database.db, sql`select key from core.rate_buckets where key like 'read:%'`);
    expect(keys.map((k) => k.key)).toContain(`read:${clientHashOf("10.0.9.1")}`);
    expect(keys.some((k) => k.key.includes("10.0.9.1"))).toBe(false);
  });
});

describe("answering and the FAQ", () => {
  it("staff answer, the office publishes, and the public FAQ finds it; the inbox stays private", async () => {
    const q = question({ category: "快递包装", title: "快递泡沫箱可以交回网点吗", body: "收到生鲜快递的泡沫箱和冰袋，网点回收吗？" });
    const asked = ok(await h.gql(ASK, { i: q }, from("10.0.6.1"))).askQuestion;
    const postal = await as("postal");
    const inbox = ok(await h.gql(`{ consultationQuestions(first: 5, filter: { status: [NEW], search: "泡沫箱" }) { edges { node { id number contact status } } } }`, {}, { token: postal }));
    const node = inbox.consultationQuestions.edges.find((e: { node: { number: string } }) => e.node.number === asked.number).node;
    const ACT = `mutation($id: ID!, $a: ConsultationAction!, $ans: String, $c: String, $f: String) { transitionConsultationQuestion(id: $id, action: $a, answer: $ans, comment: $c, faqTitle: $f) { question { status answer faqTitle } userErrors { code } } }`;
    expect(ok(await h.gql(ACT, { id: node.id, a: "publish" }, { token: await as("office") })).transitionConsultationQuestion.userErrors[0].code).toBe("ILLEGAL_TRANSITION");
    const answered = ok(await h.gql(ACT, { id: node.id, a: "answer", ans: "泡沫箱请交回网点的包装废弃物回收装置，冰袋作为其他垃圾投放。" }, { token: postal })).transitionConsultationQuestion;
    expect(answered.question.status).toBe("ANSWERED");
    expect(ok(await h.gql(ACT, { id: node.id, a: "publish" }, { token: postal })).transitionConsultationQuestion.userErrors[0].code).toBe("NOT_ALLOWED");
    const published = ok(await h.gql(ACT, { id: node.id, a: "publish", f: "生鲜快递泡沫箱怎么回收？" }, { token: await as("office") })).transitionConsultationQuestion;
    expect(published.question).toMatchObject({ status: "PUBLISHED", faqTitle: "生鲜快递泡沫箱怎么回收？" });
    const faq = ok(await h.gql(`{ faq(search: "泡沫箱", first: 5) { totalCount edges { node { number question answer } } } }`));
    expect(faq.faq.edges[0].node).toMatchObject({ number: asked.number, question: "生鲜快递泡沫箱怎么回收？" });
    expect(JSON.stringify(faq)).not.toContain("13800000000");
    const answer = ok(await h.gql(`query($n: String!, $c: String!) { consultationStatus(number: $n, trackingCode: $c) { status answer } }`, { n: asked.number, c: asked.trackingCode }, from("10.0.6.1")));
    expect(answer.consultationStatus.status).toBe("PUBLISHED");
    const anon = await h.gql(`{ consultationQuestions(first: 1) { totalCount } }`);
    expect(anon.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("searches the FAQ in Chinese, ranking the closest question first", async () => {
    const r = ok(await h.gql(`{ faq(search: "废旧电池", first: 5) { edges { node { question } } } }`));
    expect(r.faq.edges[0].node.question).toBe("废旧电池属于什么垃圾？");
    const none = ok(await h.gql(`{ faq(search: "航空母舰", first: 5) { totalCount } }`));
    expect(none.faq.totalCount).toBe(0);
  });
});

describe("academy (无废学院)", () => {
  const SEARCH = `query($q: String, $k: AcademyKind) { academySearch(query: $q, kind: $k, first: 20) { totalCount edges { node { title summary body tags status kind } } } }`;
  const has = (n: { title: string; summary: string; body: string; tags: string[] }, s: string) => [n.title, n.summary, n.body, ...n.tags].some((x) => x.includes(s));

  it("finds published items for 垃圾分类 and ranks the item about it first", async () => {
    const r = ok(await h.gql(SEARCH, { q: "垃圾分类" })).academySearch;
    expect(r.totalCount).toBeGreaterThanOrEqual(3);
    expect(r.edges[0].node.title).toBe("垃圾分类，从家门口的四个桶开始");
    for (const e of r.edges) {
      expect(e.node.status).toBe("PUBLISHED");
      // Every hit holds the words' bigrams 垃圾, 圾分, 分类 (the phrase or all of its parts).
      for (const bg of ["垃圾", "圾分", "分类"]) expect(has(e.node, bg)).toBe(true);
    }
  });

  it("answers a search of punctuation only with nothing found, not an error (found by the fuzzer)", async () => {
    for (const q of ["{}", "。，！", "%_"]) {
      expect(ok(await h.gql(SEARCH, { q })).academySearch.totalCount, q).toBe(0);
      expect(ok(await h.gql(`query($q: String) { faq(search: $q, first: 5) { totalCount } }`, { q })).faq.totalCount, q).toBe(0);
    }
  });

  it("finds 无废 everywhere it occurs, and titles before bodies", async () => {
    const r = ok(await h.gql(SEARCH, { q: "无废" })).academySearch;
    const [total] = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from cells.academy_items where status = 'PUBLISHED' and (title || summary || body || array_to_string(tags, ' ') || category || source) like '%无废%'`);
    expect(r.totalCount).toBe(total!.n);
    const firstBodyOnly = r.edges.findIndex((e: { node: { title: string } }) => !e.node.title.includes("无废"));
    const lastTitle = r.edges.map((e: { node: { title: string } }) => e.node.title.includes("无废")).lastIndexOf(true);
    if (firstBodyOnly >= 0) expect(lastTitle).toBeLessThan(firstBodyOnly + 3);
    expect(r.edges[0].node.title).toContain("无废");
  });

  it("matches words and numbers, filters by kind, and never shows drafts to the public", async () => {
    expect(ok(await h.gql(SEARCH, { q: "45mm" })).academySearch.edges[0].node.title).toContain("快递包装");
    const policies = ok(await h.gql(SEARCH, { q: "无废城市", k: "POLICY" })).academySearch;
    expect(policies.edges.length).toBeGreaterThan(0);
    expect(policies.edges.every((e: { node: { kind: string } }) => e.node.kind === "POLICY")).toBe(true);
    const draft = ok(await h.gql(SEARCH, { q: "再生骨料" })).academySearch;
    expect(draft.edges.map((e: { node: { title: string } }) => e.node.title)).not.toContain("建筑垃圾资源化利用技术");
  });

  it("takes a draft through review to publication, after which it is searchable", async () => {
    const edu = await as("education");
    const created = ok(
      await h.gql(`mutation($i: AcademyItemInput!) { createAcademyItem(input: $i) { item { id status } userErrors { field code } } }`, { i: { kind: "ARTICLE", title: "校园里的厨余堆肥角", category: "垃圾分类", body: "学生把食堂的果皮菜叶做成堆肥，用来种植物。", tags: ["堆肥", "校园"] } }, { token: edu }),
    ).createAcademyItem;
    expect(created.userErrors).toEqual([]);
    const ACT = `mutation($id: ID!, $a: AcademyAction!, $c: String) { transitionAcademyItem(id: $id, action: $a, comment: $c) { item { status publishedAt } userErrors { code } } }`;
    expect(ok(await h.gql(SEARCH, { q: "堆肥角" })).academySearch.totalCount).toBe(0);
    expect(ok(await h.gql(ACT, { id: created.item.id, a: "submit" }, { token: edu })).transitionAcademyItem.item.status).toBe("IN_REVIEW");
    expect(ok(await h.gql(ACT, { id: created.item.id, a: "publish" }, { token: edu })).transitionAcademyItem.userErrors[0].code).toBe("NOT_ALLOWED");
    const edit = ok(await h.gql(`mutation($i: AcademyItemInput!) { updateAcademyItem(input: $i) { userErrors { code } } }`, { i: { id: created.item.id, title: "改标题" } }, { token: edu }));
    expect(edit.updateAcademyItem.userErrors[0].code).toBe("NOT_EDITABLE");
    const pub = ok(await h.gql(ACT, { id: created.item.id, a: "publish" }, { token: await as("office") })).transitionAcademyItem;
    expect(pub.item.status).toBe("PUBLISHED");
    const found = ok(await h.gql(SEARCH, { q: "堆肥角" })).academySearch;
    expect(found.edges[0].node.title).toBe("校园里的厨余堆肥角");
    const one = ok(await h.gql(`query($id: ID!) { academyItem(id: $id) { title } }`, { id: created.item.id }));
    expect(one.academyItem.title).toBe("校园里的厨余堆肥角");
  });
});

describe("publicity", () => {
  it("totals the materials handed out — Shangyu's campaign of 1,450 posters and 1,200 leaflets", async () => {
    const office = await as("office");
    const { districts } = ok(await h.gql(`{ districts { id code } }`));
    const shangyu = districts.find((d: { code: string }) => d.code === "shangyu").id;
    const r = ok(await h.gql(`query($d: ID) { publicitySummary(from: "2021-11-08", to: "2021-11-13", districtId: $d) { activities posters leaflets participants } }`, { d: shangyu }, { token: office }));
    expect(r.publicitySummary).toMatchObject({ posters: 1450, leaflets: 1200 });
    const rec = ok(
      await h.gql(`mutation($i: RecordPublicityActivityInput!) { recordPublicityActivity(input: $i) { activity { posters } userErrors { field code } } }`, { i: { title: "测试宣传", kind: "COMMUNITY", districtId: shangyu, organiser: "测试", startDate: "2021-11-10", endDate: "2021-11-09", posters: 10 } }, { token: office }),
    );
    expect(rec.recordPublicityActivity.userErrors).toEqual([{ field: "input.endDate", code: "INVALID_DATES" }]);
  });
});
