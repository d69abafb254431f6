/**
 * Live alerts: the latest alerts of every stream the caller may read, refreshed as they are raised
 * through the `alertRaised` subscription (graphql-ws); while the socket is lost the list polls. New
 * alerts are marked until the page is left.
 */
import { useQuery } from "@apollo/client/react";
import { AlertRaisedDocument, apolloLiveSource, useLiveRefresh, useLiveStatus, useViewer } from "@zw/client";
import { EmptyState, ErrorState, LoadingState, StatusTag, useLanguage, useTranslation } from "@zw/ui";
import { Badge, Card, Tag } from "antd";
import { useMemo, useRef, useState } from "react";
import { OverviewAlertsDocument } from "../graphql/generated.js";
import { AppLink, NS, pick, STREAMS } from "./common.js";

export interface AlertsPanelProps {
  /** District global ID to filter on (null: all the caller may see). */
  districtId: string | null;
  pageSize?: number;
  pollMs?: number;
  /** Called on every live event (the page refreshes its figures too). */
  onEvent?: () => void;
  variant?: "card" | "ticker";
}

export function AlertsPanel({ districtId, pageSize = 8, pollMs = 30_000, onEvent, variant = "card" }: AlertsPanelProps) {
  const lng = useLanguage();
  const { t } = useTranslation([NS, "ui"]);
  const { viewer } = useViewer();
  const live = useLiveStatus();
  const source = useMemo(() => apolloLiveSource(), []);
  const canAlerts = !!viewer?.modules.some((m) => (STREAMS as readonly string[]).includes(m.key) && m.read);
  const [fresh, setFresh] = useState<Set<string>>(() => new Set());
  const freshRef = useRef(fresh);
  freshRef.current = fresh;
  const q = useQuery(OverviewAlertsDocument, { variables: { first: pageSize, filter: districtId ? { districtId } : {} }, skip: !canAlerts, notifyOnNetworkStatusChange: false });
  useLiveRefresh({
    subscription: AlertRaisedDocument,
    source,
    pollMs,
    enabled: canAlerts,
    refresh: (event) => {
      const id = (event as { alertRaised?: { id?: string } } | undefined)?.alertRaised?.id;
      if (id) setFresh((s) => new Set([...s, id]));
      void q.refetch();
      onEvent?.();
    },
  });
  const list = q.data?.alerts.edges.map((e) => e.node) ?? [];
  const status = (
    <Badge status={live === "live" ? "success" : live === "connecting" ? "processing" : "warning"} text={t(`alerts.${live}`)} data-testid="zw-ov-live" data-live={live} />
  );
  const body = !canAlerts ? (
    <EmptyState description={t("alerts.noAccess")} />
  ) : q.loading && !q.data ? (
    <LoadingState />
  ) : q.error ? (
    <ErrorState error={q.error} onRetry={() => void q.refetch()} />
  ) : !list.length ? (
    <EmptyState description={t("alerts.none")} />
  ) : (
    <ul className={variant === "ticker" ? "zw-ov-ticker" : "zw-ov-alerts"} data-testid="zw-ov-alert-list">
      {list.map((a) => (
        <li key={a.id} className={fresh.has(a.id) ? "zw-ov-alert zw-ov-alert-new" : "zw-ov-alert"} data-testid="zw-ov-alert" data-alert-id={a.id} data-new={fresh.has(a.id) ? "1" : "0"}>
          <StatusTag status={a.severity} />
          {fresh.has(a.id) ? <Tag color="magenta">{t("alerts.new")}</Tag> : null}
          <AppLink href={`/${a.stream}/alerts`} className="zw-ov-alert-title">
            {a.title}
          </AppLink>
          <span className="zw-ov-alert-meta">
            {t(`ui:stream.${a.stream}`)} · {a.district ? pick(lng, a.district.nameZh, a.district.nameEn) : t("alerts.city")} · {a.subjectLabel} ·{" "}
            {new Date(a.raisedAt).toLocaleString(lng, { timeZone: "Asia/Shanghai", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })}
          </span>
        </li>
      ))}
    </ul>
  );
  if (variant === "ticker") {
    return (
      <div className="zw-bs-panel zw-bs-alerts" data-testid="zw-ov-alerts">
        <div className="zw-bs-panel-title">
          {t("alerts.title")} {status}
          {fresh.size ? <span className="zw-bs-new">{t("alerts.newCount", { n: fresh.size })}</span> : null}
        </div>
        {body}
      </div>
    );
  }
  return (
    <Card
      size="small"
      data-testid="zw-ov-alerts"
      title={
        <span>
          {t("alerts.title")}
          {q.data ? <span className="zw-ov-muted"> · {t("alerts.total", { n: q.data.alerts.totalCount })}</span> : null}
          {fresh.size ? (
            <Tag color="magenta" style={{ marginInlineStart: 8 }} data-testid="zw-ov-new-count">
              {t("alerts.newCount", { n: fresh.size })}
            </Tag>
          ) : null}
        </span>
      }
      extra={status}
    >
      {body}
    </Card>
  );
}
