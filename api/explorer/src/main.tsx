/**
 * GraphQL 调试台 / GraphQL explorer: GraphiQL bundled with the platform (no CDN), with a credentials bar
 * that sends the caller's API key (X-Api-Key) or bearer token (Authorization) on every request and on
 * the graphql-ws subscription socket, and shows the rate-limit budget and query cost of the last answer.
 */
import { createGraphiQLFetcher, type Fetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import "graphiql/graphiql.css";
import { buildSchema, type GraphQLSchema } from "graphql";
import { StrictMode, useEffect, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { credentialHeaders, loadCredentials, saveCredentials, shellSession, type Credentials, type Mode } from "./credentials.ts";
import "./explorer.css";

interface LastCall {
  status: number;
  limit?: string | null;
  remaining?: string | null;
  retryAfter?: string | null;
  cost?: number;
}

const DEFAULT_QUERY = `# 绍兴无废城市信息平台 GraphQL 调试台 / GraphQL explorer
#
# 在上方选择凭据：API 密钥（X-Api-Key）或登录令牌（Bearer）。
# Choose credentials above: an API key (X-Api-Key) or a sign-in token (Bearer).
# Ctrl+Enter 执行 / runs; Ctrl+Space 补全 / completes; 左侧“文档”按钮浏览类型 / the Docs button browses types.

query 可订阅事件 {
  webhookEventTypes {
    type
    stream
    descriptionZh
    descriptionEn
  }
}
`;

function initialQuery(): string | undefined {
  const q = new URLSearchParams(location.search).get("query");
  return q && q.length < 20000 ? q : undefined;
}

function endpoint(): { http: string; ws: string } {
  const http = new URL("/graphql", location.origin).toString();
  return { http, ws: http.replace(/^http/, "ws") };
}

function CredentialsBar({ creds, onChange, last }: { creds: Credentials; onChange: (c: Credentials) => void; last: LastCall | null }) {
  const session = shellSession();
  const modes: { value: Mode; label: string }[] = [
    { value: "apiKey", label: "API 密钥 / API key" },
    { value: "token", label: "令牌 / Bearer token" },
    { value: "session", label: session ? `当前登录（${session.username ?? "会话"}）/ Signed-in session` : "当前登录 / Signed-in session (none)" },
    { value: "none", label: "不带凭据 / No credentials" },
  ];
  return (
    <form className="zw-bar" onSubmit={(e) => e.preventDefault()} aria-label="凭据 / Credentials">
      <a className="zw-home" href="../">
        ← 开发者文档 / Developer docs
      </a>
      <label>
        <span>凭据 / Credentials</span>
        <select data-testid="mode" value={creds.mode} onChange={(e) => onChange({ ...creds, mode: e.target.value as Mode })}>
          {modes.map((m) => (
            <option key={m.value} value={m.value} disabled={m.value === "session" && !session}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      {(creds.mode === "apiKey" || creds.mode === "token") && (
        <label className="zw-secret">
          <span>{creds.mode === "apiKey" ? "X-Api-Key" : "Authorization: Bearer"}</span>
          <input
            data-testid="secret"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder={creds.mode === "apiKey" ? "zw_…" : "令牌 / token"}
            value={creds.secret}
            onChange={(e) => onChange({ ...creds, secret: e.target.value.trim() })}
          />
        </label>
      )}
      <label className="zw-remember" title="只保存在本浏览器标签页（sessionStorage），关闭即清除 / Kept only in this browser tab (sessionStorage), cleared when it closes">
        <input type="checkbox" checked={creds.remember} onChange={(e) => onChange({ ...creds, remember: e.target.checked })} />
        <span>本标签页内记住 / Remember in this tab</span>
      </label>
      <output className="zw-last" data-testid="last" aria-live="polite">
        {last ? (
          <>
            <span className={last.status >= 400 ? "zw-bad" : "zw-ok"}>HTTP {last.status}</span>
            {last.cost !== undefined && <span>成本 / cost {last.cost}</span>}
            {last.remaining != null && (
              <span>
                剩余额度 / budget {last.remaining}/{last.limit}
              </span>
            )}
            {last.retryAfter && <span className="zw-bad">{last.retryAfter} 秒后重试 / retry in {last.retryAfter} s</span>}
          </>
        ) : (
          <span>尚未请求 / No request yet</span>
        )}
      </output>
    </form>
  );
}

/**
 * The schema comes from the platform's SDL (/developers/schema.graphql), not from an introspection query:
 * the standard introspection query is deeper than the API's depth limit, and the SDL is the same schema.
 */
function useSchema(): GraphQLSchema | null | undefined {
  // null: no schema yet and no introspection; undefined (if the SDL cannot be loaded): GraphiQL introspects.
  const [schema, setSchema] = useState<GraphQLSchema | null | undefined>(null);
  useEffect(() => {
    fetch(new URL("../schema.graphql", location.href))
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((sdl) => setSchema(buildSchema(sdl)))
      .catch(() => setSchema(undefined));
  }, []);
  return schema;
}

function Explorer() {
  const schema = useSchema();
  const [creds, setCreds] = useState<Credentials>(() => loadCredentials());
  const [last, setLast] = useState<LastCall | null>(null);
  const change = (c: Credentials) => {
    setCreds(c);
    saveCredentials(c);
  };
  const fetcher = useMemo<Fetcher>(() => {
    const auth = credentialHeaders(creds);
    const { http, ws } = endpoint();
    // Headers typed in GraphiQL's own header editor win over the bar's.
    const instrumented: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      for (const [k, v] of Object.entries(auth)) if (!headers.has(k)) headers.set(k, v);
      const res = await fetch(input, { ...init, headers });
      const call: LastCall = {
        status: res.status,
        limit: res.headers.get("x-ratelimit-limit"),
        remaining: res.headers.get("x-ratelimit-remaining"),
        retryAfter: res.headers.get("retry-after"),
      };
      try {
        const body = (await res.clone().json()) as { extensions?: { cost?: { requested?: number } } };
        call.cost = body?.extensions?.cost?.requested;
      } catch {
        /* not JSON */
      }
      setLast(call);
      return res;
    };
    return createGraphiQLFetcher({
      url: http,
      subscriptionUrl: ws,
      wsConnectionParams: { authorization: auth.authorization, apiKey: auth["x-api-key"] },
      fetch: instrumented,
      enableIncrementalDelivery: false,
    });
  }, [creds]);

  return (
    <div className="zw-explorer">
      <CredentialsBar creds={creds} onChange={change} last={last} />
      <div className="zw-graphiql">
        <GraphiQL fetcher={fetcher} schema={schema} defaultQuery={DEFAULT_QUERY} query={initialQuery()} defaultEditorToolsVisibility="variables" shouldPersistHeaders={false} isHeadersEditorEnabled>
          <GraphiQL.Logo>
            <span className="zw-logo">绍兴无废城市 · GraphQL</span>
          </GraphiQL.Logo>
        </GraphiQL>
      </div>
    </div>
  );
}

createRoot(document.getElementById("explorer")!).render(
  <StrictMode>
    <Explorer />
  </StrictMode>,
);
