import { gql, type TypedDocumentNode } from "@apollo/client";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { Form, Input } from "antd";
import { afterEach, describe, expect, it } from "vitest";
import { ApiForm } from "./api-form.js";
import { ConnectionTable } from "./connection-table.js";
import { runExport } from "./export-button.js";
import { i18n, LANGUAGE_STORAGE_KEY, registerMessages, setLanguage } from "./i18n.js";
import { StatusTag } from "./status-tag.js";
import { StreamCasesPage } from "./stream/StreamCasesPage.js";
import { testClient, Wrap } from "./test-utils.js";

afterEach(() => cleanup());

type Item = { __typename: "Item"; id: string; title: string };
type ItemsData = { items: { __typename: "ItemConnection"; totalCount: number; pageInfo: { __typename: "PageInfo"; hasNextPage: boolean; endCursor: string | null }; edges: { __typename: "ItemEdge"; cursor: string; node: Item }[] } };
type ItemsVars = { first?: number | null; after?: string | null; q?: string };
const ITEMS: TypedDocumentNode<ItemsData, ItemsVars> = gql`
  query Items($first: Int, $after: String, $q: String) {
    items(first: $first, after: $after, q: $q) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id title } }
    }
  }
`;

function page(all: Item[], first: number, after: string | null): ItemsData {
  const start = after ? all.findIndex((x) => x.id === after) + 1 : 0;
  const slice = all.slice(start, start + first);
  return {
    items: {
      __typename: "ItemConnection",
      totalCount: all.length,
      pageInfo: { __typename: "PageInfo", hasNextPage: start + first < all.length, endCursor: slice.at(-1)?.id ?? null },
      edges: slice.map((n) => ({ __typename: "ItemEdge", cursor: n.id, node: n })),
    },
  };
}

describe("ConnectionTable", () => {
  const all: Item[] = Array.from({ length: 5 }, (_, i) => ({ __typename: "Item", id: `i${i + 1}`, title: `第${i + 1}条` }));

  it("pages forward and back by cursor and shows the total", async () => {
    const { client, calls } = testClient(({ variables }) => ({ data: page(all, Number(variables.first), (variables.after as string) ?? null) }));
    render(
      <Wrap client={client}>
        <ConnectionTable query={ITEMS} select={(d) => d.items} pageSize={2} columns={[{ title: "T", dataIndex: "title" }]} />
      </Wrap>,
    );
    await screen.findByText("第1条");
    expect(screen.getByTestId("zw-total").textContent).toContain("5");
    fireEvent.click(screen.getByTestId("zw-next"));
    await screen.findByText("第3条");
    expect(screen.queryByText("第1条")).toBeNull();
    expect(calls.at(-1)?.variables).toMatchObject({ first: 2, after: "i2" });
    fireEvent.click(screen.getByTestId("zw-next"));
    await screen.findByText("第5条");
    await waitFor(() => expect((screen.getByTestId("zw-next") as HTMLButtonElement).disabled).toBe(true));
    fireEvent.click(screen.getByTestId("zw-prev"));
    await screen.findByText("第3条");
  });

  it("loads more rows in load-more mode", async () => {
    const { client } = testClient(({ variables }) => ({ data: page(all, Number(variables.first), (variables.after as string) ?? null) }));
    render(
      <Wrap client={client}>
        <ConnectionTable query={ITEMS} select={(d) => d.items} pageSize={3} mode="loadMore" columns={[{ title: "T", dataIndex: "title" }]} />
      </Wrap>,
    );
    await screen.findByText("第3条");
    fireEvent.click(screen.getByTestId("zw-load-more"));
    await screen.findByText("第5条");
    expect(screen.getByText("第1条")).toBeTruthy();
  });

  it("shows an error with retry", async () => {
    let fail = true;
    const { client } = testClient(({ variables }) => (fail ? { errors: [{ message: "boom" }] } : { data: page(all, Number(variables.first), null) }));
    render(
      <Wrap client={client}>
        <ConnectionTable query={ITEMS} select={(d) => d.items} columns={[{ title: "T", dataIndex: "title" }]} />
      </Wrap>,
    );
    await screen.findByTestId("zw-error");
    fail = false;
    fireEvent.click(screen.getByTestId("zw-retry"));
    await screen.findByText("第1条");
  });
});

describe("ApiForm", () => {
  it("puts userErrors on their fields and the rest in a general message", async () => {
    const { client } = testClient(() => ({}));
    render(
      <Wrap client={client}>
        <ApiForm
          onSubmit={async () => ({
            userErrors: [
              { field: "input.plate", message: "车牌已存在", code: "TAKEN" },
              { field: null, message: "许可已过期", code: "EXPIRED" },
            ],
          })}
        >
          <Form.Item name="plate" label="plate">
            <Input />
          </Form.Item>
        </ApiForm>
      </Wrap>,
    );
    fireEvent.submit(screen.getByTestId("zw-api-form"));
    await screen.findByText("车牌已存在");
    expect(screen.getByText("许可已过期")).toBeTruthy();
  });

  it("maps BAD_USER_INPUT extensions.fields", async () => {
    const { CombinedGraphQLErrors } = await import("@apollo/client");
    const { client } = testClient(() => ({}));
    render(
      <Wrap client={client}>
        <ApiForm
          onSubmit={async () => {
            throw new CombinedGraphQLErrors({ errors: [{ message: "bad", extensions: { code: "BAD_USER_INPUT", fields: [{ field: "input.name", message: "太长" }] } }] });
          }}
        >
          <Form.Item name="name" label="name">
            <Input />
          </Form.Item>
        </ApiForm>
      </Wrap>,
    );
    fireEvent.submit(screen.getByTestId("zw-api-form"));
    await screen.findByText("太长");
  });
});

