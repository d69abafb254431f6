import { CombinedGraphQLErrors, type ApolloClient } from "@apollo/client";
import { useApolloClient } from "@apollo/client/react";
import { errorMessage } from "@zw/client";
import { App, Button, Dropdown } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ExportJobDocument, StartExportDocument, type ExportFormat, type ExportJobFieldsFragment } from "./graphql/generated.js";
import { getLanguage } from "./i18n.js";

export type ExportOutcome =
  | { kind: "done"; job: ExportJobFieldsFragment }
  | { kind: "failed"; message: string }
  | { kind: "unavailable" }
  | { kind: "timeout" };

/** True when the server has no export API (the operation does not validate against its schema). */
export function isMissingExportApi(e: unknown): boolean {
  return CombinedGraphQLErrors.is(e) && e.errors.some((x) => x.extensions?.code === "GRAPHQL_VALIDATION_FAILED" && /startExport|exportJob|ExportFormat|ExportJob/.test(x.message));
}

/**
 * Runs a server export: `startExport(name, format, filter)`, then polls `exportJob(id)` until DONE or
 * FAILED. Resolves with the outcome; never throws.
 */
export async function runExport(
  client: ApolloClient,
  args: { name: string; format: ExportFormat; filter?: Record<string, unknown> },
  opts: { pollMs?: number; timeoutMs?: number; onProgress?: (job: ExportJobFieldsFragment) => void } = {},
): Promise<ExportOutcome> {
  const pollMs = opts.pollMs ?? 1000;
  const deadline = Date.now() + (opts.timeoutMs ?? 5 * 60_000);
  try {
    const { data } = await client.mutate({ mutation: StartExportDocument, variables: { ...args, filter: args.filter ?? {}, language: getLanguage() }, fetchPolicy: "no-cache" });
    const p = data?.startExport;
    if (!p) return { kind: "failed", message: "no response" };
    if (p.userErrors.length || !p.job) return { kind: "failed", message: p.userErrors.map((e) => e.message).join("; ") || "not started" };
    let job = p.job;
    while (job.status === "QUEUED" || job.status === "RUNNING") {
      opts.onProgress?.(job);
      if (Date.now() > deadline) return { kind: "timeout" };
      await new Promise((r) => setTimeout(r, pollMs));
      const r = await client.query({ query: ExportJobDocument, variables: { id: job.id }, fetchPolicy: "network-only" });
      if (!r.data?.exportJob) return { kind: "failed", message: "job not found" };
      job = r.data.exportJob;
    }
    if (job.status === "FAILED") return { kind: "failed", message: job.error ?? "failed" };
    return { kind: "done", job };
  } catch (e) {
    if (isMissingExportApi(e)) return { kind: "unavailable" };
    return { kind: "failed", message: errorMessage(e) };
  }
}

/**
 * Export button: asks the server for a CSV or XLSX of a list (`name` as in `exportableLists`, `filter`
 * the list's filter), shows progress, and starts the download when the file is ready.
 */
export function ExportButton({ name, filter, formats = ["XLSX", "CSV"] }: { name: string; filter?: Record<string, unknown>; formats?: ExportFormat[] }) {
  const { t } = useTranslation("ui");
  const client = useApolloClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const key = useRef(`zw-export-${name}`);

  const start = async (format: ExportFormat) => {
    setBusy(true);
    message.loading({ key: key.current, content: t("export.started"), duration: 0 });
    const r = await runExport(client, { name, format, filter });
    setBusy(false);
    if (r.kind === "done") {
      message.success({ key: key.current, content: t("export.ready") });
      const url = r.job.download?.url;
      if (url) {
        const a = document.createElement("a");
        a.href = url;
        a.rel = "noopener";
        a.download = "";
        document.body.appendChild(a);
        a.click();
        a.remove();
      }
    } else if (r.kind === "unavailable") message.warning({ key: key.current, content: t("export.unavailable") });
    else if (r.kind === "timeout") message.warning({ key: key.current, content: t("export.timeout") });
    else message.error({ key: key.current, content: t("export.failed", { message: r.message }) });
  };

  return (
    <Dropdown menu={{ items: formats.map((f) => ({ key: f, label: f })), onClick: ({ key: f }) => void start(f as ExportFormat) }} disabled={busy}>
      <Button loading={busy} data-testid="zw-export">
        {t("export.button")}
      </Button>
    </Dropdown>
  );
}
