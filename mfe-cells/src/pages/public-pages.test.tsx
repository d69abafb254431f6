/**
 * The public pages (the shell mounts them for visitors without an account) against a fake API that
 * answers only public fields: the FAQ (咨询查询) — only the public tabs, the FAQ search (markup in an
 * answer shown as text), asking a question (the number and tracking code shown once, the API's field
 * errors on the field) and looking the answer up — and the academy reader (search, open an item, no
 * editor).
 */
import { ApolloClient, ApolloLink, InMemoryCache } from "@apollo/client";
import { ApolloProvider } from "@apollo/client/react";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { registerMessages } from "@zw/ui";
import { MemoryRouter } from "react-router";
import { Observable } from "rxjs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import en from "../i18n/en.json";
import zhCN from "../i18n/zh-CN.json";
import { NS } from "../module.js";
import { ModuleRoutes } from "../routes.js";

afterEach(() => cleanup());
beforeAll(() => registerMessages(NS, { "zh-CN": zhCN, en }));

type Op = { name: string; variables: Record<string, unknown> };

const ACADEMY_ROW = {
  __typename: "AcademyItem",
  id: "AI1",
  kind: "ARTICLE",
  title: "垃圾分类，从家门口的四个桶开始",
  summary: "四分类的投放要点",
  category: "垃圾分类",
  tags: ["四分类"],
  author: "市无废办",
  source: null,
  docNumber: null,
  issuedOn: null,
  durationMinutes: null,
  status: "PUBLISHED",
  publishedAt: "2026-02-01T00:00:00Z",
  updatedAt: "2026-02-01T00:00:00Z",
};

function fakeApi(opts: { askErrors?: { field: string; message: string; code: string }[] } = {}) {
  const ops: Op[] = [];
  const answer = (name: string, v: Record<string, unknown>): unknown => {
    switch (name) {
      case "Me":
        return { me: { __typename: "Viewer", user: null, role: null, department: null, district: null, org: null, modules: [] } };
      case "QuestionCategories":
        return { questionCategories: ["垃圾分类", "无废细胞"] };
      case "PublicDistricts":
        return { districts: [] };
      case "Faq": {
        const node = { __typename: "FaqEntry", id: "F1", number: "ZX2026-000007", category: "垃圾分类", question: "废旧电池属于什么垃圾？", answer: "<b>有害垃圾</b>，请投放到红色桶。", publishedAt: "2026-03-01T00:00:00Z" };
        const hit = !v.search || String(v.search).includes("电池");
        return { faq: { __typename: "FaqEntryConnection", totalCount: hit ? 1 : 0, pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null }, edges: hit ? [{ __typename: "FaqEntryEdge", cursor: "c1", node }] : [] } };
      }
      case "AskQuestion":
        return opts.askErrors
          ? { askQuestion: { __typename: "AskQuestionPayload", number: null, trackingCode: null, userErrors: opts.askErrors.map((e) => ({ __typename: "UserError", ...e })) } }
          : { askQuestion: { __typename: "AskQuestionPayload", number: "ZX2026-000042", trackingCode: "Ab3_xY9z", userErrors: [] } };
      case "AcademyCategories":
        return { academyCategories: ["垃圾分类", "政策法规"] };
      case "AcademySearch": {
        const hit = !v.query || String(v.query).includes("垃圾");
        return { academySearch: { __typename: "AcademyItemConnection", totalCount: hit ? 1 : 0, pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null }, edges: hit ? [{ __typename: "AcademyItemEdge", cursor: "c1", node: { ...ACADEMY_ROW } }] : [] } };
      }
      case "AcademyItem":
        return { academyItem: { ...ACADEMY_ROW, body: "第一段：可回收物、有害垃圾。\n\n第二段：<script>x()</script>厨余垃圾、其他垃圾。", reviewComment: null, lessons: [] } };
      case "ConsultationStatus":
        return v.trackingCode === "Ab3_xY9z"
          ? { consultationStatus: { __typename: "ConsultationStatusView", number: "ZX2026-000042", status: "ANSWERED", title: "旧电池怎么扔", answer: "投放到有害垃圾桶。", answeredAt: "2026-03-02T00:00:00Z", createdAt: "2026-03-01T00:00:00Z" } }
          : { consultationStatus: null };
      default:
        throw new Error(`the visitor's page asked for ${name}, which is not a public field`);
    }
  };
  const link = new ApolloLink(
    (op) =>
      new Observable((o) => {
        ops.push({ name: op.operationName ?? "", variables: op.variables as Record<string, unknown> });
        try {
          o.next({ data: answer(op.operationName ?? "", op.variables as Record<string, unknown>) as Record<string, unknown> });
          o.complete();
        } catch (e) {
          o.error(e);
        }
      }),
  );
  return { client: new ApolloClient({ link, cache: new InMemoryCache() }), ops };
}

function renderAt(path: string, client: ApolloClient) {
  return render(
    <ApolloProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <ModuleRoutes />
      </MemoryRouter>
    </ApolloProvider>,
  );
}

async function chooseCategory(label: string) {
  const select = within(screen.getByTestId("ask-card")).getAllByRole("combobox")[0]!;
  fireEvent.mouseDown(select);
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll(".ant-select-item-option")].find((el) => el.textContent === label);
    if (!found) throw new Error(`no option ${label}`);
    return found as HTMLElement;
  });
  fireEvent.click(option);
}

const inputIn = (testId: string) => {
  const el = screen.getByTestId(testId);
  return (el.tagName === "INPUT" || el.tagName === "TEXTAREA" ? el : el.querySelector("input, textarea")!) as HTMLInputElement;
};

