import { ApolloClient, ApolloLink, InMemoryCache } from "@apollo/client";
import { ApolloProvider } from "@apollo/client/react";
import { App as AntApp } from "antd";
import { Observable } from "rxjs";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { i18n } from "./i18n.js";

export type Responder = (op: { operationName: string; variables: Record<string, unknown> }) => { data?: unknown; errors?: unknown[] };

/** A client whose link answers from `respond` and records each operation. */
export function testClient(respond: Responder) {
  const calls: { operationName: string; variables: Record<string, unknown> }[] = [];
  const link = new ApolloLink((op) => {
    const call = { operationName: op.operationName ?? "", variables: op.variables as Record<string, unknown> };
    calls.push(call);
    return new Observable((o) => {
      const r = respond(call);
      o.next(r as never);
      o.complete();
    });
  });
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  return { client, calls };
}

export function Wrap({ client, children }: { client: ApolloClient; children: ReactNode }) {
  return (
    <ApolloProvider client={client}>
      <I18nextProvider i18n={i18n}>
        <AntApp>{children}</AntApp>
      </I18nextProvider>
    </ApolloProvider>
  );
}
