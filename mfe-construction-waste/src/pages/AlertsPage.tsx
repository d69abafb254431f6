import { StreamAlertsPage, useTranslation } from "@zw/ui";
import { NS, STREAM } from "../module.js";

/** The stream's alerts (core's list, filtered to this stream). Add stream-specific actions via `drawerExtra`. */
export function AlertsPage() {
  const { t } = useTranslation(NS);
  return <StreamAlertsPage stream={STREAM} subtitle={t("alerts.subtitle")} />;
}
