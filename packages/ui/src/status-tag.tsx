import { Tag } from "antd";
import { useTranslation } from "react-i18next";

const COLORS: Record<string, string> = {
  OPEN: "red",
  ACKNOWLEDGED: "orange",
  CLOSED: "green",
  INVESTIGATING: "processing",
  DECIDED: "purple",
  HIGH: "red",
  MEDIUM: "orange",
  LOW: "blue",
  ACTIVE: "green",
  INACTIVE: "default",
  PENDING: "default",
  RUNNING: "processing",
  DONE: "green",
  FAILED: "red",
};

/**
 * A status as a coloured tag, labelled from the ui namespace ("status.<STATUS>") or a module's own
 * namespace (`ns`, key "status.<STATUS>"); unknown statuses show as they are.
 */
export function StatusTag({ status, ns, color }: { status: string; ns?: string; color?: string }) {
  const { t } = useTranslation(ns ? [ns, "ui"] : "ui");
  const label = t(`status.${status}`, { defaultValue: status });
  return (
    <Tag color={color ?? COLORS[status] ?? "default"} data-status={status}>
      {label}
    </Tag>
  );
}
