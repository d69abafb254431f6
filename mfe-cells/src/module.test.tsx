import { ApolloClient, ApolloLink, InMemoryCache } from "@apollo/client";
import { ApolloProvider } from "@apollo/client/react";
import { cleanup, render, screen } from "@testing-library/react";
import { i18n, registerMessages } from "@zw/ui";
import { MemoryRouter } from "react-router";
import { Observable } from "rxjs";
import { afterEach, describe, expect, it } from "vitest";
import manifest from "../manifest.json";
import en from "./i18n/en.json";
import zhCN from "./i18n/zh-CN.json";
import { NS } from "./module.js";
import { ModuleRoutes } from "./routes.js";

afterEach(() => cleanup());
const keys = (o: object, p = ""): string[] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v, `${p}${k}.`) : [`${p}${k}`]));

describe("module", () => {
  it("has a manifest the shell accepts", () => {
    expect(manifest.name).toMatch(/^@zw\/mfe-/);
    expect(manifest.activeWhen.every((p) => p.startsWith("/"))).toBe(true);
    for (const n of manifest.nav) {
      expect(n.label["zh-CN"]).toBeTruthy();
      expect(n.label.en).toBeTruthy();
      expect(manifest.activeWhen.some((p) => n.path.startsWith(p))).toBe(true);
    }
  });

  it("has the same message keys in zh-CN and en", () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it("lists the stream's alerts from the API", async () => {
    registerMessages(NS, { "zh-CN": zhCN, en });
    const seen: Record<string, unknown>[] = [];
    const link = new ApolloLink((op) => {
      seen.push(op.variables as Record<string, unknown>);
      return new Observable((o) => {
        if (op.operationName !== "StreamAlerts") o.next({ data: { districts: [], departments: [] } });
        else
          o.next({
            data: {
              alerts: {
                __typename: "AlertConnection",
                totalCount: 1,
                pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: "c1" },
                edges: [
                  {
                    __typename: "AlertEdge",
                    cursor: "c1",
                    node: {
                      __typename: "Alert",
                      id: "A1",
                      rule: "r",
                      severity: "HIGH",
                      status: "OPEN",
                      title: "测试预警",
                      subjectType: "Unit",
                      subjectLabel: "某企业",
                      occurrences: 1,
                      raisedAt: "2026-01-01T00:00:00Z",
                      lastSeenAt: "2026-01-01T00:00:00Z",
                      disposition: null,
                      detail: {},
                      district: null,
                    },
                  },
                ],
              },
            },
          });
        o.complete();
      });
    });
    const client = new ApolloClient({ link, cache: new InMemoryCache() });
    render(
      <ApolloProvider client={client}>
        <MemoryRouter initialEntries={["/alerts"]}>
          <ModuleRoutes />
        </MemoryRouter>
      </ApolloProvider>,
    );
    expect(await screen.findByText("测试预警")).toBeTruthy();
    expect(screen.getByText(i18n.t("ui:alerts.title"), { selector: "h3" })).toBeTruthy();
    expect(screen.getByText(i18n.t(`${NS}:alerts.subtitle`))).toBeTruthy();
    expect(seen.some((v) => (v.filter as { stream?: string } | undefined)?.stream === manifest.module)).toBe(true);
  });
});