describe("i18n", () => {
  it("defaults to zh-CN, switches to en, persists, and serves module namespaces", async () => {
    registerMessages("demo", { "zh-CN": { hello: "你好" }, en: { hello: "Hello" } });
    expect(i18n.language).toBe("zh-CN");
    expect(i18n.t("demo:hello")).toBe("你好");
    render(<StatusTag status="OPEN" />);
    expect(screen.getByText("待处理")).toBeTruthy();
    await act(() => setLanguage("en"));
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe("en");
    expect(i18n.t("demo:hello")).toBe("Hello");
    expect(screen.getByText("Open")).toBeTruthy();
    expect(document.documentElement.lang).toBe("en");
    await act(() => setLanguage("zh-CN"));
  });

  it("has the same keys in zh-CN and en", async () => {
    const zh = (await import("./locales/zh-CN.json")).default;
    const en = (await import("./locales/en.json")).default;
    const keys = (o: object, p = ""): string[] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v, `${p}${k}.`) : [`${p}${k}`]));
    expect(keys(en).sort()).toEqual(keys(zh).sort());
  });
});

describe("runExport", () => {
  it("polls the job until it is done", async () => {
    let polls = 0;
    const job = (status: string) => ({ __typename: "ExportJob", id: "J1", name: "alerts", format: "CSV", status, rowCount: 3, error: null, download: status === "DONE" ? { __typename: "DownloadLink", url: "/exports/J1?sig=x", expiresAt: "2030-01-01T00:00:00Z" } : null });
    const { client } = testClient(({ operationName }) =>
      operationName === "StartExport" ? { data: { startExport: { __typename: "ExportJobPayload", job: job("QUEUED"), userErrors: [] } } } : { data: { exportJob: job(++polls >= 2 ? "DONE" : "RUNNING") } },
    );
    const r = await runExport(client, { name: "alerts", format: "CSV" }, { pollMs: 5 });
    expect(r.kind).toBe("done");
    expect(r.kind === "done" && r.job.download?.url).toBe("/exports/J1?sig=x");
    expect(polls).toBe(2);
  });

  it("degrades when the server has no export API", async () => {
    const { client } = testClient(() => ({ errors: [{ message: 'Cannot query field "startExport" on type "Mutation".', extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }] }));
    expect(await runExport(client, { name: "alerts", format: "CSV" })).toEqual({ kind: "unavailable" });
  });
});

describe("Sparkline", () => {
  it("draws one point per value, highest at the top, with gaps for missing values", async () => {
    const { Sparkline } = await import("./sparkline.js");
    const { container } = render(<Sparkline values={[10, null, 30, 20]} width={100} height={20} label="trend" />);
    const svg = container.querySelector("svg")!;
    expect(svg.getAttribute("aria-label")).toBe("trend");
    expect(svg.getAttribute("data-points")).toBe("3");
    const d = svg.querySelector("path")!.getAttribute("d")!;
    // two separate runs (M … then M … L …) because of the gap
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d).toBe("M2.0,18.0M66.0,2.0L98.0,10.0");
    const dot = svg.querySelector("circle")!;
    expect([dot.getAttribute("cx"), dot.getAttribute("cy")]).toEqual(["98", "10"]);
  });
});

describe("StreamCasesPage drawerBody", () => {
  it("renders the stream's actions below the details; changed(patch) updates the drawer and reloads the list", async () => {
    const kase = { __typename: "Case", id: "K1", number: "JZ2026-000001", source: "ALERT", campaign: null, subjectType: "Vehicle", subjectLabel: "浙D12345", violationType: "OFF_ROUTE", description: "", fineYuan: "0.00", status: "OPEN", openedAt: "2026-01-01T00:00:00Z", decidedAt: null, closedAt: null, district: { __typename: "District", id: "D1", nameZh: "越城区", nameEn: "Yuecheng" } };
    const { client, calls } = testClient((op) =>
      op.operationName === "StreamCases"
        ? { data: { cases: { __typename: "CaseConnection", totalCount: 1, pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: "a" }, edges: [{ __typename: "CaseEdge", cursor: "a", node: kase }] } } }
        : { data: { districts: [] } },
    );
    render(
      <Wrap client={client}>
        <StreamCasesPage stream="construction" drawerBody={(c, changed) => <button data-testid="body-action" onClick={() => changed({ status: "CLOSED", fineYuan: "800.00" })}>{c.number}</button>} />
      </Wrap>,
    );
    fireEvent.click(await screen.findByText("JZ2026-000001"));
    const action = await screen.findByTestId("body-action");
    expect(action.closest(".ant-drawer")).toBeTruthy();
    const before = calls.filter((c) => c.operationName === "StreamCases").length;
    fireEvent.click(action);
    await waitFor(() => expect(document.querySelector('.ant-drawer [data-status="CLOSED"]')).toBeTruthy());
    expect(screen.getAllByText("800.00").length).toBeGreaterThan(0);
    await waitFor(() => expect(calls.filter((c) => c.operationName === "StreamCases").length).toBeGreaterThan(before));
  });
});