describe("the public FAQ page", { timeout: 60_000 }, () => {
  it("shows a visitor only the public tabs and the FAQ, with markup in an answer as text", async () => {
    const { client, ops } = fakeApi();
    renderAt("/faq", client);
    expect(await screen.findByText("废旧电池属于什么垃圾？")).toBeTruthy();
    expect(screen.getByTestId("tab-faq")).toBeTruthy();
    expect(screen.getByTestId("tab-academy")).toBeTruthy();
    for (const tab of ["home", "applications", "units", "consultation", "tasks"]) expect(screen.queryByTestId(`tab-${tab}`)).toBeNull();
    // Every operation the page sends is a public field (the fake API throws on anything else).
    expect(ops.map((o) => o.name).sort()).toEqual(expect.arrayContaining(["Faq", "Me", "QuestionCategories"]));
    fireEvent.click(screen.getByText("废旧电池属于什么垃圾？"));
    const answer = await screen.findByText("<b>有害垃圾</b>，请投放到红色桶。");
    expect(answer.querySelector("b")).toBeNull();
  });

  it("takes a question and shows the number and tracking code, then finds the answer with them", async () => {
    const { client, ops } = fakeApi();
    renderAt("/faq", client);
    await screen.findByTestId("ask-card");
    await chooseCategory("垃圾分类");
    fireEvent.change(inputIn("ask-title"), { target: { value: "旧电池怎么扔" } });
    fireEvent.change(inputIn("ask-body"), { target: { value: "家里的旧电池能不能扔进其他垃圾桶？" } });
    await act(async () => {
      fireEvent.click(within(screen.getByTestId("ask-card")).getAllByRole("button").at(-1)!);
    });
    const sent = await screen.findByTestId("ask-sent");
    expect(sent.textContent).toContain("ZX2026-000042");
    expect(sent.textContent).toContain("Ab3_xY9z");
    const asked = ops.find((o) => o.name === "AskQuestion")!;
    expect(asked.variables.input).toMatchObject({ category: "垃圾分类", title: "旧电池怎么扔", body: "家里的旧电池能不能扔进其他垃圾桶？" });

    fireEvent.change(inputIn("lookup-number"), { target: { value: " ZX2026-000042 " } });
    fireEvent.change(inputIn("lookup-code"), { target: { value: "wrong" } });
    fireEvent.click(screen.getByTestId("lookup-submit"));
    expect(await screen.findByText(zhCN.faq.lookupNone)).toBeTruthy();
    fireEvent.change(inputIn("lookup-code"), { target: { value: "Ab3_xY9z" } });
    fireEvent.click(screen.getByTestId("lookup-submit"));
    const result = await screen.findByTestId("lookup-result");
    expect(result.textContent).toContain("投放到有害垃圾桶。");
    expect(ops.filter((o) => o.name === "ConsultationStatus").at(-1)!.variables).toEqual({ number: "ZX2026-000042", trackingCode: "Ab3_xY9z" });
  });

  it("puts the API's refusal on the field it names", async () => {
    const { client } = fakeApi({ askErrors: [{ field: "input.body", message: "最多 2 个链接", code: "TOO_MANY_LINKS" }] });
    renderAt("/faq", client);
    await screen.findByTestId("ask-card");
    await chooseCategory("垃圾分类");
    fireEvent.change(inputIn("ask-title"), { target: { value: "便宜回收" } });
    fireEvent.change(inputIn("ask-body"), { target: { value: "http://a.example http://b.example http://c.example" } });
    await act(async () => {
      fireEvent.click(within(screen.getByTestId("ask-card")).getAllByRole("button").at(-1)!);
    });
    expect(await screen.findByText("最多 2 个链接")).toBeTruthy();
    expect(screen.queryByTestId("ask-sent")).toBeNull();
  });
});

describe("the public academy page", { timeout: 60_000 }, () => {
  it("lets a visitor search in Chinese and read an item, as text, with no editor", async () => {
    const { client, ops } = fakeApi();
    renderAt("/academy", client);
    expect(await screen.findByText("垃圾分类，从家门口的四个桶开始")).toBeTruthy();
    expect(screen.queryByTestId("academy-editor-tab")).toBeNull();
    // Type, then press the search button (the input is looked up each time: antd re-renders it).
    const search = (v: string) => {
      fireEvent.change(inputIn("academy-search"), { target: { value: v } });
      const wrapper = screen.getByTestId("academy-search");
      const buttons = wrapper.tagName === "INPUT" ? wrapper.closest(".ant-input-search, .ant-input-group-wrapper, .ant-space-compact")!.querySelectorAll("button") : wrapper.querySelectorAll("button");
      fireEvent.click([...buttons].at(-1)!);
    };
    search("航空母舰");
    await waitFor(() => expect(screen.queryByText("垃圾分类，从家门口的四个桶开始")).toBeNull());
    expect(ops.filter((o) => o.name === "AcademySearch").at(-1)!.variables).toMatchObject({ query: "航空母舰" });
    search("垃圾分类");
    fireEvent.click(await screen.findByText("垃圾分类，从家门口的四个桶开始", {}, { timeout: 10_000 }));
    const reader = await screen.findByTestId("academy-reader", {}, { timeout: 10_000 });
    expect(reader.textContent).toContain("第二段：<script>x()</script>厨余垃圾、其他垃圾。");
    expect(reader.querySelector("script")).toBeNull();
    expect(reader.querySelectorAll("p, .ant-typography").length).toBeGreaterThanOrEqual(2);
    expect(ops.some((o) => o.name === "AcademyItems")).toBe(false);
  });
});
