/** Test helpers of the module's page tests: a mocked API that records every operation, and a render at a path. */
import { ApolloClient, ApolloLink, InMemoryCache } from "@apollo/client";
import { ApolloProvider } from "@apollo/client/react";
import { render } from "@testing-library/react";
import { registerMessages } from "@zw/ui";
import { App as AntApp } from "antd";
import { MemoryRouter } from "react-router";
import { Observable } from "rxjs";
import en from "./i18n/en.json";
import zhCN from "./i18n/zh-CN.json";
import { NS } from "./module.js";
import { ModuleRoutes } from "./routes.js";

export type Call = { op: string; vars: Record<string, unknown> };
export type Reply = (op: string, vars: Record<string, unknown>) => unknown;

export const D1 = { __typename: "District", id: "D1", code: "330602", level: "DISTRICT", nameZh: "越城区", nameEn: "Yuecheng" };

/** The signed-in user: city staff with write access by default; `district` makes them district staff, `org` an operator. */
export function viewer(opts: { district?: boolean; org?: { kind: string; id: string; name: string }; write?: boolean } = {}) {
  return {
    me: {
      __typename: "Viewer",
      user: { __typename: "User", id: "U1", username: "commerce", displayName: "商务局" },
      role: opts.org ? "OPERATOR" : "STAFF",
      department: null,
      district: opts.district ? { __typename: "District", id: D1.id, code: D1.code, nameZh: D1.nameZh, nameEn: D1.nameEn } : null,
      org: opts.org ? { __typename: "OrgRef", ...opts.org } : null,
      modules: [{ __typename: "ModuleAccess", key: "recycling", read: true, write: opts.write ?? true }],
    },
  };
}

export const reference: { districts: object[]; departments: object[]; recyclingMaterials: object[] } = { districts: [D1], departments: [], recyclingMaterials: [] };

/** A connection page of `nodes` in the shape ConnectionTable reads. */
export function page(typename: string, nodes: object[]) {
  return {
    __typename: `${typename}Connection`,
    totalCount: nodes.length,
    pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: nodes.length ? `c${nodes.length}` : null },
    edges: nodes.map((node, i) => ({ __typename: `${typename}Edge`, cursor: `c${i + 1}`, node })),
  };
}

/** Renders the module at `path` against `reply`; unknown operations get empty data. Returns the calls seen. */
export function renderAt(path: string, reply: Reply, me: unknown = viewer()) {
  registerMessages(NS, { "zh-CN": zhCN, en });
  const calls: Call[] = [];
  const link = new ApolloLink((op) => {
    const call = { op: op.operationName ?? "", vars: (op.variables ?? {}) as Record<string, unknown> };
    calls.push(call);
    return new Observable((o) => {
      const data = call.op === "Me" ? me : call.op === "RecyclingReference" ? reference : (reply(call.op, call.vars) ?? {});
      o.next({ data } as never);
      o.complete();
    });
  });
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  const view = render(
    <ApolloProvider client={client}>
      <AntApp>
        <MemoryRouter initialEntries={[path]}>
          <ModuleRoutes />
        </MemoryRouter>
      </AntApp>
    </ApolloProvider>,
  );
  return { calls, view, last: (op: string) => [...calls].reverse().find((c) => c.op === op) };
}

/** Picks `label` in the antd Select inside the element with `testId`. */
export async function pick(screen: typeof import("@testing-library/react").screen, fireEvent: typeof import("@testing-library/react").fireEvent, testId: string, label: string | RegExp) {
  const sel = screen.getByTestId(testId);
  const target = sel.classList.contains("ant-select") ? sel : (sel.closest(".ant-select") ?? sel);
  fireEvent.mouseDown(target.querySelector(".ant-select-selector, .ant-select-content") ?? target);
  const option = await screen.findAllByText(label, { selector: ".ant-select-item-option-content" });
  fireEvent.click(option[option.length - 1]!);
}
